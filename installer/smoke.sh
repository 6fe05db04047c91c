#!/usr/bin/env bash
# Smoke test of the built bundle: runs the bundle's OWN program with a clean
# environment (env -i: no Python on PATH, HOME and data folder in a temporary folder,
# QT_QPA_PLATFORM=offscreen) and checks every command: exit code, output file present
# and valid (.docx, .pdf, .png), no traceback on stderr. Then starts the GUI offscreen,
# checks it is still running after a few seconds and ends it with SIGTERM, which
# casusdesk answers by closing its window (exit code 0).
#
#   bash installer/smoke.sh [dist/casusdesk]
# The outputs are checked with $PYTHON (default .venv/bin/python), outside the clean env.
set -uo pipefail
cd "$(dirname "$0")/.."

BUNDLE=${1:-dist/casusdesk}
PROGRAM="$(cd "$BUNDLE" && pwd)/casusdesk"
PYTHON=${PYTHON:-.venv/bin/python}
GUI_SECONDS=${GUI_SECONDS:-6}
[ -x "$PROGRAM" ] || { echo "smoke: $PROGRAM ontbreekt; bouw eerst (installer/build.sh)" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/casusdesk-smoke.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/home" "$WORK/bin" "$WORK/out"
DATA="$WORK/data"
failures=0
now() { date +%s%N; }
since() { local t=$(( ($(now) - $1) / 100000000 )); echo "$((t / 10)).$((t % 10))"; }

clean() {  # run the bundle with nothing from this environment
  env -i HOME="$WORK/home" PATH="$WORK/bin" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
    CASUSDESK_NO_DIALOGS=1 "$PROGRAM" "$@"
}

if env -i PATH="$WORK/bin" sh -c 'command -v python3 || command -v python' >/dev/null 2>&1; then
  echo "smoke: python staat op het PATH van de schone omgeving" >&2; exit 1
fi

# check NAME EXPECTED_STDOUT_REGEX [FILE KIND] -- COMMAND...
check() {
  local name=$1 pattern=$2 file=${3:-} kind=${4:-}
  shift 4; [ "${1:-}" = "--" ] && shift
  local started=$(now) rc problems=""
  clean "$@" >"$WORK/stdout" 2>"$WORK/stderr" <"${STDIN:-/dev/null}"
  rc=$?
  local took=$(since "$started")
  [ "$rc" -eq 0 ] || problems+=" exit code $rc;"
  grep -q "Traceback" "$WORK/stderr" && problems+=" traceback on stderr;"
  grep -Eq "$pattern" "$WORK/stdout" || problems+=" stdout does not match /$pattern/;"
  if [ -n "$file" ]; then
    out=$("$PYTHON" installer/check_output.py "$kind" "$file" 2>&1) || problems+=" $out;"
  fi
  if [ -z "$problems" ]; then
    echo "smoke ok   ${took}s  $name"
  else
    echo "smoke FAIL ${took}s  $name:$problems"
    sed 's/^/    stdout: /' "$WORK/stdout" | tail -5; sed 's/^/    stderr: /' "$WORK/stderr" | tail -15
    failures=$((failures + 1))
  fi
}

check "--version" '^casusdesk [0-9]' "" "" -- --version
check "demo --data-dir" '^[0-9]+$' "$DATA/casusdesk.sqlite" sqlite -- demo --data-dir "$DATA"
session=$(clean sessions --data-dir "$DATA" 2>/dev/null | awk '$1 ~ /^[0-9]+$/ {print $1; exit}')
session=${session:-1}
check "sessions" 'Intervisiegroep' "" "" -- sessions --data-dir "$DATA"
check "export minutes" 'Verslag opgeslagen' "$WORK/out/verslag.docx" docx -- \
  export minutes "$session" -o "$WORK/out/verslag.docx" --data-dir "$DATA"
check "export cards" 'rolkaarten' "$WORK/out/kaarten.pdf" pdf -- \
  export cards "$session" -o "$WORK/out/kaarten.pdf" --data-dir "$DATA"
check "export timeline" 'Levenslijn opgeslagen' "$WORK/out/levenslijn.png" png -- \
  export timeline "$session" -o "$WORK/out/levenslijn.png" --data-dir "$DATA"
check "export agenda" 'Agenda opgeslagen' "$WORK/out/agenda.docx" docx -- \
  export agenda "$session" -o "$WORK/out/agenda.docx" --data-dir "$DATA"
check "export issues" 'opgeslagen' "$WORK/out/issues.xlsx" xlsx -- \
  export issues 1 -o "$WORK/out/issues.xlsx" --data-dir "$DATA"
check "export overview" 'Overzicht opgeslagen' "$WORK/out/overzicht.docx" docx -- \
  export overview 1 -o "$WORK/out/overzicht.docx" --data-dir "$DATA"
printf 'een lang wachtwoord voor de rooktest\n' >"$WORK/wachtwoord.txt"
check "export backup" 'opgeslagen|geschreven' "$WORK/out/groep.casusdesk" nonempty -- \
  export backup 1 -o "$WORK/out/groep.casusdesk" --passphrase-file "$WORK/wachtwoord.txt" \
  --data-dir "$DATA"
check "import" '^Ingelezen' "$WORK/data2/casusdesk.sqlite" sqlite -- \
  import "$WORK/out/groep.casusdesk" --passphrase-file "$WORK/wachtwoord.txt" \
  --data-dir "$WORK/data2"
printf 'Jan de Vries = KM_1\n' >"$WORK/namen.txt"
printf 'Jan de Vries belde op 3 juni 2021 met Piet Jansen uit Utrecht, 06-12345678.\n' >"$WORK/tekst.txt"
STDIN="$WORK/tekst.txt" check "anonymize --names" '^KM_1 belde in juni 2021 met \[PERSOON-1\].*\[TELEFOON\]' \
  "" "" -- anonymize --names "$WORK/namen.txt"
# lowercase names that are no Dutch word are weighed against English word frequencies
# (wordfreq's English list, shipped prepared): the bundle has no English list of its own
printf 'gesproken met mevrouw kwalbrink en oma wytske; de reasoning was helder.\n' >"$WORK/tekst2.txt"
STDIN="$WORK/tekst2.txt" check "anonymize, lowercase names" \
  'mevrouw \[PERSOON-1\] en oma \[PERSOON-2\]; de reasoning was helder' \
  "" "" -- anonymize --names "$WORK/namen.txt"

# The GUI: first start on the default data folder below the temporary HOME.
started=$(now)
# not through the clean() function: a backgrounded function is a subshell, and $! would
# be that shell (SIGTERM would end the shell, not casusdesk); env execs the program
env -i HOME="$WORK/home" PATH="$WORK/bin" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
  CASUSDESK_NO_DIALOGS=1 "$PROGRAM" >"$WORK/gui.out" 2>"$WORK/gui.err" &
gui=$!
# wait until the first start has made its data folder, then let it run a few seconds
for _ in $(seq 120); do
  [ -s "$WORK/home/.local/share/casusdesk/casusdesk.sqlite" ] || ! kill -0 "$gui" 2>/dev/null && break
  sleep 0.5
done
sleep "$GUI_SECONDS"
problems=""
if kill -0 "$gui" 2>/dev/null; then
  kill -TERM "$gui"
  for _ in $(seq 50); do kill -0 "$gui" 2>/dev/null || break; sleep 0.2; done
  if kill -0 "$gui" 2>/dev/null; then
    problems+=" did not stop within 10 s after SIGTERM;"; kill -KILL "$gui"
  fi
  wait "$gui"; rc=$?
  [ "$rc" -eq 0 ] || problems+=" exit code $rc after SIGTERM;"
else
  wait "$gui"; problems+=" stopped by itself with exit code $? within ${GUI_SECONDS} s;"
fi
grep -q "Traceback" "$WORK/gui.err" && problems+=" traceback on stderr;"
[ -s "$WORK/home/.local/share/casusdesk/casusdesk.sqlite" ] || problems+=" no data folder in HOME;"
took=$(since "$started")
if [ -z "$problems" ]; then
  echo "smoke ok   ${took}s  GUI offscreen ${GUI_SECONDS} s, ended by SIGTERM"
else
  echo "smoke FAIL ${took}s  GUI:$problems"; sed 's/^/    stderr: /' "$WORK/gui.err" | tail -15
  failures=$((failures + 1))
fi

if [ "$failures" -ne 0 ]; then
  echo "smoke: $failures check(s) failed" >&2
  exit 1
fi
echo "smoke: all checks passed ($PROGRAM)"

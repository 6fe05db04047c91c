#!/usr/bin/env bash
# Build the one-folder bundle dist/casusdesk/ with PyInstaller and print its size and
# the time the build took. Uses the project's .venv (made by the README's lines);
# installs PyInstaller there when it is missing.
#
#   bash installer/build.sh            # PYTHON=/path/to/python to use another one
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-.venv/bin/python}
PYINSTALLER_SPEC=${PYINSTALLER_SPEC:-"pyinstaller>=6.10,<7"}
if [ ! -x "$PYTHON" ]; then
  echo "build.sh: $PYTHON ontbreekt; maak eerst de .venv (zie README.md)" >&2
  exit 1
fi

started=$(date +%s)
if ! "$PYTHON" -c "import PyInstaller" 2>/dev/null; then
  echo "+ $PYTHON -m pip install \"$PYINSTALLER_SPEC\""
  "$PYTHON" -m pip install -q -c constraints.txt "$PYINSTALLER_SPEC"
fi
"$PYTHON" -m PyInstaller --version | sed 's/^/pyinstaller /'
"$PYTHON" -m PyInstaller installer/casusdesk.spec --noconfirm --log-level WARN \
  --distpath dist --workpath build/casusdesk
elapsed=$(( $(date +%s) - started ))

bundle=dist/casusdesk
if [ ! -x "$bundle/casusdesk" ] && [ ! -f "$bundle/casusdesk.exe" ]; then
  echo "build.sh: geen programma in $bundle" >&2
  exit 1
fi
size_mb=$(du -sm "$bundle" | cut -f1)
files=$(find "$bundle" -type f | wc -l)
printf 'bundle: %s, %s MB in %s files, built in %dm%02ds\n' \
  "$bundle" "$size_mb" "$files" $((elapsed / 60)) $((elapsed % 60))

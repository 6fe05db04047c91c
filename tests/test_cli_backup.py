"""`casusdesk export backup` and `casusdesk import` (issue 12): the passphrase comes from
a file or the environment, never from the command line; a second import is refused
unless --copy; a wrong passphrase reads nothing in."""

from __future__ import annotations

import os
import subprocess
import sys

from casusdesk.app import open_context

PASS = "een lang genoeg wachtwoord"


def run_cli(*args: str, env: dict | None = None, stdin: str = "") -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k != "CASUSDESK_PASSPHRASE"}
    return subprocess.run([sys.executable, "-m", "casusdesk", *args], capture_output=True,
                          text=True, env={**clean, **(env or {})}, timeout=120, input=stdin)


def test_export_and_import_a_group_between_two_folders(tmp_path):
    source, target = tmp_path / "bron", tmp_path / "doel"
    assert run_cli("demo", "--data-dir", str(source)).returncode == 0
    secret = tmp_path / "wachtwoord.txt"
    secret.write_text(PASS + "\n", encoding="utf-8")
    out = tmp_path / "groep.casusdesk"
    made = run_cli("export", "backup", "Intervisiegroep Werk en Zorg", "-o", str(out),
                   "--passphrase-file", str(secret), "--data-dir", str(source))
    assert made.returncode == 0, made.stderr
    ctx = open_context(source, create=False)
    [group] = ctx.store.list_groups()
    sessions = ctx.store.list_sessions(group.id)
    ctx.close()
    assert f"8 deelnemer(s), {len(sessions)} bijeenkomst(en)" in made.stdout
    env = {"CASUSDESK_PASSPHRASE": PASS}
    wrong = run_cli("import", str(out), "--data-dir", str(target),
                    env={"CASUSDESK_PASSPHRASE": "niet het goede"})
    assert wrong.returncode == 1 and "wachtwoord klopt niet" in wrong.stderr
    assert not (target / "casusdesk.sqlite").exists()
    first = run_cli("import", str(out), "--data-dir", str(target), env=env)
    assert first.returncode == 0, first.stderr
    assert "als 'Intervisiegroep Werk en Zorg'" in first.stdout
    twice = run_cli("import", str(out), "--data-dir", str(target), env=env)
    assert twice.returncode == 1 and "staat al" in twice.stderr and "--copy" in twice.stderr
    copy = run_cli("import", str(out), "--copy", "--data-dir", str(target), env=env)
    assert copy.returncode == 0 and "(kopie)" in copy.stdout
    ctx = open_context(target, create=False)
    names = sorted(g.name for g in ctx.store.list_groups())
    assert names == ["Intervisiegroep Werk en Zorg", "Intervisiegroep Werk en Zorg (kopie)"]
    imported = ctx.store.list_sessions(ctx.store.list_groups()[0].id)
    assert len(imported) == len(sessions)
    assert {s.case.client_real_name for s in imported} == {
        s.case.client_real_name for s in sessions}
    ctx.close()


def test_the_passphrase_is_never_taken_from_the_command_line(tmp_path):
    assert run_cli("demo", "--data-dir", str(tmp_path)).returncode == 0
    out = tmp_path / "g.casusdesk"
    argv = run_cli("export", "backup", "1", "-o", str(out), "--passphrase", PASS,
                   "--data-dir", str(tmp_path))
    assert argv.returncode == 2 and "onbekende argumenten" in argv.stderr
    no_tty = run_cli("export", "backup", "1", "-o", str(out), "--data-dir", str(tmp_path))
    assert no_tty.returncode == 1 and "--passphrase-file of CASUSDESK_PASSPHRASE" in no_tty.stderr
    short = run_cli("export", "backup", "1", "-o", str(out), "--data-dir", str(tmp_path),
                    env={"CASUSDESK_PASSPHRASE": "kort"})
    assert short.returncode == 1 and "minstens 8" in short.stderr
    unknown = run_cli("export", "backup", "Bestaat Niet", "-o", str(out),
                      "--data-dir", str(tmp_path), env={"CASUSDESK_PASSPHRASE": PASS})
    assert unknown.returncode == 1 and "bestaat niet" in unknown.stderr
    assert not out.exists()

"""--data-dir before the subcommand counts as much as after it."""

from __future__ import annotations

import subprocess
import sys


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "casusdesk", *args], capture_output=True,
                          text=True, check=False)


def test_data_dir_before_or_after_the_subcommand(tmp_path) -> None:
    data = tmp_path / "gegevens"
    made = _cli("--data-dir", str(data), "demo")
    assert made.returncode == 0, made.stderr
    session_id = made.stdout.strip().splitlines()[-1]
    before = _cli("--data-dir", str(data), "sessions")
    after = _cli("sessions", "--data-dir", str(data))
    assert before.returncode == after.returncode == 0, before.stderr + after.stderr
    assert before.stdout == after.stdout and "Intervisiegroep" in before.stdout
    assert f"{session_id:>5}" in before.stdout or session_id in before.stdout
    # given twice, the one after the subcommand wins
    other = _cli("--data-dir", str(tmp_path / "leeg"), "sessions", "--data-dir", str(data))
    assert other.returncode == 0 and other.stdout == before.stdout
    # nothing was made in the folder that was overruled
    assert not (tmp_path / "leeg").exists()

"""The one atomic writer: what a killed write leaves behind is cleaned on the next one."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from casusdesk.services.files import clean_stale_temporaries, write_atomic

KILLED_WRITE = """
import os, signal, sys
from casusdesk.services import files
os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGKILL)  # killed mid-write
files.write_atomic(sys.argv[1], b"half" * 1000, what="het verslag")
"""


def age(path, seconds=3600):
    then = time.time() - seconds
    os.utime(path, (then, then), follow_symlinks=False)


def test_a_killed_write_leaves_a_temporary_that_the_next_write_removes(tmp_path):
    target = tmp_path / "verslag.docx"
    killed = subprocess.run([sys.executable, "-c", KILLED_WRITE, str(target)], timeout=60)
    assert killed.returncode == -9
    [left] = [p for p in tmp_path.iterdir()]
    assert left.name.startswith(".casusdesk-") and left.name.endswith(".tmp")
    assert not target.exists()

    write_atomic(tmp_path / "ander.pdf", b"%PDF-1.4", what="de rolkaarten")
    assert left.exists()  # seconds old: it may belong to a write still in progress
    age(left)
    write_atomic(tmp_path / "ander.pdf", b"%PDF-1.4", what="de rolkaarten")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ander.pdf"]


def test_only_old_temporaries_with_the_writers_own_names_go(tmp_path):
    keep = {
        ".casusdesk-notes.tmp": "eigen bestand met een gelijkende naam",
        ".casusdesk-abcdefgh.tmp.bak": "andere naam",
        "casusdesk-abcdefgh.tmp": "niet verborgen",
        ".casusdesk-ABCDEFGH.tmp": "hoofdletters maakt tempfile niet",
        "verslag.docx": "gewoon bestand",
    }
    for name, text in keep.items():
        (tmp_path / name).write_text(text)
        age(tmp_path / name)
    stale = tmp_path / ".casusdesk-a1b2_c3d.tmp"
    stale.write_text("over van een afgebroken export")
    age(stale)
    fresh = tmp_path / ".casusdesk-q9w8e7r6.tmp"
    fresh.write_text("wordt nu geschreven")
    folder = tmp_path / ".casusdesk-folder00.tmp"
    folder.mkdir()
    age(folder)
    elsewhere = tmp_path / "elders"
    elsewhere.write_text("het doel van een link")
    link = tmp_path / ".casusdesk-link0000.tmp"
    link.symlink_to(elsewhere)
    age(link)

    removed = clean_stale_temporaries(tmp_path)

    assert removed == [stale]
    assert not stale.exists()
    for name, text in keep.items():
        assert (tmp_path / name).read_text() == text
    assert fresh.exists() and folder.is_dir() and link.is_symlink()
    assert elsewhere.read_text() == "het doel van een link"


def test_a_missing_folder_is_no_error(tmp_path):
    assert clean_stale_temporaries(tmp_path / "weg") == []

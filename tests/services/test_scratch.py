"""Temporary folders of mail drafts, printing and --demo go when the program ends."""

from __future__ import annotations

from casusdesk.services import scratch


def test_folders_are_removed_with_what_is_in_them():
    one = scratch.folder("casusdesk-mail-")
    (one / "verslag.docx").write_bytes(b"PK\x03\x04")
    two = scratch.folder("casusdesk-")
    assert one.is_dir() and two.is_dir() and one != two
    scratch.remove_all()
    assert not one.exists() and not two.exists()
    scratch.remove_all()  # twice is harmless


def test_the_demo_folder_goes_when_the_program_ends(monkeypatch):
    import casusdesk.ui.main_window as main_window
    from casusdesk import cli

    started = []
    monkeypatch.setattr(main_window, "run", lambda ctx, argv=None: started.append(ctx) or 0)
    assert cli.main(["--demo"]) == 0
    folder = started[-1].data_dir
    assert folder.name.startswith("casusdesk-demo-") and started[-1].store.list_groups()
    started[-1].store.engine.dispose()
    scratch.remove_all()  # what run() does after the window closed
    assert not folder.exists()

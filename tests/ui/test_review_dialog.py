"""Reviewing the anonymization, exporting and preparing a mail, through the dialog."""

from __future__ import annotations

import email
import re
import zipfile
from email import policy

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from casusdesk.app import open_context
from casusdesk.services.demo import create_demo
from casusdesk.ui.review_dialog import ReviewDialog

pytestmark = pytest.mark.slow  # loads deduce (built once per machine)


@pytest.fixture
def dialog(qtbot, tmp_path):
    ctx = open_context(tmp_path / "data")
    session = create_demo(ctx.store, ctx.roster)
    saved = tmp_path / "verslag.docx"
    opened = []
    dlg = ReviewDialog(ctx.store, session.id, ctx.methods,
                       ask_path=lambda *a: str(saved), open_url=lambda url: opened.append(url) or True)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: dlg.generation == 1, timeout=300_000)
    dlg.saved, dlg.opened, dlg.ctx = saved, opened, ctx
    return dlg


def rows(dlg):
    return [dlg.detections.item(i) for i in range(dlg.detections.count())]


def wait_refresh(qtbot, dlg, generation):
    qtbot.waitUntil(lambda: dlg.generation > generation and not dlg._job.isRunning(),
                    timeout=120_000)


def test_every_detection_is_listed_and_known_names_cannot_be_kept(qtbot, dialog):
    assert int(dialog.count.text().split()[0]) > 10
    shown = dialog.text.toPlainText()
    assert "Sander Wijnstra" in shown  # the original text, with the names highlighted
    labels = [r.text() for r in rows(dialog)]
    assert any(label.startswith("Jan de Vries") and "KM_1" in label for label in labels)
    known = next(r for r in rows(dialog) if r.text().startswith("Jan de Vries"))
    assert not known.flags() & Qt.ItemFlag.ItemIsEnabled


def test_unmark_and_mark_are_kept_and_honoured_by_the_export(qtbot, dialog):
    place = next(r for r in rows(dialog) if "(plaats" in r.text() and "→" in r.text())
    place_text = place.data(Qt.ItemDataRole.UserRole)[0]
    generation = dialog.generation
    place.setCheckState(Qt.CheckState.Unchecked)
    wait_refresh(qtbot, dialog, generation)
    assert dialog.ctx.store.get_document(dialog.session_id, "review")["unmarked"]

    # mark a missed word by selecting it in the text
    document = dialog.text.document()
    cursor = document.find("dakdekker")
    assert not cursor.isNull()
    dialog.text.setTextCursor(cursor)
    generation = dialog.generation
    qtbot.mouseClick(dialog.mark_button, Qt.MouseButton.LeftButton)
    wait_refresh(qtbot, dialog, generation)
    assert any(r.text().startswith("dakdekker") for r in rows(dialog))

    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Opgeslagen" in dialog.status.text(), timeout=120_000)
    with zipfile.ZipFile(dialog.saved) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    assert not re.search(r"\bdakdekker\b", xml)  # ("dakdekkersbedrijf" is another word)
    assert place_text in xml  # the facilitator chose to keep it
    for name in ("Jan de Vries", "Wijnstra", "Femke"):
        assert name not in xml


def test_mail_prepares_an_unsent_draft_with_the_document(qtbot, dialog):
    qtbot.mouseClick(dialog.mail_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.last_mail is not None, timeout=120_000)
    message = email.message_from_bytes(dialog.last_mail.read_bytes(), policy=policy.default)
    assert message["X-Unsent"] == "1"
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename().endswith(".docx")
    assert dialog.opened and dialog.opened[0].toLocalFile() == str(dialog.last_mail)


def test_nothing_selected_gives_a_message(qtbot, dialog):
    dialog.text.moveCursor(QTextCursor.MoveOperation.Start)
    dialog.mark_selection()
    assert "Selecteer eerst" in dialog.error.text()


def test_counts_per_kind_and_one_decision_for_a_whole_kind(qtbot, dialog):
    summary = dialog.summary.text()
    assert summary.startswith("Per soort:") and "persoon" in summary and "plaats" in summary
    index = dialog.kind_box.findData("plaats")
    assert index >= 0
    dialog.kind_box.setCurrentIndex(index)
    places = {r.data(Qt.ItemDataRole.UserRole)[0] for r in rows(dialog)
              if r.data(Qt.ItemDataRole.UserRole)[1] == "plaats"
              and r.checkState() == Qt.CheckState.Checked}
    assert len(places) >= 2
    generation = dialog.generation
    qtbot.mouseClick(dialog.keep_kind_button, Qt.MouseButton.LeftButton)
    wait_refresh(qtbot, dialog, generation)
    saved = dialog.ctx.store.get_document(dialog.session_id, "review")["unmarked"]
    assert places <= {u["text"] for u in saved if u["kind"] == "plaats"}
    assert not any("(plaats" in r.text() and "→" in r.text() for r in rows(dialog))

    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("plaats"))
    generation = dialog.generation
    qtbot.mouseClick(dialog.replace_kind_button, Qt.MouseButton.LeftButton)
    wait_refresh(qtbot, dialog, generation)
    saved = dialog.ctx.store.get_document(dialog.session_id, "review")["unmarked"]
    assert not [u for u in saved if u["kind"] == "plaats"]


def test_the_whole_session_is_reviewed_and_hidden_characters_are_reported(qtbot, tmp_path):
    from casusdesk.domain.model import Capture

    ctx = open_context(tmp_path / "data")
    session = create_demo(ctx.store, ctx.roster)
    code = ctx.store.list_participants(session.group_id)[0].code
    ctx.store.add_capture(Capture(session_id=session.id, kind="golden_circle", data={
        "code": code, "why": "", "how": "", "what": "",
        "message": "Groet aan Pittelo\x0bvan de wijk Pittelo"}, phase_index=1))
    dlg = ReviewDialog(ctx.store, session.id, ctx.methods, ask_path=lambda *a: "",
                       open_url=lambda url: True)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: dlg.generation == 1, timeout=300_000)
    assert "onzichtbare tekens" in dlg.hidden_notice.text()
    assert "Dit wil ik je meegeven" in dlg.text.toPlainText()
    assert any(r.text().startswith("Pittelo") and "(plaats, 2×)" in r.text() for r in rows(dlg))

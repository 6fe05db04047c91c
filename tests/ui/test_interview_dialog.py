from PySide6.QtCore import QPoint, Qt

from casusdesk.app import open_context
from casusdesk.domain.interview import CHECKS
from casusdesk.services.demo import create_demo
from casusdesk.ui.interview_dialog import InterviewDialog


def test_preparing_the_interview_is_stored_and_checked(qtbot, tmp_path):
    ctx = open_context(tmp_path)
    session = create_demo(ctx.store, ctx.roster)
    dialog = InterviewDialog(ctx.store, session.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.grab().save(str(tmp_path / "interview.png"))
    # the persona comes from the case's target group
    assert "startkwalificatie" in dialog.persona.toPlainText()
    assert "Kies het duo" in dialog.status.text()
    dialog.work_box.setCurrentIndex(dialog.work_box.findData("KM_1"))
    dialog.care_box.setCurrentIndex(dialog.care_box.findData("SW_1"))
    # only people of the right domain can be chosen
    assert dialog.work_box.findData("SW_1") == -1
    def tick(box):  # click on the box itself, left in the row
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))

    for box in dialog.check_boxes.values():
        tick(box)
    assert "Alles is geregeld" in dialog.status.text()
    tick(dialog.check_boxes["no_fraud_investigation"])
    assert "fraudeonderzoek" in dialog.status.text()
    edit = next(iter(dialog.reflection.values()))
    edit.setFocus()
    qtbot.keyClicks(edit, "Vooral over werk")
    dialog.close()

    again = InterviewDialog(ctx.store, session.id)
    qtbot.addWidget(again)
    assert again.work_box.currentData() == "KM_1" and again.care_box.currentData() == "SW_1"
    ticked = {k for k, b in again.check_boxes.items() if b.isChecked()}
    assert ticked == set(CHECKS) - {"no_fraud_investigation"}
    assert next(iter(again.reflection.values())).toPlainText() == "Vooral over werk"

"""Removing a participant asks what goes with it; undo gives all of it back (issue 14 item 3)."""

from __future__ import annotations

from casusdesk.domain.model import Group
from casusdesk.services.demo import create_demo
from casusdesk.services.live import LiveSession


def setup(window):
    store = window.ctx.store
    first = create_demo(store, window.ctx.roster)
    second = create_demo(store, window.ctx.roster)
    bringer_id = second.case.case_bringer_id
    assert bringer_id is not None
    bringer = store.get_participant(bringer_id)
    live = LiveSession(store, second.id, window.ctx.methods, window.ctx.clock)
    live.capture("agreement", action="Budgetcoach inschakelen", owner=bringer.code, due="",
                 done=False)
    window.reload_groups()
    return first, second, bringer


def select(window, participant):
    page = window.group_page
    row = window.participants.row_of(participant.id)
    page.table.setCurrentIndex(window.participants.index(row, 0))


def test_removal_asks_with_what_goes_and_undo_restores_it_after_switching_groups(
        qtbot, make_window):
    window = make_window()
    first, second, bringer = setup(window)
    store = window.ctx.store
    attended = [s.id for s in store.list_sessions(bringer.group_id)
                if bringer.id in s.attendance]
    assert attended
    select(window, bringer)
    window.group_page.remove_selected_participant()
    title, text = window.questions[-1]
    assert title == "Deelnemer verwijderen" and bringer.code in text
    n = len(attended)
    assert f"aanwezig bij {n} bijeenkomst{'en' if n != 1 else ''}" in text
    assert "casusinbrenger van" in text and second.case.title in text
    owned = sum(1 for s in store.list_sessions(bringer.group_id)
                for c in store.list_captures(s.id, "agreement")
                if c.data.get("owner") == bringer.code)
    assert owned >= 1
    assert (f"{owned} afspraken staan op {bringer.code}" if owned > 1
            else f"1 afspraak staat op {bringer.code}") in text
    assert store.get_session(second.id).case.case_bringer_id is None
    assert all(bringer.id not in store.get_session(sid).attendance for sid in attended)

    # to another group and back through the undo history
    other = store.save_group(Group(name="Andere groep"))
    window.reload_groups(select_id=other.id)
    assert window.group_page.group.id == other.id
    assert window.undo.canUndo()
    window.undo.undo()
    assert window.group_page.group.id == bringer.group_id  # undo shows where it acts
    back = store.get_participant(bringer.id)
    assert back.code == bringer.code
    assert store.get_session(second.id).case.case_bringer_id == bringer.id
    assert all(bringer.id in store.get_session(sid).attendance for sid in attended)
    [agreement] = [c for c in store.list_captures(second.id, "agreement")
                   if c.data["action"] == "Budgetcoach inschakelen"]
    assert agreement.data["owner"] == bringer.code
    window.open_session(second.id)
    page = window.session_page
    assert page.bringer_box.currentData() == bringer.id

    window.undo.redo()  # and once more away, as the question said
    assert store.get_session(second.id).case.case_bringer_id is None


def test_saying_no_removes_nobody(qtbot, make_window):
    window = make_window(confirm=False)
    first, second, bringer = setup(window)
    select(window, bringer)
    window.group_page.remove_selected_participant()
    assert window.questions[-1][0] == "Deelnemer verwijderen"
    assert window.ctx.store.get_participant(bringer.id).code == bringer.code
    assert not window.undo.canUndo()


def test_an_edit_undone_after_switching_groups_changes_its_own_group(qtbot, make_window):
    from tests.ui.test_main_window import edit_cell

    window = make_window()
    window.new_group()
    window.group_page.add_participant()
    gid = window.group_page.group.id
    edit_cell(window, 0, "organisation", "Welzijn Oost")
    window.new_group()
    assert window.group_page.group.id != gid
    window.undo.undo()
    assert window.group_page.group.id == gid
    [p] = window.ctx.store.list_participants(gid)
    assert p.organisation == ""

"""'Dit wil ik je meegeven' on the back of a role card: one holder's entry, picked by the
facilitator when two share a function, anonymized through the privacy boundary."""

from __future__ import annotations

import datetime as dt
import io
import re

from pypdf import PdfReader

from casusdesk.domain.model import Capture, Case, Group, Session
from casusdesk.services import rolwisseling
from casusdesk.services.catalog import functions
from casusdesk.services.role_catalog import roles
from casusdesk.services.roster import Roster
from casusdesk.storage.db import memory_engine
from casusdesk.storage.repositories import Store

KM1_MESSAGE = "Vraag eerst naar zijn droom, zoals Femke Bosma dat bij Sander Wijnstra deed."
KM2_MESSAGE = "Kijk naar de afspraken die al gemaakt zijn en hou ze vast."


def setup():
    store = Store(memory_engine())
    roster = Roster(store, functions())
    group = store.save_group(Group(name="Groep Noord"))
    roster.add(group.id, function="Klantmanager Werk", name="Jan de Vries")
    roster.add(group.id, function="Klantmanager Werk", name="Femke Bosma")
    roster.add(group.id, function="Sociaal werker", name="Mohamed El Amrani")
    people = store.list_participants(group.id)
    session = store.save_session(Session(
        group_id=group.id, date=dt.date(2026, 3, 12), method_id="golden_circle",
        attendance=[p.id for p in people],
        case=Case(title="Terug in de bijstand", client_pseudonym="Sjoerd",
                  client_real_name="Sander Wijnstra")))
    codes = {p.name: p.code for p in people}
    for name, message in (("Jan de Vries", KM1_MESSAGE), ("Femke Bosma", KM2_MESSAGE)):
        store.add_capture(Capture(session.id, "golden_circle", data={
            "code": codes[name], "why": "Werk geeft houvast.", "how": "Kort op de bal.",
            "what": "Een werkervaringsplek.", "message": message}))
    return store, roster, session.id, codes


def back_text(store, roster, sid) -> str:
    out = io.BytesIO()
    rolwisseling.export_cards(store, roster, sid, out, roles())
    reader = PdfReader(io.BytesIO(out.getvalue()))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_the_player_of_a_shared_function_gets_the_first_back_by_default():
    store, roster, sid, codes = setup()
    chosen = rolwisseling.assignment(store, roster, sid, roles())
    assert chosen[codes["Mohamed El Amrani"]] == "klantmanager_werk"
    writers = rolwisseling.back_writers(store, roster, sid)
    assert [e["author"] for e in writers["klantmanager_werk"]] == ["KM_1", "KM_2"]
    text = back_text(store, roster, sid)
    assert "Dit wil ik je meegeven" in text
    assert "Vraag eerst naar zijn droom, zoals KM_2 dat bij Sjoerd deed." in text
    for planted in ("Femke", "Bosma", "Sander", "Wijnstra", "Jan de Vries", "Mohamed"):
        assert planted not in text
    assert "hou ze vast" not in text  # never a mix of the two


def test_the_facilitator_picks_the_other_holders_back():
    store, roster, sid, _codes = setup()
    rolwisseling.assignment(store, roster, sid, roles())
    rolwisseling.choose_back(store, sid, "klantmanager_werk", "KM_2")
    text = back_text(store, roster, sid)
    assert "Kijk naar de afspraken die al gemaakt zijn en hou ze vast." in text
    assert "droom" not in text
    assert re.search(r"Code:?\s*KM_2|KM_2", text)
    # the pick is kept with the role assignment, which stays as it was
    doc = store.get_document(sid, "roles")
    assert doc["backs"] == {"klantmanager_werk": "KM_2"} and doc["assignment"]

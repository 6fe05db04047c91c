"""Four past sessions of the demo group, each with another method and analysed issue
moments, so the overview shows a trend on a first start (issue 10).

The moments follow the report's themes and frames (Roermond, L2426-2550): privacy and
sharing, responsibility, room of the citizen, conflicting mandates. Bridging grows over
the series, as a group that learns would show.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from casusdesk.domain.analysis import IssueAnalysis, Narrative, SessionAnalysis
from casusdesk.domain.model import Capture, Case, ProblemLevel, Session
from casusdesk.services import analysis as service
from casusdesk.storage.repositories import Store

_PRIVACY = "Integraliteit en persoonsgegevens (privacy, gegevens delen)"
_RESPONSIBILITY = "Verantwoordelijkheid: eigen, gedeeld of van een ander"
_ROOM = "Ruimte van de burger en ruimte van de professional"
_MANDATES = "Tegenstrijdige opdrachten en aansturing"
_CONTROL = "Effectiviteit en controle van de professionele inzet"

#: (weeks before the first demo session, method id, case title, pseudonym, moments,
#: uncontested topics); a moment is (minute, phase, first name a, first name b, theme,
#: description, outcome, analysis dict)
_SERIES: tuple[tuple[int, str, str, str, tuple, tuple[str, ...]], ...] = (
    (16, "golden_circle", "Moeder met schulden wil geen hulp meer", "Anja", (
        (38, 2, "Femke", "Mohamed", _PRIVACY,
         "Moet de sociaal werker melden dat er inkomsten uit oppassen zijn?", "pseudoakkoord",
         dict(question="Wat mag ik delen zonder het vertrouwen te schaden?",
              narratives=[("KMI_1", "Wie inkomsten verzwijgt, pleegt fraude.",
                           "Zonder melding keer ik onrechtmatig uit.", "", "Regels gelden voor "
                           "iedereen.", "Melden en verrekenen."),
                          ("SW_1", "Ik heb haar vertrouwen net terug.", "Melden kost de "
                           "relatie.", "Het systeem straft wie iets bijverdient.",
                           "Beroepsgeheim gaat voor.", "Eerst samen met haar kijken.")],
              frames=["Handhavingsframe (rechtmatigheid, fraude)",
                      "Behoefteframe (ondersteuning op maat)"],
              bridged="nee", controversy="pseudoakkoord",
              influences={"methode": "De Golden Circle bleef bij het eigen waarom; "
                                     "niemand vroeg door."})),
        (61, 3, "Jan", "Sandra", _RESPONSIBILITY,
         "Wie belt de woningcorporatie: werk, Wmo of zij zelf?", "geparkeerd",
         dict(question="Van wie is het probleem van de huurachterstand?",
              bridged="", influences={"casuistiek": "Te veel problemen tegelijk in één casus."})),
    ), ("hetzelfde doel: een stabiel inkomen",)),
    (12, "roddelmethode", "Vader na detentie zoekt werk", "Ronald", (
        (47, 4, "Jan", "Pieter", _ROOM,
         "Werk als medicijn of eerst behandeling?", "geparkeerd",
         dict(question="Helpt werk hem, of moet de behandeling eerst klaar zijn?",
              narratives=[("KM_1", "Hij moet ritme krijgen.", "Thuiszitten maakt het erger.",
                           "", "Werk is goed voor iedereen.", "Werkervaringsplek."),
                          ("GGZ_1", "Hij is nog niet stabiel.", "", "De detentie heeft veel "
                           "gedaan.", "", "Eerst de behandeling afmaken.")],
              frames=["Marktframe (doelmatigheid, uitstroom)", "Cliënt als slachtoffer"],
              bridged="nee", controversy="oneens",
              how="GGZ_1 zei hardop het er niet mee eens te zijn; de groep ging toch verder.",
              influences={"gespreksleiding": "Het verschil werd niet vastgehouden."})),
        (70, 5, "Femke", "Ingrid", _PRIVACY,
         "Mag MEE de reclassering bellen zonder toestemming?", "overbrugd",
         dict(question="Wanneer delen we gegevens, en met wie?", bridged="deels",
              reframing="extensie", controversy="frame_reflectief",
              how="Samen een toestemmingsformulier opgesteld.",
              frames=["Handhavingsframe (rechtmatigheid, fraude)"])),
    ), ("de rol van de reclassering, die niet aan tafel zat",)),
    (8, "viervenster", "Jongere die alle afspraken mist", "Kevin", (
        (33, 1, "Femke", "Sandra", _MANDATES,
         "Snel uit de uitkering of duurzaam aan het werk?", "overbrugd",
         dict(question="Wat telt: snelle uitstroom of een baan die blijft?",
              narratives=[("KMI_1", "De teller moet omlaag.", "", "Het beleid stuurt op "
                           "uitstroom.", "", ""),
                          ("WMO_1", "Hij valt steeds terug.", "Te snel plaatsen werkt niet.",
                           "", "", "Eerst de basis op orde.")],
              frames=["Marktframe (doelmatigheid, uitstroom)",
                      "Institutioneel actieframe werk en inkomen"],
              bridged="ja", reframing="overbrugging", controversy="frame_reflectief",
              how="Beide zagen dat terugval het duurst is: duurzame uitstroom werd het "
                  "gedeelde doel.",
              influences={"methode": "Eerst feiten en weegcriteria scheidde mening van feit.",
                          "beleidscontext": "Nieuwe afspraken over duurzame uitstroom."})),
        (58, 2, "Jan", "Mohamed", _PRIVACY,
         "Wat vertelt de sociaal werker over het blowen?", "overbrugd",
         dict(bridged="deels", reframing="amplificatie", frames=[
             "Betrekkingsframe coöperatief"])),
    ), ("wat een gemiste afspraak zegt over de motivatie",)),
    (4, "basismodel_intervisie", "Oudere werkzoekende met mantelzorg", "Ria", (
        (29, 2, "Femke", "Anouk", _CONTROL,
         "Hoe lang mag een traject duren?", "overbrugd",
         dict(question="Wanneer stoppen we met investeren?", bridged="ja",
              reframing="transformatie", controversy="frame_reflectief",
              how="Een nieuw doel: mantelzorg telt mee als maatschappelijke bijdrage.",
              frames=["Sociale-controleframe (rechten en plichten)", "Gemeenschapsframe"],
              influences={"selectie": "Schuldhulp en inkomen zaten samen aan tafel."})),
        (52, 3, "Jan", "Pieter", _PRIVACY,
         "Deelt de GGZ de diagnose met werk?", "overbrugd",
         dict(bridged="ja", reframing="extensie", controversy="frame_reflectief",
              how="Alleen wat nodig is voor passend werk, met haar erbij.")),
    ), ("hetzelfde doel: een stabiel inkomen", "de invloed van de politiek via de "
        "leidinggevende")),
)


def _codes_by_first_name(store: Store, group_id: int) -> dict[str, str]:
    return {p.name.split()[0]: p.code for p in store.list_participants(group_id) if p.name}


def _analysis(data: dict[str, Any]) -> IssueAnalysis:
    narratives = [Narrative(*n) for n in data.get("narratives", ())]
    return IssueAnalysis(
        question=data.get("question", ""), narratives=narratives,
        frames=list(data.get("frames", ())), bridged=data.get("bridged", ""),
        how=data.get("how", ""), reframing=data.get("reframing", ""),
        controversy=data.get("controversy", ""), influences=dict(data.get("influences", {})))


def add_demo_series(store: Store, group_id: int, first_date: dt.date) -> list[Session]:
    """Add the four past sessions before ``first_date``; nothing when the group has a
    session before that date already (run once). Returns the sessions added."""
    sessions = store.list_sessions(group_id)
    if any(s.date < first_date for s in sessions):
        return []
    code = _codes_by_first_name(store, group_id)
    participants = store.list_participants(group_id)
    added = []
    for weeks, method_id, title, pseudonym, moments, uncontested in _SERIES:
        session = store.save_session(Session(
            group_id=group_id, date=first_date - dt.timedelta(weeks=weeks),
            place="Gemeentehuis, zaal De Tjonger", method_id=method_id,
            attendance=[p.id for p in participants],
            case=Case(title=title, client_pseudonym=pseudonym,
                      problem_level=ProblemLevel.ONDERLIGGEND, whose_problem="de cliënt")))
        assert session.id is not None
        for minute, phase, a, b, theme, description, outcome, analysis in moments:
            capture = store.add_capture(Capture(
                session_id=session.id, kind="issue_moment", phase_index=phase,
                session_seconds=float(minute * 60),
                data={"codes": [code[a], code[b]], "description": description,
                      "moment": "botsing", "theme": theme, "frames": [], "tags": [],
                      "quote": "", "outcome": outcome}))
            service.save_analysis(store, capture, _analysis(analysis))
        service.save_session_analysis(store, session.id, SessionAnalysis(list(uncontested)))
        added.append(session)
    return added


def extend_new_demo(store: Store, session: Session) -> list[Session]:
    """After :func:`~casusdesk.services.demo.create_demo` made a new demo group (its
    first, held session), add the past series; later demo sessions add nothing."""
    if len(store.list_sessions(session.group_id)) != 1:
        return []
    return add_demo_series(store, session.group_id, session.date)

"""Demo data that looks real: a mixed group of eight and a prepared case.

The case text deliberately contains names, places and dates, so the
anonymization of the minutes has real work to do.
"""

from __future__ import annotations

import datetime as dt

from casusdesk.domain.model import Case, Group, ProblemLevel, Session
from casusdesk.services.roster import Roster
from casusdesk.storage.repositories import Store

DEMO_GROUP_NAME = "Werkplaats Heerenveen-Zuid"

DEMO_PARTICIPANTS = (
    # name, function, organisation
    ("Jan de Vries", "Klantmanager Werk", "Gemeente, team Werk"),
    ("Femke Bosma", "Klantmanager Inkomen", "Gemeente, team Inkomen"),
    ("Sandra Kuipers", "Wmo-consulent", "Gemeente, gebiedsteam Zuid"),
    ("Mohamed El Amrani", "Sociaal werker", "Welzijnsorganisatie De Kern"),
    ("Ingrid Veenstra", "Cliëntondersteuner MEE", "MEE Friesland"),
    ("Pieter Hoekstra", "Wijkcoach GGZ", "GGZ Friesland"),
    ("Anouk van der Meer", "Schuldhulpverlener", "Gemeente, schuldhulpverlening"),
    ("Rutger Dijkstra", "Participatiecoach", "Werkbedrijf"),
)

DEMO_CASE = Case(
    title="Jonge man komt steeds terug in de bijstand",
    coaching_question=(
        "Hoe krijgen we samen zicht op wat Sjoerd werkelijk tegenhoudt, zodat het volgende "
        "traject niet weer na drie maanden stopt?"
    ),
    problem_level=ProblemLevel.ONDERLIGGEND,
    whose_problem="de cliënt",
    target_group="Jongeren tot 27 jaar zonder startkwalificatie",
    client_pseudonym="Sjoerd",
    client_real_name="Sjoerd Wijnstra",
    client_aliases=["Sjoerdje", "Wijnstra"],
    missing_facts=(
        "Is er ooit een IQ-onderzoek gedaan? Wat houdt het reclasseringstoezicht in? "
        "Wie beheert nu zijn post?"
    ),
    description=(
        "Sjoerd Wijnstra (24) woont sinds 3 juni 2021 bij zijn moeder aan de Kerkstraat 12 in "
        "Heerenveen. Hij heeft de opleiding tot dakdekker bij het Friesland College niet "
        "afgemaakt. Zijn contract bij Dakwerken Hoekstra liep in maart 2023 af; sindsdien "
        "ontvangt hij een bijstandsuitkering. Klantmanager Jan de Vries heeft hem twee keer "
        "naar een werkervaringsplek verwezen, beide keren haakte hij na enkele weken af. "
        "Volgens zijn zus Marieke blowt hij dagelijks en slaapt hij overdag. Er zijn "
        "schulden bij de zorgverzekeraar en bij Vesteda; het incassobureau belde op "
        "14 februari 2024 naar 06-12345678. Femke Bosma ziet een maatregel aankomen omdat hij "
        "niet op afspraken verschijnt. Zijn BSN staat in het dossier, het gesprek met de "
        "huisarts in Joure is nog niet gevoerd."
    ),
)


def create_demo(store: Store, roster: Roster, *, today: dt.date | None = None) -> Session:
    """Create (or extend) the demo group and add one new session. Returns the session."""
    today = today or dt.date.today()
    group = next((g for g in store.list_groups() if g.name == DEMO_GROUP_NAME), None)
    if group is None:
        group = store.save_group(Group(
            name=DEMO_GROUP_NAME,
            description=("Vaste intervisiegroep van klantmanagers Werk & Inkomen en sociaal "
                         "werkers uit het gebiedsteam; komt maandelijks twee uur bij elkaar."),
        ))
        for name, function, organisation in DEMO_PARTICIPANTS:
            roster.add(group.id, function=function, name=name, organisation=organisation)
    participants = store.list_participants(group.id)
    case = Case(**{**DEMO_CASE.__dict__, "client_aliases": list(DEMO_CASE.client_aliases)})
    bringer = next((p for p in participants if p.code.startswith("KM_")), None)
    case.case_bringer_id = bringer.id if bringer else None
    previous = store.list_sessions(group.id)
    session = Session(
        group_id=group.id,
        date=max(s.date for s in previous) + dt.timedelta(days=28) if previous else today,
        place="Gemeentehuis, zaal De Tjonger",
        method_id="rolwisseling",
        attendance=[p.id for p in participants if p.name != "Rutger Dijkstra"],
        case=case,
    )
    return store.save_session(session)

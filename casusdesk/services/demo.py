"""Demo data that looks real: a mixed group of eight and a prepared case.

The case text deliberately contains names, places and dates, so the
anonymization of the minutes has real work to do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from casusdesk.domain.model import Case, Group, ProblemLevel, Session
from casusdesk.domain.method import Method
from casusdesk.services.live import LiveSession
from casusdesk.services.roster import Roster
from casusdesk.storage.repositories import Store

DEMO_GROUP_NAME = "Intervisiegroep Werk en Zorg"

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
    client_real_name="Sander Wijnstra",
    client_aliases=["Sandertje", "Wijnstra"],
    missing_facts=(
        "Is er ooit een IQ-onderzoek gedaan? Wat houdt het reclasseringstoezicht in? "
        "Wie beheert nu zijn post?"
    ),
    description=(
        "Sander Wijnstra (24) woont sinds 3 juni 2021 bij zijn moeder aan de Kerkstraat 12 in "
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


def create_demo(store: Store, roster: Roster, *, today: dt.date | None = None,
                methods: Mapping[str, Method] | None = None) -> Session:
    """Create (or extend) the demo group and add one new session. Returns the session.

    The first demo session is a finished Rolwisseling with timings, captures of every
    kind and a role assignment; later ones are prepared but not yet held.
    """
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
    session = store.save_session(session)
    if not previous:
        if methods is None:
            from casusdesk.services.method_catalog import load_methods

            methods = load_methods()
        record_demo_run(store, session, methods)
        from casusdesk.services.role_catalog import roles
        from casusdesk.services.rolwisseling import propose

        propose(store, roster, session.id, roles())
        from casusdesk.domain.timeline_demo import demo_timeline
        from casusdesk.services.levenslijn import save

        save(store, session.id, demo_timeline())
    return session


class _ScriptClock:
    """A clock the demo moves by hand, so the recorded session has real timings."""

    def __init__(self, start: dt.datetime) -> None:
        self._mono = 0.0
        self._now = start

    def monotonic(self) -> float:
        return self._mono

    def now(self) -> dt.datetime:
        return self._now

    def advance(self, minutes: float) -> None:
        self._mono += minutes * 60
        self._now += dt.timedelta(minutes=minutes)


#: minutes actually spent per phase of the Rolwisseling in the demo, and what was captured
_DEMO_RUN: tuple[tuple[float, tuple[tuple[str, dict], ...]], ...] = (
    (12, (("note", {"text": "Opening: Jan de Vries legt uit waarom hij deze casus inbrengt. "
                            "Rutger Dijkstra is afwezig (ziek)."}),)),
    (17, (("note", {"text": "Sjoerd woont weer bij zijn moeder in Heerenveen. Femke vertelt dat "
                            "hij op 14 februari niet op de afspraak kwam."}),
          ("question", {"text": "Wat wil Sjoerd zelf, als je hem vraagt naar zijn droom?",
                        "starred": True}),
          ("question", {"text": "Weet iemand of er ooit een IQ-onderzoek is gedaan?",
                        "starred": True}),
          ("question", {"text": "Hoeveel afspraken heeft hij dit jaar gemist?", "starred": False}),
          ("fact", {"text": "Bijstandsuitkering sinds het contract bij het dakdekkersbedrijf afliep."}),
          ("fact", {"text": "Twee werkervaringsplekken, beide na enkele weken gestopt."}),
          ("criterion", {"text": "Duurzame uitstroom weegt zwaarder dan snelle uitstroom."}))),
    (9, (("note", {"text": "Rollen verzameld. Gemist perspectief: de cliënt zelf; we besluiten "
                           "die rol nog niet te spelen."}),)),
    (11, (("golden_circle", {"code": "KM_1", "why": "Iedereen verdient een plek op de "
                             "arbeidsmarkt.", "how": "Kort op de bal, afspraken nakomen.",
                             "what": "Werkervaringsplek, re-integratietraject.",
                             "message": "Ik moet ook uitleggen waarom iets niet kan; "
                                        "dat is geen onwil."}),
          ("golden_circle", {"code": "SW_1", "why": "Mensen willen wel, maar kunnen het "
                             "niet altijd.", "how": "Eerst vertrouwen, dan pas doelen.",
                             "what": "Huisbezoeken, netwerk in beeld, samen plannen.",
                             "message": "Vraag eerst wat Sjoerd zelf wil, ook als dat "
                                        "niet in een traject past."}),
          ("golden_circle", {"code": "KMI_1", "why": "Een rechtmatige uitkering beschermt "
                             "ook de cliënt.", "how": "Binnen de Participatiewet, met "
                             "oog voor de mens.", "what": "Rechten en plichten, zo nodig "
                             "een maatregel.",
                             "message": "Een maatregel is geen straf maar een regel die "
                                        "ik moet volgen."}))),
    (38, (("note", {"text": "KMI_1 in de rol van sociaal werker: 'ik zou eerst willen weten "
                            "waarom hij overdag slaapt'. Pieter valt even uit zijn rol bij het "
                            "onderwerp maatregel."}),
          ("issue_moment", {"codes": ["KMI_1", "GGZ_1"], "description": "Maatregel bij "
                            "verzuim tegenover eerst de psychische klachten in beeld brengen.",
                            "theme": "Verantwoordelijkheid: eigen, gedeeld of van een ander",
                            "quote": "Hij moet ook zelf verantwoordelijkheid nemen.",
                            "outcome": "geparkeerd"}),
          ("issue_moment", {"codes": ["KM_1", "SW_1"], "description": "Mag de sociaal werker "
                            "delen wat Sjoerd over zijn blowen vertelde?",
                            "theme": "Integraliteit en persoonsgegevens (privacy, gegevens delen)",
                            "quote": "Ik heb een beroepsgeheim.", "outcome": "overbrugd"}))),
    (12, (("tip", {"text": "Samen op huisbezoek, klantmanager en sociaal werker."}),
          ("tip", {"text": "Vraag met toestemming de huisarts naar de klachten."}),
          ("tip", {"text": "Zet een budgetcoach in voordat er een maatregel komt."}))),
    # the questions as the method asks them (the console offers these, the minutes print them)
    (21, (("reflection", {"question": "Welke nieuwe inzichten over de samenwerking levert de "
                                      "rolwisseling op?",
                          "answer": "Dat we elkaars grenzen nauwelijks kenden."}),
          ("reflection", {"question": "Welke nieuwe inzichten heeft dit opgeleverd, en wat "
                                      "kan beter?",
                          "answer": "Meer tijd voor de casus zelf, minder voor de opening."}),
          ("agreement", {"action": "Gezamenlijk huisbezoek plannen", "owner": "KM_1",
                         "due": "", "done": False}),
          ("agreement", {"action": "Met toestemming contact met de huisarts", "owner": "WMO_1",
                         "due": "", "done": False}))),
)


def record_demo_run(store: Store, session: Session, methods: Mapping[str, Method]) -> None:
    """Play a finished Rolwisseling into ``session``: timings and captures of every kind."""
    if session.method_id not in methods:
        return
    start = dt.datetime.combine(session.date, dt.time(13, 30)).astimezone()
    clock = _ScriptClock(start)
    live = LiveSession(store, session.id, methods, clock)
    phase_count = len(live.method.phases)
    live.toggle()
    for index, (minutes, captures) in enumerate(_DEMO_RUN[:phase_count]):
        if index:
            live.next()
        for step, (kind, data) in enumerate(captures, start=1):
            clock.advance(minutes * step / (len(captures) + 1) - (
                minutes * (step - 1) / (len(captures) + 1)))
            if kind == "note":
                live.set_note(live.timer.index, data["text"])
            else:
                live.capture(kind, **data)
        done = minutes * len(captures) / (len(captures) + 1)
        clock.advance(minutes - done)
    if "agreement" in dict(c for _m, cs in _DEMO_RUN for c in cs):
        due = (session.date + dt.timedelta(days=14)).isoformat()
        for agreement in live.captures("agreement"):
            live.update_capture(agreement, due=due)
    live.finish()

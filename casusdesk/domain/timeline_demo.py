"""A filled-in demo timeline: an invented client, for the demo session and screenshots.

The client is made up: a young man of about 24 on social assistance, without a basic
qualification (startkwalificatie), who keeps coming back to the bijstand, in the spirit
of the persona "Sjoerd" from the Weststellingwerf interviews but with his own story. The
timeline mixes every kind of time (ages, years, "rond", months, one exact date), both
sources, links between events, and a future part with two next steps and a dream.
"""

from __future__ import annotations

from casusdesk.domain.timeline import EventKind, LifeEvent, Source, Timeline, When

DEMO_BIRTH_YEAR = 2001

_CLIENT = Source.CLIENT
_PROF = Source.PROFESSIONAL

# (key, when, domain, experience, source, description, note)
_EVENTS: tuple[tuple[str, str, str, int, Source, str, str], ...] = (
    ("scheiding", "4 jaar", "relaties", -2, _CLIENT,
     "Ouders gaan uit elkaar; hij blijft met zijn zus bij moeder",
     "Vader ziet hij daarna een paar keer per jaar."),
    ("zitten", "9 jaar", "opleiding", -1, _CLIENT,
     "Blijft zitten in groep 5; lezen en rekenen gaan moeizaam", ""),
    ("keeper", "ca. 11 jaar", "zingeving", 3, _CLIENT,
     "Keeper bij de voetbalclub; de trainer gelooft in hem",
     "Noemt dit zelf de mooiste tijd: 'daar was ik goed in'."),
    ("blowen", "rond 2015", "gezondheid", 1, _CLIENT,
     "Begint te blowen met jongens uit de straat",
     "Beleefde het toen als vrijheid; nu twijfelt hij daarover."),
    ("mbo", "8-2017", "opleiding", 1, _CLIENT,
     "Begint aan mbo-2 Bouw (timmeren)", ""),
    ("uitval", "2-2018", "opleiding", -2, _CLIENT,
     "Stopt met school, zonder startkwalificatie",
     "Kon de theorie niet bijhouden; schaamde zich om hulp te vragen."),
    ("thuisweg", "ca. 18 jaar", "wonen", -3, _CLIENT,
     "Ruzie met stiefvader; moet thuis weg en slaapt bij vrienden", ""),
    ("bijstand", "11-2019", "inkomen", -1, _PROF,
     "Vraagt bijstand aan; eerst vier weken zelf werk zoeken",
     "Zoektermijn voor jongeren tot 27 jaar."),
    ("orderpicker", "14-05-2020", "werk", 2, _CLIENT,
     "Uitzendwerk als orderpicker in een distributiecentrum", ""),
    ("contract", "10-2020", "werk", -2, _CLIENT,
     "Uitzendcontract stopt; terug in de bijstand", ""),
    ("schulden", "2021", "financien", -2, _PROF,
     "Schulden bij zorgverzekeraar en telefoonbedrijf; post blijft dicht", ""),
    ("taakstraf", "rond 2021", "justitie", -1, _CLIENT,
     "Taakstraf na rijden zonder rijbewijs", ""),
    ("kamer", "3-2022", "wonen", 2, _CLIENT,
     "Eigen kamer via een woonproject voor jongeren", ""),
    ("somber", "2022", "psychisch", -3, _CLIENT,
     "Somber, slaapt overdag; huisarts verwijst naar de POH-ggz", ""),
    ("schuldhulp", "6-2023", "financien", 1, _PROF,
     "Schuldhulpverlening start, met budgetbeheer", ""),
    ("groen", "2024", "werk", 2, _CLIENT,
     "Werkervaringsplek in de groenvoorziening; collega's vinden hem betrouwbaar", ""),
    ("vriendin", "2024", "relaties", 2, _CLIENT,
     "Krijgt een vriendin; blowt minder", ""),
    ("lezen", "1-2025", "gezondheid", 0, _PROF,
     "Klantmanager merkt leesproblemen; onderzoek naar lvb voorgesteld",
     "Brieven van de gemeente bleken vaak niet gelezen."),
)

_FUTURE: tuple[tuple[str, EventKind, str, int, str], ...] = (
    ("entree", EventKind.NEXT_STEP, "opleiding", 2,
     "Entreeopleiding groen (mbo-1) naast de leerwerkplek"),
    ("plan", EventKind.NEXT_STEP, "financien", 1,
     "Eén plan met buurtteam en klantmanager: schulden, post en werk"),
    ("droom", EventKind.DREAM, "werk", 3,
     "Vaste baan als hovenier en samenwonen met zijn vriendin"),
)

_LINKS = (
    ("scheiding", "thuisweg"),
    ("zitten", "uitval"),
    ("zitten", "lezen"),
    ("orderpicker", "contract"),
    ("contract", "schulden"),
    ("schulden", "somber"),
    ("schulden", "schuldhulp"),
    ("keeper", "groen"),
    ("lezen", "entree"),
)


def demo_timeline() -> Timeline:
    """A new demo timeline (a fresh object on every call, safe to edit)."""
    timeline = Timeline(birth_year=DEMO_BIRTH_YEAR)
    ids: dict[str, str] = {}
    for key, when, domain, experience, source, description, note in _EVENTS:
        event = timeline.add(LifeEvent(description=description, when=When.parse(when),
                                       domain=domain, experience=experience, source=source,
                                       note=note))
        ids[key] = event.id
    for key, kind, domain, experience, description in _FUTURE:
        event = timeline.add(LifeEvent(description=description, kind=kind, domain=domain,
                                       experience=experience))
        ids[key] = event.id
    for first, second in _LINKS:
        timeline.link(ids[first], ids[second])
    return timeline

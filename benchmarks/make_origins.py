"""Make resources/anonymize/origins.txt: where someone comes from, in Dutch.

    pip install babel
    python benchmarks/make_origins.py

Two kinds of line, "land<TAB>name" and "herkomst<TAB>word", casefolded:

- **land**: every country and territory with a two-letter code in the Unicode CLDR's
  Dutch names (Babel), with ASCII spellings beside accented ones ("syrie" beside
  "syrië"), and the regions of origin CLDR has no code for (the Moluccas, Kurdistan ...:
  ``REGIONS``). Not the Netherlands, and not continents or world regions (numeric codes
  in CLDR: "Afrika", "Oost-Europa"), which narrow nobody down.
- **taal**: an adjective of origin that is also the name of a language ("Pools",
  "Turks", "Arabisch"), and languages without a country's adjective ("Tigrinya",
  "Dari"): [HERKOMST-n] only where it says where someone is from ("Pools pensioen",
  "Koerdisch uit Qamishli", "55, Afghaans,"), not as a language ("tolk Tigrinya",
  "spreekt Pools"): writers of the evaluation notes kept a language far more often than
  they removed it.
- **herkomst**: the other adjectives and nouns of origin ("Marokkaans", "Marokkaanse",
  "Marokkaan", "Marokkanen"). No public list of Dutch demonyms is at hand, so
  ``ORIGINS`` writes them out for the countries and peoples of origin that Dutch social
  work meets most (the larger groups in CBS's statistics of origin), in the spelling of
  the Woordenlijst; forms that are also an ordinary word or a first name ("pool",
  "let", "frans", "jordaan") are left out.

Ethnic origin is special-category personal data (AVG article 9), and in a village "the
Eritrean family" is as telling as a street: the minutes replace these (issue 9).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "resources" / "anonymize" / "origins.txt"

#: regions and peoples' homelands without a CLDR code
REGIONS = ("molukken", "antillen", "nederlandse antillen", "koerdistan", "tsjetsjenië",
           "palestina", "tibet", "somaliland", "darfur", "dagestan", "punjab", "rif")

#: adjective (uninflected), then its other forms: inflected adjective and nouns
ORIGINS = """
marokkaans marokkaanse marokkaan marokkanen
turks turkse turk turken turkin
surinaams surinaamse surinamer surinamers surinaamsen
antilliaans antilliaanse antilliaan antillianen
curaçaos curaçaose curaçaoënaar curaçaoënaars curaçaoër curaçaoërs
arubaans arubaanse arubaan arubanen
bonairiaans bonairiaanse
moluks molukse molukker molukkers
hindoestaans hindoestaanse hindoestaan hindoestanen
hindostaans hindostaanse hindostaan hindostanen
javaans javaanse javaan javanen
creools creoolse creool creolen
indisch indische
syrisch syrische syriër syriërs
eritrees eritrese eritreeër eritreeërs
somalisch somalische somaliër somaliërs
ethiopisch ethiopische ethiopiër ethiopiërs
afghaans afghaanse afghaan afghanen
iraaks iraakse irakees irakese irakezen
iraans iraanse iraniër iraniërs
koerdisch koerdische koerd koerden
pools poolse polin
oekraïens oekraïense oekraïner oekraïners oekraïnse
roemeens roemeense roemeen roemenen
bulgaars bulgaarse bulgaar bulgaren
hongaars hongaarse hongaar hongaren
litouws litouwse litouwer litouwers
letse letten
slowaaks slowaakse slowaak slowaken
tsjechisch tsjechische tsjech tsjechen
russisch russische russen russin
wit-russisch wit-russische belarussisch belarussische
moldavisch moldavische moldaviër
bosnisch bosnische bosniër bosniërs
servisch servische serviër serviërs
kroatisch kroatische kroaat kroaten
albanees albanese albanezen
kosovaars kosovaarse kosovaar kosovaren
macedonisch macedonische
armeens armeense armeniër armeniërs
georgisch georgische georgiër georgiërs
tsjetsjeens tsjetsjeense tsjetsjeen tsjetsjenen
azerbeidzjaans azerbeidzjaanse
ghanees ghanese ghanezen
nigeriaans nigeriaanse nigeriaan nigerianen
kaapverdiaans kaapverdiaanse kaapverdiaan kaapverdianen kaapverdisch kaapverdische
angolees angolese angolezen
congolees congolese congolezen
soedanees soedanese soedanezen
jemenitisch jemenitische jemeniet jemenieten
egyptisch egyptische egyptenaar egyptenaren
tunesisch tunesische tunesiër tunesiërs
algerijns algerijnse algerijn algerijnen
libisch libische libiër libiërs
libanees libanese libanezen
palestijns palestijnse palestijn palestijnen
jordaanse jordaniër jordaniërs
pakistaans pakistaanse pakistaan pakistanen
indiaas indiase indiër indiërs
bengaals bengaalse bengalees bengalese
srilankaans srilankaanse tamil tamils
chinees chinese chinezen
vietnamees vietnamese vietnamezen
indonesisch indonesische indonesiër indonesiërs
filipijns filipijnse filipino filipina
thais thaise
braziliaans braziliaanse braziliaan brazilianen
colombiaans colombiaanse colombiaan colombianen
venezolaans venezolaanse venezolaan venezolanen
dominicaans dominicaanse
portugees portugese portugezen
spaans spaanse spanjaard spanjaarden
italiaans italiaanse italiaan italianen
grieks griekse griek grieken
duits duitse duitser duitsers
belgisch belgische belg belgen
franse fransman fransen
engelse engelsman brits britse brit britten
ierse
berbers berberse berber amazigh riffijns riffijnse riffijn
guinees guinese
sierraleoons sierraleoonse
keniaans keniaanse keniaan
oegandees oegandese
rwandees rwandese
burundees burundese
jamaicaans jamaicaanse
haïtiaans haïtiaanse
arabisch arabische
"""

#: languages without an adjective of a country, which tell someone's origin as well
LANGUAGES = ("tigrinya", "dari", "farsi", "pashto", "pasjtoe", "tarifit", "tamazight",
             "sorani", "kurmanci", "badini", "tagalog", "papiaments", "papiamento", "sranan",
             "sranantongo", "urdu", "hindi", "punjabi", "amhaars", "oromo", "swahili",
             "lingala", "twi", "wolof", "bengali", "tamil", "mandarijn", "kantonees")


def _ascii(name: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", name)
                   if not unicodedata.combining(ch))


def main() -> int:
    import babel
    from babel import Locale

    lands = {" ".join(name.replace("’", "'").split()).casefold()
             for code, name in Locale("nl").territories.items()
             if code.isalpha() and code not in {"NL", "EU", "EZ", "UN", "QO"}}
    lands |= set(REGIONS)
    lands |= {_ascii(name) for name in lands}
    adjectives = {line.split()[0] for line in ORIGINS.split("\n")
                  if line.split() and not line.split()[0].endswith("e")}
    origins = {word for line in ORIGINS.split("\n") for word in line.split()} - adjectives
    adjectives |= set(LANGUAGES)
    adjectives |= {_ascii(word) for word in adjectives}
    origins |= {_ascii(word) for word in origins}
    header = (f"# Waar iemand vandaan komt: landen (Unicode CLDR, Babel {babel.__version__},\n"
              f"# licentie Unicode-3.0; geen Nederland, geen werelddelen) en bijvoeglijke en\n"
              f"# zelfstandige naamwoorden van herkomst (taal: ook de naam van een taal). Gemaakt met\n"
              f"# benchmarks/make_origins.py; niet met de hand aanpassen.\n")
    lines = ([f"land\t{n}" for n in sorted(lands)] + [f"herkomst\t{w}" for w in sorted(origins)]
             + [f"taal\t{w}" for w in sorted(adjectives)])
    OUT.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lands)} landen, {len(origins)} woorden van herkomst en {len(adjectives)} "
          f"bijvoeglijke naamwoorden in {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

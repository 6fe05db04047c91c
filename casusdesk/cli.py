"""Command line: the GUI by default, plus headless subcommands.

Errors a user can make end with a plain message on stderr and exit code 2 (bad
use) or 1 (could not be done), never with a traceback.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from casusdesk import __version__
from casusdesk.domain.errors import CasusdeskError, os_reason
from casusdesk.paths import DATA_DIR_ENV


_DUTCH = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "show program's version number and exit": "toon het versienummer en stop",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "expected one argument": "verwacht één waarde",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
}


def _dutch(message: str) -> str:
    """argparse asks gettext for its texts; answer in Dutch where we know them."""
    return _DUTCH.get(message, message)


argparse._ = _dutch  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse prints usage + message, exit 2
        self.print_usage(sys.stderr)
        self.exit(2, f"casusdesk: fout: {message}\n")


#: set to see the traceback of an unexpected error instead of a one-line message
DEBUG_ENV = "CASUSDESK_DEBUG"

#: ids are SQLite row ids: 1 up to 2**63 - 1
MAX_ID = 2**63 - 1


def _shown(text: str) -> str:
    return f"'{text[:40]}{'…' if len(text) > 40 else ''}'"


def _record_id(text: str) -> int:
    """A record id as typed: digits only (no sign, spaces, '_' or other scripts'
    digits, which int() would accept), within 1 .. 2**63-1."""
    value = text.strip()
    if not value.isascii() or not value.isdigit():
        raise argparse.ArgumentTypeError(
            f"{_shown(text)} is geen id: geef het nummer van de bijeenkomst, bijvoorbeeld 1 "
            "(zie 'casusdesk sessions')")
    digits = value.lstrip("0") or "0"
    number = int(digits) if len(digits) <= 19 else MAX_ID + 1  # never int() of 5000 digits
    if not 1 <= number <= MAX_ID:
        raise argparse.ArgumentTypeError(
            f"{_shown(text)} is geen bestaand id: een id ligt tussen 1 en {MAX_ID} "
            "(zie 'casusdesk sessions')")
    return number


def _data_dir_arg(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    # A subcommand's --data-dir must not overwrite one given before the subcommand
    # ('casusdesk --data-dir MAP sessions'): only the top-level parser sets the default.
    parser.add_argument("--data-dir", type=Path, metavar="MAP",
                        default=None if top else argparse.SUPPRESS,
                        help=f"gegevensmap (standaard: ${DATA_DIR_ENV} of de gebruikersmap)")


def _passphrase_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--passphrase-file", type=Path, metavar="BESTAND",
                        help="lees het wachtwoord uit de eerste regel van dit bestand (of zet "
                             "CASUSDESK_PASSPHRASE; zonder beide wordt erom gevraagd)")


def _passphrase(args: argparse.Namespace, *, twice: bool) -> str:
    """The passphrase from --passphrase-file, $CASUSDESK_PASSPHRASE or the terminal;
    never from the command line itself (other users see it in the process list)."""
    from casusdesk.services.backup import PASSPHRASE_ENV

    if args.passphrase_file is not None:
        try:
            text = args.passphrase_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = os_reason(exc) if isinstance(exc, OSError) else "geen tekst"
            raise CasusdeskError(f"Het wachtwoordbestand {args.passphrase_file} kan niet "
                                 f"worden gelezen: {reason}.") from None
        return text.splitlines()[0] if text.splitlines() else ""
    if os.environ.get(PASSPHRASE_ENV):
        return os.environ[PASSPHRASE_ENV]
    if not sys.stdin.isatty():
        raise CasusdeskError(f"Geef het wachtwoord met --passphrase-file of "
                             f"{PASSPHRASE_ENV}; er is geen terminal om erom te vragen.")
    import getpass

    first = getpass.getpass("Wachtwoord: ")
    if twice and getpass.getpass("Nog een keer: ") != first:
        raise CasusdeskError("De twee wachtwoorden zijn niet gelijk. Er is niets opgeslagen.")
    return first


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="casusdesk",
        description="Werkbank voor de gespreksleider van casuïstiekbesprekingen en intervisie. "
                    "Zonder opdracht opent het programma.",
    )
    parser.add_argument("--version", action="version", version=f"casusdesk {__version__}",
                        help="toon het versienummer en stop")
    parser.add_argument("--demo", action="store_true",
                        help="open het programma op een nieuwe map met demogegevens")
    _data_dir_arg(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="OPDRACHT", parser_class=_Parser)

    demo = sub.add_parser("demo", help="maak de demogroep en een bijeenkomst; drukt het id af")
    _data_dir_arg(demo)
    demo.set_defaults(handler=_cmd_demo)

    sessions = sub.add_parser("sessions", help="toon de groepen en bijeenkomsten met hun id")
    _data_dir_arg(sessions)
    sessions.set_defaults(handler=_cmd_sessions)
    anon = sub.add_parser("anonymize", help="anonimiseer Nederlandse tekst van stdin")
    anon.add_argument("--names", type=Path, required=True, metavar="BESTAND",
                      help="bekende namen, één per regel (optioneel 'Naam = CODE')")
    anon.add_argument("--json", action="store_true", help="druk de gevonden plekken af als JSON")
    anon.set_defaults(handler=_cmd_anonymize)

    export = sub.add_parser("export", help="exporteer verslag, agenda, rolkaarten, levenslijn, "
                                            "codeerschema, overzicht of back-up")
    export_sub = export.add_subparsers(dest="what", metavar="WAT", required=True,
                                       parser_class=_Parser)
    cards = export_sub.add_parser("cards", help="rolkaarten (PDF, A6, vier per A4)")
    cards.add_argument("session", type=_record_id, metavar="BIJEENKOMST", help="id van de bijeenkomst")
    cards.add_argument("-o", "--output", type=Path, required=True, metavar="BESTAND.pdf")
    cards.add_argument("--no-backs", action="store_true",
                       help="zonder achterkanten (wat de echte rolhouder schreef)")
    _data_dir_arg(cards)
    cards.set_defaults(handler=_cmd_export_cards)

    minutes = export_sub.add_parser("minutes", help="geanonimiseerd verslag (Word, .docx)")
    minutes.add_argument("session", type=_record_id, metavar="BIJEENKOMST", help="id van de bijeenkomst")
    minutes.add_argument("-o", "--output", type=Path, required=True, metavar="BESTAND.docx")
    minutes.add_argument("--skip-damaged", action="store_true",
                         help="maak het verslag zonder vastleggingen die beschadigd zijn "
                              "(anders weigert de export en noemt hij ze)")
    _data_dir_arg(minutes)
    minutes.set_defaults(handler=_cmd_export_minutes)

    agenda = export_sub.add_parser("agenda", help="agenda of uitnodiging vooraf (Word, .docx)")
    agenda.add_argument("session", type=_record_id, metavar="BIJEENKOMST", help="id van de bijeenkomst")
    agenda.add_argument("-o", "--output", type=Path, required=True, metavar="BESTAND.docx")
    _data_dir_arg(agenda)
    agenda.set_defaults(handler=_cmd_export_agenda)

    timeline = export_sub.add_parser("timeline", help="levenslijn als afbeelding (PNG of SVG)")
    timeline.add_argument("session", type=_record_id, metavar="BIJEENKOMST", help="id van de bijeenkomst")
    timeline.add_argument("-o", "--output", type=Path, required=True, metavar="BESTAND.png")
    _data_dir_arg(timeline)
    timeline.set_defaults(handler=_cmd_export_timeline)

    # no abbreviations: "--passphrase WORD" must not pass for --passphrase-file
    backup = export_sub.add_parser(
        "backup", help="versleutelde back-up van een groep, om te bewaren of over te dragen",
        allow_abbrev=False)
    backup.add_argument("group", metavar="GROEP", help="id of naam van de groep (zie 'casusdesk sessions')")
    backup.add_argument("-o", "--output", type=Path, required=True, metavar="BESTAND.casusdesk")
    _passphrase_arg(backup)
    _data_dir_arg(backup)
    backup.set_defaults(handler=_cmd_export_backup)

    imp = sub.add_parser("import", help="lees een back-up van een groep in (alles of niets)",
                         allow_abbrev=False)
    imp.add_argument("file", type=Path, metavar="BESTAND.casusdesk")
    imp.add_argument("--copy", action="store_true",
                     help="staat de groep er al, lees hem dan in als kopie (anders weigert het)")
    _passphrase_arg(imp)
    _data_dir_arg(imp)
    imp.set_defaults(handler=_cmd_import)
    issues = export_sub.add_parser("issues", help="codeerschema van de issue-momenten van een "
                                                  "groep (Excel, .xlsx)")
    issues.add_argument("group", metavar="GROEP", help="nummer of naam van de groep")
    issues.add_argument("-o", "--output", type=Path, required=True, metavar="BESTAND.xlsx")
    _data_dir_arg(issues)
    issues.set_defaults(handler=_cmd_export_issues)

    overview = export_sub.add_parser("overview", help="overzicht van een groep over de "
                                                      "bijeenkomsten (Word, .docx, met grafieken)")
    overview.add_argument("group", metavar="GROEP", help="nummer of naam van de groep")
    overview.add_argument("-o", "--output", type=Path, required=True, metavar="BESTAND.docx")
    _data_dir_arg(overview)
    overview.set_defaults(handler=_cmd_export_overview)

    methods = sub.add_parser("methods", help="toon de werkvormen; 'methods show NAAM' toont de fasen")
    _data_dir_arg(methods)
    methods.add_argument("action", nargs="?", choices=["show"], help="show: toon één werkvorm")
    methods.add_argument("name", nargs="?", metavar="NAAM", help="id of naam van de werkvorm")
    methods.set_defaults(handler=_cmd_methods)
    return parser


def _announce_long_steps() -> None:
    """Commands that may anonymize say so on stderr before a long step (building or
    loading the word lists), so nobody waits in front of a silent terminal."""
    from casusdesk.services.anonymize import on_long_step

    on_long_step(lambda line: print(f"casusdesk: {line}", file=sys.stderr, flush=True))


def _cmd_anonymize(args: argparse.Namespace) -> int:
    from casusdesk.services.anonymize_cli import run_anonymize

    _announce_long_steps()
    text = sys.stdin.read()
    output = run_anonymize(text, args.names, args.json)
    sys.stdout.write(output if output.endswith("\n") else output + "\n")
    return 0


def _cmd_export_cards(args: argparse.Namespace) -> int:
    from casusdesk.services.role_catalog import roles
    from casusdesk.services.rolwisseling import export_cards

    if args.output.suffix.lower() != ".pdf":
        print("casusdesk: kies een bestandsnaam die eindigt op .pdf", file=sys.stderr)
        return 2
    ctx = _open(args, create=False)
    result = export_cards(ctx.store, ctx.roster, args.session, args.output, roles(),
                          with_backs=not args.no_backs)
    for note in result.notes:
        print(f"let op: {note}", file=sys.stderr)
    print(f"{result.cards} rolkaarten op {result.pages} pagina's: {args.output}")
    return 0


def _cmd_export_minutes(args: argparse.Namespace) -> int:
    from casusdesk.services import damage
    from casusdesk.services.damage import DamagedCapturesError
    from casusdesk.services.minutes import export_minutes

    if args.output.suffix.lower() != ".docx":
        print("casusdesk: kies een bestandsnaam die eindigt op .docx", file=sys.stderr)
        return 2
    ctx = _open(args, create=False)
    _announce_long_steps()
    try:
        path = export_minutes(ctx.store, args.session, ctx.methods, args.output,
                              skip_damaged=args.skip_damaged)
    except DamagedCapturesError as exc:
        parts = getattr(exc, "parts", None)
        print(f"casusdesk: {exc} Met --skip-damaged maak je het verslag zonder "
              + (f"{'dit deel' if len(parts) == 1 else 'deze delen'}." if parts else
                 f"{'deze vastlegging' if len(exc.captures) == 1 else 'deze vastleggingen'}."),
              file=sys.stderr)
        return 1
    skipped = damage.damaged_captures(ctx.store, args.session) if args.skip_damaged else []
    if skipped:
        print(f"let op: niet in het verslag, want beschadigd: {damage.describe(skipped)}.",
              file=sys.stderr)
    parts = damage.session_parts(ctx.store, args.session) if args.skip_damaged else []
    if parts:
        print(f"let op: leeg in het verslag, want beschadigd: {damage.describe_parts(parts)}.",
              file=sys.stderr)
    print(f"Verslag opgeslagen: {path}")
    return 0


def _cmd_export_agenda(args: argparse.Namespace) -> int:
    from casusdesk.services.agenda import export_agenda

    if args.output.suffix.lower() != ".docx":
        print("casusdesk: kies een bestandsnaam die eindigt op .docx", file=sys.stderr)
        return 2
    ctx = _open(args, create=False)
    _announce_long_steps()
    path = export_agenda(ctx.store, args.session, ctx.methods, args.output)
    print(f"Agenda opgeslagen: {path}")
    return 0


def _cmd_export_issues(args: argparse.Namespace) -> int:
    from casusdesk.services.issue_export import export_issues, find_group

    if args.output.suffix.lower() != ".xlsx":
        print("casusdesk: kies een bestandsnaam die eindigt op .xlsx", file=sys.stderr)
        return 2
    ctx = _open(args, create=False)
    _announce_long_steps()
    path, count = export_issues(ctx.store, find_group(ctx.store, args.group), ctx.methods,
                                args.output)
    print(f"Codeerschema met {count} issue-moment{'' if count == 1 else 'en'} opgeslagen: {path}")
    return 0


def _cmd_export_overview(args: argparse.Namespace) -> int:
    from casusdesk.services.issue_export import export_overview, find_group

    if args.output.suffix.lower() != ".docx":
        print("casusdesk: kies een bestandsnaam die eindigt op .docx", file=sys.stderr)
        return 2
    ctx = _open(args, create=False)
    _announce_long_steps()
    path = export_overview(ctx.store, find_group(ctx.store, args.group), ctx.methods,
                           args.output)
    print(f"Overzicht opgeslagen: {path}")
    return 0


def _cmd_export_timeline(args: argparse.Namespace) -> int:
    from casusdesk.services.levenslijn import export_image

    ctx = _open(args, create=False)
    _announce_long_steps()
    path = export_image(ctx.store, args.session, args.output)
    print(f"Levenslijn opgeslagen: {path}")
    return 0


def _find_group(ctx, text: str):  # noqa: ANN001, ANN202 (AppContext -> Group)
    groups = ctx.store.list_groups()
    value = text.strip()
    if value.isascii() and value.isdigit():
        found = [g for g in groups if g.id == int(value)]
    else:
        found = [g for g in groups if g.name.casefold() == value.casefold()]
    if len(found) != 1:
        names = ", ".join(f"{g.id} ({g.name})" for g in groups) or "geen"
        raise CasusdeskError(f"Groep {_shown(text)} bestaat niet of is niet eenduidig; "
                             f"de groepen zijn: {names}.")
    return found[0]


def _cmd_export_backup(args: argparse.Namespace) -> int:
    from casusdesk.services import backup

    if args.output.suffix.lower() != backup.SUFFIX:
        print(f"casusdesk: kies een bestandsnaam die eindigt op {backup.SUFFIX}", file=sys.stderr)
        return 2
    ctx = _open(args, create=False)
    group = _find_group(ctx, args.group)
    result = backup.export_backup(ctx.store, group.id, args.output,
                                  _passphrase(args, twice=True))
    print(f"Back-up opgeslagen: {result.describe()} in {args.output}")
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from casusdesk.services import backup
    from casusdesk.storage.repositories import GroupExistsError

    payload = backup.read_backup(args.file, _passphrase(args, twice=False))
    ctx = _open(args)
    try:
        group = backup.import_backup(ctx.store, payload, copy=args.copy)
    except GroupExistsError as exc:
        print(f"casusdesk: {exc} Gebruik --copy.", file=sys.stderr)
        return 1
    print(f"Ingelezen: {backup.summary(payload).describe()}, als '{group.name}' (id {group.id})")
    return 0


def _cmd_methods(args: argparse.Namespace) -> int:
    from casusdesk.paths import default_data_dir
    from casusdesk.services.method_catalog import (
        custom_methods_dir, find_method, format_method, format_method_list, load_methods,
    )

    problems: list[str] = []
    data_dir = _data_dir(args) or default_data_dir()
    methods = load_methods(custom_methods_dir(data_dir), problems=problems)
    for problem in problems:
        print(f"casusdesk: {problem}", file=sys.stderr)
    if args.action == "show":
        if not args.name:
            print("casusdesk: geef de naam van de werkvorm, bijvoorbeeld: casusdesk methods show "
                  "roddelmethode", file=sys.stderr)
            return 2
        print(format_method(find_method(methods, args.name)))
    else:
        print(format_method_list(methods))
    return 0


def _data_dir(args: argparse.Namespace) -> Path | None:
    return args.data_dir


#: contexts the command opened; closed when it ends, so no -wal/-shm stays behind and
#: the folder's lock is free again
_ENGINES: list = []


def _open(args: argparse.Namespace, *, create: bool = True):  # noqa: ANN202 (AppContext)
    """The data folder's context. ``create``: the command writes, so it takes the
    folder's lock (and is refused while another casusdesk holds it)."""
    from casusdesk.app import open_context

    ctx = open_context(_data_dir(args), create=create)
    _ENGINES.append(ctx)
    session_id = getattr(args, "session", None)
    if isinstance(session_id, int) and not any(
            s.id == session_id for g in ctx.store.list_groups()
            for s in ctx.store.list_sessions(g.id)):
        # not the store's "bestaat niet meer (verwijderd, mogelijk in een ander venster)":
        # on the command line it is nearly always a mistyped id
        raise CasusdeskError(f"Bijeenkomst {session_id} bestaat niet in {ctx.data_dir}. "
                             "'casusdesk sessions' toont de bijeenkomsten met hun id.")
    return ctx


def _close_engines() -> None:
    while _ENGINES:
        try:
            _ENGINES.pop().close()
        except Exception:  # noqa: BLE001 - closing must not hide the command's result
            pass


def _cmd_demo(args: argparse.Namespace) -> int:
    from casusdesk.services.demo import create_demo
    from casusdesk.services.demo_series import extend_new_demo

    ctx = _open(args)
    session = create_demo(ctx.store, ctx.roster)
    extend_new_demo(ctx.store, session)
    print(f"Demobijeenkomst aangemaakt in {ctx.data_dir}")
    print(session.id)
    return 0


def _cmd_sessions(args: argparse.Namespace) -> int:
    ctx = _open(args, create=False)
    groups = ctx.store.list_groups()
    if not groups:
        print("Nog geen groepen in", ctx.data_dir)
    for group in groups:
        print(group.name)
        for s in ctx.store.list_sessions(group.id):
            print(f"  {s.id:>4}  {s.title}")
    return 0


def _run_gui(args: argparse.Namespace) -> int:
    if hasattr(signal, "SIGTERM"):  # until the window takes over (it closes itself then)
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    data_dir = _data_dir(args)
    if args.demo:
        from casusdesk.services import scratch

        data_dir = scratch.folder("casusdesk-demo-")  # removed when the program ends
    from casusdesk.app import open_context
    from casusdesk.paths import default_data_dir
    from casusdesk.storage.db import DB_FILENAME
    from casusdesk.storage.lock import FolderLockedError

    # the demo group comes with the very first start only: a user who deleted every
    # group (the demo too) gets an empty program, not the demo back
    first_start = not ((data_dir or default_data_dir()) / DB_FILENAME).exists()
    try:
        ctx = open_context(data_dir)
    except FolderLockedError as exc:
        if not offer_read_only(str(exc)):
            raise
        ctx = open_context(data_dir, read_only=True)
    except CasusdeskError as exc:
        _show_startup_error(str(exc))
        raise
    if not ctx.read_only and (args.demo or (first_start and not ctx.store.list_groups())):
        from casusdesk.services.demo import create_demo
        from casusdesk.services.demo_series import extend_new_demo

        extend_new_demo(ctx.store, create_demo(ctx.store, ctx.roster))
    from casusdesk.ui.main_window import run

    return run(ctx)


def offer_read_only(message: str) -> bool:
    """Another casusdesk holds the folder: ask whether to open it only to read."""
    if os.environ.get("CASUSDESK_NO_DIALOGS"):  # tests and scripts: stderr only
        return False
    from PySide6.QtWidgets import QApplication, QMessageBox

    _app = QApplication.instance() or QApplication([])
    box = QMessageBox(QMessageBox.Icon.Warning, "casusdesk is al geopend", message)
    box.setInformativeText("Wil je de gegevens alleen bekijken? Wijzigingen kunnen dan niet "
                           "worden opgeslagen.")
    read = box.addButton("Alleen lezen openen", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Stoppen", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(read)
    box.exec()
    return box.clickedButton() is read


def _show_startup_error(message: str) -> None:
    """A user who started the program from an icon sees no terminal: show a window too."""
    if os.environ.get("CASUSDESK_NO_DIALOGS"):  # tests and scripts: stderr only
        return
    from PySide6.QtWidgets import QApplication, QMessageBox

    _app = QApplication.instance() or QApplication([])
    box = QMessageBox(QMessageBox.Icon.Critical, "casusdesk kan niet starten", message)
    box.setInformativeText("Je gegevens zijn niet aangepast.")
    box.exec()


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.data_dir is None and os.environ.get(DATA_DIR_ENV):
        args.data_dir = Path(os.environ[DATA_DIR_ENV])
    handler: Callable[[argparse.Namespace], int] = getattr(args, "handler", _run_gui)
    try:
        return _run(handler, args)
    finally:
        _close_engines()


def _run(handler: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    try:
        return handler(args)
    except CasusdeskError as exc:
        print(f"casusdesk: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into e.g. `head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:  # a file or folder the user named, e.g. a name too long
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"casusdesk: {os_reason(exc)}{where}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - last resort: a message, never a traceback
        if os.environ.get(DEBUG_ENV):
            raise
        # only the type: the text of such an error can quote stored data (a client's name)
        print(f"casusdesk: onverwachte fout ({type(exc).__name__}); de opdracht is afgebroken. "
              f"Zet {DEBUG_ENV}=1 om de details te zien.", file=sys.stderr)
        return 1

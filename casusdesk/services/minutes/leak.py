"""The final check of a produced .docx: every part read as text; a known name or a
marked or detected term that survived means nothing is written."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lxml import etree

from casusdesk.domain.errors import CasusdeskError
from casusdesk.domain.model import strip_invisible
from casusdesk.services.minutes.scrub import _w

# ---------------------------------------------------------------------------
# Leak check: read every part of the produced file
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Leak:
    """Something that must not be in the file. ``kind`` is a Dutch description."""

    kind: str
    part: str


_PRINTABLE_RUN = re.compile(rb"[\x20-\x7e\xa0-\xff]{8,}")


def _png_texts(data: bytes) -> list[str]:
    """The text chunks (tEXt, zTXt, iTXt, eXIf) of a PNG."""
    import zlib

    texts, pos = [], 8
    while pos + 8 <= len(data):
        length = int.from_bytes(data[pos:pos + 4], "big")
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        try:
            if kind == b"tEXt":
                texts.append(body.decode("latin-1"))
            elif kind == b"zTXt":
                key, _, rest = body.partition(b"\0")
                texts.append(key.decode("latin-1") + " "
                             + zlib.decompress(rest[1:]).decode("latin-1"))
            elif kind == b"iTXt":
                key, _, rest = body.partition(b"\0")
                compressed, rest = rest[:1], rest[2:]
                _lang, _, rest = rest.partition(b"\0")
                _tkey, _, rest = rest.partition(b"\0")
                value = zlib.decompress(rest) if compressed == b"\1" else rest
                texts.append(key.decode("latin-1") + " " + value.decode("utf-8", "replace"))
            elif kind == b"eXIf":
                texts.extend(m.decode("latin-1") for m in _PRINTABLE_RUN.findall(body))
        except (zlib.error, ValueError):
            texts.append(body.decode("latin-1"))
    return texts


def _binary_texts(data: bytes) -> list[str]:
    """Readable metadata of an image or other binary part.

    PNG: its text chunks. Anything else (JPEG comments and EXIF, EMF ...): runs of
    at least eight printable characters, in Latin-1 and UTF-16. Compressed pixel data
    is not scanned as text: it would give random hits for short names.
    """
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return _png_texts(data)
    texts = [m.decode("latin-1") for m in _PRINTABLE_RUN.findall(data)]
    texts += [m.decode("utf-16-le", "ignore")
              for m in re.findall(rb"(?:[\x20-\x7e]\x00){8,}", data)]
    return texts


def _part_texts(name: str, data: bytes) -> list[str]:
    """Every readable text of a part: the raw XML (attributes too), the text of each
    paragraph with its runs joined, and the part name itself."""
    texts = [name]
    if name.endswith((".xml", ".rels")) or data.lstrip()[:5] == b"<?xml":
        raw = data.decode("utf-8", errors="replace")
        texts.append(raw)
        try:
            root = etree.fromstring(data)
        except etree.XMLSyntaxError:
            return texts
        paragraphs = list(root.iter(_w("p")))
        for paragraph in paragraphs:
            texts.append("".join(t.text or "" for t in paragraph.iter(_w("t"), _w("instrText"))))
        if not paragraphs:
            texts.append(" ".join(t.strip() for t in root.itertext()))
        texts.extend(v for element in root.iter() for v in element.attrib.values())
    else:  # images and other binaries: only their metadata can hold a name
        texts.extend(_binary_texts(data))
    return texts


LEAK_PARTICIPANT = "de naam van een deelnemer"
LEAK_CLIENT = "de naam van de cliënt"
LEAK_ALIAS = "een bijnaam van de cliënt"
LEAK_FLAGGED = "een tekst die u bij de controle hebt gemarkeerd"
LEAK_NAME = "een naam die niet in het verslag mag staan"


def find_leaks(data: bytes, forbidden: Sequence[str],
               kind_of: Callable[[str], str] | None = None) -> list[Leak]:
    """Open a .docx (bytes) as a zip, read every part, and return what leaked.

    ``forbidden`` are names and marked texts (see
    :meth:`~casusdesk.services.anonymize.Anonymizer.forbidden_terms`); they are matched
    as :func:`~casusdesk.services.anonymize.leak_check` does (whole words, any case,
    possessives too; an ordinary word such as "Roos" only with a capital). ``kind_of``
    turns a found term into the Dutch kind for the message. One Leak per kind and part.

    Raises:
        CasusdeskError: the bytes are not a readable .docx.
    """
    from casusdesk.services.anonymize import leak_check

    terms = [t for t in (" ".join(t.split()) for t in forbidden) if len(t) >= 2]
    if not terms:
        return []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = [(name, [strip_invisible(t) for t in _part_texts(name, package.read(name))])
                     for name in package.namelist()]
    except (zipfile.BadZipFile, OSError, KeyError) as exc:
        raise CasusdeskError(f"Het verslag kon niet worden gecontroleerd ({exc}).") from None
    found: dict[tuple[str, str], Leak] = {}
    for name, texts in parts:
        for term in leak_check(texts, terms):
            kind = kind_of(term) if kind_of is not None else LEAK_NAME
            found.setdefault((kind, name), Leak(kind, name))
    return list(found.values())


def _where(part: str) -> str:
    if part.startswith("word/header"):
        return "in de koptekst"
    if part.startswith("word/footer"):
        return "in de voettekst"
    if part.startswith("docProps/"):
        return "in de documenteigenschappen"
    if part.startswith("word/comments"):
        return "in een opmerking"
    if part.startswith("word/media/"):
        return "in een afbeelding"
    if part in ("word/document.xml", "word/footnotes.xml", "word/endnotes.xml"):
        return "in de tekst"
    return f"in een onderdeel van het bestand ({part})"


def leak_message(leaks: Sequence[Leak]) -> str:
    """A Dutch message that names the kind of leak and where, never the name itself."""
    lines = ["Het verslag is niet opgeslagen: de controle vond nog persoonsgegevens."]
    for leak in leaks:
        lines.append(f"- {leak.kind[0].upper()}{leak.kind[1:]} staat nog {_where(leak.part)}.")
    lines.append("Controleer de herkende namen in het controlescherm (markeer wat gemist is) "
                 "en exporteer opnieuw.")
    return "\n".join(lines)


def check_docx(data: bytes, forbidden: Sequence[str],
               kind_of: Callable[[str], str] | None = None) -> None:
    """Raise CasusdeskError (Dutch, no names) if a forbidden term occurs in any part."""
    leaks = find_leaks(data, forbidden, kind_of)
    if leaks:
        raise CasusdeskError(leak_message(leaks))

"""Role cards as a user checks them: read the PDF back and look at pages, text and fonts."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from casusdesk.domain.errors import CasusdeskError, DataFileError, ValidationError
from casusdesk.domain.model import Domain, Participant
from casusdesk.services import cards as cards_module
from casusdesk.services.cards import (
    BACK_LABELS,
    CardsResult,
    RoleCardData,
    render_blank_cards,
    render_role_cards,
)
from casusdesk.services.role_catalog import load_roles

A4_W, A4_H = 595.2756, 841.8898
ROLES = load_roles()

PARTICIPANTS = [
    Participant(group_id=1, function="Klantmanager Werk", name="Fatima Yılmaz",
                domain=Domain.WERK_INKOMEN, code="KM_1"),
    Participant(group_id=1, function="Sociaal werker", name="Jan de Vries",
                domain=Domain.ZORG_WELZIJN, code="SW_1"),
    Participant(group_id=1, function="Klantmanager Inkomen", name="Anouk Bakker",
                domain=Domain.WERK_INKOMEN, code="KMI_1"),
    Participant(group_id=1, function="Wmo-consulent", name="Pieter Jansen",
                domain=Domain.ZORG_WELZIJN, code="WMO_1"),
    Participant(group_id=1, function="Wijkcoach GGZ", name="Sanne Visser",
                domain=Domain.ZORG_WELZIJN, code="GGZ_1"),
]
NAMES = [p.name for p in PARTICIPANTS]
ASSIGNMENT = {"KM_1": "sociaal_werker", "SW_1": "klantmanager_inkomen", "KMI_1": "client",
              "WMO_1": "handhaving", "GGZ_1": "wijkverpleegkundige"}


def make_cards(**back) -> list[RoleCardData]:
    return [RoleCardData(player_code=p.code, role=ROLES[ASSIGNMENT[p.code]], **back)
            for p in PARTICIPANTS]


def render(cards, **kwargs) -> tuple[PdfReader, bytes, CardsResult]:
    out = io.BytesIO()
    result = render_role_cards(cards, out, session_code=kwargs.pop("session_code", "S-7"),
                               **kwargs)
    data = out.getvalue()
    return PdfReader(io.BytesIO(data)), data, result


def fragments(page) -> list[tuple[str, float, float]]:
    """Every piece of text on a page with the position where it starts."""
    found: list[tuple[str, float, float]] = []

    def visit(text, cm, tm, font_dict, font_size):
        if not text.strip() or text.strip() == "✂":      # the scissors on the cut lines
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        found.append((text, x, y))

    page.extract_text(visitor_text=visit)
    return found


def quadrant(x: float, y: float) -> tuple[int, int]:
    """(column, row) of the card a point is on; row 0 is the top row."""
    return (0 if x < A4_W / 2 else 1), (0 if y > A4_H / 2 else 1)


def squash(text: str) -> str:
    """Text without spaces, line breaks and hyphens (titles may be hyphenated)."""
    return re.sub(r"[\s\-]+", "", text)


def card_texts(page) -> dict[tuple[int, int], str]:
    texts: dict[tuple[int, int], list[str]] = {}
    for text, x, y in fragments(page):
        texts.setdefault(quadrant(x, y), []).append(text)
    return {q: "".join(parts) for q, parts in texts.items()}


# ---------------------------------------------------------------------- pages


def test_four_a6_cards_on_an_a4_page():
    reader, _, result = render(make_cards())
    assert len(reader.pages) == 2 == result.pages
    assert result.cards == 5
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(A4_W, abs=0.5)
        assert float(page.mediabox.height) == pytest.approx(A4_H, abs=0.5)
    first = squash(reader.pages[0].extract_text())
    for code in ("KM_1", "SW_1", "KMI_1", "WMO_1"):
        assert squash(ROLES[ASSIGNMENT[code]].title) in first
    assert squash(ROLES["wijkverpleegkundige"].title) not in first
    assert squash(ROLES["wijkverpleegkundige"].title) in squash(reader.pages[1].extract_text())


def test_each_role_title_is_on_the_card_of_its_player():
    reader, _, _ = render(make_cards())
    texts = card_texts(reader.pages[0])
    slots = {"KM_1": (0, 0), "SW_1": (1, 0), "KMI_1": (0, 1), "WMO_1": (1, 1)}
    for code, slot in slots.items():
        card = squash(texts[slot])
        assert code in card
        assert squash(ROLES[ASSIGNMENT[code]].title) in card
        for other, other_slot in slots.items():
            if other_slot != slot:
                assert other not in card
                assert squash(ROLES[ASSIGNMENT[other]].title) not in card


def test_footer_has_session_code_and_player_code():
    reader, _, _ = render(make_cards(), session_code="2026-03-12")
    texts = card_texts(reader.pages[0])
    assert "Sessie 2026-03-12" in texts[(0, 0)]
    assert "KM_1" in texts[(0, 0)]


def test_no_participant_name_anywhere_in_the_file():
    reader, data, _ = render(make_cards(why="Omdat ik geloof in meedoen."), with_backs=True)
    text = "\n".join(page.extract_text() for page in reader.pages)
    metadata = " ".join(str(v) for v in (reader.metadata or {}).values())
    for name in NAMES:
        for part in name.split():
            if len(part) > 3:
                assert part.encode() not in data
                assert part not in text
                assert part not in metadata


def test_font_is_embedded_and_dutch_characters_come_back():
    reader, _, _ = render(make_cards())
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        assert fonts
        for font in fonts.values():
            font = font.get_object()
            assert "DejaVuSans" in str(font["/BaseFont"])
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor
    text = reader.pages[0].extract_text()
    assert "Cliënt" in text
    assert "„" in text and "”" in text


def test_all_shipped_roles_fit_their_card_at_body_size_11_or_more():
    cards = [RoleCardData(player_code=f"P_{i}", role=role)
             for i, role in enumerate(ROLES.values())]
    reader, _, result = render(cards)
    assert result.notes == []
    assert len(reader.pages) == 4


def test_all_shipped_titles_stay_at_24_pt_and_within_the_card():
    cards_module.register_fonts()
    width = cards_module.CARD_W - 2 * cards_module.CONTENT_INSET
    for role in ROLES.values():
        lines, size = cards_module._fit_title(role.title, width)
        assert size >= 24, role.title
        assert len(lines) <= 2, lines
        for line in lines:
            assert cards_module._width(line, size, bold=True) <= width
    lines, _ = cards_module._fit_title("Wijkverpleegkundige", width)
    assert lines == ["Wijkverpleeg-", "kundige"]


# ---------------------------------------------------------------------- backs


def test_backs_follow_each_page_of_fronts_at_mirrored_positions():
    cards = make_cards()
    cards[0] = RoleCardData("KM_1", ROLES["sociaal_werker"], why="Iedereen telt mee.",
                            how="Ik ga op huisbezoek.", what="Een plan met kleine stappen.",
                            message="Vraag wat zij zelf wil.", author_code="SW_1")
    reader, _, result = render(cards, with_backs=True)
    assert len(reader.pages) == 4 == result.pages
    back = reader.pages[1]
    text = back.extract_text()
    for label in BACK_LABELS.values():
        assert label in text
    assert "Vraag wat zij zelf wil." in text
    assert "geschreven door SW_1" in text
    texts = card_texts(back)
    # front top-left (KM_1) lands top-right on the back: flip on the long edge
    assert "KM_1" in texts[(1, 0)] and "Iedereen telt mee." in texts[(1, 0)]
    assert "SW_1" in texts[(0, 0)]
    assert "KMI_1" in texts[(1, 1)]
    assert "WMO_1" in texts[(0, 1)]
    last_back = card_texts(reader.pages[3])
    assert "GGZ_1" in last_back[(1, 0)]


def test_no_backs_unless_asked():
    reader, _, _ = render(make_cards(why="Waarom niet."))
    text = "".join(p.extract_text() for p in reader.pages)
    assert "Waarom niet." not in text
    assert len(reader.pages) == 2


def test_too_long_text_shrinks_or_is_cut_but_stays_on_the_card():
    long_text = "Dit is een heel lang verhaal over de cliënt en het werk. " * 60
    cards = [RoleCardData("KM_1", ROLES["sociaal_werker"], why=long_text, how=long_text,
                          what=long_text, message=long_text)]
    reader, _, result = render(cards, with_backs=True)
    assert result.notes and "KM_1" in result.notes[0]
    assert "ingekort" in result.notes[0]
    bottom = cards_module.CONTENT_INSET - 1
    for page in reader.pages:
        for _, x, y in fragments(page):
            col, row = quadrant(x, y)
            x0 = col * A4_W / 2
            y0 = A4_H / 2 * (1 - row)
            assert x0 + cards_module.CONTENT_INSET - 1 <= x <= x0 + A4_W / 2
            assert y0 + bottom <= y <= y0 + A4_H / 2


# ---------------------------------------------------------------------- blanks


def test_blank_cards_have_lines_to_fill_in(tmp_path):
    out = tmp_path / "leeg.pdf"
    result = render_blank_cards(5, out, "S-7")
    reader = PdfReader(out)
    assert len(reader.pages) == 2 == result.pages
    text = reader.pages[0].extract_text()
    for needle in ("Mijn functie:", "Code:", "Waarom doe je wat je doet?", "Hoe doe je dat?",
                   "Wat doe je precies?", "Wat wil je de ander meegeven", "Sessie S-7"):
        assert needle in text
    assert len(card_texts(reader.pages[1])) == 1


def test_blank_card_count_is_checked():
    with pytest.raises(ValidationError):
        render_blank_cards(0, io.BytesIO(), "S-7")


# ---------------------------------------------------------------------- output


def test_writes_to_a_path(tmp_path):
    out = tmp_path / "kaarten.pdf"
    render_role_cards(make_cards(), out, session_code="S-7")
    assert out.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["kaarten.pdf"]


def test_unwritable_place_gives_a_clear_message(tmp_path):
    with pytest.raises(CasusdeskError, match="bestaat niet"):
        render_role_cards(make_cards(), tmp_path / "bestaat-niet" / "kaarten.pdf",
                          session_code="S-7")


def test_no_cards_is_refused():
    with pytest.raises(ValidationError, match="geen rolkaarten"):
        render_role_cards([], io.BytesIO(), session_code="S-7")


def test_missing_font_is_reported(tmp_path):
    with pytest.raises(DataFileError, match="DejaVuSans.ttf"):
        render_role_cards(make_cards(), io.BytesIO(), session_code="S-7",
                          font_dir=Path(tmp_path))


def test_same_input_gives_the_same_file():
    _, first, _ = render(make_cards(), with_backs=True)
    _, second, _ = render(make_cards(), with_backs=True)
    assert first == second

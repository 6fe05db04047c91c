"""Text pasted from Word, Outlook or a PDF is cleaned before it is stored or exported."""

import pytest

from casusdesk.domain.model import has_hidden_characters, strip_invisible


@pytest.mark.parametrize("raw, clean", [
    ("regel een\x0bregel twee", "regel een\nregel twee"),   # Shift+Enter in Word
    ("pagina\x0cnieuwe pagina", "pagina\nnieuwe pagina"),   # page break
    ("a\r\nb\rc", "a\nb\nc"),                               # Windows and old Mac line ends
    ("nul\x00teken", "nulteken"),
    ("Ja\u00adn de\u200b Vries", "Jan de Vries"),          # soft hyphen, zero-width space
    ("kapot \ud83d plakwerk", "kapot  plakwerk"),          # lone surrogate
    ("\x1b[31mrood\x1b[0m", "[31mrood[0m"),
    ("C1\x85teken", "C1teken"),
])
def test_hidden_and_control_characters_are_removed(raw, clean):
    assert strip_invisible(raw) == clean
    assert has_hidden_characters(raw)
    strip_invisible(raw).encode("utf-8")  # storable and exportable


@pytest.mark.parametrize("text", [
    "gewone tekst", "Zoë en Çağla, 12-03", "tab\tblijft", "regel\nblijft", "€ 1.250,- 😀", "",
])
def test_ordinary_text_is_left_exactly_as_it_was(text):
    assert strip_invisible(text) == text
    assert not has_hidden_characters(text)

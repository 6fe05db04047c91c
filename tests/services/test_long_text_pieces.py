"""Long texts go to deduce in pieces, with the same annotations as in one call."""

from casusdesk.services.anonymize import deduce_backend


def test_pieces_cover_the_text_and_cut_between_words():
    text = ("Jan belt met mevrouw De Vries. " * 2000) + ("x" * 30_000)
    pieces = deduce_backend._pieces(text, size=1000)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:]))
    assert all(end - start <= 1000 for start, end in pieces)
    # every cut falls after a sentence end, except inside the run without any space
    for _start, end in pieces[:-1]:
        if end <= 60_000:
            assert text[end - 2:end] == ". "


def test_annotations_of_a_long_text_equal_those_of_one_call(monkeypatch):
    from casusdesk.services import deid_light

    para = ("Mevrouw Fatima el Amrani woont aan de Kanaalstraat 12 in Utrecht en belt met "
            "dokter Jansen op 06-12345678.\n")
    text = para * 60  # about 6,000 characters
    whole = deid_light.annotate(text)
    monkeypatch.setattr(deduce_backend, "CHUNK", 1_000)
    pieces = deduce_backend.deduce_annotations(text)
    assert pieces == whole
    assert sum(1 for *_ignored, tag in pieces if "persoon" in tag or "patient" in tag) >= 60

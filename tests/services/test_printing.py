"""The minutes .docx read back into HTML for printing (issue 14)."""

from __future__ import annotations

import io

import docx
from PIL import Image

from casusdesk.services.printing import minutes_html


def small_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 20), "navy").save(out, "PNG")
    return out.getvalue()


def minutes_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Verslag intervisie", style="Title")
    document.add_paragraph("Groep Noord · 12 maart 2026", style="Subtitle")
    document.add_heading("Casus", level=1)
    paragraph = document.add_paragraph()
    paragraph.add_run("Vraag: ").bold = True
    paragraph.add_run("Hoe houd ik <contact> & vertrouwen?")
    document.add_paragraph("Eerste afspraak", style="List Bullet")
    document.add_paragraph("Tweede afspraak", style="List Bullet")
    document.add_heading("Afspraken", level=2)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Wie", "Wat"
    table.cell(1, 0).text, table.cell(1, 1).text = "KM_1", "Belt de werkgever"
    document.add_picture(io.BytesIO(small_png()))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_headings_paragraphs_lists_tables_and_pictures_come_through_in_order():
    printable = minutes_html(minutes_docx())
    page = printable.html
    assert printable.headings == ["Verslag intervisie", "Casus", "Afspraken"]
    assert "<h1>Verslag intervisie</h1>" in page and "<h2>Casus</h2>" in page
    assert "<h3>Afspraken</h3>" in page
    assert '<p class="sub">Groep Noord · 12 maart 2026</p>' in page
    assert "<b>Vraag: </b>Hoe houd ik &lt;contact&gt; &amp; vertrouwen?" in page
    assert "<ul><li>Eerste afspraak</li><li>Tweede afspraak</li></ul>" in page
    assert "<tr><th>Wie</th><th>Wat</th></tr><tr><td>KM_1</td><td>Belt de werkgever</td></tr>" in page
    order = [page.index(s) for s in ("Verslag", "Casus", "Eerste", "Afspraken", "KM_1", "<img")]
    assert order == sorted(order)
    (name, blob), = printable.images.items()
    assert f'src="{name}"' in page and blob.startswith(b"\x89PNG")

"""Check one output file of the smoke test: present, non-empty and of its kind.

Usage: python installer/check_output.py docx|pdf|png|xlsx|sqlite|nonempty FILE. Prints why not and
exits 1. Runs outside the bundle's clean environment (the bundle needs no Python).
"""

import sqlite3
import sys
import zipfile
from pathlib import Path


def check(kind: str, path: Path) -> str | None:
    if not path.is_file() or path.stat().st_size == 0:
        return f"{path} is missing or empty"
    data = path.read_bytes()
    if kind == "docx":
        with zipfile.ZipFile(path) as docx:
            body = docx.read("word/document.xml").decode("utf-8")
            if docx.testzip() is not None or "<w:body" not in body or len(body) < 2000:
                return f"{path} is no Word document with text"
    elif kind == "pdf":
        from pypdf import PdfReader

        pages = PdfReader(path).pages
        if not data.startswith(b"%PDF-") or len(pages) == 0 or not pages[0].extract_text():
            return f"{path} is no PDF with text"
    elif kind == "png":
        if not data.startswith(b"\x89PNG\r\n\x1a\n") or data[12:16] != b"IHDR":
            return f"{path} is no PNG"
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        if width < 200 or height < 100:
            return f"{path} is a PNG of only {width}x{height}"
    elif kind == "xlsx":
        with zipfile.ZipFile(path) as book:
            if book.testzip() is not None or "xl/worksheets/sheet1.xml" not in book.namelist():
                return f"{path} is no spreadsheet"
            if len(book.read("xl/worksheets/sheet1.xml")) < 1000:
                return f"{path} is a spreadsheet with almost nothing in it"
    elif kind == "nonempty":
        pass
    elif kind == "sqlite":
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            if db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                return f"{path} fails the integrity check"
    else:
        return f"unknown kind {kind}"
    return None


if __name__ == "__main__":
    problem = check(sys.argv[1], Path(sys.argv[2]))
    if problem:
        print(problem)
        sys.exit(1)

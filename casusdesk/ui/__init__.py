"""PySide6 screens. The only package that imports Qt; no SQL and no rules here."""

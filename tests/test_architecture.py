"""The layer boundaries and the no-network rule, checked on the source itself."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "casusdesk"

NETWORK_MODULES = {
    "socket", "ssl", "http", "urllib", "urllib3", "requests", "httpx", "smtplib", "ftplib",
    "aiohttp", "websocket", "websockets", "xmlrpc", "telnetlib", "poplib", "imaplib",
    "PySide6.QtNetwork", "PySide6.QtWebEngineCore", "PySide6.QtWebSockets",
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _modules(sub: str) -> list[Path]:
    return sorted((PACKAGE / sub).rglob("*.py"))


def test_import_linter_contracts_hold(monkeypatch):
    """The contracts in pyproject.toml: no Qt below ui/, no SQL in domain/, layers in order."""
    from importlinter.cli import lint_imports

    monkeypatch.chdir(ROOT)
    assert lint_imports() == 0


@pytest.mark.parametrize("layer", ["domain", "storage", "services"])
def test_no_qt_below_the_ui(layer):
    offenders = {p.name: i for p in _modules(layer) for i in _imports(p)
                 if i.split(".")[0] in ("PySide6", "shiboken6")}
    assert offenders == {}


def test_domain_has_no_sql_or_documents():
    offenders = {p.name: i for p in _modules("domain") for i in _imports(p)
                 if i.split(".")[0] in ("sqlmodel", "sqlalchemy", "reportlab", "docx", "deduce")}
    assert offenders == {}


def test_no_network_modules_anywhere_in_the_application():
    offenders = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for name in _imports(path):
            if name in NETWORK_MODULES or name.split(".")[0] in NETWORK_MODULES:
                offenders[str(path.relative_to(ROOT))] = name
    assert offenders == {}

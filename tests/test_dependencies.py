"""The tested versions in constraints.txt (what CI installs) fit the ranges of
pyproject.toml, and every package casusdesk imports is declared."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent

#: import name -> distribution name, where they differ
_DIST = {"PIL": "pillow", "docx": "python-docx", "PySide6": "pyside6-essentials",
         "marisa_trie": "marisa-trie"}
#: imported only through deduce, which pins it exactly
_THROUGH_DEDUCE = {"docdeid"}


def _pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"constraints.txt: {line!r} is no exact pin"
            pins[canonicalize_name(name)] = version
    return pins


def _requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    reqs = [Requirement(r) for r in project["dependencies"]]
    reqs += [Requirement(r) for r in project["optional-dependencies"]["test"]]
    return reqs


def test_every_declared_dependency_is_pinned_within_its_range():
    pins = _pins()
    for req in _requirements():
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} is not in constraints.txt"
        assert req.specifier.contains(pins[name], prereleases=True), (
            f"constraints.txt pins {req.name}=={pins[name]}, outside {req.specifier}")


def test_every_imported_third_party_package_is_declared():
    declared = {canonicalize_name(r.name) for r in _requirements()}
    stdlib = __import__("sys").stdlib_module_names
    missing = set()
    for path in (ROOT / "casusdesk").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                if top in stdlib or top == "casusdesk" or top in _THROUGH_DEDUCE:
                    continue
                if canonicalize_name(_DIST.get(top, top)) not in declared:
                    missing.add(f"{top} ({path.relative_to(ROOT)})")
    assert not missing, f"imported but not declared in pyproject.toml: {sorted(missing)}"


def test_every_package_of_the_source_is_installed() -> None:
    """pyproject lists the packages by hand: a new subpackage left out would be missing
    from every installation and from the bundle, while tests run from the source tree."""
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
                 ["tool"]["setuptools"]["packages"])
    found = {".".join(init.parent.relative_to(ROOT).parts)
             for init in (ROOT / "casusdesk").rglob("__init__.py")}
    assert found - listed == set(), "not in pyproject's packages"

"""The shipped role library loads, covers every function, and bad files say what is wrong."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from casusdesk.domain.errors import DataFileError
from casusdesk.domain.model import Domain
from casusdesk.domain.roles import ROLE_TEXT_FIELDS, Role
from casusdesk.paths import resource
from casusdesk.services.catalog import load_functions
from casusdesk.services.role_catalog import load_role_file, load_roles

ROLES_DIR = resource("roles")

GOOD = """\
id = "testrol"
title = "Testrol"
domain = "Zorg & Welzijn"
who = "Je bent een rol om mee te testen."
task = "Testen."
legal_framework = "Geen."
discretion = "Alle."
frame = "Behoefte."
statement = "Dit is een test."
needs = "Niets."
question = "Werkt het?"
"""


def write_role(folder: Path, text: str, name: str = "testrol.toml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_every_shipped_role_file_loads():
    roles = load_roles()
    files = sorted(ROLES_DIR.glob("*.toml"))
    assert len(roles) == len(files) == 15
    for role in roles.values():
        assert isinstance(role, Role)
        assert isinstance(role.domain, Domain)
        for key in ("title", *ROLE_TEXT_FIELDS):
            assert getattr(role, key).strip()


def test_every_function_has_a_role_with_the_same_domain():
    roles = load_roles()
    functions = load_functions()
    assert {fn.id for fn in functions} == set(roles)
    for fn in functions:
        assert roles[fn.id].domain == fn.domain, fn.id


def test_shipped_roles_are_short_enough_for_an_a6_card():
    for role in load_roles().values():
        words = sum(len(getattr(role, key).split()) for key in ROLE_TEXT_FIELDS)
        assert 50 <= words <= 95, (role.id, words)


def test_dutch_characters_survive_loading():
    roles = load_roles()
    assert roles["client"].title == "Cliënt"
    assert roles["client"].domain is Domain.CLIENT


def test_a_good_file_in_another_folder_loads(tmp_path):
    write_role(tmp_path, GOOD)
    roles = load_roles(tmp_path)
    assert list(roles) == ["testrol"]
    assert roles["testrol"].domain is Domain.ZORG_WELZIJN


@pytest.mark.parametrize(("change", "field"), [
    (lambda t: t.replace('needs = "Niets."\n', ""), "needs"),
    (lambda t: t.replace('task = "Testen."', 'task = "   "'), "task"),
    (lambda t: t.replace('task = "Testen."', "task = 3"), "task"),
    (lambda t: t.replace('"Zorg & Welzijn"', '"Zorg"'), "domain"),
    (lambda t: t.replace('id = "testrol"', 'id = "anders"'), "id"),
    (lambda t: t + 'staement = "typo"\n', "staement"),
    (lambda t: t.replace('"Dit is een test."', '"„Dit is een test.”"'), "statement"),
    (lambda t: t.replace('"Testen."', '"' + "lang " * 80 + '"'), "task"),
])
def test_a_broken_file_names_the_file_and_the_field(tmp_path, change, field):
    path = write_role(tmp_path, change(GOOD))
    with pytest.raises(DataFileError) as caught:
        load_role_file(path)
    message = str(caught.value)
    assert "testrol.toml" in message
    assert f"'{field}'" in message


def test_invalid_toml_names_the_file(tmp_path):
    write_role(tmp_path, GOOD.replace('title = "Testrol"', "title = Testrol"))
    with pytest.raises(DataFileError, match="testrol.toml.*TOML"):
        load_roles(tmp_path)


def test_a_broken_copy_of_a_shipped_file_is_reported(tmp_path):
    shutil.copytree(ROLES_DIR, tmp_path / "roles")
    broken = tmp_path / "roles" / "sociaal_werker.toml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("frame =", "frme ="),
                      encoding="utf-8")
    with pytest.raises(DataFileError, match=r"sociaal_werker\.toml.*'frme'"):
        load_roles(tmp_path / "roles")


def test_not_utf8_is_reported(tmp_path):
    (tmp_path / "testrol.toml").write_bytes(GOOD.replace("Je", "Jé").encode("latin-1"))
    with pytest.raises(DataFileError, match="testrol.toml.*UTF-8"):
        load_roles(tmp_path)


def test_missing_or_empty_folder(tmp_path):
    with pytest.raises(DataFileError, match="bestaat niet"):
        load_roles(tmp_path / "nergens")
    with pytest.raises(DataFileError, match="geen rolbestanden"):
        load_roles(tmp_path)

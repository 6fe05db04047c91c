"""The minutes show when the meeting really began and ended, beside the plan."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest

from casusdesk.services import anonymize as anon
from casusdesk.services import minutes
from casusdesk.services.catalog import functions
from casusdesk.services.demo import create_demo
from casusdesk.services.live import LiveSession
from casusdesk.services.method_catalog import load_methods
from casusdesk.services.roster import Roster
from casusdesk.storage.db import open_engine
from casusdesk.storage.repositories import Store
from tests.helpers.fakes import FakeClock


@pytest.fixture
def without_deduce(monkeypatch: pytest.MonkeyPatch) -> None:
    real = anon.Anonymizer

    def light(*args: object, **kwargs: object) -> anon.Anonymizer:
        return real(*args, **{**kwargs, "use_deduce": False})

    monkeypatch.setattr(anon, "Anonymizer", light)


def _docx_lines(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def _line(lines: list[str], label: str) -> str:
    return next(line for line in lines if line.startswith(label + ":"))


def test_minutes_show_actual_start_end_and_duration_beside_the_plan(
        tmp_path: Path, without_deduce: None) -> None:
    methods = load_methods()
    store = Store(open_engine(tmp_path / "data"))
    roster = Roster(store, functions())
    create_demo(store, roster, today=dt.date(2026, 3, 12), methods=methods)
    session = create_demo(store, roster, methods=methods)  # prepared, never held
    clock = FakeClock(dt.datetime(2026, 3, 12, 9, 30, tzinfo=dt.timezone.utc))
    live = LiveSession(store, session.id, methods, clock)
    planned = round(live.timer.planned_total() / 60)
    clock.advance(7 * 60)
    live.toggle()  # begins at 09:37
    clock.advance(40 * 60)
    live.toggle()  # a pause of 10 minutes counts as meeting time
    clock.advance(10 * 60)
    live.toggle()
    clock.advance(45 * 60)
    live.finish()  # ends at 11:12, 95 minutes after the start

    out = minutes.export_minutes(store, session.id, methods, tmp_path / "verslag.docx")
    lines = _docx_lines(out)
    assert _line(lines, "Begonnen om") == "Begonnen om: 09:37"
    planned_end = (dt.datetime(2026, 3, 12, 9, 37) + dt.timedelta(minutes=planned))
    assert _line(lines, "Afgerond om") == (
        f"Afgerond om: 11:12 (gepland: {planned_end:%H:%M}, {planned} min na het begin)")
    duration = _line(lines, "Totale duur")
    assert duration.startswith(f"Totale duur: 95 min (gepland {planned} min, verschil ")
    assert f"verschil {minutes._difference_text((95 - planned) * 60)})" in duration


def test_a_meeting_not_ended_says_so_and_keeps_its_start(
        tmp_path: Path, without_deduce: None) -> None:
    methods = load_methods()
    store = Store(open_engine(tmp_path / "data"))
    roster = Roster(store, functions())
    create_demo(store, roster, today=dt.date(2026, 3, 12), methods=methods)
    session = create_demo(store, roster, methods=methods)
    clock = FakeClock(dt.datetime(2026, 3, 12, 13, 5, tzinfo=dt.timezone.utc))
    live = LiveSession(store, session.id, methods, clock)
    live.toggle()
    clock.advance(20 * 60)
    live.checkpoint()

    out = minutes.export_minutes(store, session.id, methods, tmp_path / "verslag.docx")
    lines = _docx_lines(out)
    assert _line(lines, "Begonnen om") == "Begonnen om: 13:05"
    assert "niet afgerond" in _line(lines, "Afgerond om")
    assert _line(lines, "Totale duur").startswith("Totale duur: 20 min")


def test_a_console_closed_and_not_counted_shows_the_time_between(
        tmp_path: Path, without_deduce: None) -> None:
    methods = load_methods()
    store = Store(open_engine(tmp_path / "data"))
    roster = Roster(store, functions())
    create_demo(store, roster, today=dt.date(2026, 3, 12), methods=methods)
    session = create_demo(store, roster, methods=methods)
    clock = FakeClock(dt.datetime(2026, 3, 12, 9, 0, tzinfo=dt.timezone.utc))
    live = LiveSession(store, session.id, methods, clock)
    live.toggle()
    clock.advance(30 * 60)
    live.checkpoint()
    clock.advance(60 * 60)  # the console was closed an hour
    clock.restart()
    again = LiveSession(store, session.id, methods, clock)
    assert again.asks_about_gap
    again.resolve_gap("paused")  # the hour does not count
    again.toggle()
    clock.advance(15 * 60)
    again.finish()

    lines = _docx_lines(minutes.export_minutes(store, session.id, methods,
                                               tmp_path / "verslag.docx"))
    assert _line(lines, "Begonnen om") == "Begonnen om: 09:00"
    assert _line(lines, "Afgerond om").startswith("Afgerond om: 10:45")
    duration = _line(lines, "Totale duur")
    assert duration.startswith("Totale duur: 45 min")
    assert "tussen begin en einde 105 min, waarvan 60 min niet meetelde" in duration

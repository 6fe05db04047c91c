"""Benchmark: role cards for 30 participants, with backs, as a facilitator would print them.

Run from the repository: ``python benchmarks/bench_cards.py``. Prints the time for the
proposal and for the PDF (cold: first run in the process, including font loading; warm:
the best of the following runs) and the size of the file.
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from casusdesk.domain.roles import PlayerInfo, RoleCardData, propose_assignment  # noqa: E402
from casusdesk.services.cards import render_role_cards  # noqa: E402
from casusdesk.services.role_catalog import load_roles  # noqa: E402

PLAYERS = 30
RUNS = 5

WHY = "Omdat ik geloof dat iedereen mee moet kunnen doen, ook als het even tegenzit."
HOW = "Ik bouw eerst vertrouwen op, ga op huisbezoek en kijk naar het hele gezin."
WHAT = "Een plan dat de cliënt zelf draagt, met kleine stappen naar werk of dagbesteding."
MESSAGE = "Kijk niet alleen naar de regels: vraag wat zij zelf wil en wat haar tegenhoudt."


def main() -> None:
    start = time.perf_counter()
    roles = load_roles()
    load_s = time.perf_counter() - start
    ids = sorted(roles)
    players = [PlayerInfo(code=f"P_{i + 1}", function_id=ids[i % len(ids)],
                          domain=roles[ids[i % len(ids)]].domain) for i in range(PLAYERS)]

    start = time.perf_counter()
    assignment = propose_assignment(players, roles, include_client=True)
    assign_s = time.perf_counter() - start

    cards = [RoleCardData(player_code=code, role=roles[role_id], why=WHY, how=HOW, what=WHAT,
                          message=MESSAGE, author_code="SW_1")
             for code, role_id in assignment.items()]
    timings = []
    size = pages = 0
    for _ in range(RUNS):
        out = io.BytesIO()
        start = time.perf_counter()
        result = render_role_cards(cards, out, session_code="2026-03-12", with_backs=True)
        timings.append(time.perf_counter() - start)
        size, pages = len(out.getvalue()), result.pages

    print(f"role library:     {len(roles)} roles loaded in {load_s * 1000:.1f} ms")
    print(f"proposal:         {PLAYERS} participants in {assign_s * 1000:.1f} ms")
    print(f"cards with backs: {PLAYERS} cards, {pages} pages")
    print(f"  first render:   {timings[0] * 1000:.0f} ms (includes loading the fonts)")
    print(f"  best of {RUNS - 1}:      {min(timings[1:]) * 1000:.0f} ms")
    print(f"  file size:      {size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()

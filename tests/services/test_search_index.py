"""The register's search index finds exactly what the plain substring scan finds."""

from __future__ import annotations

import random

from partnerboard.domain.actions import ActionSource, ActionStatus
from partnerboard.services.actions.filtering import INDEX_FROM, ActionFilter, RowSelector, Show
from partnerboard.services.actions.rows import ActionRow
from partnerboard.services.actions.search_index import SearchIndex
from tests.clock import TODAY

WORDS = [
    "police",
    "audit",
    "neglect",
    "continuum-of-need",
    "partners'",
    "publish",
    "1.1",
    "1.12",
    "2.3.4",
    "(draft)",
    "e-mail",
    "co.uk",
    "straße",
    "Ünïcode",
    "naïve",
    "wrenfield",
    "–",
    "children's",
    "services",
    "executive",
    "50%",
    "£100",
    "a/b",
    "safeguarding",
    "hub",
    "po",
    "pol",
    "poli",
]
SPACES = [" ", "  ", "\t", "\n", "\xa0", " – "]

QUERIES = [
    "p",
    "P",
    "po",
    "Po Li",
    "poLIce   AUDit",
    "e",
    "ne",
    "neglect",
    "negl ect",
    "1",
    "1.1",
    ".",
    "-",
    "–",
    "'s",
    "(draft)",
    "£1",
    "50%",
    "a/b",
    "co.uk",
    "STRASSE",
    "ss",
    "ünï",
    "naïve",
    "zq",
    "ø",
    "police zq",
    "  ",
    "",
    "x" * 40,
]


def _row(ident: int, text: str, status=ActionStatus.OPEN) -> ActionRow:
    return ActionRow(
        id=ident,
        reference=f"{ident // 100}.{ident % 100}",
        reference_key=f"{ident:08d}",
        workstream_id=None,
        workstream=None,
        workstream_number=None,
        text=text,
        lead_person_id=None,
        lead=None,
        lead_agency_id=None,
        agency=None,
        board_id=None,
        board=None,
        raised_on=None,
        due_on=None,
        status=status,
        closed_on=None,
        rag=None,
        last_update_on=None,
        proposed=0,
        source_kind=ActionSource.OTHER,
        restricted=False,
        former_references="",
        search=f"{ident // 100}.{ident % 100} {text}".casefold(),
    )


def _rows(count: int, seed: int) -> list[ActionRow]:
    pick = random.Random(seed)
    rows = []
    for ident in range(1, count + 1):
        parts = []
        for _ in range(pick.randint(0, 12)):
            parts += [pick.choice(WORDS), pick.choice(SPACES)]
        if pick.random() < 0.2:  # words run together, and letters not in any listed word
            parts.append(pick.choice(WORDS) + pick.choice(WORDS) + chr(pick.randint(97, 122)))
        status = ActionStatus.OPEN if pick.random() < 0.8 else ActionStatus.CLOSED
        rows.append(_row(ident, "".join(parts), status))
    return rows


def _scanned(rows: list[ActionRow], wanted: ActionFilter) -> list[int]:
    return [i for i, row in enumerate(rows) if wanted.matches(row, TODAY)]


def test_indexed_search_finds_what_the_substring_scan_finds():
    rows = _rows(INDEX_FROM * 3, seed=20)
    indexed = RowSelector(rows, SearchIndex(rows))
    found_some = 0
    for show in (Show.ALL, Show.OPEN):
        for query in QUERIES:
            wanted = ActionFilter(show=show, text=query)
            expected = _scanned(rows, wanted)
            assert indexed.select(wanted, TODAY) == expected, query
            found_some += bool(expected) and len(expected) < len(rows)
    assert found_some > 20  # most queries pick some rows out, not none or all


def test_typing_key_by_key_with_the_index_gives_the_scans_answer_every_time():
    rows = _rows(INDEX_FROM * 2, seed=21)
    indexed = RowSelector(rows, SearchIndex(rows))
    for text in ("police audit", "Neglect 1.1", "co.uk"):
        typed = [text[:n] for n in range(1, len(text) + 1)]
        for query in typed + typed[::-1]:
            wanted = ActionFilter(show=Show.ALL, text=query)
            assert indexed.select(wanted, TODAY) == _scanned(rows, wanted), query


def test_rows_changed_or_added_after_the_index_are_searched_by_their_new_text():
    rows = _rows(INDEX_FROM * 2, seed=22)
    index = SearchIndex(rows)
    changed = [
        _row(row.id, "police audit of the hub ø") if n % 7 == 0 else row
        for n, row in enumerate(rows)
        if n % 11  # some gone
    ]
    changed += [_row(10_000 + n, "a new police audit") for n in range(50)]
    changed.sort(key=lambda row: row.text)  # another order, as a sort gives
    indexed = RowSelector(changed, index)
    for query in QUERIES:
        wanted = ActionFilter(show=Show.ALL, text=query)
        assert indexed.select(wanted, TODAY) == _scanned(changed, wanted), query

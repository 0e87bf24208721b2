"""One date parser for the workbook importer and every date field: what a UK office worker types."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from partnerboard.domain.dates import parse_date
from partnerboard.spreadsheets.cells import cell_date
from tests.clock import TODAY

END_OF_MARCH = date(2027, 3, 31)


@pytest.mark.parametrize(
    "typed",
    ["31/03/2027", "31/3/27", "31032027", "310327", "31.03.2027", "31-03-2027", "31 Mar 2027",
     "31 March 2027", "31st March 2027", "31-mar-27", " 31 / 3 / 2027 ", "2027-03-31"],
)  # fmt: skip
def test_the_ways_people_write_a_date(typed):
    assert parse_date(typed) == END_OF_MARCH
    assert cell_date(typed) == END_OF_MARCH  # the importer reads a text cell the same way


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("today", TODAY), ("t", TODAY), ("Tomorrow", TODAY + timedelta(days=1)),
     ("yesterday", TODAY - timedelta(days=1)), ("+7", TODAY + timedelta(days=7)),
     ("-3", TODAY - timedelta(days=3)), ("+2w", TODAY + timedelta(weeks=2)),
     ("+3m", date(2027, 2, 23)), ("+1y", date(2027, 11, 23))],
)  # fmt: skip
def test_shortcuts_count_from_the_database_s_day(typed, expected):
    assert parse_date(typed, TODAY) == expected


def test_shortcuts_are_not_dates_without_a_day_to_count_from():
    # A partner's cell reading "today" is not a date: the importer has no "today" of theirs.
    with pytest.raises(ValueError, match="is not a date"):
        parse_date("today")


def test_a_month_s_last_day_when_the_month_is_shorter():
    assert parse_date("+1m", date(2027, 1, 31)) == date(2027, 2, 28)


@pytest.mark.parametrize(
    ("typed", "says"),
    [("31/02/2026", "“31/02/2026” is not a real date (day 31, month 2, year 2026);"),
     ("13/13/2026", "is not a real date (day 13, month 13, year 2026)"),
     ("end of March", "“end of March” is not a date; write it as dd/mm/yyyy"),
     ("3/4", "is not a date"), ("31 Foo 2027", "is not a date"),
     ("31/03/0027", "is not a date the board would use (year 27)"),
     ("31/03/20270", "is not a date")],
)  # fmt: skip
def test_what_cannot_be_a_date_is_refused_never_moved(typed, says):
    with pytest.raises(ValueError) as refused:
        parse_date(typed, TODAY)
    assert says in str(refused.value)


def test_blank_is_no_date():
    assert parse_date("  ") is None and parse_date(None) is None

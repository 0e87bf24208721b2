"""Periods of the public-sector year: Q1 is April to June, the year runs 1 April – 31 March and
is written 2026/27; the boundary days (31 March, 1 April) fall on the right side."""

from __future__ import annotations

from datetime import date

import pytest

from partnerboard.domain.periods import MONTH, QUARTER, Period, span, year_label, year_of

Q = QUARTER


def test_quarter_labels_and_dates():
    q1 = Period(2026, Q, 1)
    assert (q1.key, q1.label) == ("2026/27-Q1", "Q1 2026/27")
    assert (q1.start, q1.end) == (date(2026, 4, 1), date(2026, 6, 30))
    q4 = Period(2026, Q, 4)
    assert (q4.start, q4.end) == (date(2027, 1, 1), date(2027, 3, 31))
    assert q4.long_label == "Q4 2026/27 (January to March 2027)"
    assert Period(1999, Q, 2).key == "1999/00-Q2"


def test_the_year_turns_on_1_april():
    assert year_of(date(2027, 3, 31)) == 2026
    assert year_of(date(2027, 4, 1)) == 2027
    assert year_label(2026) == "2026/27"
    assert Period.containing(date(2027, 3, 31)) == Period(2026, Q, 4)
    assert Period.containing(date(2027, 4, 1)) == Period(2027, Q, 1)
    assert Period.containing(date(2026, 12, 31)) == Period(2026, Q, 3)
    assert Period.containing(date(2027, 1, 1)) == Period(2026, Q, 4)


def test_latest_complete_quarter_at_the_year_end():
    """On 31 March the year's last quarter is still running; on 1 April it is complete."""
    assert Period.latest_complete(date(2027, 3, 31)) == Period(2026, Q, 3)
    assert Period.latest_complete(date(2027, 4, 1)) == Period(2026, Q, 4)
    assert Period.latest_complete(date(2026, 11, 23)).label == "Q2 2026/27"
    assert Period.latest_complete(date(2027, 4, 1), MONTH).label == "Mar 2027"
    assert Period.latest_complete(date(2027, 3, 31), MONTH).label == "Feb 2027"


def test_next_and_previous_cross_the_year():
    q4 = Period(2026, Q, 4)
    assert q4.next() == Period(2027, Q, 1)
    assert Period(2027, Q, 1).previous() == q4
    assert Period(2026, MONTH, 12).next() == Period(2027, MONTH, 1)  # March -> April
    assert Period(2026, MONTH, 12).label == "Mar 2027"
    assert [p.label for p in Period(2027, Q, 1).last(3)] == [
        "Q3 2026/27",
        "Q4 2026/27",
        "Q1 2027/28",
    ]
    assert len(list(span(Period(2024, Q, 1), Period(2026, Q, 4)))) == 12
    assert [m.label for m in Period(2026, Q, 4).months()] == ["Jan 2027", "Feb 2027", "Mar 2027"]
    assert Period(2026, MONTH, 10).quarter == Period(2026, Q, 4)


def test_keys_sort_in_time_order():
    periods = [Period(2025, Q, 4), Period(2026, Q, 1), Period(2024, Q, 3)]
    assert sorted(p.key for p in periods) == [p.key for p in sorted(periods)]


@pytest.mark.parametrize(
    "text, key",
    [
        ("2026/27-Q2", "2026/27-Q2"),
        ("2026/27 Q2", "2026/27-Q2"),
        ("2026-27 Q2", "2026/27-Q2"),
        ("2026/2027 q2", "2026/27-Q2"),
        ("Q2 2026/27", "2026/27-Q2"),
        ("Qtr 2 2026-27", "2026/27-Q2"),
        ("Quarter 2, 2026/27", "2026/27-Q2"),
        ("Q2 26/27", "2026/27-Q2"),
        ("Jul-Sep 2026", "2026/27-Q2"),
        ("July to September 2026", "2026/27-Q2"),
        ("Jan–Mar 2027", "2026/27-Q4"),
        ("June 2026", "2026/27-M03"),
        ("Mar 2027", "2026/27-M12"),
        ("2027-03", "2026/27-M12"),
        ("2026/27-M03", "2026/27-M03"),
    ],
)
def test_what_people_write_is_read(text, key):
    assert Period.parse(text).key == key


@pytest.mark.parametrize(
    "text",
    ["", "Q5 2026/27", "2026/28 Q1", "Jul-Oct 2026", "Feb-Apr 2026", "sometime", "Q2"],
)
def test_what_is_not_a_period_is_refused(text):
    with pytest.raises(ValueError):
        Period.parse(text)


def test_a_bare_quarter_takes_the_year_given():
    assert Period.parse("Q3", default_year=2017).label == "Q3 2017/18"

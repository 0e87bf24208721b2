"""The public-sector year and its periods: the year runs 1 April – 31 March and is written
2026/27, Q1 is April to June; the boundary days (31 March, 1 April) fall on the right side; and
the one parser reads what people type, refusing anything else with a sentence saying how.

(One module of tests for what were three modules: the dataset's periods, the yearly report's
year and training's years and quarters, and the escalation figures' financial quarters.)"""

from __future__ import annotations

from datetime import date

import pytest

from partnerboard.domain.public_sector_year import (
    MONTH,
    QUARTER,
    YEAR,
    Period,
    quarter,
    span,
    whole_year,
    year_named_in,
)

Q = QUARTER


# ---------------------------------------------------------------- years


def test_a_year_runs_from_1_april_to_31_march():
    year = whole_year(2025)
    assert (year.key, year.label, year.slug) == ("2025/26", "2025/26", "2025-26")
    assert (year.start, year.end) == (date(2025, 4, 1), date(2026, 3, 31))
    assert year.long_label == "2025/26 (April 2025 to March 2026)"
    assert whole_year(1999).label == "1999/00"
    assert (
        whole_year(2025).previous().label == "2024/25"
        and whole_year(2025).next().label == "2026/27"
    )
    assert whole_year(2025).contains(date(2025, 4, 1)) and not whole_year(2025).contains(None)
    assert date(2026, 3, 31) in year and date(2026, 4, 1) not in year
    assert date(2025, 3, 31) not in year
    assert [q.label for q in year.quarters()] == [
        "Q1 2025/26",
        "Q2 2025/26",
        "Q3 2025/26",
        "Q4 2025/26",
    ]
    assert len(year.months()) == 12 and year.months()[-1].label == "Mar 2026"
    assert Period(2026, Q, 2).year_period == whole_year(2026)


def test_years_turn_on_1_april():
    assert Period.containing(date(2026, 3, 31), YEAR).label == "2025/26"
    assert Period.containing(date(2026, 4, 1), YEAR).label == "2026/27"
    assert Period.latest_complete(date(2026, 4, 1), YEAR).label == "2025/26"
    assert Period.latest_complete(date(2026, 3, 31), YEAR).label == "2024/25"


# ---------------------------------------------------------------- quarters and months


def test_quarter_labels_and_dates():
    q1 = Period(2026, Q, 1)
    assert (q1.key, q1.label) == ("2026/27-Q1", "Q1 2026/27")
    assert (q1.start, q1.end) == (date(2026, 4, 1), date(2026, 6, 30))
    q4 = Period(2026, Q, 4)
    assert (q4.start, q4.end) == (date(2027, 1, 1), date(2027, 3, 31))
    assert q4.long_label == "Q4 2026/27 (January to March 2027)"
    assert Period(1999, Q, 2).key == "1999/00-Q2"
    assert quarter(2099, 1).label == "Q1 2099/00" and quarter(2026, 4) == q4
    q3 = quarter(2025, 3)
    assert (q3.start, q3.end, q3.label) == (date(2025, 10, 1), date(2025, 12, 31), "Q3 2025/26")
    assert [q.months_text for q in whole_year(2026).quarters()] == [
        "Apr–Jun", "Jul–Sep", "Oct–Dec", "Jan–Mar"
    ]  # fmt: skip


def test_quarters_turn_on_1_april():
    assert Period.containing(date(2027, 3, 31)) == Period(2026, Q, 4)
    assert Period.containing(date(2027, 4, 1)) == Period(2027, Q, 1)
    assert Period.containing(date(2026, 4, 1)) == Period(2026, Q, 1)
    assert Period.containing(date(2026, 12, 31)) == Period(2026, Q, 3)
    assert Period.containing(date(2027, 1, 1)) == Period(2026, Q, 4)
    numbers = [Period.containing(date(2026, m, 1)).number for m in (4, 6, 7, 12)]
    numbers += [Period.containing(date(2027, m, 1)).number for m in (1, 3)]
    assert numbers == [1, 1, 2, 3, 4, 4]


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
    for period in (*periods, whole_year(2025), Period(2025, MONTH, 3)):
        assert Period.from_key(period.key) == period


# ---------------------------------------------------------------- the one parser


@pytest.mark.parametrize(
    "text, key",
    [
        ("2025/26", "2025/26"),
        ("2025-26", "2025/26"),
        ("2025/2026", "2025/26"),
        ("2025-2026", "2025/26"),
        (" 2025 / 26 ", "2025/26"),
        ("2026/27-Q2", "2026/27-Q2"),
        ("2026/27 Q2", "2026/27-Q2"),
        ("2026-27 Q2", "2026/27-Q2"),
        ("2026/2027 q2", "2026/27-Q2"),
        ("Q2 2026/27", "2026/27-Q2"),
        ("q3 2025/26", "2025/26-Q3"),
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
    ["", "Q5 2026/27", "2026/28 Q1", "Jul-Oct 2026", "Feb-Apr 2026", "sometime", "Q2", "last year"],
)
def test_what_is_not_a_period_is_refused(text):
    with pytest.raises(ValueError, match="write"):
        Period.parse(text)


@pytest.mark.parametrize(
    ("text", "kinds", "message"),
    [
        ("2025/27", (YEAR,), "did you mean 2025/26"),
        ("next year", (YEAR,), "write a year as 2025/26"),
        ("", (YEAR,), "No year given"),
        ("2025", (YEAR,), "could be 2024/25 or 2025/26"),
        ("Q3 2025/26", (YEAR,), "is a quarter: write a year as 2025/26"),
        ("2025/26", (QUARTER, MONTH), "is a year: write a quarter as Q3 2025/26"),
        (
            "Q5 2025/26",
            (YEAR, QUARTER),
            "write a year as 2025/26 (1 April to 31 March), or a quarter",
        ),
    ],
)
def test_a_wrong_period_says_why_and_how_to_write_it(text, kinds, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        Period.parse(text, kinds)


def test_latest_is_the_latest_period_that_has_ended():
    assert Period.parse("latest", (YEAR,), today=date(2026, 3, 31)).label == "2024/25"
    assert Period.parse("Latest", (YEAR,), today=date(2026, 4, 1)).label == "2025/26"
    assert Period.parse("latest", (QUARTER, MONTH), today=date(2026, 4, 1)).label == "Q4 2025/26"
    with pytest.raises(ValueError):  # no day to count from
        Period.parse("latest", (YEAR,))


def test_a_bare_quarter_takes_the_year_given():
    assert Period.parse("Q3", default_year=2017).label == "Q3 2017/18"


def test_a_year_named_in_a_title():
    assert year_named_in(["Safeguarding KPIs", "KPIs 2017/18 (final)"]) == whole_year(2017)
    assert year_named_in(["Report 2017/19", "nothing"]) is None

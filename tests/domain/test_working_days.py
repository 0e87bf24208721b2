"""Working days and the statutory clock, checked against GOV.UK's published bank holidays."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnerboard.domain.reviews import DeadlineState, add_months, review_deadlines
from partnerboard.domain.working_days import (
    add_working_days,
    bank_holiday,
    working_days_before,
    working_days_between,
)

# England and Wales bank holidays as published on gov.uk/bank-holidays (typed in by hand, so
# that the library is checked against the source rather than against itself).
GOV_UK = {
    date(2026, 1, 1), date(2026, 4, 3), date(2026, 4, 6), date(2026, 5, 4),
    date(2026, 5, 25), date(2026, 8, 31), date(2026, 12, 25), date(2026, 12, 28),
    date(2027, 1, 1), date(2027, 3, 26), date(2027, 3, 29), date(2027, 5, 3),
    date(2027, 5, 31), date(2027, 8, 30), date(2027, 12, 27), date(2027, 12, 28),
}  # fmt: skip


def by_hand(start: date, days: int) -> date:
    day, counted = start, 0
    while counted < days:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in GOV_UK:
            counted += 1
    return day


def test_the_library_knows_the_published_bank_holidays():
    every_day = (date(2026, 1, 1) + timedelta(days=n) for n in range(730))
    found = {d for d in every_day if d.weekday() < 5 and bank_holiday(d)}
    assert found == GOV_UK


def test_weekends_are_not_counted():
    total = add_working_days(date(2026, 6, 11), 5)  # a Thursday, no bank holiday near
    assert total.due == date(2026, 6, 18)
    assert total.skipped == ()
    assert total.explain("aware") == "aware Thu 11/06/2026 + 5 working days = Thu 18/06/2026"


def test_becoming_aware_at_the_weekend_counts_from_monday():
    assert add_working_days(date(2026, 6, 13), 1).due == date(2026, 6, 15)  # Sat -> Mon
    assert add_working_days(date(2026, 6, 14), 5).due == date(2026, 6, 19)  # Sun -> Fri


def test_a_notification_on_the_friday_before_a_bank_holiday_monday():
    total = add_working_days(date(2026, 5, 22), 5)
    assert total.due == date(2026, 6, 1)
    assert total.explain("aware") == (
        "aware Fri 22/05/2026 + 5 working days, skipping Mon 25/05/2026 (Spring bank holiday) "
        "= Mon 01/06/2026"
    )


def test_christmas_and_the_substitute_boxing_day():
    total = add_working_days(date(2026, 12, 22), 5)
    assert total.due == date(2026, 12, 31)
    assert [d for d, _ in total.skipped] == [date(2026, 12, 25), date(2026, 12, 28)]
    assert "Fri 25/12/2026 (Christmas Day)" in total.explain("aware")
    assert "Mon 28/12/2026 (Boxing Day, substitute day)" in total.explain("aware")


def test_a_rapid_review_over_christmas_and_new_year():
    total = add_working_days(date(2026, 12, 18), 15)
    assert total.due == date(2027, 1, 13)
    assert [d for d, _ in total.skipped] == [
        date(2026, 12, 25),
        date(2026, 12, 28),
        date(2027, 1, 1),
    ]


def test_easter_good_friday_and_easter_monday():
    five = add_working_days(date(2026, 4, 1), 5)
    assert five.due == date(2026, 4, 10)
    assert five.explain("aware") == (
        "aware Wed 01/04/2026 + 5 working days, skipping Fri 03/04/2026 (Good Friday), "
        "Mon 06/04/2026 (Easter Monday) = Fri 10/04/2026"
    )
    assert add_working_days(date(2027, 3, 19), 15).due == date(2027, 4, 13)


@given(
    start=st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 11, 30)),
    days=st.integers(min_value=1, max_value=20),
)
def test_any_sum_agrees_with_counting_by_hand(start, days):
    total = add_working_days(start, days)
    assert total.due == by_hand(start, days)
    assert working_days_between(start, total.due) == days
    assert working_days_before(total.due, days) <= total.due
    assert add_working_days(working_days_before(total.due, days), days).due == total.due


def test_counting_needs_at_least_one_day():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 1, 5), 0)


def test_six_months_keeps_the_day_or_takes_the_months_last():
    assert add_months(date(2026, 6, 15), 6) == (date(2026, 12, 15), False)
    assert add_months(date(2026, 8, 31), 6) == (date(2027, 2, 28), True)
    assert add_months(date(2027, 8, 31), 6) == (date(2028, 2, 29), True)


def clock(**dates):
    base = {
        "kind": "rapid_review",
        "aware_on": date(2026, 5, 22),
        "notified_on": None,
        "rapid_review_on": None,
        "decision": None,
        "decision_on": None,
        "published_on": None,
        "today": date(2026, 5, 27),
    }
    base.update(dates)
    return {d.key: d for d in review_deadlines(**base)}


def test_a_rapid_review_has_two_deadlines_and_their_states():
    due = clock()
    assert set(due) == {"notify", "rapid_review"}
    assert due["notify"].due == date(2026, 6, 1) and due["notify"].state == DeadlineState.DUE
    assert due["notify"].status_text(date(2026, 5, 27)) == "due in 5 days"
    assert due["rapid_review"].due == date(2026, 6, 15)
    late = clock(today=date(2026, 6, 3))["notify"]
    assert late.state == DeadlineState.OVERDUE
    assert late.status_text(date(2026, 6, 3)) == "overdue by 2 working days"
    met = clock(notified_on=date(2026, 5, 29))["notify"]
    assert met.state == DeadlineState.MET
    assert met.status_text(date(2026, 6, 3)) == "done Fri 29/05/2026, on time"
    slow = clock(notified_on=date(2026, 6, 2))["notify"]
    assert slow.state == DeadlineState.LATE
    assert slow.status_text(date(2026, 6, 3)) == "done Tue 02/06/2026, 1 working day late"
    closed = clock(today=date(2026, 7, 1), closed=True)["rapid_review"]
    assert closed.state == DeadlineState.NOT_RECORDED and not closed.outstanding


def test_publication_follows_the_decision_to_hold_a_local_review():
    waiting = clock(decision="lcspr")["publication"]
    assert waiting.due is None and waiting.state == DeadlineState.WAITING
    assert "no decision date recorded yet" in waiting.explanation
    set_ = clock(decision="lcspr", decision_on=date(2026, 8, 31))["publication"]
    assert set_.due == date(2027, 2, 28)
    assert set_.explanation == (
        "decision Mon 31/08/2026 + 6 months = Sun 28/02/2027 (the last day of February)"
    )
    assert set(clock(decision="no_further", decision_on=date(2026, 6, 12))) == {
        "notify",
        "rapid_review",
    }


def test_serious_case_reviews_and_other_reviews_have_no_clock():
    assert clock(kind="scr") == {}
    assert clock(kind="other") == {}
    assert set(clock(kind="lcspr")) == {"notify", "rapid_review", "publication"}


def test_the_shipped_table_agrees_with_the_library_year_by_year():
    """The table the app reads (made by tools/make_bank_holidays.py) must match the library."""
    from partnerboard.domain import bank_holidays_england as table
    from partnerboard.domain.working_days import library_bank_holidays

    for year in range(table.FIRST_YEAR, table.LAST_YEAR + 1):
        shipped = {d: n for d, n in table.BANK_HOLIDAYS.items() if d.year == year}
        assert shipped == library_bank_holidays(year), year
    assert table.BANK_HOLIDAYS[date(2023, 5, 8)] == "Coronation of Charles III"

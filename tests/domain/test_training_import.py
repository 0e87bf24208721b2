"""Reading the cells and headings of booking sites' and forms tools' exports."""

from __future__ import annotations

from datetime import datetime

import pytest

from partnerboard.domain.training import BookingStatus, read_rating
from partnerboard.domain.training_import import (
    date_order,
    guess_ratings,
    read_attended,
    read_status,
    read_when,
)

OUTCOMES = ("Recognise the signs of chronic neglect", "Make a multi-agency referral")


@pytest.mark.parametrize(
    ("cell", "rating"),
    [(4, 4), (4.0, 4), ("4", 4), ("4 - Confident", 4), ("3 out of 5", 3), ("2/5", 2),
     ("Very confident", 5), ("not at all confident", 1), ("Somewhat confident", 3), (None, None),
     ("  ", None)],
)  # fmt: skip
def test_ratings_as_forms_tools_write_them(cell, rating):
    assert read_rating(cell) == rating


@pytest.mark.parametrize("cell", [0, 6, 3.5, "3.5", "12 hours", "very", True])
def test_what_is_not_a_rating_is_said(cell):
    with pytest.raises(ValueError, match="is not a rating from 1 to 5"):
        read_rating(cell)


def test_statuses_of_booking_sites():
    assert read_status("Attending") is BookingStatus.BOOKED
    assert read_status("Checked In") is BookingStatus.ATTENDED
    assert read_status("Not Attending") is BookingStatus.CANCELLED
    assert read_status("Refunded/Canceled") is BookingStatus.CANCELLED
    assert read_status("waitlisted") is BookingStatus.WAITING
    assert read_status("No show") is BookingStatus.DID_NOT_ATTEND
    assert read_status("Late cancellation") is BookingStatus.CANCELLED_LATE
    assert read_status("") is None
    with pytest.raises(ValueError, match="“Maybe” is not a booking status"):
        read_status("Maybe")
    assert (read_attended("Yes"), read_attended("n"), read_attended(None)) == (True, False, None)


def test_a_column_of_dates_is_read_the_way_its_country_writes_them():
    us = ["11/29/24 22:28", "3/4/25 9:00"]
    assert date_order(us) == "mdy"
    assert read_when(us[1], "mdy") == datetime(2025, 3, 4, 9, 0)
    uk = ["29/11/2024", "03/04/2025"]
    assert date_order(uk) == "dmy" and read_when(uk[1]) == datetime(2025, 4, 3)
    assert date_order(["03/04/2025"]) == "dmy"  # undecided: the UK reading
    with pytest.raises(ValueError, match="both day-first and month-first"):
        date_order(["29/11/2024", "11/29/2024"])
    assert read_when("2025-04-03T10:30:00Z") == datetime(2025, 4, 3, 10, 30)
    assert read_when("3/4/25 2:15 pm", "mdy") == datetime(2025, 3, 4, 14, 15)
    with pytest.raises(ValueError, match="not a real date"):
        read_when("31/02/2025")


def test_rating_columns_are_found_by_the_words_of_the_outcomes():
    likert = ["ID", "Start time", *OUTCOMES, *(f"{o}2" for o in OUTCOMES), "Comments"]
    assert guess_ratings(likert, OUTCOMES) == {"before1": 2, "before2": 3, "after1": 4, "after2": 5}
    told = ["After: referral across agencies (multi-agency referral)",
            "Before the course - signs of chronic neglect", "Outcome 2 before"]  # fmt: skip
    assert guess_ratings(told, OUTCOMES) == {"after2": 0, "before1": 1, "before2": 2}
    assert guess_ratings(["Start time", "Name", "Neglect"], OUTCOMES) == {}

"""A small training programme on an empty database, and export files written in the layouts of
the tools partnerships use (never from the app's own export).

Layouts, as the tools write them:
- Eventbrite's attendee report (CSV): Order #, Order Date (the US account's 11/29/24 22:28),
  First Name, Last Name, Email, Quantity, Price Tier, Ticket Type, Attendee #, Group,
  Order Type, Currency, Total Paid, Fees Paid, Eventbrite Fees, Eventbrite Payment Processing,
  Attendee Status (Attending, Checked In, Not Attending), then the organiser's questions
  (here Job Title and Company);
- Bookwhen's booking report: Event starts, Attendee first name …, Attended? (Yes/No);
- Microsoft Forms' Excel export (sheet Form1): ID, Start time, Completion time, Email, Name,
  Last modified time, then one column per question: a Likert question one column per
  statement, the second copy of a statement numbered ("…2"); Email "anonymous" when the form
  does not record names.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from partnerboard.db.database import Database
from partnerboard.services import partnership as p
from partnerboard.services import training
from tests.clock import TODAY

OUTCOMES = (
    "Recognise the signs of chronic neglect",
    "Use the neglect toolkit with a family",
    "Make a multi-agency referral",
)

EVENTBRITE = [
    "Order #", "Order Date", "First Name", "Last Name", "Email", "Quantity", "Price Tier",
    "Ticket Type", "Attendee #", "Group", "Order Type", "Currency", "Total Paid", "Fees Paid",
    "Eventbrite Fees", "Eventbrite Payment Processing", "Attendee Status", "Job Title", "Company",
]  # fmt: skip


def eventbrite_row(
    number: int, first: str, last: str, email: str, status: str, job: str, company: str,
    ordered: str = "11/02/26 09:15",
) -> list[str]:  # fmt: skip
    return [
        str(11211912240 + number), ordered, first, last, email, "1", "", "General Admission",
        str(18441583420 + number), "", "Free Order", "GBP", "0", "0", "0", "0", status, job,
        company,
    ]  # fmt: skip


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


FORMS_START = ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time"]


def write_forms_xlsx(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    """A Microsoft Forms 'Open in Excel' download: one sheet, Form1, a table of responses."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Form1"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


@dataclass
class TrainingWorld:
    db: Database
    agencies: dict[str, int]
    course: training.CourseRow
    held: training.SessionRow  # two weeks ago, 10 places
    coming: training.SessionRow  # in three weeks, 10 places


def make_world(db: Database) -> TrainingWorld:
    agencies = {}
    for key, name, short, sector, email in (
        ("police", "Wrenfield Constabulary", "Police", "police", "safeguarding@wrenfield.police.uk"),
        ("health", "Wrenfield Community Health NHS Trust", "WCH", "health", "safeguarding@wch.nhs.uk"),
        ("council", "Wrenfield County Council", "WCC", "local_authority", "childrens@wrenfield.gov.uk"),
        ("school", "Heronsgate Academy", "Heronsgate", "education", None),
    ):  # fmt: skip
        agencies[key] = p.save_agency(db, p.AgencyInput(name, sector, short, email=email)).id
    course = training.save_course(
        db,
        training.CourseInput(
            "NEG-1", "Neglect toolkit", "Neglect", "intermediate", outcomes=list(OUTCOMES),
            target_trained=300, duration_minutes=180,
        ),
    )  # fmt: skip
    held = training.save_session(
        db,
        training.SessionInput(course.id, TODAY - timedelta(days=14), time(9, 30), time(12, 30),
                              "venue", "County Hall", 10),
    )  # fmt: skip
    coming = training.save_session(
        db,
        training.SessionInput(course.id, TODAY + timedelta(days=21), time(13, 30), time(16, 30),
                              "online", "Microsoft Teams", 10),
    )  # fmt: skip
    return TrainingWorld(db, agencies, course, held, coming)


@pytest.fixture
def training_world(db) -> TrainingWorld:
    return make_world(db)


def us_date(day: date, at: time = time(9, 15)) -> str:
    """How Eventbrite's US export writes a date: 11/29/24 22:28."""
    return f"{day.month}/{day.day}/{day.year % 100:02d} {at:%H:%M}"


def submitted(day: date, hour: int = 16) -> datetime:
    return datetime.combine(day, time(hour, 5))

"""Bookings from a booking site's export: Eventbrite's attendee report and a Bookwhen-style
workbook, written in the test in those tools' layouts; whole or not at all."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from partnerboard.db.models.training import TrainingBooking, TrainingPractitioner
from partnerboard.domain.training import BookingStatus
from partnerboard.services import training
from partnerboard.services.training.figures import training_figures
from tests.clock import TODAY
from tests.fixtures_training import (
    EVENTBRITE,
    TrainingWorld,
    eventbrite_row,
    us_date,
    write_csv,
    write_forms_xlsx,
)


def _counts(db) -> tuple[int, int]:
    with db.reader() as session:
        return (
            session.scalar(select(func.count()).select_from(TrainingBooking)),
            session.scalar(select(func.count()).select_from(TrainingPractitioner)),
        )


def _statuses(db, session_id: int) -> dict[str, BookingStatus]:
    return {b.email: b.status for b in training.list_bookings(db, session_id)}


def test_an_eventbrite_attendee_report_imports_with_agencies_placed(training_world, tmp_path):
    w: TrainingWorld = training_world
    ordered = us_date(TODAY - timedelta(days=40))  # 10/14/26: month first, as a US account writes
    rows = [
        eventbrite_row(1, "Anna", "Smith", "anna.smith@wrenfield.police.uk", "Checked In", "DS", "Wrenfield Constabulary", ordered),
        eventbrite_row(2, "Ben", "Jones", "ben.jones@wch.nhs.uk", "Checked In", "Health Visitor", "", "11/29/26 22:28"),
        eventbrite_row(3, "Cara", "Khan", "cara.khan@wrenfield.gov.uk", "Attending", "Social Worker", "Children's services (WCC)", ordered),
        eventbrite_row(4, "Dev", "Patel", "dev@gmail.com", "Not Attending", "Youth worker", "Wrenfield Scouts", ordered),
        eventbrite_row(5, "Eve", "Wood", "eve.wood@heronsgate.sch.uk", "Checked In", "DSL", "Heronsgate Academy", ordered),
        eventbrite_row(6, "Fay", "Lee", "fay.lee@nhs.net", "Checked In", "Midwife", "NHS", ordered),
    ]  # fmt: skip
    path = write_csv(tmp_path / "attendees.csv", EVENTBRITE, rows)

    result = training.import_bookings(w.db, path, session_id=w.held.id)

    assert result.ok and result.written and result.added == 6
    assert (
        result.mapping["Agency"] == "Company"
        and result.mapping["Booking status"] == "Attendee Status"
    )
    statuses = _statuses(w.db, w.held.id)
    assert statuses == {
        "anna.smith@wrenfield.police.uk": BookingStatus.ATTENDED,
        "ben.jones@wch.nhs.uk": BookingStatus.ATTENDED,
        "cara.khan@wrenfield.gov.uk": BookingStatus.BOOKED,
        "dev@gmail.com": BookingStatus.CANCELLED,
        "eve.wood@heronsgate.sch.uk": BookingStatus.ATTENDED,
        "fay.lee@nhs.net": BookingStatus.ATTENDED,
    }
    agencies = {b.email: b.agency for b in training.list_bookings(w.db, w.held.id)}
    # By name; by the agency's e-mail domain (no Company given, or one not of the register);
    # by the words of one agency's name.
    assert agencies["anna.smith@wrenfield.police.uk"] == "Wrenfield Constabulary"
    assert agencies["ben.jones@wch.nhs.uk"] == "Wrenfield Community Health NHS Trust"
    assert agencies["cara.khan@wrenfield.gov.uk"] == "Wrenfield County Council"
    assert agencies["eve.wood@heronsgate.sch.uk"] == "Heronsgate Academy"
    # Not placed: named clearly, with the rows, and kept as written on the booking.
    unplaced = {u.what: u for u in result.unplaced}
    assert set(unplaced) == {"“NHS”", "“Wrenfield Scouts”"}
    assert unplaced["“Wrenfield Scouts”"].rows == (5,)
    assert "gmail.com" in unplaced["“Wrenfield Scouts”"].why
    dev = next(b for b in training.list_bookings(w.db, w.held.id) if b.email == "dev@gmail.com")
    assert dev.agency is None and dev.agency_text == "Not placed: Wrenfield Scouts"
    # The US order date was read month first.
    assert dev.booked_on == TODAY - timedelta(days=40)


def test_a_later_export_records_check_ins_and_never_undoes_an_outcome(training_world, tmp_path):
    w = training_world
    first = [
        eventbrite_row(1, "Anna", "Smith", "anna@wrenfield.police.uk", "Attending", "DS", "Police"),
        eventbrite_row(2, "Ben", "Jones", "ben@wch.nhs.uk", "Attending", "HV", "WCH"),
    ]
    training.import_bookings(
        w.db, write_csv(tmp_path / "a.csv", EVENTBRITE, first), session_id=w.held.id
    )
    ben = next(b for b in training.list_bookings(w.db, w.held.id) if b.email == "ben@wch.nhs.uk")
    training.set_status(w.db, ben.id, BookingStatus.DID_NOT_ATTEND)  # recorded by hand meanwhile
    later = [
        eventbrite_row(
            1, "Anna", "Smith", "anna@wrenfield.police.uk", "Checked In", "DS", "Police"
        ),
        eventbrite_row(2, "Ben", "Jones", "ben@wch.nhs.uk", "Attending", "HV", "WCH"),
    ]
    result = training.import_bookings(
        w.db, write_csv(tmp_path / "b.csv", EVENTBRITE, later), session_id=w.held.id
    )
    assert (result.added, result.updated, result.unchanged) == (0, 1, 1)
    assert _statuses(w.db, w.held.id) == {
        "anna@wrenfield.police.uk": BookingStatus.ATTENDED,
        "ben@wch.nhs.uk": BookingStatus.DID_NOT_ATTEND,
    }
    assert _counts(w.db) == (2, 2)


def test_a_broken_export_is_refused_whole_with_its_rows_named(training_world, tmp_path):
    w = training_world
    rows = [
        eventbrite_row(1, "Anna", "Smith", "anna@wrenfield.police.uk", "Attending", "DS", "Police"),
        eventbrite_row(2, "Ben", "Jones", "ben(at)wch.nhs.uk", "Attending", "HV", "WCH"),
        eventbrite_row(3, "Cara", "Khan", "cara@wrenfield.gov.uk", "Maybe", "SW", "WCC"),
        eventbrite_row(4, "", "", "", "Attending", "", ""),
        eventbrite_row(5, "Anna", "Smith", "ANNA@wrenfield.police.uk", "Attending", "DS", "Police"),
    ]
    before = _counts(w.db)
    result = training.import_bookings(
        w.db, write_csv(tmp_path / "broken.csv", EVENTBRITE, rows), session_id=w.held.id
    )
    assert not result.ok and not result.written and result.added == 0
    problems = {p.row: p.message for p in result.problems}
    assert set(problems) == {3, 4, 5, 6}  # spreadsheet rows (the header is row 1)
    assert "“ben(at)wch.nhs.uk” is not an e-mail address" in problems[3]
    assert "“Maybe” is not a booking status" in problems[4]
    assert problems[5] == "No name."
    assert "same person as row 2" in problems[6]
    assert "nothing imported" in result.summary()
    assert _counts(w.db) == before  # whole or not at all
    # Checked in to a session that has not happened: refused too.
    early = [eventbrite_row(1, "Anna", "Smith", "anna@x.uk", "Checked In", "DS", "Police")]
    result = training.import_bookings(
        w.db, write_csv(tmp_path / "early.csv", EVENTBRITE, early), session_id=w.coming.id
    )
    assert [p.row for p in result.problems] == [2]
    assert "has not taken place yet" in result.problems[0].message
    assert _counts(w.db) == before


def test_a_course_workbook_says_which_session_each_row_is_for(training_world, tmp_path, resave):
    """A Bookwhen-style booking report (Event starts, Attended?) for every session of a
    course, as an Excel workbook re-saved by LibreOffice."""
    w = training_world
    header = ["Event starts", "Attendee first name", "Attendee last name", "Attendee email",
              "Organisation", "Attendance status", "Attended?"]  # fmt: skip
    held, coming = w.held.starts_at, w.coming.starts_at
    rows = [
        [held, "Anna", "Smith", "anna@wrenfield.police.uk", "Wrenfield Constabulary", "Complete", "Yes"],
        [held, "Ben", "Jones", "ben@wch.nhs.uk", "WCH", "Complete", "No"],
        [coming, "Cara", "Khan", "cara@wrenfield.gov.uk", "WCC", "Complete", None],
    ]  # fmt: skip
    path = resave(write_forms_xlsx(tmp_path / "bookwhen.xlsx", header, rows))
    result = training.import_bookings(w.db, path, course_id=w.course.id)
    assert result.ok and result.added == 3, result.lines()
    assert _statuses(w.db, w.held.id) == {
        "anna@wrenfield.police.uk": BookingStatus.ATTENDED,
        "ben@wch.nhs.uk": BookingStatus.DID_NOT_ATTEND,
    }
    assert _statuses(w.db, w.coming.id) == {"cara@wrenfield.gov.uk": BookingStatus.BOOKED}
    # A date with no session of the course is a row it cannot read.
    rows.append([held + timedelta(days=2), "Dev", "Patel", "dev@x.uk", "WCC", "Complete", None])
    bad = write_forms_xlsx(tmp_path / "bad.xlsx", header, rows)
    result = training.import_bookings(w.db, bad, course_id=w.course.id)
    assert [p.row for p in result.problems] == [5]
    assert "No session of course NEG-1 on" in result.problems[0].message


def test_headings_a_tool_names_its_own_way_are_mapped(training_world, tmp_path):
    w = training_world
    header = ["Delegate", "Contact", "Which team are you in?", "State"]
    rows = [["Anna Smith", "anna@wrenfield.police.uk", "Wrenfield Constabulary", "Booked"]]
    path = write_csv(tmp_path / "sheet.csv", header, rows)
    checked = training.import_bookings(w.db, path, session_id=w.coming.id, dry_run=True)
    assert checked.mapping == {"Name": "Delegate"}  # the rest is not recognised
    assert not checked.written and training.list_bookings(w.db, w.coming.id) == []
    given = ["email=Contact", "agency=C", "status=state"]
    result = training.import_bookings(w.db, path, session_id=w.coming.id, given=given)
    assert result.ok and result.mapping["Agency"] == "Which team are you in?"
    (booking,) = training.list_bookings(w.db, w.coming.id)
    assert (booking.email, booking.agency) == ("anna@wrenfield.police.uk", "Wrenfield Constabulary")


def test_places_filled_and_did_not_attend_rate_count_the_imported_places(training_world, tmp_path):
    w = training_world
    statuses = ["Checked In"] * 6 + [
        "Attending",
        "Not Attending",
        "Did not attend",
        "Cancelled late",
    ]
    rows = [
        eventbrite_row(n, f"P{n}", "Test", f"p{n}@wrenfield.police.uk", s, "PC", "Police")
        for n, s in enumerate(statuses, start=1)
    ]
    training.import_bookings(
        w.db, write_csv(tmp_path / "a.csv", EVENTBRITE, rows), session_id=w.held.id
    )
    f = training_figures(w.db)
    # Hand count: held = 6 attended + 1 booked + 1 DNA + 1 late = 9 of 10 places;
    # on the day = 6 + 1 + 1 = 8; did not attend 1 of 8.
    assert (f.whole.held, f.whole.offered) == (9, 10)
    assert str(f.whole.fill) == "90% (9 of 10)"
    assert str(f.whole.dna_rate) == "13% (1 of 8)"
    assert f.whole.lost == 2
    police = next(t for t in f.by_agency if t.name == "Wrenfield Constabulary")
    assert (police.attended, police.did_not_attend, police.cancelled_late) == (6, 1, 1)

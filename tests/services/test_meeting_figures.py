"""Attendance figures: held meetings only, deputies apart, guests never; and their workbook."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook

from partnerboard.exports.attendance_xlsx import write_attendance_xlsx
from partnerboard.services.meetings import attendance, figures, meetings
from partnerboard.services.meetings.attendance import AttendanceInput
from tests.clock import pin
from tests.services.meeting_fixtures import full_meeting, meeting_on


def test_figures_count_held_meetings_with_deputies_apart(db):
    pin(db, date(2026, 12, 31))  # the year's meetings are all in the past: they can be held
    made = full_meeting(db)  # Dev Patel sent a deputy, Gus Ward sent apologies, a guest came
    board = made.board
    second = meeting_on(db, board, date(2026, 12, 8), status="held")
    register = attendance.get_register(db, second)
    gus = next(line for line in register.lines if line.person_name == "Gus Ward <b>")
    attendance.save_attendance(db, gus.id, AttendanceInput("absent"))
    cancelled = meeting_on(db, board, date(2026, 10, 13))
    meetings.set_status(db, cancelled, "cancelled")
    meeting_on(db, board, date(2027, 1, 12))  # planned: not counted
    result = figures.attendance_figures(db, date(2026, 1, 1), date(2026, 12, 31))
    assert result.meetings == 2
    by_member = {t.name: t for t in result.members}
    assert "Iris Vale" not in by_member  # guests are not counted
    dev = by_member["Dev Patel"]
    assert (dev.expected, dev.present, dev.deputy) == (2, 1, 1)
    assert (dev.rate, dev.rate_with_deputies) == (0.5, 1.0)
    gus = by_member["Gus Ward <b>"]
    assert (gus.apologies, gus.absent, gus.rate) == (1, 1, 0.0)
    assert by_member["Faye Ng"].online == 1
    police = next(t for t in result.agencies if t.name == "Tamshire Police")
    assert (police.expected, police.attended, police.deputy) == (2, 1, 1)
    independent = next(t for t in result.agencies if t.name.startswith("No agency"))
    assert independent.expected == 2  # the independent chair
    only_december = figures.attendance_figures(db, date(2026, 12, 1), date(2026, 12, 31))
    assert only_december.meetings == 1


def test_the_workbook_keeps_names_as_text_and_rates_as_numbers(db, tmp_path):
    from partnerboard.services import partnership as p

    made = full_meeting(db)
    p.save_person(
        db,
        p.PersonInput(
            '=HYPERLINK("http://x","click")\x07', agency_id=made.board.agencies["charity"]
        ),
        person_id=made.board.people["ceo"],
    )
    result = figures.attendance_figures(db, date(2026, 1, 1), date(2026, 12, 31))
    path = write_attendance_xlsx(result, tmp_path / "attendance.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["About", "By agency", "By member"]
    members = book["By member"]
    header = [c.value for c in members[1]]
    assert header[:3] == ["Member", "Agency", "Meetings expected"]
    rows = {row[0].value: row for row in members.iter_rows(min_row=2)}
    hostile = next(name for name in rows if name.startswith("=HYPERLINK"))
    assert rows[hostile][0].data_type == "s" and "\x07" not in hostile
    dev = rows["Dev Patel"]
    assert dev[2].value == 1 and dev[5].value == 1
    assert dev[-2].value == 0 and dev[-1].value == 1 and dev[-1].number_format == "0%"
    assert book["About"]["B2"].value == "01/01/2026 to 31/12/2026"

"""What partners are sent is right: their own deadline, who leads each action, when to reply,
which rows are overdue; and "overdue" in a paper is as at the day the paper is about."""

from __future__ import annotations

from datetime import timedelta

import openpyxl

from partnerboard.domain.dates import format_date
from partnerboard.services import actions
from partnerboard.services import section11 as s11
from partnerboard.services.meetings import matters, meetings
from partnerboard.workbooks.action_update import layout as L
from partnerboard.workbooks.action_update.template import REPLY_DAYS, write_template
from partnerboard.workbooks.section11 import layout as S
from partnerboard.workbooks.section11.template import round_context
from partnerboard.workbooks.section11.template import write_template as write_s11
from tests.clock import TODAY


def facts(sheet) -> dict[str, object]:
    return {sheet.cell(r, 1).value: sheet.cell(r, 2).value for r in range(1, sheet.max_row + 1)}


def test_a_template_carries_the_agencys_own_deadline(world, tmp_path):
    round_deadline = world.round.deadline
    assert round_deadline is not None
    police = s11.find_return(world.db, world.round.id, world.police.id)
    extended = round_deadline + timedelta(days=14)
    s11.extend_deadline(world.db, police.id, extended)
    context = round_context(world.db, world.round.id)
    police_path = write_s11(world.db, context, world.police.id, tmp_path / "p.xlsx")
    health_path = write_s11(world.db, context, world.health.id, tmp_path / "h.xlsx")
    police_book = openpyxl.load_workbook(police_path)
    wanted = (
        f"{format_date(extended)} (extended for your agency from {format_date(round_deadline)})"
    )
    assert facts(police_book["Instructions"])["Deadline"] == wanted
    assert police_book[S.ASSESSMENT_SHEET]["B3"].value == wanted
    health_book = openpyxl.load_workbook(health_path)
    assert facts(health_book["Instructions"])["Deadline"] == format_date(round_deadline)


def test_action_update_names_each_lead_gives_a_reply_date_and_marks_overdue_rows(demo_db, tmp_path):
    rows = [r for r in actions.list_actions(demo_db, include_closed=False) if r.lead_agency_id]
    by_agency: dict[int, list] = {}
    for row in rows:
        by_agency.setdefault(row.lead_agency_id, []).append(row)
    agency_id, chosen = max(by_agency.items(), key=lambda item: len(item[1]))
    assert any(r.overdue(TODAY) for r in chosen) and any(not r.overdue(TODAY) for r in chosen)
    path = tmp_path / "update.xlsx"
    write_template(demo_db, agency_id, path, today=TODAY)
    book = openpyxl.load_workbook(path)
    reply_by = format_date(TODAY + timedelta(days=REPLY_DAYS))
    assert facts(book["Instructions"])["Reply by"] == reply_by
    sheet = book[L.UPDATES_SHEET]
    assert reply_by in sheet["A2"].value
    assert sheet[f"{L.LEAD.letter}{L.HEADER_ROW}"].value == "Lead"
    by_reference = {r.reference: r for r in chosen}
    for line in range(L.FIRST_ROW, L.FIRST_ROW + len(chosen)):
        row = by_reference[sheet[f"A{line}"].value]
        lead = sheet[f"{L.LEAD.letter}{line}"].value
        assert lead and (row.lead or row.agency) in lead
        due = sheet[f"{L.DUE.letter}{line}"]
        if row.overdue(TODAY):
            assert due.value == f"{format_date(row.due_on)}\nOverdue"
            assert due.fill.fgColor.rgb.endswith("C62828")
        else:
            assert "Overdue" not in str(due.value)


def test_a_future_meetings_agenda_shows_overdue_as_at_today_and_never_for_green(demo_db):
    planned = [m for m in meetings.list_meetings(demo_db) if m.starts_at.date() > TODAY]
    rows = [(m, matters.matters_arising(demo_db, m.id)) for m in planned]
    meeting, open_actions = max(rows, key=lambda pair: len(pair[1]))
    day = meeting.starts_at.date()
    assert open_actions
    for row in open_actions:
        # As at today: due after today is not overdue, however far off the meeting is.
        if row.due_on is not None and TODAY <= row.due_on < day:
            assert not row.overdue, row.reference
        if row.rag == "green":
            assert not row.overdue, row.reference  # complete, waiting to be closed
    assert any(r.due_on and TODAY <= r.due_on < day for m, rs in rows for r in rs)
    green_late = [
        r for r in actions.list_actions(demo_db, include_closed=False)
        if r.rag and r.rag.value == "green" and r.due_on and r.due_on < TODAY
    ]  # fmt: skip
    assert green_late and not any(r.overdue(TODAY) for r in green_late)

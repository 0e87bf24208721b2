"""Action update templates out, partner updates in: filled in, re-saved by LibreOffice, imported
as proposed updates; accepting them changes the RAGs and the history. Chasers go to exactly
the agencies with actions overdue or due soon."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from partnerboard.cli import main
from partnerboard.domain.actions import Rag, UpdateState, needs_chasing
from partnerboard.errors import ValidationFailed
from partnerboard.services import actions
from partnerboard.services.partnership import find_agency, get_agency
from partnerboard.workbooks.action_update import layout as L
from partnerboard.workbooks.action_update.template import write_template, write_templates
from partnerboard.workbooks.importer import FileStatus, import_paths
from partnerboard.workbooks.metadata import META_SHEET
from tests.clock import TODAY, pin

SIGNED = {"B3": "Dana Whitlow", "B4": "Detective Inspector", "B5": "dana.whitlow@police.example"}


def template_rows(path: Path) -> list[tuple[int, int, str]]:
    book = load_workbook(path)
    meta = book[META_SHEET]
    values = {meta.cell(r, 1).value: meta.cell(r, 2).value for r in range(3, meta.max_row + 1)}
    return [tuple(r) for r in json.loads(values[L.META_ROWS])]


def fill(
    template: Path, target: Path, answers: dict[str, tuple], signed: dict | None = None
) -> Path:
    """Type into the template as a partner would: answers by reference (progress, RAG, date, why)."""
    book = load_workbook(template)
    sheet = book[L.UPDATES_SHEET]
    lines = {sheet.cell(r, 1).value: r for r in range(L.FIRST_ROW, sheet.max_row + 1)}
    for reference, values in answers.items():
        for column, value in zip(L.INPUT_COLUMNS, values, strict=False):
            sheet[f"{column.letter}{lines[reference]}"] = value
    sign = book[L.SIGN_OFF_SHEET]
    for ref, value in {**SIGNED, "B6": TODAY, **(signed or {})}.items():
        sign[ref] = value
    book.save(target)
    return target


def police(db) -> int:
    return find_agency(db, "Wrenfield Constabulary").id


def test_a_filled_template_resaved_by_libreoffice_arrives_as_proposed_updates(
    demo_db, tmp_path, resave
):
    agency_id = police(demo_db)
    template = tmp_path / "police.xlsx"
    count = write_template(demo_db, agency_id, template)
    rows = {
        r.reference: r
        for r in actions.list_actions(demo_db)
        if r.lead_agency_id == agency_id and r.is_open
    }
    assert count == len(rows) >= 2
    assert [ref for _, _, ref in template_rows(template)] == sorted(
        rows, key=lambda r: rows[r].reference_key
    )
    first, second = sorted(rows, key=lambda r: rows[r].reference_key)[:2]
    new_due = TODAY + timedelta(days=120)
    filled = fill(
        template,
        tmp_path / "police-filled.xlsx",
        {
            first: ("Guidance published on 1 November.\n\n- all officers briefed", "Green"),
            second: ("Half the sessions held.", "Amber", new_due, "Trainer off sick for a month"),
        },
    )
    returned = resave(filled)  # what comes back from a partner using LibreOffice
    report = import_paths(demo_db, [returned])
    assert report.ok, report.to_json()
    assert report.files[0].status is FileStatus.IMPORTED and report.files[0].records == 2
    waiting = {p.reference: p for p in actions.list_proposals(demo_db, agency_id=agency_id)}
    assert set(waiting) == {first, second}
    proposal = waiting[first]
    assert proposal.proposed_rag is Rag.GREEN and proposal.narrative.startswith(
        "Guidance published"
    )
    assert "- all officers briefed" in proposal.narrative
    assert proposal.author.startswith("Dana Whitlow, Detective Inspector")
    assert "Wrenfield Constabulary" in proposal.author and proposal.update_on == TODAY
    assert waiting[second].proposed_due_on == new_due
    # Nothing changes until business support decides.
    assert actions.get_action_row(demo_db, rows[first].id).rag == rows[first].rag

    # The same return again is recognised, whatever LibreOffice did to its bytes.
    again = import_paths(demo_db, [resave(filled)])
    assert again.files[0].status is FileStatus.UNCHANGED
    assert len(actions.list_proposals(demo_db, agency_id=agency_id)) == 2

    actions.decide_all(demo_db, [p.id for p in waiting.values()], accept=True)
    after_first = actions.get_action(demo_db, rows[first].id)
    assert after_first.row.rag is Rag.GREEN
    accepted = next(h for h in after_first.history if h.kind == "update" and h.rag is Rag.GREEN)
    assert accepted.state is UpdateState.ACCEPTED and accepted.agency == "Police"
    after_second = actions.get_action(demo_db, rows[second].id)
    assert after_second.row.rag is Rag.AMBER and after_second.row.due_on == new_due
    assert any(
        h.kind == "due_changed" and "Trainer off sick" in h.text for h in after_second.history
    )


def test_a_return_with_mistakes_is_rejected_whole_with_cells_named(demo_db, tmp_path):
    agency_id = police(demo_db)
    template = tmp_path / "police.xlsx"
    write_template(demo_db, agency_id, template)
    refs = [ref for _, _, ref in template_rows(template)]
    filled = fill(
        template,
        tmp_path / "bad.xlsx",
        {
            refs[0]: ("Done", "Purple"),
            refs[1]: ("=1+1", "Amber", TODAY + timedelta(days=30)),
        },
        signed={"B5": "not an address"},
    )
    book = load_workbook(filled)
    book[L.UPDATES_SHEET][f"G{L.FIRST_ROW + 1}"] = "=1+1"  # a live formula, not text
    book.save(filled)
    before = actions.count_proposals(demo_db)
    report = import_paths(demo_db, [filled])
    result = report.files[0]
    assert result.status is FileStatus.REJECTED
    where = {(e.sheet, e.cell) for e in result.errors}
    assert (L.UPDATES_SHEET, f"H{L.FIRST_ROW}") in where  # Purple
    assert (L.UPDATES_SHEET, f"G{L.FIRST_ROW + 1}") in where  # formula
    assert (L.UPDATES_SHEET, f"J{L.FIRST_ROW + 1}") in where  # new date without a reason
    assert (L.SIGN_OFF_SHEET, "B5") in where
    assert actions.count_proposals(demo_db) == before  # nothing written


def test_rows_moved_by_the_partner_are_noticed(demo_db, tmp_path):
    template = tmp_path / "police.xlsx"
    write_template(demo_db, police(demo_db), template)
    refs = [ref for _, _, ref in template_rows(template)]
    filled = fill(template, tmp_path / "sorted.xlsx", {refs[0]: ("Done", "Green")})
    book = load_workbook(filled)
    sheet = book[L.UPDATES_SHEET]
    sheet[f"A{L.FIRST_ROW}"], sheet[f"A{L.FIRST_ROW + 1}"] = refs[1], refs[0]
    book.save(filled)
    result = import_paths(demo_db, [filled]).files[0]
    assert result.status is FileStatus.REJECTED
    assert any("rows were moved" in e.message for e in result.errors)


def test_chasers_go_to_agencies_with_actions_due_soon_or_overdue(demo_db, tmp_path):
    open_rows = actions.list_actions(demo_db, include_closed=False)
    # An action rated Green is complete (waiting to be closed): past its date, it is not chased.
    chased = [
        r
        for r in open_rows
        if r.lead_agency_id
        and needs_chasing(r.due_on, "open", TODAY, 45, r.rag.value if r.rag else None)
    ]
    assert any(r.rag and r.rag.value == "green" and r.due_on < TODAY for r in open_rows)
    batch = write_templates(demo_db, tmp_path / "chasers", chaser_days=45)
    assert len(batch.written) == len({r.lead_agency_id for r in chased}) > 0
    listed = set()
    for _agency, path, count in batch.written:
        rows = template_rows(path)
        assert len(rows) == count
        listed |= {action_id for _, action_id, _ in rows}
    assert listed == {r.id for r in chased}
    names = {get_agency(demo_db, r.lead_agency_id).name for r in chased}
    assert {agency for agency, _, _ in batch.written} == names


def test_command_line_templates(demo_db_path, tmp_path, capsys):
    out = tmp_path / "all"
    assert (
        main(["--db", str(demo_db_path), "template", "action-update", "--all", "-o", str(out)]) == 0
    )
    assert "template(s) written" in capsys.readouterr().out
    assert len(list(out.glob("*.xlsx"))) > 3
    one = tmp_path / "police.xlsx"
    code = main(
        [
            "--db",
            str(demo_db_path),
            "template",
            "action-update",
            "--agency",
            "Police",
            "-o",
            str(one),
        ]
    )
    assert code == 0 and one.exists() and "open actions of Police" in capsys.readouterr().out
    chasers = tmp_path / "chasers"
    code = main(
        [
            "--db",
            str(demo_db_path),
            "template",
            "action-update",
            "--due-within",
            "45",
            "-o",
            str(chasers),
        ]
    )
    assert code == 0 and all(p.name.startswith("Action chaser") for p in chasers.glob("*.xlsx"))


def test_a_partner_typed_date_meets_the_same_rule_as_one_typed_in_the_form(demo_db, tmp_path):
    """The sign-off date is the update's date. Dated after today (the database's clock) it is
    refused at its cell with the very message the form gives, and nothing is written; once
    that day has come, the same file imports."""
    agency_id = police(demo_db)
    template = tmp_path / "police.xlsx"
    write_template(demo_db, agency_id, template)
    first = template_rows(template)[0][2]
    tomorrow = TODAY + timedelta(days=1)
    filled = fill(template, tmp_path / "ahead.xlsx", {first: ("Done", "Green")}, {"B6": tomorrow})

    [result] = import_paths(demo_db, [filled]).files
    assert result.status is FileStatus.REJECTED
    assert [(e.sheet, e.cell, e.message) for e in result.errors] == [
        (L.SIGN_OFF_SHEET, "B6", f"{tomorrow:%d/%m/%Y}: {actions.FUTURE_UPDATE}")
    ]
    assert actions.list_proposals(demo_db, agency_id=agency_id) == []

    action_id = next(r.id for r in actions.list_actions(demo_db) if r.reference == first)
    with pytest.raises(ValidationFailed) as refused:
        actions.add_update(demo_db, action_id, actions.UpdateInput(tomorrow, "Done", "green"))
    assert [(e.field, e.message) for e in refused.value.errors] == [
        ("update_on", actions.FUTURE_UPDATE)
    ]

    pin(demo_db, tomorrow)
    [result] = import_paths(demo_db, [filled]).files
    assert result.status is FileStatus.IMPORTED, result.to_json()
    [proposal] = actions.list_proposals(demo_db, agency_id=agency_id)
    assert proposal.update_on == tomorrow

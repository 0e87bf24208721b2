"""Fixtures and helpers for the multi-agency audit tests (real databases and real files).

- `audit_world`: a small partnership with an audit "Neglect 2026" in progress, three agencies
  taking part (police, health, school), one not (a charity), and three cases:
  NG-2026-01 (police, health), NG-2026-02 (health, school), NG-2026-03 (police, school);
- `fill_audit_return`: fills a template with openpyxl as a partner would;
- `snapshot`: every row of every table an import or a refused write could touch.

Test modules import the fixture from here (`from tests.fixtures_audits import audit_world`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from partnerboard.db.database import Database
from partnerboard.services import audits
from partnerboard.services import partnership as partnership_service
from tests.fixtures_s11 import SIGN_OFF

AUDIT_TABLES = (
    "ma_audit", "ma_audit_question", "ma_audit_agency", "ma_case", "ma_case_agency",
    "ma_submission", "ma_case_return", "ma_moderation", "ma_finding", "action",
    "action_update", "setting",
)  # fmt: skip


@dataclass(frozen=True)
class AuditWorld:
    db: Database
    audit: audits.AuditRow
    police: partnership_service.AgencyRow
    health: partnership_service.AgencyRow
    school: partnership_service.AgencyRow
    charity: partnership_service.AgencyRow  # not taking part
    cases: dict[str, audits.CaseRow]  # by reference

    def case(self, number: int) -> audits.CaseRow:
        return self.cases[f"NG-2026-{number:02d}"]


def make_audit_world(db: Database) -> AuditWorld:
    partnership_service.save_partnership(
        db,
        partnership_service.PartnershipInput(
            name="Wrenfield Safeguarding Partnership", short_name="WSP"
        ),
    )
    agency = partnership_service.AgencyInput
    police = partnership_service.save_agency(
        db, agency(name="Wrenfield Constabulary", sector="police", short_name="Police")
    )
    health = partnership_service.save_agency(
        db, agency(name="Wrenfield Community Health", sector="health", short_name="WCH")
    )
    school = partnership_service.save_agency(
        db, agency(name="Heronsgate Academy", sector="education", short_name="Heronsgate")
    )
    charity = partnership_service.save_agency(
        db, agency(name="Open Door Youth Project", sector="voluntary")
    )
    audit = audits.save_audit(
        db,
        audits.AuditInput(
            theme="Neglect",
            title="Neglect 2026",
            period_start=date(2026, 1, 1),
            period_end=date(2026, 3, 31),
            return_deadline=date(2026, 6, 30),
            questions=["Was cumulative harm recognised?", "Were missed appointments followed up?"],
            agency_ids=[police.id, health.id, school.id],
            status="in_progress",
        ),
    )
    cases = {}
    for number, involved in ((1, (police, health)), (2, (health, school)), (3, (police, school))):
        row = audits.save_case(
            db, audit.id, audits.CaseInput(f"NG-2026-{number:02d}", [a.id for a in involved])
        )
        cases[row.reference] = row
    return AuditWorld(db, audits.get_audit(db, audit.id), police, health, school, charity, cases)


@pytest.fixture
def audit_world(db: Database) -> AuditWorld:
    return make_audit_world(db)


def snapshot(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table an audit write could touch, in a stable order."""
    with db.engine.connect() as connection:
        return {
            table: [
                tuple(row) for row in connection.execute(text(f"SELECT * FROM {table} ORDER BY 1"))
            ]
            for table in AUDIT_TABLES
        }


# (involvement, reflection, grade, learning) by case reference
Answer = tuple[Any, Any, Any, Any]
DEFAULT_ANSWER: Answer = (
    "Two home visits and a strategy discussion.",
    "Timely and child-focused; the child's words were recorded.",
    "Good",
    "Keep recording the child's words.",
)


def fill_audit_return(
    template: Path,
    target: Path,
    answers: dict[str, Answer] | None = None,
    sign_off: dict[str, Any] | None = None,
    edit: Callable[[Any], None] | None = None,
) -> Path:
    """Fill a template with openpyxl as a partner would (a date typed as text)."""
    import openpyxl

    book = openpyxl.load_workbook(template)
    sheet = book["Cases"]
    answers = answers or {}
    for row in range(7, sheet.max_row + 1):
        reference = sheet.cell(row, 1).value
        if not reference:
            continue
        for column, value in zip("BCDE", answers.get(reference, DEFAULT_ANSWER), strict=True):
            sheet[f"{column}{row}"] = value
    signed = book["Sign-off"]
    for ref, value in {**SIGN_OFF, **(sign_off or {})}.items():
        signed[ref] = value
    if edit is not None:
        edit(book)
    book.save(target)
    return target


def case_rows(path: Path) -> dict[str, int]:
    """Row of each case reference in a template's Cases sheet."""
    import openpyxl

    sheet = openpyxl.load_workbook(path)["Cases"]
    return {
        sheet.cell(row, 1).value: row
        for row in range(7, sheet.max_row + 1)
        if sheet.cell(row, 1).value
    }

"""Fixtures and helpers for the workbook engine and Section 11 tests (real files throughout).

Kept out of `tests/conftest.py` so that branches merge cleanly; each test folder of this work
has a small conftest that imports the fixtures from here. `db` is the shared one (a copy of a
database migrated once per session).

- `world`: a small partnership (three agencies, two under the duty) with the default framework
  and round "2026";
- `resave`: re-saves a workbook through LibreOffice (`soffice --headless --convert-to`), with
  a fresh profile per call; skipped without soffice, except that under CI=true a missing
  soffice fails the test;
- `fill_return`: fills a template as a partner would, with openpyxl;
- `snapshot`: every row of the tables an import could touch, to prove nothing changed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from partnerboard.db.database import Database
from partnerboard.services import partnership as partnership_service
from partnerboard.services import section11 as s11_service

S11_TABLES = (
    "s11_framework", "s11_standard", "s11_criterion", "s11_round", "s11_return",
    "s11_submission", "s11_answer", "s11_moderation", "s11_challenge", "action",
)  # fmt: skip


@dataclass(frozen=True)
class S11World:
    db: Database
    framework: s11_service.FrameworkRow
    round: s11_service.RoundRow
    police: partnership_service.AgencyRow
    health: partnership_service.AgencyRow
    charity: partnership_service.AgencyRow  # not under the duty, not in the round


def make_world(db: Database, name: str = "Wrenfield Safeguarding Partnership") -> S11World:
    partnership_service.save_partnership(
        db, partnership_service.PartnershipInput(name=name, short_name="WSP")
    )
    agency = partnership_service.AgencyInput
    police = partnership_service.save_agency(
        db,
        agency(
            name="Wrenfield Constabulary", sector="police", short_name="Police", section11_duty=True
        ),
    )
    health = partnership_service.save_agency(
        db,
        agency(
            name="Wrenfield Community Health",
            sector="health",
            short_name="WCH",
            section11_duty=True,
        ),
    )
    charity = partnership_service.save_agency(
        db, agency(name="Open Door Youth Project", sector="voluntary", section11_duty=False)
    )
    framework = s11_service.ensure_default_framework(db)
    the_round = s11_service.save_round(
        db,
        s11_service.RoundInput(
            label="2026",
            framework_id=framework.id,
            issue_date=date(2026, 1, 12),
            deadline=date(2026, 3, 31),
        ),
    )
    return S11World(db, framework, the_round, police, health, charity)


@pytest.fixture
def world(db: Database) -> S11World:
    return make_world(db)


def snapshot(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table an import could touch, in a stable order."""
    with db.engine.connect() as connection:
        return {
            table: [
                tuple(row) for row in connection.execute(text(f"SELECT * FROM {table} ORDER BY id"))
            ]
            for table in S11_TABLES
        }


# ---------------------------------------------------------------- LibreOffice


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture
def resave(tmp_path: Path) -> Callable[..., Path]:
    """`resave(path, to="xlsx")`: the file as LibreOffice saves it (a new file in a new folder)."""
    program = _soffice()
    if program is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("LibreOffice (soffice) is required on CI but was not found")
        pytest.skip("LibreOffice (soffice) is not installed")

    def run(path: Path, to: str = "xlsx") -> Path:
        out = tmp_path / f"lo-{uuid.uuid4().hex[:8]}"
        profile = tmp_path / f"lo-profile-{uuid.uuid4().hex[:8]}"
        out.mkdir()
        completed = subprocess.run(
            [
                program, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                "--convert-to", to, "--outdir", str(out), str(path),
            ],
            capture_output=True, text=True, timeout=180, check=False,
        )  # fmt: skip
        converted = out / f"{path.stem}.{to.split(':')[0]}"
        assert converted.exists(), f"LibreOffice did not convert {path}: {completed.stderr}"
        return converted

    return run


# ---------------------------------------------------------------- filling a template


@dataclass
class Answer:
    rating: Any = "Fully met"
    evidence: Any = "Policy reviewed and approved; annual report to the board."
    planned_action: Any = None
    owner: Any = None
    target: Any = None


SIGN_OFF = {
    "B3": "Una Underwood",
    "B4": "Head of Public Protection",
    "B5": "una.underwood@police.example",
    "B6": "31/03/2026",
}


def fill_return(
    template: Path,
    target: Path,
    answers: dict[str, Answer] | None = None,
    default: Answer | None = None,
    sign_off: dict[str, Any] | None = None,
    edit: Callable[[Any], None] | None = None,
) -> Path:
    """Fill a template with openpyxl as a partner would (text dates typed as text)."""
    import openpyxl

    book = openpyxl.load_workbook(template)
    sheet = book["Self-assessment"]
    answers = answers or {}
    default = default or Answer()
    for row in range(6, sheet.max_row + 1):
        code = sheet.cell(row, 1).value
        if not code:
            continue
        answer = answers.get(code, default)
        for column, value in zip("DEFGH", (
            answer.rating, answer.evidence, answer.planned_action, answer.owner, answer.target,
        ), strict=True):  # fmt: skip
            sheet[f"{column}{row}"] = value
    signed = book["Sign-off"]
    for ref, value in {**SIGN_OFF, **(sign_off or {})}.items():
        signed[ref] = value
    if edit is not None:
        edit(book)
    book.save(target)
    return target


def police_return_closed(world: S11World, folder: Path) -> tuple[Path, Path]:
    """The police's return filled as a partner would, and the world's database file, closed
    (for a command run in another process)."""
    from partnerboard.workbooks.section11.template import round_context, write_template

    context = round_context(world.db, world.round.id)
    template = write_template(world.db, context, world.police.id, folder / "template.xlsx", False)
    filled = fill_return(template, folder / "police.xlsx")
    path = world.db.target.path
    assert path is not None
    world.db.close()
    return filled, path


def criterion_rows(path: Path) -> dict[str, int]:
    import openpyxl

    sheet = openpyxl.load_workbook(path)["Self-assessment"]
    return {
        sheet.cell(row, 1).value: row
        for row in range(6, sheet.max_row + 1)
        if sheet.cell(row, 1).value
    }

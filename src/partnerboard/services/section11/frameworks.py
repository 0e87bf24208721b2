"""Section 11 frameworks: versioned sets of standards and their criteria.

A framework used by a round is frozen (its wording is what agencies answered); to change it,
copy it as a new version and use that for the next round. Criteria keep their codes ("5.2")
across versions, which is how year-on-year comparison matches them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from partnerboard.db.database import Database
from partnerboard.db.models.section11 import S11Criterion, S11Framework, S11Round, S11Standard
from partnerboard.domain.partnership import check_required
from partnerboard.errors import FieldError, UserError, ValidationFailed
from partnerboard.services.common import check_version, fetch, tidy

DEFAULT_FRAMEWORK_FILE = ("data", "s11_framework.json")


@dataclass(frozen=True)
class CriterionRow:
    id: int
    standard_id: int
    standard_number: int
    code: str
    position: int
    text: str
    guidance: str | None
    required: bool
    row_version: int


@dataclass(frozen=True)
class StandardRow:
    id: int
    framework_id: int
    number: int
    title: str
    description: str | None
    criteria: tuple[CriterionRow, ...]
    row_version: int


@dataclass(frozen=True)
class FrameworkRow:
    id: int
    name: str
    version: str
    status: str
    notes: str | None
    standards: tuple[StandardRow, ...]
    in_use: bool
    row_version: int

    @property
    def criteria(self) -> list[CriterionRow]:
        return [c for s in self.standards for c in s.criteria]

    @property
    def display_name(self) -> str:
        return f"{self.name} (version {self.version})"


def _criterion_row(c: S11Criterion, number: int) -> CriterionRow:
    return CriterionRow(
        c.id, c.standard_id, number, c.code, c.position, c.text, c.guidance, c.required,
        c.row_version,
    )  # fmt: skip


def _framework_row(session: Session, f: S11Framework) -> FrameworkRow:
    standards = tuple(
        StandardRow(
            s.id,
            s.framework_id,
            s.number,
            s.title,
            s.description,
            tuple(_criterion_row(c, s.number) for c in s.criteria),
            s.row_version,
        )
        for s in f.standards
    )
    return FrameworkRow(
        f.id, f.name, f.version, f.status, f.notes, standards, _in_use(session, f.id), f.row_version
    )


def _in_use(session: Session, framework_id: int) -> bool:
    used = session.scalar(
        select(func.count()).select_from(S11Round).where(S11Round.framework_id == framework_id)
    )
    return bool(used)


def _load(session: Session, framework_id: int) -> S11Framework:
    found = session.scalars(
        select(S11Framework)
        .where(S11Framework.id == framework_id)
        .options(selectinload(S11Framework.standards).selectinload(S11Standard.criteria))
    ).first()
    if found is None:
        raise UserError(f"There is no Section 11 framework with id {framework_id}.")
    return found


def get_framework(db: Database, framework_id: int) -> FrameworkRow:
    with db.reader() as session:
        return _framework_row(session, _load(session, framework_id))


def list_frameworks(db: Database) -> list[FrameworkRow]:
    with db.reader() as session:
        ids = session.scalars(select(S11Framework.id).order_by(S11Framework.id)).all()
        return [_framework_row(session, _load(session, i)) for i in ids]


def _create_from_data(session: Session, data: dict) -> S11Framework:
    framework = S11Framework(
        name=data["name"], version=str(data["version"]), status="active", notes=data.get("notes")
    )
    session.add(framework)
    for s in data["standards"]:
        standard = S11Standard(
            framework=framework,
            number=int(s["number"]),
            title=s["title"],
            description=s.get("description"),
        )
        session.add(standard)
        for position, c in enumerate(s["criteria"], start=1):
            session.add(
                S11Criterion(
                    standard=standard,
                    code=str(c["code"]),
                    position=position,
                    text=c["text"],
                    guidance=c.get("guidance"),
                    required=bool(c.get("required", True)),
                )
            )
    session.flush()
    return framework


def default_framework_data(path: Path | None = None) -> dict:
    from partnerboard.settings import resource  # noqa: PLC0415

    source = path or resource(*DEFAULT_FRAMEWORK_FILE)
    data = json.loads(source.read_text(encoding="utf-8"))
    if data.get("format") != "partnerboard-s11-framework":
        raise UserError(f"{source} is not a partnerboard Section 11 framework file.")
    return data


def install_default_framework(session: Session, path: Path | None = None) -> int:
    """The shipped default framework's id, adding it first if it is not there (in `session`)."""
    data = default_framework_data(path)
    existing = session.scalar(
        select(S11Framework.id).where(
            S11Framework.name == data["name"], S11Framework.version == str(data["version"])
        )
    )
    return existing if existing is not None else _create_from_data(session, data).id


def ensure_default_framework(db: Database) -> FrameworkRow:
    with db.session() as session:
        framework_id = install_default_framework(session)
    return get_framework(db, framework_id)


def new_framework_version(
    db: Database, framework_id: int, version: str, name: str | None = None
) -> FrameworkRow:
    """Copy a framework (standards and criteria, same codes) as an editable new version."""
    version = (version or "").strip()
    errors = check_required("version", version, "Version", 30)
    if errors:
        raise ValidationFailed(errors)
    with db.session() as session:
        source = _load(session, framework_id)
        new_name = tidy(name) or source.name
        clash = session.scalar(
            select(S11Framework.id).where(
                S11Framework.name == new_name, S11Framework.version == version
            )
        )
        if clash is not None:
            raise ValidationFailed(
                FieldError("version", f"{new_name} already has a version {version}.")
            )
        data = {
            "name": new_name,
            "version": version,
            "notes": source.notes,
            "standards": [
                {
                    "number": s.number,
                    "title": s.title,
                    "description": s.description,
                    "criteria": [
                        {
                            "code": c.code,
                            "text": c.text,
                            "guidance": c.guidance,
                            "required": c.required,
                        }
                        for c in s.criteria
                    ],
                }
                for s in source.standards
            ],
        }
        new_id = _create_from_data(session, data).id
    return get_framework(db, new_id)


def _refuse_if_in_use(session: Session, framework_id: int) -> None:
    if _in_use(session, framework_id):
        raise UserError(
            "This framework is used by a round, so its wording is what agencies answered. "
            "Copy it as a new version to change it."
        )


def save_standard(
    db: Database,
    framework_id: int,
    number: int,
    title: str,
    description: str | None = None,
    standard_id: int | None = None,
    expected_version: int | None = None,
) -> int:
    errors = check_required("title", title, "Title", 300)
    if number < 1 or number > 99:
        errors.append(FieldError("number", "The standard's number must be between 1 and 99."))
    if errors:
        raise ValidationFailed(errors)
    with db.session() as session:
        _refuse_if_in_use(session, framework_id)
        clash = session.scalar(
            select(S11Standard.id).where(
                S11Standard.framework_id == framework_id,
                S11Standard.number == number,
                S11Standard.id != (standard_id or 0),
            )
        )
        if clash is not None:
            raise ValidationFailed(FieldError("number", f"There is already a standard {number}."))
        standard = (
            fetch(session, S11Standard, standard_id, "standard")
            if standard_id
            else S11Standard(framework_id=framework_id)
        )
        check_version(standard, expected_version, "standard")
        standard.number = number
        standard.title = tidy(title) or ""
        standard.description = tidy(description)
        session.add(standard)
        session.flush()
        return standard.id


def save_criterion(
    db: Database,
    standard_id: int,
    code: str,
    text: str,
    guidance: str | None = None,
    required: bool = True,
    position: int | None = None,
    criterion_id: int | None = None,
    expected_version: int | None = None,
) -> int:
    errors = check_required("code", code, "Code", 20) + check_required("text", text, "Text", 2000)
    if errors:
        raise ValidationFailed(errors)
    with db.session() as session:
        standard = fetch(session, S11Standard, standard_id, "standard")
        _refuse_if_in_use(session, standard.framework_id)
        code = code.strip()
        clash = session.scalar(
            select(S11Criterion.id)
            .join(S11Standard)
            .where(
                S11Standard.framework_id == standard.framework_id,
                S11Criterion.code == code,
                S11Criterion.id != (criterion_id or 0),
            )
        )
        if clash is not None:
            raise ValidationFailed(FieldError("code", f"There is already a criterion {code}."))
        criterion = (
            fetch(session, S11Criterion, criterion_id, "criterion")
            if criterion_id
            else S11Criterion(standard_id=standard_id)
        )
        check_version(criterion, expected_version, "criterion")
        criterion.code = code
        criterion.text = tidy(text) or ""
        criterion.guidance = tidy(guidance)
        criterion.required = bool(required)
        if position is not None:
            criterion.position = position
        elif criterion_id is None:
            last = session.scalar(
                select(func.max(S11Criterion.position)).where(
                    S11Criterion.standard_id == standard_id
                )
            )
            criterion.position = (last or 0) + 1
        session.add(criterion)
        session.flush()
        return criterion.id


def set_framework_status(db: Database, framework_id: int, status: str) -> None:
    if status not in ("draft", "active", "retired"):
        raise ValidationFailed(FieldError("status", "Choose draft, active or retired."))
    with db.session() as session:
        fetch(session, S11Framework, framework_id, "framework").status = status

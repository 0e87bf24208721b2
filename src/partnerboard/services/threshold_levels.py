"""Levels of need: the partnership's default levels (a setting) and each version's own levels.

A document's first version starts with the levels named in the settings (by default the four
of Working Together); later versions copy the levels of the version before. A version's levels
are the text partners sign up to, so they change only while the version is a draft.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerboard.db.database import Database
from partnerboard.db.models.partnership import Setting
from partnerboard.db.models.thresholds import ThresholdLevel, ThresholdVersion
from partnerboard.domain.thresholds import DEFAULT_LEVEL_NAMES, VersionStatus, check_level_names
from partnerboard.errors import FieldError, UserError, ValidationFailed
from partnerboard.services.common import fetch, tidy

LEVELS_SETTING = "thresholds.level_names"


def level_names_in(session: Session) -> list[str]:
    raw = session.get(Setting, LEVELS_SETTING)
    if raw is not None:
        try:
            names = json.loads(raw.value)
        except ValueError:
            names = None
        if isinstance(names, list) and names and all(isinstance(n, str) for n in names):
            return names
    return list(DEFAULT_LEVEL_NAMES)


def level_names(db: Database) -> list[str]:
    """The partnership's levels of need, in order (default: the four of Working Together)."""
    with db.reader() as session:
        return level_names_in(session)


def save_level_names(db: Database, names: list[str]) -> list[str]:
    """Set the levels a first version starts with; existing versions keep their own levels."""
    errors = check_level_names(names)
    if errors:
        raise ValidationFailed(errors)
    cleaned = [" ".join(n.split()) for n in names if n.strip()]
    with db.session() as session:
        setting = session.get(Setting, LEVELS_SETTING) or Setting(key=LEVELS_SETTING, value="")
        setting.value = json.dumps(cleaned, ensure_ascii=False)
        session.add(setting)
    return cleaned


# ---------------------------------------------------------------- levels of need


@dataclass(frozen=True)
class LevelRow:
    number: int
    name: str
    descriptors: str | None
    indicators: str | None


def list_levels(db: Database, version_id: int) -> list[LevelRow]:
    with db.reader() as session:
        levels = session.scalars(
            select(ThresholdLevel)
            .where(ThresholdLevel.version_id == version_id)
            .order_by(ThresholdLevel.number)
        )
        return [LevelRow(lv.number, lv.name, lv.descriptors, lv.indicators) for lv in levels]


def save_levels(db: Database, version_id: int, levels: list[LevelRow]) -> list[LevelRow]:
    """Replace a draft version's levels (numbered by their order in `levels`)."""
    errors = check_level_names([lv.name for lv in levels])
    if any(not lv.name.strip() for lv in levels):
        errors.append(FieldError("levels", "Every level needs a name."))
    if errors:
        raise ValidationFailed(errors)
    with db.session() as session:
        version = fetch(session, ThresholdVersion, version_id, "version")
        if version.status != VersionStatus.DRAFT.value:
            raise UserError(
                f"Version {version.version} is {VersionStatus(version.status).label.lower()}: "
                "partners signed up to its levels as they stand. Make a new version to change them."
            )
        for old in session.scalars(
            select(ThresholdLevel).where(ThresholdLevel.version_id == version_id)
        ):
            session.delete(old)
        session.flush()
        for number, level in enumerate(levels, start=1):
            session.add(
                ThresholdLevel(
                    version_id=version_id,
                    number=number,
                    name=" ".join(level.name.split()),
                    descriptors=tidy(level.descriptors),
                    indicators=tidy(level.indicators),
                )
            )
    return list_levels(db, version_id)

"""The registers that came after the table of who may do what (performance dataset, training,
yearly report, engagement log), through the services their pages call: someone who may only
read is refused in one plain line, and nothing is written, not even an audit entry. Imports
ask for "import returns" before the file is even opened."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from partnerboard.db.models.access import AuditEntry
from partnerboard.db.models.engagement import EngagementEntry, ReportNarrative
from partnerboard.db.models.performance import IndicatorValue
from partnerboard.db.models.training import TrainingBooking, TrainingEvaluation
from partnerboard.domain.access import Role
from partnerboard.domain.engagement import EngagementInput
from partnerboard.domain.public_sector_year import Period, whole_year
from partnerboard.domain.yearly_report import FOREWORD
from partnerboard.errors import NotPermitted
from partnerboard.services import performance as perf
from partnerboard.services import training
from partnerboard.services.engagement import save_engagement
from partnerboard.services.yearly_report.narrative import store_narrative
from tests.clock import TODAY
from tests.trust.helpers import as_role


def _free_period(db, row) -> str:
    """A period the indicator has no figure for yet (so the figure is valid as typed)."""
    held = {v.period.key for v in perf.period_values(db, row.id)}
    latest = Period.latest_complete(TODAY, row.period_kind)
    return next(p.key for n in range(60) if (p := latest.back(n)).key not in held)


@pytest.fixture
def world(demo_db, demo_db_path):
    indicator = next(r for r in perf.list_indicators(demo_db) if r.active and not r.has_parts)
    session = next(s for s in training.list_sessions(demo_db) if not s.cancelled)
    return {
        "path": demo_db_path,
        "indicator": indicator.id,
        "period": _free_period(demo_db, indicator),
        "session": session.id,
    }


WRITES = {
    "recording an indicator figure": (
        IndicatorValue,
        lambda db, w: perf.record_value(
            db, w["indicator"],
            perf.ValueInput(period=w["period"], value="50", commentary="Typed by a reader"),
        ),
    ),
    "booking a place": (
        TrainingBooking,
        lambda db, w: training.save_booking(
            db, w["session"], training.BookingInput("Rae Reader", "rae.reader@wrenfield.gov.uk")
        ),
    ),
    "storing the yearly narrative": (
        ReportNarrative,
        lambda db, w: store_narrative(
            db, whole_year(TODAY.year - 1), {FOREWORD.key: "Our year, as a reader"}, "draft.docx"
        ),
    ),
    "adding an engagement entry": (
        EngagementEntry,
        lambda db, w: save_engagement(
            db,
            EngagementInput("Youth forum", TODAY - timedelta(days=7), heard="More youth work"),
        ),
    ),
}  # fmt: skip


def _counts(db, model) -> tuple[int, int]:
    with db.reader() as session:
        rows = session.scalar(select(func.count()).select_from(model))
        entries = session.scalar(select(func.count()).select_from(AuditEntry))
    return rows, entries


@pytest.mark.parametrize("what", list(WRITES))
@pytest.mark.parametrize("role", [Role.READ_ONLY, Role.MEMBER])
def test_who_may_only_read_writes_nothing_in_the_newer_registers(world, role, what):
    model, attempt = WRITES[what]
    db = as_role(world["path"], role, name="Rhys Reader")
    try:
        before = _counts(db, model)
        with pytest.raises(NotPermitted) as refused:
            attempt(db, world)
        message = str(refused.value)
        assert "\n" not in message and message.startswith("You are signed in as Rhys Reader")
        assert message.endswith("Nothing was saved.")
        assert _counts(db, model) == before  # no row, no audit entry
    finally:
        db.close()


def test_business_support_writes_them_and_the_trail_names_them(world, demo_db):
    """The same writes as the one who may: each stored, each with its audit entry."""
    for what, (model, attempt) in WRITES.items():
        rows, entries = _counts(demo_db, model)
        attempt(demo_db, world)
        after_rows, after_entries = _counts(demo_db, model)
        assert after_rows == rows + 1 and after_entries > entries, what


IMPORTS = {
    "bookings": lambda db, path, w: training.import_bookings(db, path, session_id=w["session"]),
    "evaluations": lambda db, path, w: training.import_evaluations(
        db, path, session_id=w["session"]
    ),
}


@pytest.mark.parametrize("what", list(IMPORTS))
@pytest.mark.parametrize("role", [Role.READ_ONLY, Role.MEMBER, Role.CHAIR])
def test_only_business_support_imports_training_exports(world, tmp_path, role, what):
    path = tmp_path / "export.csv"
    path.write_text("First name,Last name,Email\nRae,Reader,rae.reader@wrenfield.gov.uk\n")
    db = as_role(world["path"], role, name="Rhys Reader")
    try:
        before = [_counts(db, m) for m in (TrainingBooking, TrainingEvaluation)]
        with pytest.raises(NotPermitted) as refused:
            IMPORTS[what](db, path, world)
        message = str(refused.value)
        assert "\n" not in message
        assert "only business support may import returned workbooks" in message
        assert [_counts(db, m) for m in (TrainingBooking, TrainingEvaluation)] == before
    finally:
        db.close()

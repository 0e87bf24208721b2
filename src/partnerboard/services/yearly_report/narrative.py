"""The team's narrative of a yearly report: kept per year and slot, taken from the edited draft.

The team writes in the Word draft (comments, tracked changes and sign-off happen there); the
app takes the text back slot by slot (`exports.yearly_report_narrative`) and keeps it here, so
that a draft drawn again after a register is corrected keeps it, and the published version is
the registers' figures (drawn afresh, as the public may see them) with the team's words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from partnerboard.db.database import Database
from partnerboard.db.models.engagement import ReportNarrative
from partnerboard.domain.public_sector_year import Period
from partnerboard.domain.yearly_report import SLOTS_BY_KEY
from partnerboard.services.audit import last_change


@dataclass(frozen=True)
class NarrativeRow:
    slot: str
    text: str
    source_file: str | None
    updated_at: datetime | None
    updated_by: str | None


def load_narrative(db: Database, year: Period) -> dict[str, NarrativeRow]:
    """Slot key -> what the team wrote for it (slots with nothing written are absent)."""
    with db.reader() as session:
        rows = session.scalars(select(ReportNarrative).where(ReportNarrative.year == year.label))
        found = {}
        for row in rows:
            change = (
                last_change(session, "report_narrative", row.id)
                if db.principal.role.sees_restricted
                else None
            )
            found[row.slot] = NarrativeRow(
                row.slot, row.text, row.source_file, row.updated_at, change.who if change else None
            )
        return found


@dataclass(frozen=True)
class StoredNarrative:
    written: tuple[str, ...]  # slots that now hold text
    changed: tuple[str, ...]  # of those, slots whose text changed
    cleared: tuple[str, ...]  # slots emptied (the team deleted what was there)


def store_narrative(
    db: Database, year: Period, texts: dict[str, str], source_file: str | None
) -> StoredNarrative:
    """Keep the text of each slot in `texts` (empty text: nothing written, stored text dropped).

    Slots not in `texts` (not found in the file) are left as they were."""
    unknown = sorted(set(texts) - set(SLOTS_BY_KEY))
    assert not unknown, unknown
    changed, cleared = [], []
    with db.session() as session:
        stored = {
            r.slot: r
            for r in session.scalars(
                select(ReportNarrative).where(ReportNarrative.year == year.label)
            )
        }
        for slot, text in texts.items():
            row = stored.get(slot)
            if not text.strip():
                if row is not None:
                    session.delete(row)
                    cleared.append(slot)
                continue
            if row is None:
                row = ReportNarrative(year=year.label, slot=slot, text=text)
                session.add(row)
                changed.append(slot)
            elif row.text != text:
                row.text = text
                changed.append(slot)
            row.source_file = (source_file or "")[:300] or None
        session.flush()
    written = [s for s, t in texts.items() if t.strip()]
    return StoredNarrative(tuple(written), tuple(changed), tuple(cleared))

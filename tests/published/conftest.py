"""The published documents of the demo, made once for the tests of this folder."""

from __future__ import annotations

import shutil

import pytest

from partnerboard.db.schema import open_database
from partnerboard.published.publish import publish_briefing, publish_meeting, publish_thresholds
from partnerboard.services.actions.register import list_actions
from partnerboard.services.meetings.agenda import list_items
from partnerboard.services.meetings.meetings import list_meetings
from partnerboard.services.reviews import list_reviews


@pytest.fixture(scope="session")
def published(tmp_path_factory, demo_template) -> dict:
    """Every kind of published document, from a copy of the demo, as business support."""
    folder = tmp_path_factory.mktemp("published")
    path = folder / "demo.sqlite"
    shutil.copy(demo_template, path)
    db = open_database(str(path))
    meetings = list_meetings(db)
    approved = next(m for m in meetings if m.status.value == "minutes_approved"
                    and any(i.restricted for i in list_items(db, m.id)))  # fmt: skip
    draft = next(m for m in meetings if m.status.value == "minutes_draft")
    planned = next(m for m in meetings if m.status.value == "planned"
                   and any(i.restricted for i in list_items(db, m.id)))  # fmt: skip
    review = next(r for r in list_reviews(db) if not r.restricted and r.summary)
    out = folder / "website"
    written = [
        *publish_meeting(db, approved.id, out),
        *publish_meeting(db, draft.id, out),
        *publish_meeting(db, planned.id, out),
        *publish_briefing(db, review.id, out),
        *publish_thresholds(db, out),
    ]
    secrets = {
        "items": [i.title for m in meetings for i in list_items(db, m.id) if i.restricted],
        "actions": [a.reference for a in list_actions(db) if a.restricted],
        "reviews": [r.reference for r in list_reviews(db) if r.restricted],
    }
    withheld = {m.id: [i.number for i in list_items(db, m.id) if i.restricted] for m in meetings}
    stem = {m.id: f"{m.board_short_name or m.board_name} {m.starts_at:%Y-%m-%d}" for m in meetings}
    db.close()
    return {
        "written": {w.pdf.stem: w for w in written},
        "approved": approved,
        "draft": draft,
        "planned": planned,
        "secrets": secrets,
        "withheld": withheld,
        "stem": stem,
    }

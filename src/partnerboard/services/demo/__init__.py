"""`partnerboard demo`: a plausible, entirely fictional partnership, so a newcomer sees a living board.

Each register adds its own step to `STEPS` (in dependency order). Steps share one
`DemoContext` (in `context`): a seeded random generator, "today", and what earlier steps created.
"""

from __future__ import annotations

import random

from sqlalchemy import func, select

from partnerboard.db.database import Database
from partnerboard.db.models.actions import Action
from partnerboard.db.models.audits import MaAudit
from partnerboard.db.models.engagement import EngagementEntry
from partnerboard.db.models.meetings import Meeting
from partnerboard.db.models.partnership import Agency, Board, Person
from partnerboard.db.models.performance import Indicator
from partnerboard.db.models.reviews import PracticeReview
from partnerboard.db.models.section11 import S11Round
from partnerboard.db.models.thresholds import Escalation
from partnerboard.db.models.training import TrainingBooking, TrainingSession
from partnerboard.errors import UserError
from partnerboard.services.demo import actions as actions_demo
from partnerboard.services.demo import audits as audits_demo
from partnerboard.services.demo import engagement as engagement_demo
from partnerboard.services.demo import housekeeping
from partnerboard.services.demo import meetings as meetings_demo
from partnerboard.services.demo import partnership as partnership_demo
from partnerboard.services.demo import performance as performance_demo
from partnerboard.services.demo import reviews as reviews_demo
from partnerboard.services.demo import section11 as section11_demo
from partnerboard.services.demo import thresholds as thresholds_demo
from partnerboard.services.demo import training as training_demo
from partnerboard.services.demo.context import DemoContext, DemoStep

STEPS: list[tuple[str, DemoStep]] = [
    ("partnership", partnership_demo.build),
    ("meetings", meetings_demo.build),
    ("actions", actions_demo.build),
    ("reviews", reviews_demo.build),
    ("thresholds", thresholds_demo.build),
    ("section11", section11_demo.build),
    ("audits", audits_demo.build),
    ("training", training_demo.build),
    ("performance", performance_demo.build),
    ("engagement", engagement_demo.build),
    ("housekeeping", housekeeping.build),
]


def is_empty(db: Database) -> bool:
    """True when no register holds anything yet (the placeholder partnership does not count)."""
    with db.reader() as session:
        for model in (Agency, Person, Board):
            if session.scalar(select(func.count()).select_from(model)):
                return False
    return True


def build_demo(db: Database, seed: int = 2026) -> dict[str, int]:
    """Fill an empty database with the demo partnership; refuses a database that holds data.

    Every date is built around the database's clock (`db.clock.today()`), so the demo looks
    the same on any day; pin the clock to build it for another day."""
    if not is_empty(db):
        raise UserError(
            "The database already holds data; the demo fills only an empty database. "
            "Use --db to name a new file."
        )
    context = DemoContext(today=db.clock.today(), rng=random.Random(seed))
    # One transaction for the lot: a demo is either all there or not there at all.
    with db.session() as session:
        for _name, step in STEPS:
            step(session, context)
            session.flush()
    return {
        "agencies": len(context.agencies),
        "people": len(context.people),
        "boards": len(context.boards),
        **_register_counts(db),
    }


def _register_counts(db: Database) -> dict[str, int]:
    """What the later steps added, for the command's closing line."""
    kinds = {
        "actions": Action,
        "meetings": Meeting,
        "Section 11 rounds": S11Round,
        "multi-agency audits": MaAudit,
        "practice reviews": PracticeReview,
        "escalations": Escalation,
        "training sessions": TrainingSession,
        "training bookings": TrainingBooking,
        "indicators": Indicator,
        "engagement activities": EngagementEntry,
    }
    with db.reader() as session:
        return {
            name: session.scalar(select(func.count()).select_from(model)) or 0
            for name, model in kinds.items()
        }

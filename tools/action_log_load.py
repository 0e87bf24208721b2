"""Fill a database with a large action log, for measuring the register at scale.

python tools/action_log_load.py --db big.sqlite [--actions 100000] [--updates 4] [--seed 1]

Adds the demo partnership first when the database is empty, then 200 workstreams, the actions
(due dates over three years, one in five finished) and about `--updates` dated updates per
action in every RAG state (one in ten proposed). Works on SQLite and PostgreSQL.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import timedelta

from sqlalchemy import func, select

from partnerboard.db import bulk
from partnerboard.db.models.actions import Action, ActionUpdate, Workstream
from partnerboard.db.models.partnership import Agency, Board, Person
from partnerboard.db.schema import open_database
from partnerboard.domain.actions import reference_key
from partnerboard.services.demo import build_demo, is_empty
from partnerboard.services.partnership import ensure_partnership

WORDS = [
    "thresholds",
    "neglect",
    "exploitation",
    "training",
    "audit",
    "partners",
    "policy",
    "review",
    "escalation",
    "domestic",
    "abuse",
    "missing",
    "children",
    "contextual",
    "safeguarding",
    "data",
    "dashboard",
    "learning",
    "briefing",
    "schools",
    "health",
    "police",
    "housing",
    "early",
    "help",
    "voice",
    "child",
    "chronology",
    "supervision",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--actions", type=int, default=100_000)
    parser.add_argument("--updates", type=int, default=4)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    db = open_database(args.db)
    ensure_partnership(db)
    if is_empty(db):
        build_demo(db)
    started = time.perf_counter()
    today = db.clock.today()
    # Through db.bulk, the audited door for many rows (one trail entry per table's rows).
    with db.session() as session:
        connection = session.connection()
        people = list(connection.scalars(select(Person.id)))
        agencies = list(connection.scalars(select(Agency.id)))
        boards = list(connection.scalars(select(Board.id)))
        first = (connection.scalar(select(func.max(Workstream.number))) or 0) + 1
        bulk.insert_rows(
            session,
            Workstream,
            [
                {"number": first + n, "title": f"Load workstream {n + 1}", "active": True}
                for n in range(200)
            ],
        )
        workstreams = list(
            connection.execute(
                select(Workstream.id, Workstream.number).where(Workstream.number >= first)
            )
        )
        rows = []
        for n in range(args.actions):
            ident, number = workstreams[n % len(workstreams)]
            reference = f"{number}.{n // len(workstreams) + 1}"
            finished = rng.random() < 0.2
            rows.append(
                {
                    "reference": reference,
                    "reference_key": reference_key(reference),
                    "workstream_id": ident,
                    "text": " ".join(
                        rng.choice(WORDS) for _ in range(rng.randrange(8, 30))
                    ).capitalize(),
                    "source_kind": "other",
                    "lead_person_id": rng.choice(people),
                    "lead_agency_id": rng.choice(agencies),
                    "board_id": rng.choice(boards),
                    "raised_on": today - timedelta(days=rng.randrange(200, 900)),
                    "due_on": today + timedelta(days=rng.randrange(-400, 700)),
                    "status": "closed" if finished else "open",
                    "closed_on": today - timedelta(days=rng.randrange(1, 100))
                    if finished
                    else None,
                }
            )
        bulk.insert_rows(session, Action, rows)
        ids = list(
            connection.scalars(
                select(Action.id).where(Action.workstream_id.in_([w for w, _ in workstreams]))
            )
        )
        updates = []
        for action_id in ids:
            for k in range(rng.randrange(args.updates - 1, args.updates + 2)):
                updates.append(
                    {
                        "action_id": action_id,
                        "update_on": today - timedelta(days=700 - 90 * k - rng.randrange(30)),
                        "narrative": " ".join(rng.choice(WORDS) for _ in range(20)).capitalize(),
                        "rag": rng.choice(["red", "amber", "green", None]),
                        "author": "Load test",
                        "state": "proposed" if rng.random() < 0.1 else "accepted",
                    }
                )
        bulk.insert_rows(session, ActionUpdate, updates)
    db.close()
    print(f"{len(rows)} actions, {len(updates)} updates in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()

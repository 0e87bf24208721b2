"""The restriction rule covers a class first mapped after the database was opened.

Models are mapped per register when first imported (`db.models`), so a viewer's first query
builds the rule before some registers exist in the process. A fresh process (so that nothing
else has mapped them) opens a real SQLite file as a member, queries actions (the rule is
built without the thresholds register), then maps `Escalation` and reads every escalation:
the restricted one must not come back.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date

from partnerboard.db.models.thresholds import Escalation
from tests.clock import TODAY

MEMBER_READS_LATER = """
import json, sys
from sqlalchemy import select
from partnerboard.db.schema import open_database
from partnerboard.domain.access import Principal, Role

db = open_database(sys.argv[1], principal=Principal(name="Mel Member", role=Role.MEMBER))
from partnerboard.db.models.actions import Action
with db.reader() as session:
    actions = session.scalars(select(Action.id)).all()
mapped_late = "partnerboard.db.models.thresholds" not in sys.modules
from partnerboard.db.models.thresholds import Escalation
with db.reader() as session:
    summaries = session.scalars(select(Escalation.summary)).all()
    rows = [e.summary for e in session.scalars(select(Escalation))]
db.close()
print(json.dumps({"mapped_late": mapped_late, "summaries": summaries, "rows": rows,
                  "actions": len(actions)}))
"""


def _member_reads(path) -> dict:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run(
        [sys.executable, "-c", MEMBER_READS_LATER, str(path)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=120,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_register_mapped_after_the_first_query_is_still_hidden(demo_db, demo_db_path):
    with demo_db.session() as session:
        session.add_all(
            [
                Escalation(
                    raised_on=date(TODAY.year, TODAY.month, 1),
                    raising_agency_id=1,
                    other_agency_id=2,
                    category="other",
                    summary="Open disagreement about referrals",
                ),
                Escalation(
                    raised_on=date(TODAY.year, TODAY.month, 2),
                    raising_agency_id=2,
                    other_agency_id=1,
                    category="threshold_disagreement",
                    summary="Restricted step-down dispute",
                    restricted=True,
                ),
            ]
        )
    demo_db.close()

    seen = _member_reads(demo_db_path)

    assert seen["mapped_late"]  # the rule was first built without Escalation
    assert seen["actions"] > 0
    assert "Open disagreement about referrals" in seen["summaries"]
    assert "Open disagreement about referrals" in seen["rows"]
    assert "Restricted step-down dispute" not in seen["summaries"]
    assert "Restricted step-down dispute" not in seen["rows"]

"""The action log's queries (current RAG subqueries, natural order, dashboard counts, import)
run the same on PostgreSQL as on SQLite."""

from __future__ import annotations

from datetime import timedelta

import pytest

from partnerboard.db.schema import open_database
from partnerboard.domain.actions import Rag
from partnerboard.services import actions
from partnerboard.services.actions.dashboard import load_dashboard
from partnerboard.services.actions.register import first_actions
from partnerboard.services.partnership import ensure_partnership
from tests.clock import TODAY


@pytest.mark.postgres
def test_the_register_reads_the_same_on_both_backends(storage_target):
    db = open_database(storage_target)
    try:
        ensure_partnership(db)
        one = actions.save_workstream(db, actions.WorkstreamInput(title="Thresholds", number=1))
        ids = [
            actions.create_action(
                db,
                actions.ActionInput(
                    text=f"Action {n}", workstream_id=one.id, due_on=TODAY + timedelta(days=n - 5)
                ),
            )
            for n in range(1, 12)
        ]
        actions.add_update(db, ids[0], actions.UpdateInput(TODAY - timedelta(days=9), "a", "red"))
        actions.add_update(db, ids[0], actions.UpdateInput(TODAY, "b", None))
        actions.add_update(db, ids[1], actions.UpdateInput(TODAY, "c", "green", state="proposed"))
        actions.close_action(db, ids[2])
        rows = actions.list_actions(db)
        assert [r.reference for r in rows][8:] == ["1.9", "1.10", "1.11"]
        assert rows[0].rag is Rag.RED and rows[0].last_update_on == TODAY
        assert rows[1].proposed == 1 and rows[1].rag is None
        assert len(actions.list_actions(db, include_closed=False)) == 10
        board = load_dashboard(db, TODAY)
        assert board.open_count == 10 and board.overdue_count == 3 and board.proposals == 1
        assert [p.reference for p in actions.list_proposals(db)] == ["1.2"]
        actions.move_action(db, ids[3], None)
        assert actions.get_action(db, ids[3]).row.former_references == "1.4"
        # The register's first rows come in the order Python sorts the whole register in
        # (PostgreSQL's collation of the database is not asked: "A1" after "1.11" on both).
        for include_closed in (False, True):
            every = actions.list_actions(db, include_closed=include_closed)
            opening = first_actions(db, include_closed, len(every) - 1)
            assert opening.rows == every[:-1] and opening.total == len(every)
    finally:
        db.close()

"""A batch's memo lasts while its transaction stands: kept across its savepoints, empty again
after any rollback in it (a file's savepoint undone) and for the next session."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from partnerboard.db.models.partnership import Agency
from partnerboard.db.transaction_memo import TransactionMemo


class Undone(Exception):
    pass


def test_a_memo_lasts_while_its_transaction_stands(db):
    memo = TransactionMemo()
    with db.session() as session:
        with session.begin_nested():
            agencies = session.scalar(select(func.count()).select_from(Agency))
            memo.of(session)["agencies"] = agencies
        with session.begin_nested():  # the next file of the batch sees what the first kept
            assert memo.of(session) == {"agencies": agencies}
        with pytest.raises(Undone), session.begin_nested():
            memo.of(session)["written"] = True
            raise Undone  # this file's savepoint is rolled back: what it kept goes with it
        assert memo.of(session) == {}
        memo.of(session)["agencies"] = agencies
    with db.session() as later:
        assert memo.of(later) == {}

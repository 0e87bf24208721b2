"""`partnerboard check`: the audit trail's hash chain, and its end against this computer's anchor.

The chain (`audit_chain.verify_chain`) shows an entry edited, deleted, reordered or inserted.
The anchor (`audit_anchor`) shows what the chain alone cannot: a cut tail, a whole chain
rewritten with fresh hashes, and, on a SQLite file (one writer), entries appended by someone
other than partnerboard on this computer. The anchor's own problems (altered, deleted, its key
missing) are reported too. Reading: nothing here writes.
"""

from __future__ import annotations

from sqlalchemy import Connection

from partnerboard.db.audit_anchor import read_anchor
from partnerboard.db.audit_chain import verify_chain
from partnerboard.db.database import Database
from partnerboard.domain.access import os_user_name


def check_audit_trail(db: Database, connection: Connection) -> list[str]:
    anchor = read_anchor(db.target)
    wanted = [anchor.seq, *(seq for seq, _ in anchor.pending)] if anchor else []
    report = verify_chain(connection, remember=wanted)
    problems = list(report.problems)
    if anchor is None:
        return problems
    problems += anchor.problems
    if anchor.seq < 0:
        return problems
    end = report.end
    if anchor.seq > end.seq:
        problems.append(
            f"The audit trail ends at entry {end.seq}, but this computer has seen entry "
            f"{anchor.seq}: entries were cut off the end, or the database was replaced by an "
            f"older copy (restore backups with `partnerboard restore`). Kept in {anchor.path}."
        )
    elif anchor.seq > 0 and report.hash_at.get(anchor.seq) != anchor.hash:
        problems.append(
            f"Audit entry {anchor.seq} is not the one this computer saw: the trail was rewritten, "
            f"or this is a different database at the same place. Kept in {anchor.path}."
        )
    elif db.is_sqlite and end.seq > anchor.seq and (end.seq, end.hash) not in anchor.pending:
        problems.append(
            f"Audit entries {anchor.seq + 1} to {end.seq} were not written by partnerboard on "
            f"this computer for {os_user_name()} (its last change here was entry {anchor.seq}): "
            "they were added behind the app's back, or by someone else using this file."
        )
    return problems

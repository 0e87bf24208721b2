"""`partnerboard check`: the audit trail's hash chain, and its end against this computer's anchor."""

from __future__ import annotations

from sqlalchemy import Connection

from partnerboard.db.audit_anchor import read_anchor
from partnerboard.db.audit_chain import verify_chain
from partnerboard.db.database import Database


def check_audit_trail(db: Database, connection: Connection) -> list[str]:
    anchor = read_anchor(db.target)
    report = verify_chain(connection, remember=[anchor.seq] if anchor else [])
    problems = list(report.problems)
    if anchor is None:
        return problems
    if anchor.seq < 0:
        problems.append(
            f"The audit trail's end kept on this computer ({anchor.path}) is unreadable."
        )
    elif anchor.seq > report.end.seq:
        problems.append(
            f"The audit trail ends at entry {report.end.seq}, but this computer has seen entry "
            f"{anchor.seq}: entries were cut off the end, or the database was replaced by an "
            f"older copy (restore backups with `partnerboard restore`). Kept in {anchor.path}."
        )
    elif anchor.seq > 0 and report.hash_at.get(anchor.seq) != anchor.hash:
        problems.append(
            f"Audit entry {anchor.seq} is not the one this computer saw: the trail was rewritten, "
            f"or this is a different database at the same place. Kept in {anchor.path}."
        )
    return problems

"""`check` finds every kind of change made behind the app's back, each with its exact line.

`check` reads the rows and the trail through plain statements (no model mapped, no SELECT
compiled per table) and hashes the chain from plain rows: these tests hold it to the same
findings. A small database is written through the app's one door (services, so that the trail
records every write), then altered with plain sqlite3 as someone with a SQLite browser would:
a row changed (a date, a flag, a time), a row added, a row removed, a row the app deleted put
back, an entry edited and an entry deleted.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from partnerboard.db.schema import open_database
from partnerboard.services import partnership as p
from partnerboard.services.actions import ActionInput, create_action
from partnerboard.services.meetings import agenda
from partnerboard.services.meetings.agenda import ItemInput
from tests.clock import TODAY
from tests.services.meeting_fixtures import meeting_on, small_board
from tests.trust.helpers import problems, tamper, trail

BEHIND = "behind the app's back."


def _row(path: Path, table: str, row_id: int) -> tuple:
    with sqlite3.connect(path) as connection:
        row = connection.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,)).fetchone()
    connection.close()
    return row


def _entry(path: Path, action: str, table: str, key: int) -> int:
    return next(
        e["seq"]
        for e in trail(path)
        if (e["action"], e["table_name"], e["record_key"]) == (action, table, str(key))
    )


def test_each_change_behind_the_apps_back_is_found_with_its_line(db_path):
    db = open_database(str(db_path))
    try:
        board = small_board(db)
        meeting = meeting_on(db, board, TODAY - timedelta(days=13))
        action = create_action(
            db, ActionInput(text="Audit the referrals", due_on=TODAY + timedelta(days=8))
        )
        spare = agenda.save_item(db, meeting, ItemInput("Spare")).id
        kept = _row(db_path, "agenda_item", spare)
        agenda.delete_item(db, spare)  # deleted through the app: the trail says so
        unlisted = p.save_agency(db, p.AgencyInput(name="Agency out of the trail", sector="other"))
        gone = p.save_agency(db, p.AgencyInput(name="Agency to remove", sector="other")).id
    finally:
        db.close()
    assert problems(db_path) == []

    edited = _entry(db_path, "insert", "person", board.people["chair"])
    deleted = _entry(db_path, "insert", "agency", unlisted.id)
    columns = ", ".join("?" * len(kept))
    tamper(
        db_path,
        f"UPDATE action SET due_on = '2027-06-30', restricted = 1 WHERE id = {action}",
        f"UPDATE meeting SET starts_at = '2026-11-10 07:15:00.000000' WHERE id = {meeting}",
        f"DELETE FROM agency WHERE id = {gone}",
        "INSERT INTO agency (id, name, sector, statutory_partner, section11_duty, active, created_at,"
        " updated_at, row_version) VALUES (999, 'Shadow agency', 'other', 'none', 0, 1,"
        " '2026-11-23 09:00:00.000000', '2026-11-23 09:00:00.000000', 1)",
        f"UPDATE audit_entry SET who = 'Someone else' WHERE seq = {edited}",
        f"DELETE FROM audit_entry WHERE seq = {deleted}",
    )
    with sqlite3.connect(db_path) as connection:  # the deleted item, put back as it was
        connection.execute(f"INSERT INTO agenda_item VALUES ({columns})", kept)
    connection.close()

    found = problems(db_path)

    assert found[:2] == [
        f"Audit entry {edited} (insert of person {board.people['chair']}) was changed after it "
        "was written.",
        f"Audit entry {deleted} is missing (deleted from the trail).",
    ]
    assert sorted(found[2:]) == sorted(
        [
            f"Table action, row {action}: due_on, restricted differ(s) from what the audit trail "
            f"recorded: changed {BEHIND}",
            f"Table meeting, row {meeting}: starts_at differ(s) from what the audit trail "
            f"recorded: changed {BEHIND}",
            f"Table agency, row {gone} is missing, but the audit trail never deleted it: it was "
            f"removed {BEHIND}",
            f"Table agency, row {unlisted.id} is not in the audit trail: it was added {BEHIND}",
            f"Table agency, row 999 is not in the audit trail: it was added {BEHIND}",
            f"Table agenda_item, row {spare} was deleted according to the audit trail, but it is "
            f"there: it was put back {BEHIND}",
        ]
    )


def test_the_same_value_in_another_form_and_bookkeeping_are_not_changes(db_path):
    """Values are compared, not their text (a time written without its microseconds is the
    same time), and the bookkeeping columns are not what a record says."""
    db = open_database(str(db_path))
    try:
        board = small_board(db)
        meeting = meeting_on(db, board, TODAY - timedelta(days=13))
    finally:
        db.close()
    tamper(
        db_path,
        f"UPDATE meeting SET starts_at = substr(starts_at, 1, 19) WHERE id = {meeting}",
        f"UPDATE agency SET row_version = row_version + 5, updated_at = '2026-11-24 08:00:00'"
        f" WHERE id = {board.agencies['council']}",
    )
    assert problems(db_path) == []


def test_an_index_changed_or_dropped_is_found_with_its_line(db_path):
    """The schema is compared row by row of sqlite_master: a row with the text the migrations
    wrote is passed over, any other is taken apart and named."""
    tamper(
        db_path,
        "DROP INDEX ix_action_board_id",
        "CREATE INDEX ix_action_board_id ON action (board_id, restricted)",
        "DROP INDEX ix_action_lead_agency_id",
    )
    assert problems(db_path) == [
        "The index “ix_action_lead_agency_id” on table action is missing from the schema.",
        "The index “ix_action_board_id” on table action is not as partnerboard made it: its "
        "definition was changed.",
    ]


def test_a_damaged_index_is_reported_in_its_place_among_the_findings(db_path):
    """SQLite's integrity check runs on a connection of its own while the trail and the data are
    checked; its lines still come after the schema's and before the data's, as the checks are
    listed."""
    db = open_database(str(db_path))
    try:
        action = create_action(
            db, ActionInput(text="Audit the referrals", due_on=TODAY + timedelta(days=8))
        )
    finally:
        db.close()
    tamper(
        db_path,
        f"UPDATE action SET due_on = '2027-06-30' WHERE id = {action}",
        "PRAGMA writable_schema = ON",  # the index now claims to hold another column
        "UPDATE sqlite_master SET sql = replace(sql, '(board_id)', '(text)') "
        "WHERE name = 'ix_action_board_id'",
    )
    assert problems(db_path) == [
        "The index “ix_action_board_id” on table action is not as partnerboard made it: its "
        "definition was changed.",
        f"Integrity: row {action} missing from index ix_action_board_id",
        f"Table action, row {action}: due_on differ(s) from what the audit trail recorded: "
        f"changed {BEHIND}",
    ]


def test_a_row_and_its_entry_altered_alike_still_differ(db_path):
    """A row that holds what its edited entry says is still a change where the two are not the
    same value: a whole number recorded as a decimal, a text where a secret's digest goes. (The
    edited entries also break the chain.)"""
    db = open_database(str(db_path))
    try:
        board = small_board(db)
    finally:
        db.close()
    chair, council = board.people["chair"], board.agencies["council"]
    person = _entry(db_path, "insert", "person", chair)
    agency = _entry(db_path, "insert", "agency", council)
    tamper(
        db_path,
        f"UPDATE audit_entry SET after = json_set(after, '$.agency_id', {council}.0)"
        f" WHERE seq = {person}",
        f"UPDATE person SET agency_id = {council} WHERE id = {chair}",
        f"UPDATE audit_entry SET after = json_set(after, '$.name', 'x sha256:ab')"
        f" WHERE seq = {agency}",
        f"UPDATE agency SET name = 'x sha256:ab' WHERE id = {council}",
    )
    assert problems(db_path) == [
        f"Audit entry {agency} (insert of agency {council}) was changed after it was written.",
        f"Audit entry {person} (insert of person {chair}) was changed after it was written.",
        f"Table agency, row {council}: name differ(s) from what the audit trail recorded: "
        f"changed {BEHIND}",
        f"Table person, row {chair}: agency_id differ(s) from what the audit trail recorded: "
        f"changed {BEHIND}",
    ]


_CHECK_IN_A_FRESH_PROCESS = """
import json, sys
from partnerboard.cli import main
code = main(["--db", sys.argv[1], "check"])
models = sorted(m for m in sys.modules if m.startswith("partnerboard.db.models."))
print(json.dumps({"code": code, "models": models}))
"""


def test_check_reads_every_register_without_mapping_its_models(db_path):
    """`partnerboard check` of a SQLite file reads every table through plain statements: a
    change in a register's table is found, and no model of that register is even imported."""
    db = open_database(str(db_path))
    try:
        board = small_board(db)
        meeting = meeting_on(db, board, TODAY - timedelta(days=13))
    finally:
        db.close()
    tamper(
        db_path, f"UPDATE meeting SET starts_at = '2026-11-10 07:15:00.000000' WHERE id = {meeting}"
    )
    done = subprocess.run(
        [sys.executable, "-c", _CHECK_IN_A_FRESH_PROCESS, str(db_path)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        check=False,
        timeout=120,
    )
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert (
        f"PROBLEM: Table meeting, row {meeting}: starts_at differ(s) from what the audit trail "
        f"recorded: changed {BEHIND}"
    ) in done.stdout.splitlines()
    assert found["code"] == 1
    assert "partnerboard.db.models.meetings" not in found["models"]
    # Signing in reads the user with plain statements too: of the models, only the access
    # register's (the trail's own, mapped with the database layer) is imported.
    assert set(found["models"]) <= {"partnerboard.db.models.access"}

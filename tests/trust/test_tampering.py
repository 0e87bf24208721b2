"""Tampering is found: every way found so far of changing a database behind the app's back,
each built on a real SQLite file (the data edit also on PostgreSQL), and `check` reports each
one with a clear line; a clean database still passes.

The cases are the attempts of a hostile insider with a SQLite browser (or `psql`) and, where it
matters, the files of this computer: 8 of 19 were caught before (issue 15); each is a case here.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from partnerboard.db.audit_anchor import anchor_path, manifest_path
from partnerboard.db.audit_chain import EntryContent
from partnerboard.db.auto_backup import make_automatic_backup
from partnerboard.db.restore import restore_database
from partnerboard.db.schema import open_database
from partnerboard.domain.access import os_user_name
from partnerboard.errors import UserError
from partnerboard.services import access
from partnerboard.services import partnership as p
from partnerboard.services.actions import ActionInput, create_action
from partnerboard.settings import app_paths
from tests.db.schema_helpers import outside
from tests.trust.helpers import problems, tamper, trail


@pytest.fixture
def board(demo_db_path) -> Path:
    """The demo, used on this computer (so it is anchored here), with a user and sign-in on."""
    db = open_database(str(demo_db_path))
    try:
        access.ensure_first_administrator(db)
        access.set_password(db, os_user_name(), "admin password 1")
        access.save_user(db, access.UserInput("Mo Member", "mo", "member"), password="member pw 12")
        access.set_sign_in_required(db, True)
        create_action(db, ActionInput(text="Mediation between two agencies", restricted=True))
        for n in range(3):
            p.save_agency(db, p.AgencyInput(name=f"Agency {n}", sector="other"))
    finally:
        db.close()
    return demo_db_path


def _target(path: Path):
    db = open_database(str(path))
    db.close()
    return db.target


def _rehash(rows: list[dict]) -> list[dict]:
    """Recompute every hash from the first row on (a rewrite by someone who knows the format)."""
    previous = rows[0]["prev_hash"]
    for row in rows:
        row["prev_hash"] = previous
        row["hash"] = EntryContent(
            row["seq"],
            datetime.fromisoformat(row["at"]),
            row["who"],
            row["user_id"],
            row["action"],
            row["table_name"],
            row["record_key"],
            None if row["before"] is None else _json(row["before"]),
            None if row["after"] is None else _json(row["after"]),
            previous,
        ).hash()
        previous = row["hash"]
    return rows


def _json(values: dict) -> str:
    return json.dumps(values, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _write_entries(path: Path, rows: list[dict], *, replace_from: int | None = None) -> None:
    with sqlite3.connect(path) as connection:
        if replace_from is not None:
            connection.execute("DELETE FROM audit_entry WHERE seq >= ?", (replace_from,))
        for row in rows:
            connection.execute(
                "INSERT INTO audit_entry (seq, at, who, user_id, action, table_name, record_key,"
                " before, after, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    row["seq"], row["at"], row["who"], row["user_id"], row["action"],
                    row["table_name"], row["record_key"],
                    None if row["before"] is None else _json(row["before"]),
                    None if row["after"] is None else _json(row["after"]),
                    row["prev_hash"], row["hash"],
                ),
            )  # fmt: skip
        last = connection.execute("SELECT seq, hash FROM audit_entry ORDER BY seq DESC").fetchone()
        connection.execute("UPDATE audit_chain_head SET seq = ?, hash = ?", last)
    connection.close()


def _forged(path: Path, table: str, key: str, before: dict, after: dict) -> dict:
    last = trail(path)[-1]
    return _rehash(
        [
            {
                "seq": last["seq"] + 1,
                "at": last["at"],
                "who": last["who"],
                "user_id": last["user_id"],
                "action": "update",
                "table_name": table,
                "record_key": key,
                "before": before,
                "after": after,
                "prev_hash": last["hash"],
            }
        ]
    )


# ---------------------------------------------------------------- the attempts


def edit_entry(path):
    seq = trail(path)[5]["seq"]
    tamper(path, f"UPDATE audit_entry SET who = 'Someone Else' WHERE seq = {seq}")
    return f"Audit entry {seq} ("


def edit_entry_and_its_hash(path):
    rows = trail(path)[5:6]
    rows[0]["who"] = "Someone Else"
    _rehash(rows)
    tamper(path, f"UPDATE audit_entry SET who='Someone Else', hash='{rows[0]['hash']}' "
                 f"WHERE seq={rows[0]['seq']}")  # fmt: skip
    return f"Audit entry {rows[0]['seq'] + 1} does not follow entry {rows[0]['seq']}"


def delete_entry(path):
    seq = trail(path)[5]["seq"]
    tamper(path, f"DELETE FROM audit_entry WHERE seq = {seq}")
    return f"Audit entry {seq} is missing"


def reorder_entries(path):
    seq = trail(path)[5]["seq"]
    tamper(
        path,
        f"UPDATE audit_entry SET seq = -1 WHERE seq = {seq}",
        f"UPDATE audit_entry SET seq = {seq} WHERE seq = {seq + 1}",
        f"UPDATE audit_entry SET seq = {seq + 1} WHERE seq = -1",
    )
    return f"does not follow entry {seq - 1}"


def insert_entry(path):
    rows = trail(path)
    k = rows[5]["seq"]
    tamper(
        path,
        f"UPDATE audit_entry SET seq = seq + 1000000 WHERE seq > {k}",
        "UPDATE audit_entry SET seq = seq - 999999 WHERE seq > 1000000",
    )
    inserted = dict(rows[5], seq=k + 1, who="Inserted", prev_hash=rows[5]["hash"])
    _write_entries(path, _rehash([inserted]))
    return f"Audit entry {k + 2} does not follow entry {k + 1}"


def _cut_tail(path):
    entries = trail(path)
    keep = entries[-4]
    tamper(
        path,
        f"DELETE FROM audit_entry WHERE seq > {keep['seq']}",
        f"UPDATE audit_chain_head SET seq = {keep['seq']}, hash = '{keep['hash']}'",
    )
    return keep


def cut_tail(path):
    keep = _cut_tail(path)
    return f"The audit trail ends at entry {keep['seq']}, but this computer has seen entry"


def cut_tail_leaving_the_head(path):
    last = trail(path)[-1]["seq"]
    tamper(path, f"DELETE FROM audit_entry WHERE seq = {last}")
    return f"head record says entry {last}"


def cut_tail_and_delete_the_anchor(path):
    _cut_tail(path)
    anchor_path(_target(path)).unlink()
    return "is missing: it was deleted"


def cut_tail_and_garble_the_anchor(path):
    _cut_tail(path)
    anchor_path(_target(path)).write_text("garbage\n12 not-a-hash\n")
    return "holds no entry that partnerboard signed"


def cut_tail_and_rewrite_the_anchor(path):
    keep = _cut_tail(path)
    anchor = anchor_path(_target(path))
    lines = anchor.read_text().splitlines()
    last = [line for line in lines if not line.startswith("P ")][-1].split()
    lines.append(f"{keep['seq']} {keep['hash']} {last[2]}")  # a line without the key's MAC
    anchor.write_text("\n".join(lines) + "\n")
    return "was altered"


def rewrite_the_whole_chain(path):
    rows = trail(path)
    for row in rows:
        if row["table_name"] == "app_user" and row["after"] and "role" in row["after"]:
            row["after"]["role"] = "business_support"  # mo was always business support
    _write_entries(path, _rehash(rows), replace_from=1)
    tamper(path, "UPDATE app_user SET role = 'business_support' WHERE login = 'mo'")
    return "is not the one this computer saw: the trail was rewritten"


def append_a_forged_entry(path):
    _write_entries(path, _forged(path, "agency", "1", {"phone": None}, {"phone": "0800 FORGED"}))
    return "were not written by partnerboard on this computer"


def append_a_forged_entry_and_change_the_data_to_match(path):
    mo = next(e for e in trail(path) if e["table_name"] == "app_user" and e["after"]
              and e["after"].get("login") == "mo")["record_key"]  # fmt: skip
    _write_entries(
        path, _forged(path, "app_user", mo, {"role": "member"}, {"role": "business_support"})
    )
    tamper(path, "UPDATE app_user SET role = 'business_support' WHERE login = 'mo'")
    return "were not written by partnerboard on this computer"


def delete_the_head_record(path):
    tamper(path, "DELETE FROM audit_chain_head")
    return "The audit trail's head record is missing."


def delete_the_anchor_key(path):
    _target(path)
    (app_paths().config / "audit-anchor.key").unlink()
    return "cannot be trusted"


def unrestrict_every_action(path):
    tamper(path, "UPDATE action SET restricted = 0, restricted_to = NULL")
    return "restricted differ(s) from what the audit trail recorded"


def turn_sign_in_off(path):
    tamper(path, "UPDATE setting SET value = 'no' WHERE key = 'access.sign_in_required'")
    return "Table setting, row access.sign_in_required: value differ(s)"


def make_oneself_business_support(path):
    tamper(path, "UPDATE app_user SET role = 'business_support' WHERE login = 'mo'")
    return "role differ(s) from what the audit trail recorded"


def replace_a_password_hash(path):
    with sqlite3.connect(path) as connection:
        known = connection.execute(
            "SELECT password_hash FROM app_user WHERE login = 'mo'"
        ).fetchone()[0]
        connection.execute("UPDATE app_user SET password_hash = ? WHERE login <> 'mo'", (known,))
    connection.close()
    return "password_hash differ(s)"


def replace_the_template_key(path):
    tamper(path, "UPDATE partnership SET template_key = '" + "ab" * 32 + "'")
    return "template_key differ(s)"


def add_a_user_behind_the_back(path):
    tamper(
        path,
        "INSERT INTO app_user (name, login, role, active, created_at, updated_at, row_version) "
        "VALUES ('Eve', 'eve', 'business_support', 1, '2026-11-23', '2026-11-23', 1)",
    )
    return "is not in the audit trail: it was added behind the app's back"


def remove_a_record_behind_the_back(path):
    tamper(path, "DELETE FROM agency WHERE name = 'Agency 2'")
    return "is missing, but the audit trail never deleted it"


def add_a_trigger(path):
    tamper(
        path,
        "CREATE TRIGGER unrestrict AFTER INSERT ON action BEGIN "
        "UPDATE action SET restricted = 0 WHERE id = new.id; END",
    )
    return "Unexpected trigger “unrestrict” on table action"


def add_a_hidden_table(path):
    tamper(path, "CREATE TABLE titles AS SELECT text FROM action WHERE restricted")
    return "Unexpected table “titles”"


def add_a_view(path):
    tamper(path, "CREATE VIEW everything AS SELECT * FROM action")
    return "Unexpected view “everything”"


def add_a_column(path):
    tamper(path, "ALTER TABLE app_user ADD COLUMN backdoor TEXT")
    return "The table “app_user” is not as partnerboard made it: extra column(s) backdoor"


ATTEMPTS: list[Callable[[Path], str]] = [
    edit_entry,
    edit_entry_and_its_hash,
    delete_entry,
    reorder_entries,
    insert_entry,
    cut_tail,
    cut_tail_leaving_the_head,
    cut_tail_and_delete_the_anchor,
    cut_tail_and_garble_the_anchor,
    cut_tail_and_rewrite_the_anchor,
    rewrite_the_whole_chain,
    append_a_forged_entry,
    append_a_forged_entry_and_change_the_data_to_match,
    delete_the_head_record,
    delete_the_anchor_key,
    unrestrict_every_action,
    turn_sign_in_off,
    make_oneself_business_support,
    replace_a_password_hash,
    replace_the_template_key,
    add_a_user_behind_the_back,
    remove_a_record_behind_the_back,
    add_a_trigger,
    add_a_hidden_table,
    add_a_view,
    add_a_column,
]


def test_a_clean_database_passes(board):
    assert problems(board) == []


@pytest.mark.parametrize("attempt", ATTEMPTS, ids=[a.__name__ for a in ATTEMPTS])
def test_check_finds_each_attempt(board, attempt):
    key = app_paths().config / "audit-anchor.key"
    saved_key = key.read_bytes()
    try:
        expected = attempt(board)
        found = problems(board)
        assert any(expected in line for line in found), (expected, found)
    finally:
        key.write_bytes(saved_key)  # the installation's key is shared by the whole test run


def test_check_on_the_command_line_reports_with_one_line_each(board):
    unrestrict_every_action(board)
    done = subprocess.run(
        [sys.executable, "-m", "partnerboard", "--db", str(board), "check"],
        capture_output=True, text=True, timeout=120,
        env={**__import__("os").environ, "PARTNERBOARD_USER": os_user_name(),
             "PARTNERBOARD_PASSWORD": "admin password 1"},
    )  # fmt: skip
    assert done.returncode == 1
    lines = [line for line in done.stdout.splitlines() if line.startswith("PROBLEM: ")]
    assert lines and all("restricted differ(s)" in line for line in lines)


def test_a_write_without_the_head_record_is_refused_in_one_line(board):
    tamper(board, "DELETE FROM audit_chain_head")
    db = open_database(str(board))
    try:
        with pytest.raises(UserError, match="head record is missing"):
            p.save_agency(db, p.AgencyInput(name="Never saved", sector="other"))
    finally:
        db.close()
    assert "Never saved" not in repr(trail(board))


# ---------------------------------------------------------------- backups and restore


def test_a_backup_edited_after_it_was_made_is_refused(board, tmp_path):
    db = open_database(str(board))
    saved = make_automatic_backup(db.target, tmp_path / "backups", keep=3)
    db.close()
    # Someone un-restricts the actions in the backup and rewrites its trail to match.
    rows = trail(saved)
    rows[-1]["who"] = "Nobody"
    _write_entries(saved, _rehash(rows[-1:]), replace_from=rows[-1]["seq"])
    tamper(saved, f"DELETE FROM audit_entry WHERE seq = {rows[-1]['seq']}")
    _write_entries(saved, _rehash(rows[:-1])[-1:], replace_from=rows[-2]["seq"])
    before = board.read_bytes()
    with pytest.raises(UserError, match="changed after it was made"):
        restore_database(db.target, saved, tmp_path / "safety")
    assert board.read_bytes() == before


def test_an_altered_manifest_is_refused(board, tmp_path):
    db = open_database(str(board))
    saved = make_automatic_backup(db.target, tmp_path / "backups", keep=3)
    db.close()
    manifest = manifest_path(saved)
    data = json.loads(manifest.read_text())
    data["audit_seq"] -= 1
    manifest.write_text(json.dumps(data))
    with pytest.raises(UserError, match="manifest .* was altered"):
        restore_database(db.target, saved, tmp_path / "safety")


def test_a_restore_of_a_file_with_a_foreign_trigger_is_refused(board, tmp_path):
    db = open_database(str(board))
    saved = make_automatic_backup(db.target, tmp_path / "backups", keep=3)
    db.close()
    add_a_trigger(saved)
    before = board.read_bytes()
    with pytest.raises(UserError) as refused:
        restore_database(db.target, saved, tmp_path / "safety")
    message = str(refused.value)
    assert message.startswith(f"The backup {saved.name} did not pass the check; nothing was")
    assert "Unexpected trigger “unrestrict” on table action" in message
    assert board.read_bytes() == before  # the live database is unchanged
    assert not (tmp_path / "safety").exists()  # refused before the current one was even copied
    assert problems(board) == []


# ---------------------------------------------------------------- PostgreSQL


def test_data_edited_behind_the_app_is_found_on_postgresql(pg_server):
    db = open_database(pg_server.new_database())
    try:
        secret = create_action(db, ActionInput(text="Mediation", restricted=True))
        p.save_agency(db, p.AgencyInput(name="Wrenfield College", sector="education"))
        from partnerboard.db.check import check_database

        assert check_database(db).problems == []
        with outside(db).begin() as connection:  # someone with psql
            connection.execute(text("UPDATE action SET restricted = false"))
            connection.execute(
                text(
                    "CREATE FUNCTION keep_open() RETURNS trigger AS $$ BEGIN "
                    "NEW.restricted := false; RETURN NEW; END $$ LANGUAGE plpgsql"
                )
            )
            connection.execute(
                text(
                    "CREATE TRIGGER keep_open BEFORE INSERT ON action "
                    "FOR EACH ROW EXECUTE FUNCTION keep_open()"
                )
            )
        found = check_database(db).problems
    finally:
        db.close()
    assert f"Table action, row {secret}: restricted differ(s) from what the audit trail " \
           "recorded: changed behind the app's back." in found  # fmt: skip
    assert any("Unexpected trigger “keep_open” on table action" in line for line in found)

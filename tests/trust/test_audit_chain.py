"""`check` verifies the hash chain: a hand-edited, deleted or cut-off entry is found."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime

from partnerboard.db.audit_chain import EntryContent
from partnerboard.services import partnership as p
from tests.trust.helpers import problems, tamper, trail


def _some_edits(db, count: int = 6) -> None:
    for n in range(count):
        p.save_agency(db, p.AgencyInput(name=f"Agency {n}", sector="other"))


def test_a_sound_trail_passes(demo_db_path):
    assert problems(demo_db_path) == []
    assert len(trail(demo_db_path)) > 150  # the demo's records, each one entry


def test_a_hand_edited_entry_is_found(db_path, db):
    _some_edits(db)
    victim = trail(db_path)[3]
    tamper(
        db_path,
        f"UPDATE audit_entry SET who = 'Someone Else' WHERE seq = {victim['seq']}",
    )
    found = problems(db_path)
    assert found == [
        f"Audit entry {victim['seq']} ({victim['action']} of {victim['table_name']} "
        f"{victim['record_key']}) was changed after it was written."
    ]


def test_an_edit_with_a_recomputed_hash_breaks_the_next_link(db_path, db):
    _some_edits(db)
    entry = trail(db_path)[3]
    entry["after"] = dict(entry["after"], name="Rewritten")
    after = json.dumps(entry["after"], sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    content = EntryContent(
        entry["seq"],
        datetime.fromisoformat(entry["at"]),
        entry["who"],
        entry["user_id"],
        entry["action"],
        entry["table_name"],
        entry["record_key"],
        None,
        after,
        entry["prev_hash"],
    )
    tamper(
        db_path,
        f"UPDATE audit_entry SET after = '{after}', hash = '{content.hash()}' "
        f"WHERE seq = {entry['seq']}",
    )
    assert problems(db_path) == [
        f"Audit entry {entry['seq'] + 1} does not follow entry {entry['seq']}: an entry before "
        "it was changed or replaced.",
        # and the record no longer holds what the (rewritten) entry says
        f"Table agency, row {entry['record_key']}: name differ(s) from what the audit trail "
        "recorded: changed behind the app's back.",
    ]


def test_a_deleted_entry_is_found(db_path, db):
    _some_edits(db)
    entry = trail(db_path)[4]
    seq = entry["seq"]
    tamper(db_path, f"DELETE FROM audit_entry WHERE seq = {seq}")
    assert problems(db_path) == [
        f"Audit entry {seq} is missing (deleted from the trail).",
        # the record it added is now one the trail does not know
        f"Table {entry['table_name']}, row {entry['record_key']} is not in the audit trail: it "
        "was added behind the app's back.",
    ]


def test_a_cut_off_tail_is_found_through_the_anchor(db_path, db):
    _some_edits(db)
    entries = trail(db_path)
    keep = entries[-4]
    # Someone removes the last three entries and makes the head row agree: the chain left in
    # the database is sound, so only the hash kept outside the database can tell.
    tamper(
        db_path,
        f"DELETE FROM audit_entry WHERE seq > {keep['seq']}",
        f"UPDATE audit_chain_head SET seq = {keep['seq']}, hash = '{keep['hash']}'",
    )
    found = problems(db_path)
    assert found[0].startswith(
        f"The audit trail ends at entry {keep['seq']}, but this computer has seen entry "
        f"{entries[-1]['seq']}: entries were cut off the end"
    )
    # The three agencies those entries added are rows the trail no longer knows.
    assert found[1:] == [
        f"Table agency, row {e['record_key']} is not in the audit trail: it was added behind "
        "the app's back."
        for e in entries[-3:]
    ]


def test_a_cut_off_tail_without_fixing_the_head_is_found_in_the_database(db_path, db):
    _some_edits(db)
    last = trail(db_path)[-1]["seq"]
    tamper(db_path, f"DELETE FROM audit_entry WHERE seq = {last}")
    found = problems(db_path)
    assert any(f"head record says entry {last}" in f for f in found)


def test_check_on_the_command_line_reports_it(db_path, db):
    _some_edits(db)
    tamper(db_path, "UPDATE audit_entry SET before = '{}' WHERE seq = 2")
    done = subprocess.run(
        [sys.executable, "-m", "partnerboard", "--db", str(db_path), "check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "PROBLEM: Audit entry 2" in done.stdout and "audit trail" in done.stdout

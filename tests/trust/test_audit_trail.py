"""Every change through a session is in the audit trail: who, when, which record, before and after."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select, text, update

from partnerboard.db.access_rules import UnauditedWrite
from partnerboard.db.audit_anchor import anchor_path, read_anchor
from partnerboard.db.models.partnership import Agency, Membership
from partnerboard.db.schema import open_database
from partnerboard.domain.access import Principal, Role
from partnerboard.services import partnership as p
from partnerboard.services.actions import ActionInput, create_action
from partnerboard.settings import app_paths
from tests.trust.helpers import as_role, trail


def test_insert_update_delete_are_recorded_with_who_when_and_values(db_path):
    db = open_database(str(db_path), principal=Principal("Priya Shah", user_id=7))
    started = db.clock.now_utc() - timedelta(seconds=1)
    try:
        row = p.save_agency(db, p.AgencyInput(name="Wrenfield College", sector="education"))
        p.save_agency(
            db,
            p.AgencyInput(name="Wrenfield College", sector="education", phone="01632 960000"),
            row.id,
            row.row_version,
        )
        action_id = create_action(db, ActionInput(text="Audit neglect", due_on=date(2027, 3, 31)))
        with db.session() as session:
            session.delete(session.get(Agency, row.id))
    finally:
        db.close()
    entries = [e for e in trail(db_path) if e["table_name"] in ("agency", "action")]
    assert [(e["action"], e["table_name"], e["record_key"]) for e in entries] == [
        ("insert", "agency", str(row.id)),
        ("update", "agency", str(row.id)),
        ("insert", "action", str(action_id)),
        ("delete", "agency", str(row.id)),
    ]
    added, changed, action, deleted = entries
    assert all(e["who"] == "Priya Shah" and e["user_id"] == 7 for e in entries)
    assert all(started <= datetime.fromisoformat(e["at"]) <= db.clock.now_utc() for e in entries)
    assert added["before"] is None and added["after"]["name"] == "Wrenfield College"
    assert added["after"]["sector"] == "education" and added["after"]["phone"] is None
    assert changed["before"] == {"phone": None}
    assert changed["after"] == {"phone": "01632 960000", "row_version": 2}
    assert action["after"]["due_on"] == "2027-03-31"  # dates as ISO text
    assert deleted["after"] is None and deleted["before"]["phone"] == "01632 960000"


def test_a_value_changed_without_being_loaded_still_shows_its_old_value(db_path, db):
    row = p.save_agency(db, p.AgencyInput(name="Hospice", sector="health", phone="111"))
    with db.session() as session:
        agency = session.get(Agency, row.id)
        session.expire(agency, ["phone"])
        agency.phone = "222"
    last = trail(db_path)[-1]
    assert (last["before"], last["after"]["phone"]) == ({"phone": "111"}, "222")


def test_secrets_are_recorded_as_changed_never_by_value(db_path, db):
    from partnerboard.services.access import UserInput, save_user, set_password

    save_user(db, UserInput("Sam Okafor", "s.okafor", "member"), password="first password 1")
    set_password(db, "s.okafor", "second password 2")
    users = [e for e in trail(db_path) if e["table_name"] == "app_user"]
    with sqlite3.connect(db_path) as connection:
        stored = connection.execute("SELECT password_hash FROM app_user").fetchone()[0]
    connection.close()
    # A marker and the digest of the stored hash (so `check` can tell a replaced hash), never it.
    assert users[0]["after"]["password_hash"].startswith("(secret) sha256:")
    assert users[1]["before"]["password_hash"] == users[0]["after"]["password_hash"]
    assert users[1]["after"]["password_hash"] == (
        "(changed) sha256:" + hashlib.sha256(stored.encode()).hexdigest()
    )
    assert users[1]["after"]["password_changed_at"] > users[1]["before"]["password_changed_at"]
    partnership = next(e for e in trail(db_path) if e["table_name"] == "partnership")
    assert partnership["after"]["template_key"].startswith("(secret) sha256:")
    assert "argon2" not in repr(trail(db_path)), "a password hash reached the trail"
    assert stored not in repr(trail(db_path))


def test_a_rolled_back_unit_of_work_leaves_no_entry(db_path, db):
    p.save_agency(db, p.AgencyInput(name="Saved", sector="other"))
    before = trail(db_path)
    anchor = read_anchor(db.target)
    with pytest.raises(RuntimeError), db.session() as session:
        session.add(Agency(name="Never saved", sector="other"))
        session.flush()
        raise RuntimeError("the user cancelled")
    assert trail(db_path) == before
    after = read_anchor(db.target)
    assert (
        (after.seq, after.hash)
        == (anchor.seq, anchor.hash)
        == (before[-1]["seq"], before[-1]["hash"])
    )


def test_a_rolled_back_savepoint_keeps_the_chain_whole(db_path, db):
    with db.session() as session:
        session.add(Agency(name="Kept", sector="other"))
        session.flush()
        nested = session.begin_nested()
        session.add(Agency(name="Undone", sector="other"))
        session.flush()
        nested.rollback()
        session.add(Agency(name="Also kept", sector="other"))
    names = [e["after"]["name"] for e in trail(db_path) if e["table_name"] == "agency"]
    assert names == ["Kept", "Also kept"]
    from tests.trust.helpers import problems

    assert problems(db_path) == []
    assert read_anchor(db.target).seq == trail(db_path)[-1]["seq"]


def test_a_batch_keeps_the_files_around_one_whose_savepoint_rolls_back(db_path, db):
    """As an import writes a batch (`db.bulk` rows, each file in a savepoint of one
    transaction): the file that fails leaves nothing of its own, in the tables or the trail,
    and the files before and after it are kept, with a whole chain."""
    from tests.trust.helpers import problems, write_batch_with_a_refused_file

    assert write_batch_with_a_refused_file(db) == ["First", "Third"]
    names = [e["after"]["name"] for e in trail(db_path) if e["table_name"] == "agency"]
    assert names == ["First", "Third"]
    assert problems(db_path) == []
    assert read_anchor(db.target).seq == trail(db_path)[-1]["seq"]


@pytest.mark.parametrize(
    "write",
    [
        lambda s: s.execute(update(Agency).values(name="x")),
        lambda s: s.execute(update(Agency.__table__).values(name="x")),
        lambda s: s.execute(text("UPDATE agency SET name = 'x'")),
        lambda s: s.execute(text("  delete from membership")),
        lambda s: s.bulk_save_objects([Agency(name="x", sector="other")]),
        lambda s: s.bulk_update_mappings(Membership, [{"id": 1, "role": "observer"}]),
    ],
    ids=["orm update", "core update", "text update", "text delete", "bulk save", "bulk update"],
)
def test_writes_that_would_escape_the_trail_are_refused(demo_db, write):
    def state():
        with demo_db.reader() as session:
            return (
                session.scalars(select(Agency.name).order_by(Agency.id)).all(),
                session.scalars(select(Membership.role).order_by(Membership.id)).all(),
            )

    before = state()
    with pytest.raises(UnauditedWrite), demo_db.session() as session:
        write(session)
    assert state() == before


def test_reading_with_text_is_still_allowed(demo_db):
    with demo_db.reader() as session:
        assert session.execute(text("SELECT count(*) FROM agency")).scalar() == 26


def test_the_anchor_lives_in_the_config_folder_and_follows_each_commit(db_path, db):
    p.save_agency(db, p.AgencyInput(name="One", sector="other"))
    first = read_anchor(db.target)
    p.save_agency(db, p.AgencyInput(name="Two", sector="other"))
    second = read_anchor(db.target)
    # Not beside the database (a copy of its folder does not carry it), but this user's.
    assert anchor_path(db.target).parent == app_paths().config / "audit-anchors"
    assert not list(db_path.parent.glob("*.audit-head"))
    assert second.seq == first.seq + 1 == trail(db_path)[-1]["seq"]
    assert second.hash == trail(db_path)[-1]["hash"]
    assert str(second.hash) in anchor_path(db.target).read_text()  # signed lines: seq hash mac


def test_a_new_database_at_a_used_place_starts_a_new_trail(tmp_path):
    path = tmp_path / "board.sqlite"
    db = open_database(str(path))
    p.save_agency(db, p.AgencyInput(name="Old", sector="other"))
    db.close()
    for leftover in tmp_path.glob("board.sqlite*"):
        if not leftover.name.endswith(".audit-head"):
            leftover.unlink()
    db = open_database(str(path))  # created afresh: the old anchor must not accuse it
    try:
        from partnerboard.db.check import check_database

        assert check_database(db).ok
    finally:
        db.close()


def test_a_second_client_appends_to_the_same_chain(db_path, db):
    other = as_role(db_path, Role.BUSINESS_SUPPORT, name="Other Officer")
    try:
        p.save_agency(db, p.AgencyInput(name="Mine", sector="other"))
        p.save_agency(other, p.AgencyInput(name="Theirs", sector="other"))
        p.save_agency(db, p.AgencyInput(name="Mine again", sector="other"))
    finally:
        other.close()
    entries = trail(db_path)
    assert [e["seq"] for e in entries] == list(range(1, len(entries) + 1))
    assert all(b["prev_hash"] == a["hash"] for a, b in zip(entries, entries[1:], strict=False))
    assert entries[-2]["who"] == "Other Officer"


def test_the_anchor_survives_a_torn_line_and_stays_small(db_path, db):
    from partnerboard.db import audit_anchor

    p.save_agency(db, p.AgencyInput(name="One", sector="other"))
    good = read_anchor(db.target)
    path = anchor_path(db.target)
    with path.open("a") as handle:
        handle.write("99999 0f0f")  # a crash in the middle of writing a line
    assert read_anchor(db.target) == good
    for n in range(audit_anchor.COMPACT_BYTES // 70 + 50):
        audit_anchor.advance_anchor(db.target, good.seq + n, good.hash)
    assert path.stat().st_size < audit_anchor.COMPACT_BYTES
    assert read_anchor(db.target).seq == good.seq + n

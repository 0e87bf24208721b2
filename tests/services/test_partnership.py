"""The partnership register's rules, as the GUI, the command line and imports all rely on them."""

from __future__ import annotations

import pytest

from partnerboard.errors import StaleRecord, ValidationFailed
from partnerboard.services import partnership as p
from partnerboard.services.demo import build_demo, is_empty


def test_agency_needs_a_name_and_a_sector_and_a_real_email(db):
    with pytest.raises(ValidationFailed) as failed:
        p.save_agency(db, p.AgencyInput(name="  ", sector="", email="not-an-address"))
    fields = {e.field for e in failed.value.errors}
    assert fields == {"name", "sector", "email"}
    assert p.list_agencies(db) == []


def test_agency_names_are_unique_ignoring_case(db):
    p.save_agency(db, p.AgencyInput(name="Wrenfield Homes", sector="housing"))
    with pytest.raises(ValidationFailed) as failed:
        p.save_agency(db, p.AgencyInput(name="wrenfield homes ", sector="housing"))
    assert failed.value.for_field("name") == ["An agency called “Wrenfield Homes” already exists."]


def test_sector_and_partner_accept_labels_as_typed(db):
    saved = p.save_agency(
        db,
        p.AgencyInput(
            name="Constabulary", sector="Police", statutory_partner="police", section11_duty=True
        ),
    )
    assert saved.sector == "police" and saved.statutory_partner.label == "Police"


def test_a_stale_edit_is_refused_and_nothing_is_overwritten(db):
    saved = p.save_agency(db, p.AgencyInput(name="College", sector="education"))
    p.save_agency(
        db,
        p.AgencyInput(name="College of Wrenfield", sector="education"),
        saved.id,
        saved.row_version,
    )
    with pytest.raises(StaleRecord, match="changed by someone else"):
        p.save_agency(
            db, p.AgencyInput(name="Old name", sector="education"), saved.id, saved.row_version
        )
    assert p.get_agency(db, saved.id).name == "College of Wrenfield"


def test_deactivating_keeps_the_record_and_hides_it_from_pick_lists(demo_db):
    police = p.find_agency(demo_db, "Wrenfield Constabulary")
    p.set_agency_active(demo_db, police.id, False)
    assert police.id in {a.id for a in p.list_agencies(demo_db)}
    assert police.id not in {a.id for a in p.list_agencies(demo_db, include_inactive=False)}
    # People of the agency keep pointing at it.
    assert any(person.agency_id == police.id for person in p.list_people(demo_db))


def test_a_person_who_leaves_gives_up_their_seats(demo_db):
    chair = next(b for b in p.list_boards(demo_db) if b.kind == "board")
    seat = next(m for m in p.list_memberships(demo_db, board_id=chair.id) if m.role == "chair")
    p.set_person_active(demo_db, seat.person_id, False)
    assert seat.person_id not in {
        m.person_id for m in p.list_memberships(demo_db, board_id=chair.id)
    }
    assert p.get_board(demo_db, chair.id).chair_name is None


def test_membership_rules(demo_db):
    board = p.list_boards(demo_db)[1]
    person = p.list_people(demo_db)[0]
    with pytest.raises(ValidationFailed) as failed:
        p.save_membership(
            demo_db,
            p.MembershipInput(board_id=board.id, person_id=person.id, deputy_person_id=person.id),
        )
    assert failed.value.for_field("deputy_person_id") == ["A member cannot be their own deputy."]
    seat = p.save_membership(
        demo_db, p.MembershipInput(board_id=board.id, person_id=person.id, role="adviser")
    )
    ended = p.end_membership(demo_db, seat.id)
    assert not ended.active
    again = p.save_membership(
        demo_db, p.MembershipInput(board_id=board.id, person_id=person.id, role="member")
    )
    assert again.id == seat.id and again.active  # the old seat comes back, no duplicate


def test_quorum_rule_in_words(demo_db):
    executive = p.list_boards(demo_db)[0]
    assert (
        executive.quorum_rule
        == "5 members present, deputies count, each statutory partner represented"
    )


def test_demo_refuses_a_database_with_data(demo_db):
    assert not is_empty(demo_db)
    with pytest.raises(Exception, match="already holds data"):
        build_demo(demo_db)


def test_changes_are_announced_after_commit(db):
    heard = []
    db.subscribe(heard.append)
    saved = p.save_agency(db, p.AgencyInput(name="Fire Service", sector="other"))
    assert heard and heard[-1].touches("agency") and saved.id in heard[-1].ids_by_table["agency"]
    before = len(heard)
    with pytest.raises(ValidationFailed):
        p.save_agency(db, p.AgencyInput(name="", sector="other"))
    assert len(heard) == before  # nothing committed, nothing announced


def test_an_import_reads_the_template_key_and_the_name_together_even_in_a_new_database(tmp_path):
    """`template_key_and_name` (what an import checks each file against) creates the
    partnership in a brand-new database as `template_key` does, and agrees with both readers."""
    from partnerboard.db.schema import open_database  # noqa: PLC0415

    db = open_database(str(tmp_path / "new.sqlite"))
    try:
        key, name = p.template_key_and_name(db)
        assert (key, name) == (p.template_key(db), p.get_partnership(db).name)
        assert name == p.PLACEHOLDER_NAME and len(key) == 64
    finally:
        db.close()

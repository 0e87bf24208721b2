"""Two clients of one PostgreSQL server: the audit chain stays whole, and no edit is lost."""

from __future__ import annotations

import json
import threading

import pytest
from sqlalchemy import func, select

from partnerboard.db.audit_anchor import anchor_path, read_anchor
from partnerboard.db.check import check_database
from partnerboard.db.models.access import AuditEntry
from partnerboard.db.models.partnership import Agency
from partnerboard.db.schema import open_database
from partnerboard.domain.access import Principal, Role
from partnerboard.errors import StaleRecord
from partnerboard.services import partnership as p
from partnerboard.settings import app_paths

COMMITS_EACH = 60


@pytest.fixture
def server_url(pg_server) -> str:
    url = pg_server.new_database()
    db = open_database(url)
    p.ensure_partnership(db)
    db.close()
    return url


def test_a_batch_on_the_server_keeps_the_files_around_one_whose_savepoint_rolls_back(
    server_url,
):
    from tests.trust.helpers import write_batch_with_a_refused_file

    db = _client(server_url, "Bea Support")
    try:
        assert write_batch_with_a_refused_file(db) == ["First", "Third"]
        with db.reader() as session:
            keys = session.scalars(
                select(AuditEntry.after).where(AuditEntry.table_name == "agency")
            ).all()
        assert [json.loads(k)["name"] for k in keys][-2:] == ["First", "Third"]
        assert not any("Refused" in k for k in keys)
        assert check_database(db).problems == []
    finally:
        db.close()


def _client(url: str, name: str):
    return open_database(url, principal=Principal(name, Role.BUSINESS_SUPPORT))


def test_two_clients_appending_at_once_keep_one_unbroken_chain(server_url):
    clients = [_client(server_url, "Client A"), _client(server_url, "Client B")]
    start = threading.Barrier(len(clients))
    errors: list[BaseException] = []

    def work(db, label: str) -> None:
        try:
            start.wait()
            for n in range(COMMITS_EACH):
                row = p.save_agency(db, p.AgencyInput(name=f"{label} {n}", sector="other"))
                # and an update, so that flushes of inserts and updates interleave
                p.save_agency(
                    db,
                    p.AgencyInput(name=f"{label} {n}", sector="other", phone=str(n)),
                    row.id,
                    row.row_version,
                )
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)

    threads = [threading.Thread(target=work, args=(c, c.principal.name)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=240)
    try:
        assert not errors, errors
        report = check_database(clients[0])
        assert report.ok, report.problems
        with clients[0].reader() as session:
            by_who = dict(
                session.execute(
                    select(AuditEntry.who, func.count())
                    .where(AuditEntry.table_name == "agency")
                    .group_by(AuditEntry.who)
                ).all()
            )
            seqs = session.scalars(select(AuditEntry.seq).order_by(AuditEntry.seq)).all()
        assert by_who == {"Client A": 2 * COMMITS_EACH, "Client B": 2 * COMMITS_EACH}
        assert seqs == list(range(1, len(seqs) + 1))
        # Each client keeps the newest entry it saw, signed, in the user's config folder.
        assert anchor_path(clients[0].target).parent == app_paths().config / "audit-anchors"
        assert read_anchor(clients[0].target).seq >= 4 * COMMITS_EACH
    finally:
        for client in clients:
            client.close()


def test_the_second_save_of_one_record_is_refused_with_who_and_when(server_url):
    first = _client(server_url, "Aisha Khan")
    second = _client(server_url, "Ben Lowe")
    try:
        row = p.save_agency(first, p.AgencyInput(name="Wrenfield Hospice", sector="health"))
        shown_to_a = p.get_agency(first, row.id)
        shown_to_b = p.get_agency(second, row.id)  # both forms show version 1
        saved = p.save_agency(
            first,
            p.AgencyInput(name="Wrenfield Hospice", sector="health", phone="01632 960001"),
            row.id,
            shown_to_a.row_version,
        )
        before = second.clock.now_local()
        with pytest.raises(StaleRecord) as refused:
            p.save_agency(
                second,
                p.AgencyInput(name="Wrenfield Hospice", sector="health", phone="01632 960999"),
                row.id,
                shown_to_b.row_version,
            )
        assert refused.value.changed_by == "Aisha Khan"
        assert abs((refused.value.changed_at - before).total_seconds()) < 120
        assert "changed by someone else (Aisha Khan, at " in str(refused.value)
        assert "yours were not saved" in str(refused.value)
        kept = p.get_agency(second, row.id)
        assert (kept.phone, kept.row_version) == ("01632 960001", saved.row_version)
    finally:
        first.close()
        second.close()


def test_a_save_racing_another_commit_is_refused_not_overwritten(server_url):
    """B loads and checks the version, A commits in between, then B's UPDATE matches no row."""
    first = _client(server_url, "Aisha Khan")
    second = _client(server_url, "Ben Lowe")
    try:
        row = p.save_agency(first, p.AgencyInput(name="Racing Trust", sector="health"))
        with pytest.raises(StaleRecord, match="while you were saving"), second.session() as s:
            agency = s.get(Agency, row.id)
            assert agency.row_version == row.row_version  # the form's version matches here
            p.save_agency(  # ... and now A's save commits
                first,
                p.AgencyInput(name="Racing Trust", sector="health", phone="A"),
                row.id,
                row.row_version,
            )
            agency.phone = "B"
        assert p.get_agency(first, row.id).phone == "A"
        assert check_database(first).ok
    finally:
        first.close()
        second.close()

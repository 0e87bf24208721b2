"""Migrations: the models and the migration scripts agree, and upgrades never lose rows."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from partnerboard.db import migrate
from partnerboard.db.check import check_database
from partnerboard.db.models import Base
from partnerboard.db.schema import open_database
from tests.db.schema_helpers import downgrade_copy

STORED = Path(__file__).parents[1] / "fixtures" / "schemas"


def test_revision_files_form_one_line(tmp_path):
    """File names give the revision ids (read without Alembic at start-up); they must match the scripts."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrate.MIGRATIONS_DIR))
    scripts = ScriptDirectory.from_config(config)
    chain = [s.revision for s in reversed(list(scripts.walk_revisions()))]
    assert chain == migrate.known_revisions()
    assert scripts.get_heads() == [migrate.head_revision()]
    for path in (migrate.MIGRATIONS_DIR / "versions").glob("*.py"):
        assert re.match(r"^\d{4}_\w+\.py$", path.name), path.name


def test_models_match_the_migrations(storage_target):
    """A database built by the migrations has exactly the tables, columns and keys the models declare."""
    db = open_database(storage_target)
    try:
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, Base.metadata)
    finally:
        db.close()
    assert differences == []


def _counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as connection:
        tables = [
            r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        result = {
            t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
            for t in tables
            if t != "alembic_version"
        }
    connection.close()
    return result


def test_every_older_revision_upgrades_without_losing_rows(tmp_path, demo_db_path):
    revisions = migrate.known_revisions()
    for revision in revisions[:-1]:
        old = downgrade_copy(demo_db_path, tmp_path / f"at-{revision}.sqlite", revision)
        before = _counts(old)
        assert before["agency"] == 26 and before["membership"] > 0
        db = open_database(str(old), backups=tmp_path / "backups")
        db.close()
        after = _counts(old)
        for table, count in before.items():
            assert after[table] == count, f"{table} lost rows upgrading from {revision}"


def test_stored_databases_of_released_schemas_upgrade(tmp_path):
    """Every schema ever released is kept in tests/fixtures/schemas and must still open."""
    stored = sorted(STORED.glob("*.sqlite"))
    assert stored, "no stored schema databases"
    for path in stored:
        copy = tmp_path / path.name
        shutil.copy(path, copy)
        before = _counts(copy)
        db = open_database(str(copy), backups=tmp_path / "backups")
        try:
            assert check_database(db).problems == [], path.name  # and it passes `check`
        finally:
            db.close()
        after = _counts(copy)
        # The trail may only grow (schema 0010 records a baseline of what it did not cover).
        assert after["audit_entry"] >= before["audit_entry"], path.name
        assert all(after[t] == n for t, n in before.items() if t != "audit_entry"), path.name


def test_a_batch_migration_of_a_parent_table_keeps_the_children(tmp_path, demo_db_path):
    """The trap in TECH-NOTES: rebuilding `agency` with foreign keys on deletes every person.

    A copy of the migrations gains a step that rebuilds `agency` in batch mode; the runner must
    switch foreign keys off around it so that people (children of agency) survive.
    """
    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    head = migrate.head_revision()
    step = f"{int(head) + 1:04d}"
    (scripts / "versions" / f"{step}_rebuild_agency.py").write_text(
        f'''
import sqlalchemy as sa
from alembic import op

revision = "{step}"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("agency", recreate="always") as batch_op:
        batch_op.add_column(sa.Column("website", sa.String(200), nullable=True))


def downgrade():
    with op.batch_alter_table("agency", recreate="always") as batch_op:
        batch_op.drop_column("website")
'''
    )
    path = demo_db_path
    before = _counts(path)
    original = migrate.MIGRATIONS_DIR
    migrate.MIGRATIONS_DIR = scripts
    try:
        db = open_database(str(path), backups=tmp_path / "backups")
        with db.engine.connect() as connection:
            assert (
                connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
                == step
            )
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        db.close()
    finally:
        migrate.MIGRATIONS_DIR = original
    after = _counts(path)
    assert after["person"] == before["person"] == 60
    assert after["membership"] == before["membership"]
    assert after["agency"] == before["agency"]

"""`check` compares a database with the schema the migrations make, stored so that it needs
neither Alembic nor a migration run (tools/make_expected_schema.py)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from partnerboard.db import expected_schema, migrate
from partnerboard.db.checked_tables import models_described
from partnerboard.db.schema_check import master_items, migrated_master


def test_the_stored_schema_is_what_the_migrations_make():
    # Fails after a migration is added or edited: re-run tools/make_expected_schema.py (until
    # then `check` builds the schema from the migrations itself, so it is slower, never wrong).
    assert migrate.head_revision() == expected_schema.REVISION
    assert migrate.migrations_digest() == expected_schema.MIGRATIONS_DIGEST
    # (compared as `check` compares: batch migrations write a table's constraints in any order)
    assert master_items(expected_schema.ITEMS) == master_items(migrated_master())


def test_the_stored_tables_are_the_models():
    # Fails after a model's table, column or type changes: re-run tools/make_expected_schema.py.
    # `check` reads every table by this description instead of mapping every model.
    assert models_described() == expected_schema.TABLES


def test_check_of_a_sound_database_finds_it_sound_without_alembic(demo_db_path):
    script = textwrap.dedent(
        """
        import sys
        from partnerboard.db.check import check_database
        from partnerboard.db.schema import open_database

        db = open_database(sys.argv[1], create=False, upgrade=False)
        report = check_database(db)
        db.close()
        print(report.ok, report.problems, "alembic" in sys.modules)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(demo_db_path)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[0] == "True", done.stdout
    assert done.stdout.split()[-1] == "False", "check imported Alembic on a database at the head"

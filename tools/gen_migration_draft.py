"""Developer tool: draft a migration for the tables of some model modules (review before use).

python tools/gen_migration_draft.py 0001 "partnership register" partnership
"""

import sys
import tempfile

from alembic.autogenerate import produce_migrations, render_python_code
from alembic.migration import MigrationContext
from sqlalchemy import MetaData, create_engine

from partnerboard.db import migrate
from partnerboard.db.models import Base

rev, message, *modules = sys.argv[1:]
prefixes = tuple(f"partnerboard.db.models.{m}" for m in modules)
wanted = {
    mapper.local_table.name
    for mapper in Base.registry.mappers
    if mapper.class_.__module__.startswith(prefixes)
}
with tempfile.TemporaryDirectory() as tmp:
    engine = create_engine(f"sqlite:///{tmp}/draft.sqlite")
    revisions = migrate.known_revisions()
    if revisions:
        migrate.upgrade(engine)
    subset = MetaData(naming_convention=Base.metadata.naming_convention)
    for table in Base.metadata.sorted_tables:
        table.to_metadata(subset)
    with engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn,
            opts={
                "render_as_batch": True,
                "include_object": lambda obj, name, type_, reflected, compare_to: (
                    (type_ != "table" or name in wanted or reflected)
                    and (getattr(obj, "table", obj).name in wanted if type_ != "table" else True)
                ),
            },
        )
        ops = produce_migrations(ctx, subset)
        up = render_python_code(ops.upgrade_ops, render_as_batch=True)
        down = render_python_code(ops.downgrade_ops, render_as_batch=True)
down_rev = revisions[-1] if revisions else None
slug = message.replace(" ", "_").lower()
path = migrate.MIGRATIONS_DIR / "versions" / f"{rev}_{slug}.py"
body = f'''"""{message}

Revision ID: {rev}
Revises: {down_rev}
"""

import sqlalchemy as sa
from alembic import op

revision = {rev!r}
down_revision = {down_rev!r}
branch_labels = None
depends_on = None


def upgrade() -> None:
{up}


def downgrade() -> None:
{down}
'''
path.write_text(body)
print(path)

"""restricted audiences: records and whole logs restricted to named roles or people;
corrections to minutes linked to the item they quote

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

RESTRICTABLE = ("action", "agenda_item", "escalation", "practice_review")


def upgrade() -> None:
    for table in RESTRICTABLE:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("restricted_to", sa.String(length=400), nullable=True))
            batch_op.create_check_constraint(
                "audience_needs_restriction", "restricted_to IS NULL OR restricted"
            )
    # A correction to approved minutes quotes the item it is about: it is hidden with the item.
    with op.batch_alter_table("minutes_correction", schema=None) as batch_op:
        batch_op.add_column(sa.Column("agenda_item_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_minutes_correction_agenda_item_id_agenda_item"),
            "agenda_item",
            ["agenda_item_id"],
            ["id"],
        )
    op.create_table(
        "restricted_log",
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("restricted_to", sa.String(length=400), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column("row_version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint(
            "kind IN ('action', 'agenda_item', 'escalation', 'practice_review')",
            name=op.f("ck_restricted_log_known_kind"),
        ),
        sa.PrimaryKeyConstraint("kind", name=op.f("pk_restricted_log")),
    )


def downgrade() -> None:
    op.drop_table("restricted_log")
    with op.batch_alter_table("minutes_correction", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_minutes_correction_agenda_item_id_agenda_item"), type_="foreignkey"
        )
        batch_op.drop_column("agenda_item_id")
    for table in reversed(RESTRICTABLE):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint("audience_needs_restriction", type_="check")
            batch_op.drop_column("restricted_to")

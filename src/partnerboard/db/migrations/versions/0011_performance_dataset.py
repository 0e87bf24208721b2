"""performance dataset: indicators (versioned definitions), their values per period, partners'
returns; actions raised from an indicator; indicators restrictable like actions

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

LOG_KINDS_BEFORE = ("action", "agenda_item", "escalation", "practice_review")
LOG_KINDS_AFTER = (*LOG_KINDS_BEFORE, "indicator")


def _timestamps() -> list[sa.Column]:
    return [
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
    ]


def _known_kinds(kinds: tuple[str, ...]) -> str:
    return "kind IN (" + ", ".join(f"'{k}'" for k in kinds) + ")"


def upgrade() -> None:
    op.create_table(
        "dataset_return",
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=12), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("file_name", sa.String(length=300), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("submitted_by", sa.String(length=200), nullable=True),
        sa.Column("submitted_role", sa.String(length=200), nullable=True),
        sa.Column("submitted_email", sa.String(length=254), nullable=True),
        sa.Column("submitted_on", sa.Date(), nullable=True),
        sa.Column("template_version", sa.String(length=20), nullable=True),
        sa.Column("template_generated_at", sa.DateTime(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        *_timestamps(),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agency.id"], name=op.f("fk_dataset_return_agency_id_agency")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dataset_return")),
    )
    with op.batch_alter_table("dataset_return", schema=None) as batch_op:
        batch_op.create_index(
            "ix_dataset_return_agency_period", ["agency_id", "period"], unique=False
        )

    op.create_table(
        "indicator",
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("definition", sa.Text(), nullable=True),
        sa.Column("numerator", sa.Text(), nullable=True),
        sa.Column("denominator", sa.Text(), nullable=True),
        sa.Column("theme", sa.String(length=100), nullable=True),
        sa.Column("agency_id", sa.Integer(), nullable=True),
        sa.Column("owner", sa.String(length=200), nullable=True),
        sa.Column("unit", sa.String(length=20), nullable=False),
        sa.Column("polarity", sa.String(length=20), nullable=False),
        sa.Column("frequency", sa.String(length=20), server_default="quarterly", nullable=False),
        sa.Column("target", sa.Float(), nullable=True),
        sa.Column("tolerance", sa.Float(), nullable=True),
        sa.Column("england", sa.Float(), nullable=True),
        sa.Column("england_period", sa.String(length=40), nullable=True),
        sa.Column("neighbours", sa.Float(), nullable=True),
        sa.Column("neighbours_period", sa.String(length=40), nullable=True),
        sa.Column("region", sa.Float(), nullable=True),
        sa.Column("region_period", sa.String(length=40), nullable=True),
        sa.Column("status", sa.String(length=20), server_default="current", nullable=False),
        sa.Column("replaces_id", sa.Integer(), nullable=True),
        sa.Column("starts", sa.String(length=12), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("restricted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("restricted_to", sa.String(length=400), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        *_timestamps(),
        sa.Column("row_version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint(
            "restricted_to IS NULL OR restricted",
            name=op.f("ck_indicator_audience_needs_restriction"),
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agency.id"], name=op.f("fk_indicator_agency_id_agency")
        ),
        sa.ForeignKeyConstraint(
            ["replaces_id"], ["indicator.id"], name=op.f("fk_indicator_replaces_id_indicator")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator")),
        sa.UniqueConstraint("reference", "version", name=op.f("uq_indicator_reference_version")),
    )
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_indicator_agency_id"), ["agency_id"], unique=False)
        batch_op.create_index("ix_indicator_status_theme", ["status", "theme"], unique=False)

    op.create_table(
        "indicator_value",
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=12), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=True),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("numerator", sa.Float(), nullable=True),
        sa.Column("denominator", sa.Float(), nullable=True),
        sa.Column("not_available", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("not_available_reason", sa.Text(), nullable=True),
        sa.Column("commentary", sa.Text(), nullable=True),
        sa.Column("correction_reason", sa.Text(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_by", sa.String(length=200), nullable=True),
        sa.Column("source", sa.String(length=20), server_default="form", nullable=False),
        sa.Column("return_id", sa.Integer(), nullable=True),
        sa.Column("source_file", sa.String(length=300), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        *_timestamps(),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agency.id"], name=op.f("fk_indicator_value_agency_id_agency")
        ),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicator.id"],
            name=op.f("fk_indicator_value_indicator_id_indicator"),
        ),
        sa.ForeignKeyConstraint(
            ["return_id"],
            ["dataset_return.id"],
            name=op.f("fk_indicator_value_return_id_dataset_return"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_value")),
    )
    with op.batch_alter_table("indicator_value", schema=None) as batch_op:
        batch_op.create_index(
            "ix_indicator_value_current",
            ["indicator_id", "period", "recorded_at", "id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_indicator_value_return_id"), ["return_id"], unique=False
        )

    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source_indicator_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_action_source_indicator_id"), ["source_indicator_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_action_source_indicator_id_indicator"),
            "indicator",
            ["source_indicator_id"],
            ["id"],
        )

    # The whole indicator log can be restricted like the others.
    with op.batch_alter_table("restricted_log", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_restricted_log_known_kind"), type_="check")
        batch_op.create_check_constraint("known_kind", _known_kinds(LOG_KINDS_AFTER))


def downgrade() -> None:
    op.execute("DELETE FROM restricted_log WHERE kind = 'indicator'")
    with op.batch_alter_table("restricted_log", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_restricted_log_known_kind"), type_="check")
        batch_op.create_check_constraint("known_kind", _known_kinds(LOG_KINDS_BEFORE))
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_action_source_indicator_id_indicator"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_action_source_indicator_id"))
        batch_op.drop_column("source_indicator_id")
    with op.batch_alter_table("indicator_value", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicator_value_return_id"))
        batch_op.drop_index("ix_indicator_value_current")
    op.drop_table("indicator_value")
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.drop_index("ix_indicator_status_theme")
        batch_op.drop_index(batch_op.f("ix_indicator_agency_id"))
    op.drop_table("indicator")
    with op.batch_alter_table("dataset_return", schema=None) as batch_op:
        batch_op.drop_index("ix_dataset_return_agency_period")
    op.drop_table("dataset_return")

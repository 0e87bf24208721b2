"""engagement log (feedback from children and families) and the yearly report's narrative

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def _stamps() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column("row_version", sa.Integer(), server_default="1", nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "engagement_entry",
        sa.Column("activity", sa.String(length=300), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("method", sa.String(length=30), server_default="other", nullable=False),
        sa.Column("participants", sa.Text(), nullable=True),
        sa.Column("participant_count", sa.Integer(), nullable=True),
        sa.Column("lead_agency_id", sa.Integer(), nullable=True),
        sa.Column("heard", sa.Text(), nullable=True),
        sa.Column("changed", sa.Text(), nullable=True),
        sa.Column("active", sa.Boolean(), server_default="1", nullable=False),
        *_stamps(),
        sa.ForeignKeyConstraint(
            ["lead_agency_id"],
            ["agency.id"],
            name=op.f("fk_engagement_entry_lead_agency_id_agency"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_engagement_entry")),
    )
    op.create_index("ix_engagement_entry_held_on", "engagement_entry", ["held_on"], unique=False)
    op.create_index(
        op.f("ix_engagement_entry_lead_agency_id"),
        "engagement_entry",
        ["lead_agency_id"],
        unique=False,
    )
    op.create_table(
        "report_narrative",
        sa.Column("year", sa.String(length=10), nullable=False),
        sa.Column("slot", sa.String(length=40), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("source_file", sa.String(length=300), nullable=True),
        *_stamps(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_narrative")),
        sa.UniqueConstraint("year", "slot", name=op.f("uq_report_narrative_year_slot")),
    )


def downgrade() -> None:
    op.drop_table("report_narrative")
    op.drop_index(op.f("ix_engagement_entry_lead_agency_id"), table_name="engagement_entry")
    op.drop_index("ix_engagement_entry_held_on", table_name="engagement_entry")
    op.drop_table("engagement_entry")

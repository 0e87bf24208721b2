"""thresholds_and_escalations

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _stamps(versioned: bool = True) -> list[sa.Column]:
    columns = [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
    ]
    if versioned:
        columns.append(sa.Column("row_version", sa.Integer(), server_default="1", nullable=False))
    return columns


def upgrade() -> None:
    op.create_table(
        "threshold_document",
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        *_stamps(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_threshold_document")),
    )
    op.create_table(
        "escalation",
        sa.Column("reference", sa.String(length=40), nullable=True),
        sa.Column("raised_on", sa.Date(), nullable=False),
        sa.Column("raising_agency_id", sa.Integer(), nullable=False),
        sa.Column("other_agency_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("stage", sa.Integer(), server_default="1", nullable=False),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("resolved_on", sa.Date(), nullable=True),
        sa.Column("learning_theme", sa.String(length=200), nullable=True),
        sa.Column("learning", sa.Text(), nullable=True),
        sa.Column("learning_action_id", sa.Integer(), nullable=True),
        sa.Column("restricted", sa.Boolean(), server_default="0", nullable=False),
        *_stamps(),
        sa.ForeignKeyConstraint(
            ["other_agency_id"], ["agency.id"], name=op.f("fk_escalation_other_agency_id_agency")
        ),
        sa.ForeignKeyConstraint(
            ["raising_agency_id"],
            ["agency.id"],
            name=op.f("fk_escalation_raising_agency_id_agency"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_escalation")),
    )
    op.create_index("ix_escalation_raised_on", "escalation", ["raised_on"], unique=False)
    op.create_table(
        "escalation_step",
        sa.Column("escalation_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.Integer(), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        *_stamps(versioned=False),
        sa.ForeignKeyConstraint(
            ["escalation_id"],
            ["escalation.id"],
            name=op.f("fk_escalation_step_escalation_id_escalation"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_escalation_step")),
        sa.UniqueConstraint(
            "escalation_id", "stage", name=op.f("uq_escalation_step_escalation_id_stage")
        ),
    )
    op.create_table(
        "threshold_version",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.String(length=30), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("status", sa.String(length=20), server_default="draft", nullable=False),
        sa.Column("approved_on", sa.Date(), nullable=True),
        sa.Column("approved_meeting_id", sa.Integer(), nullable=True),
        sa.Column("review_due", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        *_stamps(),
        sa.ForeignKeyConstraint(
            ["approved_meeting_id"],
            ["meeting.id"],
            name=op.f("fk_threshold_version_approved_meeting_id_meeting"),
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["threshold_document.id"],
            name=op.f("fk_threshold_version_document_id_threshold_document"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_threshold_version")),
        sa.UniqueConstraint(
            "document_id", "version", name=op.f("uq_threshold_version_document_id_version")
        ),
    )
    op.create_table(
        "threshold_level",
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("descriptors", sa.Text(), nullable=True),
        sa.Column("indicators", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["threshold_version.id"],
            name=op.f("fk_threshold_level_version_id_threshold_version"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_threshold_level")),
        sa.UniqueConstraint(
            "version_id", "number", name=op.f("uq_threshold_level_version_id_number")
        ),
    )
    op.create_table(
        "threshold_signup",
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), server_default="pending", nullable=False),
        sa.Column("signatory_name", sa.String(length=200), nullable=True),
        sa.Column("signatory_role", sa.String(length=200), nullable=True),
        sa.Column("signed_on", sa.Date(), nullable=True),
        sa.Column("method", sa.String(length=20), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        *_stamps(),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agency.id"], name=op.f("fk_threshold_signup_agency_id_agency")
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["threshold_version.id"],
            name=op.f("fk_threshold_signup_version_id_threshold_version"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_threshold_signup")),
        sa.UniqueConstraint(
            "version_id", "agency_id", name=op.f("uq_threshold_signup_version_id_agency_id")
        ),
    )
    op.create_index(
        "ix_threshold_signup_agency_id", "threshold_signup", ["agency_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_threshold_signup_agency_id", table_name="threshold_signup")
    op.drop_table("threshold_signup")
    op.drop_table("threshold_level")
    op.drop_table("threshold_version")
    op.drop_table("escalation_step")
    op.drop_index("ix_escalation_raised_on", table_name="escalation")
    op.drop_table("escalation")
    op.drop_table("threshold_document")

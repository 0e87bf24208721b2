"""multi_agency_audits

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ma_audit",
        sa.Column("theme", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=True),
        sa.Column("period_end", sa.Date(), nullable=True),
        sa.Column("lead_person_id", sa.Integer(), nullable=True),
        sa.Column("board_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), server_default="planned", nullable=False),
        sa.Column("return_deadline", sa.Date(), nullable=True),
        sa.Column("moderation_on", sa.Date(), nullable=True),
        sa.Column("reported_on", sa.Date(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column("row_version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["board_id"], ["board.id"], name=op.f("fk_ma_audit_board_id_board")
        ),
        sa.ForeignKeyConstraint(
            ["lead_person_id"], ["person.id"], name=op.f("fk_ma_audit_lead_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ma_audit")),
    )
    op.create_table(
        "ma_audit_agency",
        sa.Column("audit_id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agency.id"], name=op.f("fk_ma_audit_agency_agency_id_agency")
        ),
        sa.ForeignKeyConstraint(
            ["audit_id"], ["ma_audit.id"], name=op.f("fk_ma_audit_agency_audit_id_ma_audit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ma_audit_agency")),
        sa.UniqueConstraint(
            "audit_id", "agency_id", name=op.f("uq_ma_audit_agency_audit_id_agency_id")
        ),
    )
    op.create_table(
        "ma_audit_question",
        sa.Column("audit_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["audit_id"], ["ma_audit.id"], name=op.f("fk_ma_audit_question_audit_id_ma_audit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ma_audit_question")),
        sa.UniqueConstraint(
            "audit_id", "number", name=op.f("uq_ma_audit_question_audit_id_number")
        ),
    )
    op.create_table(
        "ma_case",
        sa.Column("audit_id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=40), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("reaudit_of_case_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column("row_version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["audit_id"], ["ma_audit.id"], name=op.f("fk_ma_case_audit_id_ma_audit")
        ),
        sa.ForeignKeyConstraint(
            ["reaudit_of_case_id"],
            ["ma_case.id"],
            name=op.f("fk_ma_case_reaudit_of_case_id_ma_case"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ma_case")),
        sa.UniqueConstraint("audit_id", "reference", name=op.f("uq_ma_case_audit_id_reference")),
    )
    op.create_index(
        op.f("ix_ma_case_reaudit_of_case_id"), "ma_case", ["reaudit_of_case_id"], unique=False
    )
    op.create_table(
        "ma_finding",
        sa.Column("audit_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("theme_tag", sa.String(length=100), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column("row_version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["audit_id"], ["ma_audit.id"], name=op.f("fk_ma_finding_audit_id_ma_audit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ma_finding")),
    )
    op.create_table(
        "ma_submission",
        sa.Column("audit_id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
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
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agency.id"], name=op.f("fk_ma_submission_agency_id_agency")
        ),
        sa.ForeignKeyConstraint(
            ["audit_id"], ["ma_audit.id"], name=op.f("fk_ma_submission_audit_id_ma_audit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ma_submission")),
    )
    op.create_index(
        "ix_ma_submission_audit_agency", "ma_submission", ["audit_id", "agency_id"], unique=False
    )
    op.create_table(
        "ma_case_agency",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agency.id"], name=op.f("fk_ma_case_agency_agency_id_agency")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["ma_case.id"], name=op.f("fk_ma_case_agency_case_id_ma_case")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ma_case_agency")),
        sa.UniqueConstraint(
            "case_id", "agency_id", name=op.f("uq_ma_case_agency_case_id_agency_id")
        ),
    )
    op.create_table(
        "ma_case_return",
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("involvement", sa.Text(), nullable=True),
        sa.Column("reflection", sa.Text(), nullable=True),
        sa.Column("grade", sa.String(length=30), nullable=False),
        sa.Column("learning", sa.Text(), nullable=True),
        sa.Column("superseded", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agency.id"], name=op.f("fk_ma_case_return_agency_id_agency")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["ma_case.id"], name=op.f("fk_ma_case_return_case_id_ma_case")
        ),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["ma_submission.id"],
            name=op.f("fk_ma_case_return_submission_id_ma_submission"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ma_case_return")),
    )
    op.create_index(
        "ix_ma_case_return_case_agency", "ma_case_return", ["case_id", "agency_id"], unique=False
    )
    op.create_index(
        op.f("ix_ma_case_return_submission_id"), "ma_case_return", ["submission_id"], unique=False
    )
    op.create_table(
        "ma_moderation",
        sa.Column("case_return_id", sa.Integer(), nullable=False),
        sa.Column("moderated_grade", sa.String(length=30), nullable=False),
        sa.Column("moderator", sa.String(length=200), nullable=False),
        sa.Column("agreed", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("moderated_on", sa.Date(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["case_return_id"],
            ["ma_case_return.id"],
            name=op.f("fk_ma_moderation_case_return_id_ma_case_return"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ma_moderation")),
    )
    op.create_index(
        op.f("ix_ma_moderation_case_return_id"), "ma_moderation", ["case_return_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_ma_moderation_case_return_id"), table_name="ma_moderation")
    op.drop_table("ma_moderation")
    op.drop_index(op.f("ix_ma_case_return_submission_id"), table_name="ma_case_return")
    op.drop_index("ix_ma_case_return_case_agency", table_name="ma_case_return")
    op.drop_table("ma_case_return")
    op.drop_table("ma_case_agency")
    op.drop_index("ix_ma_submission_audit_agency", table_name="ma_submission")
    op.drop_table("ma_submission")
    op.drop_table("ma_finding")
    op.drop_index(op.f("ix_ma_case_reaudit_of_case_id"), table_name="ma_case")
    op.drop_table("ma_case")
    op.drop_table("ma_audit_question")
    op.drop_table("ma_audit_agency")
    op.drop_table("ma_audit")

"""training: courses, learning outcomes, sessions, practitioners, bookings, evaluations,
agencies' targets and e-mail domains

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def _stamps() -> list[sa.Column]:
    return [
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
    ]


def _version() -> sa.Column:
    return sa.Column("row_version", sa.Integer(), server_default="1", nullable=False)


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}")
    )


def upgrade() -> None:
    op.create_table(
        "training_agency_domain",
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("domain", sa.String(length=200), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        _fk("training_agency_domain", "agency_id", "agency"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_agency_domain")),
        sa.UniqueConstraint("domain", name=op.f("uq_training_agency_domain_domain")),
    )
    op.create_table(
        "training_practitioner",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("job_role", sa.String(length=200), nullable=True),
        sa.Column("agency_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        *_stamps(),
        _version(),
        _fk("training_practitioner", "agency_id", "agency"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_practitioner")),
    )
    op.create_index(
        op.f("ix_training_practitioner_email"), "training_practitioner", ["email"], unique=False
    )
    op.create_table(
        "training_target",
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("places", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        *_stamps(),
        _version(),
        _fk("training_target", "agency_id", "agency"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_target")),
        sa.UniqueConstraint("agency_id", "year", name=op.f("uq_training_target_agency_id_year")),
    )
    op.create_table(
        "training_course",
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("theme", sa.String(length=200), nullable=False),
        sa.Column("workstream_id", sa.Integer(), nullable=True),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("audience", sa.Text(), nullable=True),
        sa.Column("delivering_agency_id", sa.Integer(), nullable=True),
        sa.Column("trainers", sa.String(length=300), nullable=True),
        sa.Column("duration_minutes", sa.Integer(), nullable=True),
        sa.Column("target_trained", sa.Integer(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("active", sa.Boolean(), server_default="1", nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        *_stamps(),
        _version(),
        _fk("training_course", "delivering_agency_id", "agency"),
        _fk("training_course", "workstream_id", "workstream"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_course")),
        sa.UniqueConstraint("reference", name=op.f("uq_training_course_reference")),
    )
    op.create_table(
        "training_outcome",
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=300), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        _fk("training_outcome", "course_id", "training_course"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_outcome")),
        sa.UniqueConstraint(
            "course_id", "number", name=op.f("uq_training_outcome_course_id_number")
        ),
    )
    op.create_table(
        "training_session",
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=True),
        sa.Column("mode", sa.String(length=10), nullable=False),
        sa.Column("venue", sa.String(length=300), nullable=True),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("trainers", sa.String(length=300), nullable=True),
        sa.Column("cancelled", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("follow_up_sent_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        *_stamps(),
        _version(),
        _fk("training_session", "course_id", "training_course"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_session")),
    )
    op.create_index(
        "ix_training_session_course_start",
        "training_session",
        ["course_id", "starts_at"],
        unique=False,
    )
    op.create_table(
        "training_booking",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("practitioner_id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=True),
        sa.Column("agency_as_written", sa.String(length=200), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("booked_on", sa.Date(), nullable=True),
        sa.Column("source", sa.String(length=300), nullable=True),
        sa.Column("external_ref", sa.String(length=100), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        *_stamps(),
        _version(),
        _fk("training_booking", "agency_id", "agency"),
        _fk("training_booking", "practitioner_id", "training_practitioner"),
        _fk("training_booking", "session_id", "training_session"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_booking")),
        sa.UniqueConstraint(
            "session_id",
            "practitioner_id",
            name=op.f("uq_training_booking_session_id_practitioner_id"),
        ),
    )
    op.create_index("ix_training_booking_agency", "training_booking", ["agency_id"], unique=False)
    op.create_table(
        "training_course_action",
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        _fk("training_course_action", "action_id", "action"),
        _fk("training_course_action", "course_id", "training_course"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_course_action")),
        sa.UniqueConstraint(
            "course_id", "action_id", name=op.f("uq_training_course_action_course_id_action_id")
        ),
    )
    op.create_index(
        op.f("ix_training_course_action_action_id"),
        "training_course_action",
        ["action_id"],
        unique=False,
    )
    op.create_table(
        "training_evaluation",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=True),
        sa.Column("agency_id", sa.Integer(), nullable=True),
        sa.Column("submitted_at", sa.DateTime(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("theme_tag", sa.String(length=100), nullable=True),
        sa.Column("external_id", sa.String(length=100), nullable=True),
        sa.Column("source_file", sa.String(length=300), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        *_stamps(),
        _fk("training_evaluation", "agency_id", "agency"),
        _fk("training_evaluation", "booking_id", "training_booking"),
        _fk("training_evaluation", "session_id", "training_session"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_evaluation")),
    )
    op.create_index(
        "ix_training_evaluation_session_kind",
        "training_evaluation",
        ["session_id", "kind"],
        unique=False,
    )
    op.create_table(
        "training_rating",
        sa.Column("evaluation_id", sa.Integer(), nullable=False),
        sa.Column("outcome_id", sa.Integer(), nullable=False),
        sa.Column("confidence_before", sa.Integer(), nullable=True),
        sa.Column("confidence_after", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        _fk("training_rating", "evaluation_id", "training_evaluation"),
        _fk("training_rating", "outcome_id", "training_outcome"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_rating")),
        sa.UniqueConstraint(
            "evaluation_id", "outcome_id", name=op.f("uq_training_rating_evaluation_id_outcome_id")
        ),
    )
    op.create_index(
        op.f("ix_training_rating_outcome_id"), "training_rating", ["outcome_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_training_rating_outcome_id"), table_name="training_rating")
    op.drop_table("training_rating")
    op.drop_index("ix_training_evaluation_session_kind", table_name="training_evaluation")
    op.drop_table("training_evaluation")
    op.drop_index(op.f("ix_training_course_action_action_id"), table_name="training_course_action")
    op.drop_table("training_course_action")
    op.drop_index("ix_training_booking_agency", table_name="training_booking")
    op.drop_table("training_booking")
    op.drop_index("ix_training_session_course_start", table_name="training_session")
    op.drop_table("training_session")
    op.drop_table("training_outcome")
    op.drop_table("training_course")
    op.drop_table("training_target")
    op.drop_index(op.f("ix_training_practitioner_email"), table_name="training_practitioner")
    op.drop_table("training_practitioner")
    op.drop_table("training_agency_domain")

"""meetings

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "meeting",
        sa.Column("board_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=True),
        sa.Column("venue", sa.String(length=200), nullable=True),
        sa.Column("online", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("online_link", sa.String(length=500), nullable=True),
        sa.Column("status", sa.String(length=20), server_default="planned", nullable=False),
        sa.Column("chair_person_id", sa.Integer(), nullable=True),
        sa.Column("minute_taker_person_id", sa.Integer(), nullable=True),
        sa.Column("minutes_approved_on", sa.Date(), nullable=True),
        sa.Column("minutes_approved_by", sa.String(length=200), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column("row_version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(["board_id"], ["board.id"], name=op.f("fk_meeting_board_id_board")),
        sa.ForeignKeyConstraint(
            ["chair_person_id"], ["person.id"], name=op.f("fk_meeting_chair_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["minute_taker_person_id"],
            ["person.id"],
            name=op.f("fk_meeting_minute_taker_person_id_person"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting")),
    )
    op.create_index("ix_meeting_board_starts", "meeting", ["board_id", "starts_at"], unique=False)
    op.create_table(
        "agenda_item",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), server_default="standard", nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("presenter", sa.String(length=200), nullable=True),
        sa.Column("paper_ref", sa.String(length=100), nullable=True),
        sa.Column("minutes_allotted", sa.Integer(), nullable=True),
        sa.Column("restricted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("discussion", sa.Text(), nullable=True),
        sa.Column("decisions", sa.Text(), nullable=True),
        sa.Column("not_reached", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("carried_from_item_id", sa.Integer(), nullable=True),
        sa.Column("previous_meeting_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column("row_version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["carried_from_item_id"],
            ["agenda_item.id"],
            name=op.f("fk_agenda_item_carried_from_item_id_agenda_item"),
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_agenda_item_meeting_id_meeting")
        ),
        sa.ForeignKeyConstraint(
            ["previous_meeting_id"],
            ["meeting.id"],
            name=op.f("fk_agenda_item_previous_meeting_id_meeting"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_item")),
    )
    op.create_index(
        "ix_agenda_item_meeting_position", "agenda_item", ["meeting_id", "position"], unique=False
    )
    op.create_table(
        "attendance",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), server_default="0", nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("role", sa.String(length=20), nullable=True),
        sa.Column("agency_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), server_default="present", nullable=False),
        sa.Column("deputy_person_id", sa.Integer(), nullable=True),
        sa.Column("deputy_name", sa.String(length=200), nullable=True),
        sa.Column("apology_reason", sa.String(length=300), nullable=True),
        sa.Column("guest_name", sa.String(length=200), nullable=True),
        sa.Column("guest_organisation", sa.String(length=200), nullable=True),
        sa.Column("guest_role", sa.String(length=200), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column("row_version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["deputy_person_id"], ["person.id"], name=op.f("fk_attendance_deputy_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_attendance_meeting_id_meeting")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_attendance_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agency.id"], name=op.f("fk_attendance_agency_id_agency")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance")),
        sa.UniqueConstraint(
            "meeting_id", "person_id", name=op.f("uq_attendance_meeting_id_person_id")
        ),
    )
    op.create_table(
        "minutes_correction",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("corrected_by", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_minutes_correction_meeting_id_meeting")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_minutes_correction")),
    )
    op.create_index(
        op.f("ix_minutes_correction_meeting_id"),
        "minutes_correction",
        ["meeting_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_minutes_correction_meeting_id"), table_name="minutes_correction")
    op.drop_table("minutes_correction")
    op.drop_table("attendance")
    op.drop_index("ix_agenda_item_meeting_position", table_name="agenda_item")
    op.drop_table("agenda_item")
    op.drop_index("ix_meeting_board_starts", table_name="meeting")
    op.drop_table("meeting")

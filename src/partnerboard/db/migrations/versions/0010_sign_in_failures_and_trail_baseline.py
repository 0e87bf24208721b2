"""failed sign-ins recorded (for the back-off); the audit trail's baseline of what it did not cover

Revision ID: 0010
Revises: 0009

Versions before this one wrote some changes without audit entries (Section 11 imports wrote with
Core statements; rows from before schema 0008 have none; columns added since were never
recorded). `check` now compares every row with the trail, so the rows as they stand are recorded
once as "baseline" entries (`db.data_check.record_baseline`): from here on, every change must be
in the trail.
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sign_in_failure",
        sa.Column("login", sa.String(length=100), nullable=False),
        sa.Column("failures", sa.Integer(), server_default="0", nullable=False),
        sa.Column("last_failed_at", sa.DateTime(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.PrimaryKeyConstraint("login", name=op.f("pk_sign_in_failure")),
    )
    # The app's own code: what the baseline records must be what `check` compares.
    from partnerboard.db.data_check import record_baseline

    record_baseline(op.get_bind(), who="partnerboard (upgrade to schema 0010)")


def downgrade() -> None:
    op.drop_table("sign_in_failure")

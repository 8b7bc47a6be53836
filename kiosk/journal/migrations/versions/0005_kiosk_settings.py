"""Settings technicians change at the kiosk (the voice's volume, the click), kept across restarts.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "kiosk_settings",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value_json", sa.Text, nullable=False),
        sa.Column("changed_at", sa.String(32), nullable=False),  # UTC ISO text, as elsewhere
        sa.Column("changed_by", sa.String(64), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("kiosk_settings")

"""A note journaled but whose acknowledgement the acceptor has not confirmed yet (one per device).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "unacked_notes",
        sa.Column("device", sa.String(64), primary_key=True),
        sa.Column("note_id", sa.Integer, sa.ForeignKey("notes.id"), nullable=False),
        sa.Column("value_fen", sa.Integer, nullable=False),
        sa.Column("channel", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("unacked_notes")

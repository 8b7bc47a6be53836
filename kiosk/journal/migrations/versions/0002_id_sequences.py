"""Durable id counters and the outbox scheduling indexes.

Transaction ids used to be derived from max(existing id); a counter table keeps them unique
even after old rows are archived. Existing ids seed the counters. The two indexes let the
forwarder find each account's due head without scanning the whole outbox.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_ID_RE = re.compile(r"^(?P<prefix>.+)-(?P<seq>\d{6,})$")


def upgrade() -> None:
    op.create_table(
        "id_sequences",
        sa.Column("prefix", sa.String(64), primary_key=True),
        sa.Column("last_value", sa.Integer, nullable=False),
    )
    op.create_index("ix_outbox_state_account_id", "outbox", ["state", "account_no", "id"])
    op.create_index("ix_outbox_state_due", "outbox", ["state", "next_attempt_at", "id"])
    bind = op.get_bind()
    highest: dict[str, int] = {}
    for (txn_id,) in bind.execute(sa.text("SELECT id FROM transactions")):
        match = _ID_RE.match(txn_id)
        if match:
            prefix, seq = match["prefix"], int(match["seq"])
            highest[prefix] = max(highest.get(prefix, 0), seq)
    for prefix, seq in sorted(highest.items()):
        bind.execute(
            sa.text("INSERT INTO id_sequences (prefix, last_value) VALUES (:p, :v)"),
            {"p": prefix, "v": seq},
        )


def downgrade() -> None:
    op.drop_index("ix_outbox_state_due", table_name="outbox")
    op.drop_index("ix_outbox_state_account_id", table_name="outbox")
    op.drop_table("id_sequences")

"""First journal schema: transactions, events, notes, cashbox, outbox, cache, attention.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_TIME = sa.String(32)


def upgrade() -> None:
    op.create_table(
        "transactions",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("account_no", sa.String(32)),
        sa.Column("amount_fen", sa.Integer, nullable=False),
        sa.Column("method", sa.String(32)),
        sa.Column("state", sa.String(32), nullable=False),
        sa.Column("created_at", _TIME, nullable=False),
        sa.Column("updated_at", _TIME, nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
    )
    op.create_index("ix_transactions_state", "transactions", ["state"])
    op.create_table(
        "transaction_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("txn_id", sa.String(64), sa.ForeignKey("transactions.id"), nullable=False),
        sa.Column("state", sa.String(32), nullable=False),
        sa.Column("at", _TIME, nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
    )
    op.create_index("ix_transaction_events_txn_id", "transaction_events", ["txn_id"])
    op.create_table(
        "cashbox_periods",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("opened_at", _TIME, nullable=False),
        sa.Column("closed_at", _TIME),
    )
    op.create_table(
        "notes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("txn_id", sa.String(64), sa.ForeignKey("transactions.id")),
        sa.Column("value_fen", sa.Integer, nullable=False),
        sa.Column("device", sa.String(64), nullable=False),
        sa.Column("channel", sa.Integer, nullable=False),
        sa.Column("at", _TIME, nullable=False),
        sa.Column(
            "cashbox_period", sa.Integer, sa.ForeignKey("cashbox_periods.id"), nullable=False
        ),
    )
    op.create_index("ix_notes_txn_id", "notes", ["txn_id"])
    op.create_table(
        "cashbox_counts",
        sa.Column(
            "cashbox_period", sa.Integer, sa.ForeignKey("cashbox_periods.id"), primary_key=True
        ),
        sa.Column("value_fen", sa.Integer, primary_key=True),
        sa.Column("count", sa.Integer, nullable=False),
    )
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("txn_id", sa.String(64), sa.ForeignKey("transactions.id"), nullable=False),
        sa.Column("method", sa.String(8), nullable=False),
        sa.Column("path", sa.String(255), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("idempotency_key", sa.String(64), nullable=False, unique=True),
        sa.Column("account_no", sa.String(32), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("next_attempt_at", _TIME, nullable=False),
        sa.Column("last_error", sa.Text),
        sa.Column("created_at", _TIME, nullable=False),
        sa.Column("response", sa.Text),
    )
    op.create_index("ix_outbox_txn_id", "outbox", ["txn_id"])
    op.create_table(
        "account_cache",
        sa.Column("account_no", sa.String(32), primary_key=True),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("fetched_at", _TIME, nullable=False),
    )
    op.create_table(
        "attention",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("txn_id", sa.String(64), sa.ForeignKey("transactions.id")),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("created_at", _TIME, nullable=False),
        sa.Column("resolved_at", _TIME),
        sa.Column("resolved_by", sa.String(64)),
        sa.Column("resolution", sa.Text),
    )
    op.create_index("ix_attention_txn_id", "attention", ["txn_id"])


def downgrade() -> None:
    for table in (
        "attention",
        "account_cache",
        "outbox",
        "cashbox_counts",
        "notes",
        "cashbox_periods",
        "transaction_events",
        "transactions",
    ):
        op.drop_table(table)

"""Undoing a request whose outcome is unknown: a card authorization reversed, a mandate cancelled.

Both follow one rule: the undo is itself idempotent on the server, so it is simply repeated until
the server answers; "not found" means the original never happened, which is as good as undone.
What stays unanswered is left to staff (once on the attention list) and to start-up recovery.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from kiosk.backend.errors import ApiError, BackendError
from kiosk.journal import Journal

log = logging.getLogger(__name__)


def undo_with_retries(undo: Callable[[], object], tries: int, what: str) -> bool:
    """True once the server has undone it (or never had it); False after `tries` failed tries."""
    for attempt in range(1, tries + 1):
        try:
            undo()
        except ApiError as exc:
            if exc.code == "NOT_FOUND":  # the original never reached the server
                return True
            log.warning("%s refused (try %d): %s", what, attempt, exc)
            continue
        except BackendError as exc:
            log.warning("%s unknown (try %d): %s", what, attempt, exc)
            continue
        return True
    return False


def attention_once(journal: Journal, txn_id: str, reason: str) -> None:
    """Put a transaction on the staff list unless the same open reason is there already."""
    if (txn_id, reason) not in {(a.txn_id, a.reason) for a in journal.list_attention()}:
        journal.add_attention(txn_id, reason)

"""The forwarder: sends pending outbox items, in order per account, until the server decides.

Rules (contract: an unknown outcome is retried, never assumed):
- OutcomeUnknown, BackendUnavailable, retryable ApiError (429/5xx) and auth errors (401/403: a
  kiosk problem, not the payment's): retry later with the SAME key and body.
- BadResponse or an answer that does not fit the request: logged, retried later.
- A non-retryable 4xx: final. Item failed_final, transaction `rejected`, row for staff.
An item is only sent while no older item of the same account is pending.
"""

from __future__ import annotations

import json
import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy.orm import Session

from kiosk.backend.errors import ApiError, BackendError, BadResponse
from kiosk.clock import Clock
from kiosk.journal import Journal, OutboxItem, ops
from kiosk.outbox.backoff import RetryPolicy
from kiosk.outbox.outcomes import ResponseMismatch, judge_success

log = logging.getLogger(__name__)
AUTH_STATUSES = frozenset({401, 403})
PREFETCH = 16  # account heads read per query
WRITE_TIMEOUT_S = 30.0


class Response(Protocol):
    @property
    def status(self) -> int: ...
    @property
    def body(self) -> dict[str, Any]: ...
    @property
    def replayed(self) -> bool: ...


class Client(Protocol):
    def send_stored(
        self, method: str, path: str, content: bytes | None, idempotency_key: str | None
    ) -> Response: ...


@dataclass(frozen=True)
class ItemResult:
    """The decided end of one outbox item."""

    txn_id: str
    outbox_id: int
    state: str  # "sent" | "failed_final"
    txn_state: str
    response: dict[str, Any] | None
    error: str | None


@dataclass(frozen=True)
class DrainSummary:
    sent: int
    failed: int
    pending: int
    retried: int = 0


class Forwarder:
    def __init__(
        self,
        journal: Journal,
        client: Client,
        clock: Clock,
        rng: random.Random,
        *,
        workers: int = 4,
        policy: RetryPolicy | None = None,
        on_result: Callable[[ItemResult], None] | None = None,
        idle_poll_s: float = 1.0,
    ) -> None:
        self._journal = journal
        self._client = client
        self._clock = clock
        self._rng = rng
        self._rng_lock = threading.Lock()
        self._policy = policy or RetryPolicy()
        self._on_result = on_result
        self._idle_poll_s = idle_poll_s
        self._workers = workers
        self._cv = threading.Condition()
        self._busy_accounts: set[str] = set()
        self._prefetched: list[OutboxItem] = []
        self._wakes = 0
        self._completions = 0
        self._stopping = False
        self._threads: list[threading.Thread] = []

    # --- lifecycle ------------------------------------------------------------------------

    def start(self) -> None:
        with self._cv:
            if self._threads:
                return
            self._stopping = False
            for index in range(self._workers):
                thread = threading.Thread(
                    target=self._worker,
                    args=(index == 0,),
                    name=f"outbox-forwarder-{index}",
                    daemon=True,
                )
                self._threads.append(thread)
        for thread in self._threads:
            thread.start()

    def stop(self, timeout_s: float = 15.0) -> None:
        """Stop after in-flight sends finish (a send is bounded by the client's timeouts)."""
        with self._cv:
            self._stopping = True
            self._cv.notify_all()
            threads, self._threads = self._threads, []
        for thread in threads:
            thread.join(timeout_s)

    def wake(self) -> None:
        """A new item was enqueued or the clock moved: look again now."""
        with self._cv:
            self._wakes += 1
            self._prefetched = []
            self._cv.notify_all()

    # --- running --------------------------------------------------------------------------

    def drain_once(self) -> DrainSummary:
        """Send every item that is due now, in the calling thread (`kiosk forward --once`)."""
        sent = failed = retried = 0
        deferred: set[str] = set()
        due = self._journal.next_outbox_due()
        if due is not None:
            self._clock_went_back(due)
        while True:
            item = self._claim(deferred)
            if item is None:
                break
            try:
                result = self._process(item)
            finally:
                self._release(item)
            if result is None:
                retried += 1
                deferred.add(item.account_no)
            elif result.state == "sent":
                sent += 1
            else:
                failed += 1
        return DrainSummary(sent, failed, self._journal.outbox_depth(), retried)

    def wait_result(self, txn_id: str, timeout_s: float) -> ItemResult | None:
        """Block (a worker thread, never the GUI) until txn_id's outbox item is decided."""
        deadline = self._clock_free_deadline(timeout_s)
        while True:
            with self._cv:
                seen = self._completions
            result = self.result_for(txn_id)
            if result is not None:
                return result
            with self._cv:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                if self._completions == seen:
                    self._cv.wait(remaining)

    def result_for(self, txn_id: str) -> ItemResult | None:
        """The decided result of txn_id's latest outbox item, or None while it is pending."""
        items = self._journal.outbox_for(txn_id)
        if not items or items[-1].state == "pending":
            return None
        item = items[-1]
        txn = self._journal.get_transaction(txn_id)
        return ItemResult(
            txn_id=txn_id,
            outbox_id=item.id,
            state=item.state,
            txn_state=txn.state if txn is not None else "unknown",
            response=item.response,
            error=item.last_error,
        )

    @staticmethod
    def _clock_free_deadline(timeout_s: float) -> float:
        # Waiting for another thread is bounded in real time, not by the injected clock.
        return time.monotonic() + timeout_s

    def _worker(self, polls: bool) -> None:
        while True:
            with self._cv:
                if self._stopping:
                    return
                wakes = self._wakes
            item = self._claim(set())
            if item is None:
                self._idle_wait(wakes, polls)
                continue
            try:
                self._process(item)
            except Exception:  # never let one item kill the thread
                log.exception("outbox item %s: unexpected error", item.id)
            finally:
                self._release(item)

    def _idle_wait(self, wakes: int, polls: bool) -> None:
        """Wait for a wake: an item enqueued, an account's send finished, the clock moved.

        Only the polling worker also wakes when the next retry falls due, and every
        `idle_poll_s` in case an item came without a wake. Each look at the journal is a few ms
        of Python the window's thread waits for (the GIL); four workers looking every second,
        and every 10 ms while one of them sent (its account's head counted as due), made the
        kiosk's rare long stalls (bench/ui/bench_stall.py)."""
        timeout: float | None = None
        if polls:
            with self._cv:
                busy = set(self._busy_accounts)
            due = self._journal.next_outbox_due(exclude_accounts=busy)
            if due is not None and self._clock_went_back(due):
                return
            timeout = self._idle_poll_s
            if due is not None:
                timeout = min(timeout, max(0.01, (due - self._clock.now()).total_seconds()))
        with self._cv:
            if not self._stopping and self._wakes == wakes:
                self._cv.wait(timeout)

    def _clock_went_back(self, due: datetime) -> bool:
        """A retry scheduled beyond any possible backoff: the wall clock jumped backwards.

        Such items are made due now rather than left waiting for the old time to come back.
        """
        now = self._clock.now()
        limit = now + timedelta(seconds=self._policy.horizon_s)
        if due <= limit:
            return False
        moved = self._journal.write(lambda s: ops.outbox_reschedule_beyond(s, limit, now))
        log.warning("wall clock went back: %d outbox items rescheduled to now", moved)
        return True

    def _claim(self, skip_accounts: set[str]) -> OutboxItem | None:
        """Take the oldest due account head whose account nobody is sending for.

        Heads are fetched a few at a time; an item leaves the prefetch list when claimed, and
        while claimed its account is busy, so no item is ever handed out twice.
        """
        with self._cv:
            excluded = self._busy_accounts | skip_accounts
            item = self._pop_prefetched(excluded)
            if item is None:
                self._prefetched = self._journal.due_outbox(
                    exclude_accounts=excluded, limit=PREFETCH
                )
                item = self._pop_prefetched(excluded)
            if item is None:
                return None
            self._busy_accounts.add(item.account_no)
            if self._prefetched:  # more are due: idle workers take them (they do not poll)
                self._wakes += 1
                self._cv.notify_all()
            return item

    def _pop_prefetched(self, excluded: set[str]) -> OutboxItem | None:
        for index, item in enumerate(self._prefetched):
            if item.account_no not in excluded:
                del self._prefetched[index]
                return item
        return None

    def _release(self, item: OutboxItem) -> None:
        with self._cv:
            self._busy_accounts.discard(item.account_no)
            self._wakes += 1
            self._cv.notify_all()

    # --- one attempt ----------------------------------------------------------------------

    def _process(self, item: OutboxItem) -> ItemResult | None:
        """Send item once and journal what happened; the ItemResult if it was decided."""
        content = item.body.encode("utf-8") if item.body else None
        try:
            # the stored bytes go out unchanged (the client checks them, never re-encodes them)
            response = self._client.send_stored(
                item.method, item.path, content, item.idempotency_key
            )
        except ApiError as exc:
            if exc.retryable or exc.status >= 500 or exc.status in AUTH_STATUSES:
                if exc.status in AUTH_STATUSES:
                    log.error("outbox item %s: back end refused the kiosk: %s", item.id, exc)
                return self._retry(item, str(exc), exc.retry_after)
            return self._fail(item, str(exc), exc.body)
        except BadResponse as exc:
            log.error("outbox item %s: malformed answer, will resend: %s", item.id, exc)
            return self._retry(item, str(exc), None)
        except BackendError as exc:  # OutcomeUnknown, BackendUnavailable, InvalidRequest
            retry_after = getattr(exc, "retry_after", None)
            return self._retry(item, str(exc), retry_after)
        except Exception as exc:
            log.exception("outbox item %s: send failed unexpectedly", item.id)
            return self._retry(item, f"{type(exc).__name__}: {exc}", None)
        try:
            sent_body = _stored_object(item.body)
            txn_state, detail = judge_success(item.path, response.status, sent_body, response.body)
        except ResponseMismatch as exc:
            log.error("outbox item %s: answer does not fit the request: %s", item.id, exc)
            return self._retry(item, f"BAD_RESPONSE: {exc}", None)
        detail["replayed"] = response.replayed
        return self._succeed(item, response.body, txn_state, detail)

    def _succeed(
        self, item: OutboxItem, response: dict[str, Any], txn_state: str, detail: dict[str, Any]
    ) -> ItemResult | None:
        now = self._clock.now()
        try:
            answer = ops.prepare_sent(now, response, txn_state, detail)  # guard + JSON, here
            self._journal.write(
                lambda s: ops.mark_sent(s, item.id, answer), WRITE_TIMEOUT_S, core=True
            )
        except Exception as exc:
            log.exception("outbox item %s: could not journal the answer", item.id)
            return self._retry(item, f"journal: {exc}", None)
        return self._finished(ItemResult(item.txn_id, item.id, "sent", txn_state, response, None))

    def _fail(self, item: OutboxItem, error: str, body: dict[str, Any]) -> ItemResult | None:
        now = self._clock.now()
        self._journal.write(
            lambda s: ops.outbox_failed(s, now, item.id, error, body or None, "rejected")
        )
        log.warning("outbox item %s refused for good: %s", item.id, error)
        return self._finished(
            ItemResult(item.txn_id, item.id, "failed_final", "rejected", body or None, error)
        )

    def _retry(self, item: OutboxItem, error: str, retry_after: float | None) -> ItemResult | None:
        """Journal a failed attempt and when to try again; None: the item is still pending."""
        attempts = item.attempts + 1
        with self._rng_lock:
            delay = self._policy.delay_s(attempts, retry_after, self._rng)
        now = self._clock.now()
        next_at = now + timedelta(seconds=delay)
        stuck = attempts == self._policy.attention_after

        def job(s: Session) -> None:
            ops.outbox_retry(s, item.id, error, next_at)
            if stuck:
                reason = f"outbox item {item.id} unsent after {attempts} attempts: {error}"
                ops.add_attention(s, now, item.txn_id, reason)

        self._journal.write(job)
        log.info("outbox item %s: retry in %.1f s after %s", item.id, delay, error)
        return None

    def _finished(self, result: ItemResult) -> ItemResult:
        with self._cv:
            self._completions += 1
            self._cv.notify_all()
        if self._on_result is not None:
            try:
                self._on_result(result)
            except Exception:
                log.exception("outbox result callback failed")
        return result


def _stored_object(body: str) -> dict[str, Any] | None:
    """The stored body as the object that was sent (the client already refused anything else)."""
    if not body:
        return None
    value = json.loads(body)
    if not isinstance(value, dict):
        raise ResponseMismatch("stored body is not a JSON object")
    return value

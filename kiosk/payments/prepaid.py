"""Prepaid IC-card purchases (购电卡): pay first, then the purchase is written onto the card.

Rules (the utility's card format): a purchase still on the card and not yet loaded by the meter
blocks a new one; a purchase paid for but never written is written again for free (补写卡).
A card pulled out at any step is safe: the card's write is atomic and the purchase stays
`pending_write` at the utility until a later insertion writes it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from drivers.card.utility_card import (
    UtilityCardData,
    needs_rewrite,
    purchase_blocked,
)
from drivers.errors import DeviceError
from kiosk.backend import models as m
from kiosk.backend.bodies import card_purchase_body
from kiosk.backend.errors import ApiError, BackendError
from kiosk.clock import Clock
from kiosk.journal import Journal
from kiosk.journal.records import TransactionRecord
from kiosk.payments.recovery import RecoveryHook, RecoveryReport

log = logging.getLogger(__name__)

WriteOutcome = Literal["written", "pending_write", "failed"]


@dataclass(frozen=True)
class CardStatus:
    """What the kiosk may do with the inserted card right now."""

    account_no: str
    card_serial: str
    purchase_count: int  # on the card
    loaded_count: int  # the last count the meter took
    meter_balance_fen: int  # as the meter last wrote it back
    blocked: bool  # the last purchase is still on the card, not yet in the meter
    rewrite_due: bool  # the utility issued a purchase that never reached the card


@dataclass(frozen=True)
class WriteResult:
    outcome: WriteOutcome
    purchase_id: str | None
    credit_fen: int = 0
    reason: str | None = None


class CardWriter(Protocol):
    """The utility card application on an inserted card (drivers.card.utility_card)."""

    def write_purchase(self, data12: bytes) -> Any: ...


class PrepaidApi(Protocol):
    def create_card_purchase(self, body: Any) -> m.CardPurchase: ...

    def confirm_card_purchase(self, purchase_id: str, card_purchase_count_after: int) -> Any: ...

    def get_pending_card_purchases(self, account_no: str) -> list[m.CardPurchase]: ...


def card_status(data: UtilityCardData, issued_count: int | None) -> CardStatus:
    purchase, writeback = data.purchase, data.writeback
    return CardStatus(
        account_no=data.customer.account_no,
        card_serial=data.customer.card_serial,
        purchase_count=purchase.purchase_count,
        loaded_count=writeback.loaded_count,
        meter_balance_fen=writeback.balance_fen,
        blocked=purchase_blocked(purchase, writeback),
        rewrite_due=issued_count is not None and needs_rewrite(issued_count, purchase),
    )


class PrepaidCards:
    def __init__(
        self, journal: Journal, client: PrepaidApi, kiosk_id: str, clock: Clock, *, tries: int = 3
    ) -> None:
        self._journal = journal
        self._client = client
        self._kiosk_id = kiosk_id
        self._clock = clock
        self._tries = tries

    def purchase(
        self,
        card: CardWriter | Callable[[], CardWriter],
        status: CardStatus,
        amount_fen: int,
        payment_id: str,
        payment_txn: str,
    ) -> WriteResult:
        """Create the purchase for a posted payment, write it, read it back, confirm it.

        `card` may be a function that opens the card only after the purchase exists, so a card
        pulled out at any point leaves a purchase the next insertion writes for free.
        """
        txn = self._journal.create_transaction(
            kiosk_id=self._kiosk_id,
            kind="card_purchase",
            account_no=status.account_no,
            amount_fen=amount_fen,
            method=None,
            state="creating",
            detail={
                "card_serial": status.card_serial,
                "card_count": status.purchase_count,
                "payment_id": payment_id,
                "payment_txn": payment_txn,
            },
        )
        created = self._create(txn)
        if created is None:
            return WriteResult("failed", txn.id, reason="purchase_not_created")
        try:
            writer = card() if callable(card) else card
        except DeviceError as exc:
            log.warning("purchase %s waits for the card: %s", txn.id, exc)
            return WriteResult("pending_write", txn.id, created.credit_fen, reason=exc.code)
        return self._write(writer, txn.id, created)

    def _create(self, txn: TransactionRecord) -> m.CardPurchase | None:
        detail = txn.detail
        body = card_purchase_body(
            purchase_id=txn.id,
            account_no=txn.account_no or "",
            card_serial=str(detail["card_serial"]),
            card_purchase_count=int(detail["card_count"]),
            amount_fen=txn.amount_fen,
            payment_id=str(detail["payment_id"]),
        )
        for attempt in range(1, self._tries + 1):
            try:
                created = self._client.create_card_purchase(body)
            except ApiError as exc:
                if not exc.retryable:
                    self._journal.set_state(txn.id, "failed", detail_update={"reason": exc.code})
                    self._journal.add_attention(
                        txn.id, f"card purchase refused by the utility: {exc.code}"
                    )
                    return None
                log.warning("card purchase %s busy (try %d): %s", txn.id, attempt, exc)
                continue
            except BackendError as exc:  # unknown outcome: the same key is safe to resend
                log.warning("card purchase %s unknown (try %d): %s", txn.id, attempt, exc)
                continue
            self._journal.set_state(
                txn.id,
                "pending_write",
                detail_update={
                    "write_data_hex": created.write_data_hex,
                    "new_purchase_count": created.new_purchase_count,
                },
            )
            return created
        log.warning("card purchase %s stays for recovery", txn.id)
        return None

    def _write(self, card: CardWriter, txn_id: str, created: m.CardPurchase) -> WriteResult:
        try:
            card.write_purchase(bytes.fromhex(created.write_data_hex))
        except DeviceError as exc:
            log.warning("purchase %s not written: %s", txn_id, exc)
            return WriteResult("pending_write", txn_id, created.credit_fen, reason=exc.code)
        # A purchase made at another kiosk is not in this journal: only the utility hears.
        local = self._journal.get_transaction(txn_id) is not None
        if local:
            self._journal.set_state(txn_id, "card_written")
        self._confirm(txn_id, created.new_purchase_count, local=local)
        return WriteResult("written", txn_id, created.credit_fen)

    def _confirm(self, txn_id: str, count_after: int, *, local: bool = True) -> None:
        for attempt in range(1, self._tries + 1):
            try:
                self._client.confirm_card_purchase(txn_id, count_after)
            except BackendError as exc:
                log.warning("confirm of %s failed (try %d): %s", txn_id, attempt, exc)
                continue
            if local:
                self._journal.set_state(txn_id, "done")
            return
        # The card has it; the utility will hear at recovery. Nothing is lost meanwhile.

    def rewrite(self, card: CardWriter, status: CardStatus) -> list[WriteResult]:
        """补写卡: write, free of charge, the purchase the utility issued but the card never got."""
        results: list[WriteResult] = []
        pending = self._client.get_pending_card_purchases(status.account_no)
        written = 0
        for created in sorted(pending, key=lambda p: p.new_purchase_count):
            if created.new_purchase_count <= status.purchase_count:
                # Already on the card (written before a crash or a pulled card): confirm only.
                local = self._journal.get_transaction(created.purchase_id) is not None
                self._confirm(created.purchase_id, created.new_purchase_count, local=local)
                continue
            if created.new_purchase_count != status.purchase_count + 1 + written:
                continue
            written += 1
            result = self._write(card, created.purchase_id, created)
            results.append(result)
            if result.outcome != "written":
                break
        return results

    def recovery_hooks(
        self,
    ) -> dict[str, RecoveryHook]:
        """A purchase left `creating` is created (same key); `pending_write` waits for the card;
        `card_written` is confirmed."""

        def hook(journal: Journal, txn: TransactionRecord, report: RecoveryReport) -> None:
            if txn.state == "creating":
                if self._create(txn) is not None:
                    report.finished.append(txn.id)
            elif txn.state == "card_written":
                count = int(txn.detail.get("new_purchase_count", 0))
                self._confirm(txn.id, count)
                report.finished.append(txn.id)
            # pending_write: kept for the free re-write at the next insertion of the card.

        return {"card_purchase": hook}

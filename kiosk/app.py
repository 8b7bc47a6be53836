"""The composition root: builds every part of the kiosk from the settings and wires them together.

No Qt here: the UI receives a built `Kiosk` and renders its session. Nothing else creates devices,
clients or the journal, so there are no module-level singletons.
"""

from __future__ import annotations

import logging
import os
import random
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from drivers.card.base import CardEvent, CardEventKind, CardReader
from drivers.card.pinpad import FakePinPad
from drivers.cash.base import BanknoteAcceptor
from drivers.cash.fake import FakeAcceptor
from drivers.printer.base import ReceiptPrinter
from drivers.scanner.base import ScanEvent, Scanner
from kiosk.accounts import BackendAccounts
from kiosk.backend.client import UtilityClient
from kiosk.card_desk import CardDesk
from kiosk.clock import Clock, SystemClock
from kiosk.config import Settings
from kiosk.heartbeat import Heartbeat, device_state
from kiosk.invoices import InvoiceService
from kiosk.journal import Journal
from kiosk.mandates import MandateService
from kiosk.outbox.forwarder import Forwarder
from kiosk.payment_history import BackendPaymentHistory
from kiosk.payments.bank_card import BankCardPayments
from kiosk.payments.cash import CashPayments
from kiosk.payments.prepaid import PrepaidCards
from kiosk.payments.recovery import RecoveryReport, recover
from kiosk.payments.wallet import WalletPayments
from kiosk.posting import ForwarderPosting
from kiosk.receipt_desk import PrinterReceiptDesk
from kiosk.session.early import EarlySession
from kiosk.session.machine import Session
from kiosk.session.ports import CardPorts, Health
from kiosk.staff.acceptor_tap import AcceptorTap, CashboxWatcher
from kiosk.staff.collection import Collections
from kiosk.staff.local_settings import LocalSettings, LocalSettingsStore
from kiosk.staff.recovery import RECOVERY_HOOKS as STAFF_HOOKS
from kiosk.staff.service_mode import ServiceMode
from kiosk.workers import SerialWorker

log = logging.getLogger(__name__)


def make_acceptor(settings: Settings) -> tuple[BanknoteAcceptor, str]:
    cash = settings.devices.cash
    if cash.driver in ("fake", "none"):
        return FakeAcceptor(), "fake-acceptor"
    from drivers.cash.factory import open_acceptor

    return open_acceptor(
        cash.driver, cash.port, encrypted=cash.encrypted
    ), f"{cash.driver}:{cash.port}"


def make_card_reader(settings: Settings) -> CardReader | None:
    card = settings.devices.card
    if card.driver == "none":
        return None
    if card.driver == "pcsc":
        from drivers.card.pcsc import PcscCardReader

        return PcscCardReader()
    from drivers.card.fake import FakeCardReader

    return FakeCardReader()


def make_printer(settings: Settings) -> ReceiptPrinter:
    printer = settings.devices.printer
    if printer.driver == "escpos":
        from drivers.printer.escpos_printer import EscposPrinter

        return EscposPrinter(printer.target, width_px=printer.width_px)
    from drivers.printer.fake import FakePrinter

    return FakePrinter()


def make_scanner(settings: Settings) -> Scanner | None:
    scanner = settings.devices.scanner
    if scanner.driver == "none":
        return None
    if scanner.driver == "camera":
        from drivers.scanner.decoders import make_decoder
        from drivers.scanner.qr import QrScanner
        from drivers.scanner.sources import CameraSource

        return QrScanner(CameraSource(scanner.camera), make_decoder(scanner.decoder))
    from drivers.scanner.fake import FakeScanner

    return FakeScanner()


def _warm_receipts(width_px: int) -> None:
    """The first receipt's one-off costs (font look-up, glyphs, Pillow's PNG writer) now."""
    from kiosk.receipts.fonts import find_cjk_font
    from kiosk.receipts.render import warm_up

    find_cjk_font()
    warm_up(width_px)


@dataclass
class Kiosk:
    settings: Settings
    clock: Clock
    journal: Journal
    client: UtilityClient
    forwarder: Forwarder
    cash: CashPayments
    wallet: WalletPayments
    session: Session
    acceptor: BanknoteAcceptor
    acceptor_id: str
    printer: ReceiptPrinter
    scanner: Scanner | None
    card_reader: CardReader | None
    cards: CardPorts | None
    worker: SerialWorker
    service_mode: ServiceMode
    heartbeat: Heartbeat
    # The session hears the acceptor through the tap; staff tests and the cashbox watcher too.
    acceptor_tap: AcceptorTap
    cashbox_watcher: CashboxWatcher
    simulator: Any = None
    invoices: InvoiceService | None = None
    mandates: MandateService | None = None
    history_worker: SerialWorker | None = None
    recovery: RecoveryReport | None = None
    # What technicians set at the kiosk (the voice's volume, the click); read once by `start`.
    local_settings: LocalSettingsStore | None = None
    local_at_start: LocalSettings = field(default_factory=LocalSettings)
    _opened: list[Any] = field(default_factory=list)

    @classmethod
    def build(
        cls,
        settings: Settings,
        *,
        clock: Clock | None = None,
        early: EarlySession | None = None,
    ) -> Kiosk:
        """Everything, wired. `early`: the session `kiosk run` made before importing the core
        (kiosk.session.early), bound here to its services; its clock is the kiosk's."""
        clock = early.clock if early is not None else (clock or SystemClock())
        data_dir = settings.data_dir
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        if data_dir.stat().st_uid == os.getuid():
            data_dir.chmod(0o700)  # journal, logs and receipts: the service user's only
        simulator = None
        url = settings.backend.url
        if settings.backend.simulate:
            from backend_sim.server import SimulatorServer

            parts = urlsplit(url)
            simulator = SimulatorServer(
                host=parts.hostname or "127.0.0.1",
                port=parts.port or 0,
                state_path=settings.backend.sim_state or data_dir / "backend-sim.db",
                clock=clock,
            )
            simulator.start()
            url = simulator.url
        backend = settings.backend
        cert = (
            (str(backend.client_cert), str(backend.client_key))
            if backend.client_cert and backend.client_key
            else None
        )
        client = UtilityClient(
            url,
            settings.kiosk.id,
            backend.resolved_secret(),
            clock=clock,
            connect_timeout=backend.connect_timeout_s,
            read_timeout=backend.read_timeout_s,
            verify=str(backend.ca_bundle) if backend.ca_bundle else True,
            client_cert=cert,
        )
        journal = Journal.open(data_dir / "journal.db", clock)
        forwarder = Forwarder(journal, client, clock, random.Random())
        cash = CashPayments(journal, forwarder, settings.kiosk.id, clock)
        wallet = WalletPayments(
            journal,
            client,
            forwarder,
            settings.kiosk.id,
            clock,
            poll_s=settings.session.wallet_poll_s,
            max_wait_s=settings.session.wallet_wait_s,
        )
        acceptor, acceptor_id = make_acceptor(settings)
        acceptor_tap = AcceptorTap(acceptor)
        cashbox_watcher = CashboxWatcher(
            Collections(journal, clock, settings.kiosk.id, forwarder=forwarder)
        )
        acceptor_tap.subscribe(cashbox_watcher.on_event)
        printer = make_printer(settings)
        card_reader = make_card_reader(settings)
        cards: CardPorts | None = None
        if card_reader is not None:
            cards = CardPorts(
                desk=CardDesk(card_reader),
                bank=BankCardPayments(journal, client, forwarder, settings.kiosk.id, clock),
                prepaid=PrepaidCards(journal, client, settings.kiosk.id, clock),
                # Production PIN pads are certified hardware behind the same interface.
                pinpad=FakePinPad(),
            )
        scanner = make_scanner(settings)
        if early is not None:
            session, worker = early.session, early.worker
        else:
            worker = SerialWorker()
            session = Session.unbound(
                clock=clock, executor=worker, language=settings.kiosk.language
            )
        history_worker = SerialWorker("history-worker")
        receipts = PrinterReceiptDesk(
            printer,
            kiosk_id=settings.kiosk.id,
            location=settings.kiosk.location,
            e_receipt_url=settings.kiosk.e_receipt_url,
            width_px=settings.devices.printer.width_px,
            clock=clock,
            archive=data_dir / "receipts",
        )
        kiosk_ref: list[Kiosk] = []

        def health() -> Health:
            return kiosk_ref[0].health() if kiosk_ref else Health()

        invoices = InvoiceService(journal, forwarder, settings.kiosk.id, clock)
        mandates = MandateService(journal, client, settings.kiosk.id) if cards else None
        session.bind(
            accounts=BackendAccounts(client, journal, clock),
            ledger=cash,
            posting=ForwarderPosting(journal, forwarder),
            receipts=receipts,
            acceptor=acceptor_tap,
            acceptor_id=acceptor_id,
            settings=settings.session,
            health=health,
            min_digits=settings.kiosk.account_min_digits,
            max_digits=settings.kiosk.account_max_digits,
            language=settings.kiosk.language,
            wallet=wallet,
            cards=cards,
            qr_expires_s=settings.session.qr_expires_s,
            invoices=invoices,
            mandates=mandates,
            history=BackendPaymentHistory(client),
            history_executor=history_worker,
            # A resident may already be waiting on an early session: not before `start`.
            open_now=early is None,
        )
        service_mode = ServiceMode(journal)
        kiosk = cls(
            service_mode=service_mode,
            local_settings=LocalSettingsStore(journal),
            heartbeat=Heartbeat(
                client=client,
                journal=journal,
                clock=clock,
                kiosk_id=settings.kiosk.id,
                service_mode=service_mode,
                devices=lambda: kiosk_ref[0].device_states(),
                on_mode=lambda mode: kiosk_ref[0].apply_mode(mode),
            ),
            settings=settings,
            clock=clock,
            journal=journal,
            client=client,
            forwarder=forwarder,
            cash=cash,
            wallet=wallet,
            session=session,
            acceptor=acceptor,
            acceptor_id=acceptor_id,
            printer=printer,
            scanner=scanner,
            card_reader=card_reader,
            cards=cards,
            worker=worker,
            history_worker=history_worker,
            simulator=simulator,
            invoices=invoices,
            mandates=mandates,
            acceptor_tap=acceptor_tap,
            cashbox_watcher=cashbox_watcher,
        )
        kiosk_ref.append(kiosk)
        return kiosk

    def device_states(self) -> dict[str, Any]:
        """Each device as the heartbeat reports it (state, short detail, paper)."""
        printer = device_state(self.printer.status())
        try:
            paper = self.printer.paper_status().value
        except Exception:
            paper = "unknown"
        printer["paper"] = paper  # type: ignore[typeddict-item]
        return {
            "cash_acceptor": device_state(self.acceptor.status()),
            "printer": printer,
            "card_reader": device_state(
                self.card_reader.status() if self.card_reader is not None else None
            ),
            "scanner": device_state(self.scanner.status() if self.scanner is not None else None),
        }

    def apply_mode(self, mode: str) -> None:
        self.session.set_out_of_service(mode != "in_service")

    def health(self) -> Health:
        status = self.acceptor.status()
        scanner = self.scanner.status() if self.scanner is not None else {"state": "absent"}
        return Health(
            cash=status.get("state") not in ("fault", "absent")
            and self.settings.devices.cash.driver != "none",
            printer_paper=self._paper_ok(),
            scanner=scanner.get("state") not in ("error", "absent", "fault", "closed"),
        )

    def _paper_ok(self) -> bool:
        try:
            return self.printer.paper_status().value in ("ok", "low")
        except Exception:
            return False

    def recover(self) -> RecoveryReport:
        """Settle what a crash left open: cash is credited, wallets driven to a final state."""
        hooks = {**self.wallet.recovery_hooks(), **STAFF_HOOKS}
        if self.invoices is not None:
            hooks.update(self.invoices.recovery_hooks())
        if self.mandates is not None:
            hooks.update(self.mandates.recovery_hooks())
        if self.cards is not None:
            hooks.update(self.cards.bank.recovery_hooks())
            hooks.update(self.cards.prepaid.recovery_hooks())
        self.recovery = recover(self.journal, self.forwarder, hooks=hooks)
        log.info("recovery at start-up: %s", self.recovery)
        return self.recovery

    def start_backend_only(self) -> None:
        """Journal, recovery and forwarder, without devices (`kiosk forward --once`)."""
        self.recover()

    def start(self) -> None:
        """Open devices, settle anything a crash left unfinished, then start forwarding."""
        if self.card_reader is not None:
            self.card_reader.set_listener(self._on_card)
        # A note the acceptor stacked before a crash belongs to the payment the crash
        # interrupted; the first polls after opening deliver it, before recovery closes it.
        self.session.resume_cash(self.cash.interrupted())
        for device in (self.acceptor, self.printer, self.scanner, self.card_reader):
            if device is None:
                continue
            try:
                device.open()
                self._opened.append(device)
            except Exception:
                log.exception("device %s could not be opened", type(device).__name__)
        try:
            self.acceptor.disable()
        except Exception:
            log.exception("could not disable the acceptor at start-up")
        self._await_first_polls()
        self.cash.forget_unacked(self.acceptor_id)
        self.session.end_resume()
        if self.scanner is not None:
            self.scanner.set_listener(self._on_scan)
        self.recover()
        self.forwarder.start()
        if self.local_settings is not None:
            self.local_at_start = self.local_settings.stored()
        self.apply_mode(self.service_mode.mode())
        self.session.open()  # an early session's waiting look-up runs from here on
        self.heartbeat.start()
        # The receipt font lookup (fontconfig in a subprocess, glyph probes) now, on the session
        # worker, instead of inside the first resident's receipt.
        width = self.settings.devices.printer.width_px
        self.worker.submit(lambda: _warm_receipts(width))

    def _await_first_polls(self, timeout_s: float = 5.0) -> None:
        """Let the acceptor report what it stacked before the restart (bounded wait)."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            counters = self.acceptor.status().get("counters")
            if not isinstance(counters, dict) or int(counters.get("polls", 0)) >= 2:
                return
            time.sleep(0.05)
        log.warning("the acceptor did not poll within %.0f s of start-up", timeout_s)

    def _on_card(self, event: CardEvent) -> None:
        if self.cards is not None:
            self.cards.desk.on_event(event)
        if event.kind is CardEventKind.CARD_INSERTED:
            self.session.card_inserted()
        elif event.kind is CardEventKind.CARD_REMOVED:
            self.session.card_removed()

    def _on_scan(self, event: ScanEvent) -> None:
        self.session.scanned(event.payload)

    def close(self) -> None:
        self.heartbeat.stop()
        self.worker.stop()
        if self.history_worker is not None:
            self.history_worker.stop()
        for device in reversed(self._opened):
            try:
                device.close()
            except Exception:
                log.exception("closing %s failed", type(device).__name__)
        self.forwarder.stop()
        self.client.close()
        self.journal.close()
        if self.simulator is not None:
            self.simulator.stop()

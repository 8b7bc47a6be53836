"""The e-invoice step walked without any window: the form, the USCC warning, the request on the
executor, and what each answer of the back end shows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest

from drivers.cash.fake import FakeAcceptor
from kiosk.clock import ManualClock
from kiosk.invoices import InvoiceInputError, InvoiceOutcome, InvoiceRequest
from kiosk.session.machine import Session
from kiosk.session.state import IDLE_SCREENS, Screen
from kiosk.session.views import PaymentOutcomeView
from kiosk.uscc import check_character
from tests.kiosk.session.fakes import Accounts, Ledger, Posting, account, fake_session
from tests.kiosk.session.test_machine import insert, to_cash

GOOD_USCC = "91350100M000100Y43"
BAD_USCC = "91350100M000100Y44"


class HeldExecutor:
    """Runs work inline until `hold` is set; then queues it for the test to run."""

    def __init__(self) -> None:
        self.hold = False
        self.queued: list[Callable[[], None]] = []

    def submit(self, work: Callable[[], None]) -> None:
        if self.hold:
            self.queued.append(work)
        else:
            work()

    def run(self) -> None:
        while self.queued:
            self.queued.pop(0)()


@dataclass
class PostedWithPaymentId(Posting):
    def wait_outcome(self, txn_id: str, timeout_s: float) -> PaymentOutcomeView:
        base = super().wait_outcome(txn_id, timeout_s)
        if not base.posted:
            return base
        return PaymentOutcomeView(
            transaction_id=txn_id,
            amount_fen=base.amount_fen,
            posted=True,
            receipt_no="R-1",
            payment_id=f"P-{txn_id}",
        )


@dataclass
class FakeInvoices:
    """Checks like the real service (InvoiceInputError), then answers what the test scripted."""

    answers: list[InvoiceOutcome] = field(default_factory=list)
    requests: list[InvoiceRequest] = field(default_factory=list)
    broken: bool = False

    def request(self, req: InvoiceRequest, wait_s: float | None = None) -> InvoiceOutcome:
        req = req.normalized()
        problems = req.problems()
        if problems:
            raise InvoiceInputError(problems)
        if self.broken:
            raise RuntimeError("journal is gone")
        self.requests.append(req)
        request_id = f"T-INV-{len(self.requests)}"
        if self.answers:
            answer = self.answers.pop(0)
            return InvoiceOutcome(
                answer.status,
                request_id,
                invoice_no=answer.invoice_no,
                download_url=answer.download_url,
                reason=answer.reason,
            )
        return InvoiceOutcome(
            "issued",
            request_id,
            invoice_no="INV-00000001",
            download_url="https://e.utility.example/inv/INV-00000001",
        )


@dataclass
class Rig:
    session: Session
    acceptor: FakeAcceptor
    clock: ManualClock
    executor: HeldExecutor
    invoices: FakeInvoices


@pytest.fixture
def make_rig():
    acceptors: list[FakeAcceptor] = []

    def make(*, with_service: bool = True, online: bool = True) -> Rig:
        clock = ManualClock()
        acceptor = FakeAcceptor()
        acceptor.open()
        acceptors.append(acceptor)
        ledger = Ledger()
        executor = HeldExecutor()
        invoices = FakeInvoices()
        session = fake_session(
            clock,
            acceptor,
            Accounts({"3300000001": account()}),
            executor=executor,
            ledger=ledger,
            posting=PostedWithPaymentId(ledger, online=online),
            invoices=invoices if with_service else None,
        )
        return Rig(session, acceptor, clock, executor, invoices)

    yield make
    for acceptor in acceptors:
        acceptor.close()


def paid(rig: Rig) -> Session:
    to_cash(rig.session)
    insert(rig.acceptor, 10000, 10000, 10000, 10000)
    assert rig.session.state.screen is Screen.RESULT
    return rig.session


def type_form(session: Session, **fields: str) -> None:
    for name, text in fields.items():
        session.invoice_field(name, text)


def test_invoice_screens_are_idle_screens() -> None:
    assert {Screen.INVOICE, Screen.INVOICE_RESULT} <= IDLE_SCREENS


def test_personal_invoice_is_sent_off_the_callers_thread_and_shown(make_rig):
    rig = make_rig()
    session = paid(rig)
    assert session.invoices_available()
    session.invoice_start()
    state = session.state
    assert (state.screen, state.invoice_kind, state.invoice_phase) == (
        Screen.INVOICE,
        "personal",
        "form",
    )
    type_form(session, name=" 张三明 ", contact="zhang.san@example.com")
    rig.executor.hold = True
    session.invoice_submit()
    assert session.state.invoice_phase == "sending"  # the tap returned; nothing sent yet
    assert rig.invoices.requests == []
    session.invoice_submit()  # a second tap while sending does nothing
    assert len(rig.executor.queued) == 1
    rig.executor.run()
    state = session.state
    assert state.screen is Screen.INVOICE_RESULT
    assert state.invoice_result is not None
    assert state.invoice_result.invoice_no == "INV-00000001"
    assert state.invoice_result.download_url == "https://e.utility.example/inv/INV-00000001"
    (req,) = rig.invoices.requests
    assert (req.kind, req.name, req.email, req.phone, req.tax_id) == (
        "personal",
        "张三明",
        "zhang.san@example.com",
        None,
        None,
    )
    assert req.payment_ids == (f"P-{state.transaction_id}",)
    assert req.account_no == "3300000001"
    session.invoice_done()
    state = session.state
    assert state.screen is Screen.RESULT and state.outcome is not None
    assert (state.invoice_result, state.invoice_fields, state.invoice_kind) == (None, (), None)


def test_missing_name_and_bad_contact_stay_on_the_form(make_rig):
    rig = make_rig()
    session = paid(rig)
    session.invoice_start()
    type_form(session, contact="12345")
    session.invoice_submit()
    state = session.state
    assert state.invoice_phase == "form"
    assert set(state.invoice_issues) == {("name", "name_required"), ("contact", "phone_invalid")}
    assert rig.invoices.requests == []
    session.invoice_field("contact", "138-1234-5678")  # fixing a field clears its issue
    assert session.state.invoice_issues == (("name", "name_required"),)
    session.invoice_field("name", "李四")
    session.invoice_submit()
    assert session.state.screen is Screen.INVOICE_RESULT
    assert rig.invoices.requests[0].phone == "13812345678"


def test_company_needs_a_well_formed_tax_id(make_rig):
    rig = make_rig()
    session = paid(rig)
    session.invoice_start()
    session.invoice_kind("company")
    session.invoice_kind("government")  # not a kind: ignored
    assert session.state.invoice_kind == "company"
    type_form(session, name="福州示例电力服务有限公司")
    session.invoice_submit()
    assert session.state.invoice_issues == (("tax_id", "tax_id_required"),)
    session.invoice_field("tax_id", "91350100M00010")
    session.invoice_submit()
    assert session.state.invoice_issues == (("tax_id", "tax_id_bad_format"),)
    session.invoice_field("tax_id", GOOD_USCC.lower())
    session.invoice_submit()
    assert session.state.screen is Screen.INVOICE_RESULT
    (req,) = rig.invoices.requests
    assert (req.kind, req.tax_id, req.confirmed_bad_check) == ("company", GOOD_USCC, False)


def test_bad_check_character_warns_then_the_resident_confirms(make_rig):
    assert check_character(BAD_USCC[:17]) != BAD_USCC[17]
    rig = make_rig()
    session = paid(rig)
    session.invoice_start()
    session.invoice_kind("company")
    type_form(session, name="福州示例电力服务有限公司", tax_id=BAD_USCC)
    session.invoice_submit()
    state = session.state
    assert (state.invoice_phase, state.invoice_issues) == (
        "confirm_check",
        (("tax_id", "tax_id_bad_check"),),
    )
    assert rig.invoices.requests == []
    session.invoice_field("tax_id", GOOD_USCC)  # no typing while asked to confirm
    assert dict(session.state.invoice_fields)["tax_id"] == BAD_USCC
    session.invoice_back()  # back to the form to fix it ...
    assert session.state.invoice_phase == "form"
    session.invoice_submit()  # ... or confirm it as typed
    rig.invoices.answers.append(
        InvoiceOutcome("failed", "", reason="INVALID_TAX_ID", detail="check character")
    )
    session.invoice_confirm_check()
    (req,) = rig.invoices.requests
    assert (req.tax_id, req.confirmed_bad_check) == (BAD_USCC, True)
    state = session.state  # the back end refused it: a clear message on the tax id field
    assert (state.screen, state.invoice_phase) == (Screen.INVOICE, "form")
    assert state.invoice_issues == (("tax_id", "tax_id_rejected"),)
    session.invoice_field("tax_id", GOOD_USCC)
    assert session.state.invoice_issues == ()
    session.invoice_submit()
    assert session.state.screen is Screen.INVOICE_RESULT
    assert rig.invoices.requests[-1].confirmed_bad_check is False


def test_already_invoiced_and_pending_and_other_refusals(make_rig):
    rig = make_rig()
    session = paid(rig)
    rig.invoices.answers += [
        InvoiceOutcome(
            "already_invoiced", "", invoice_no="INV-00000007", reason="ALREADY_INVOICED"
        ),
        InvoiceOutcome("unknown", "", reason="pending"),
        InvoiceOutcome("failed", "", reason="PAYMENT_NOT_CONFIRMED"),
    ]
    for status in ("already_invoiced", "unknown", "failed"):
        session.invoice_start()
        type_form(session, name="王五")
        session.invoice_submit()
        state = session.state
        assert state.screen is Screen.INVOICE_RESULT
        assert state.invoice_result is not None and state.invoice_result.status == status
        if status == "already_invoiced":
            assert state.invoice_result.invoice_no == "INV-00000007"
        if status == "failed":
            session.invoice_back()  # a refusal goes back to the form, typed data kept
            assert session.state.screen is Screen.INVOICE
            assert dict(session.state.invoice_fields)["name"] == "王五"
            session.invoice_back()
        else:
            session.invoice_done()
        assert session.state.screen is Screen.RESULT
    assert len(rig.invoices.requests) == 3


def test_service_error_is_a_message_on_the_form(make_rig):
    rig = make_rig()
    session = paid(rig)
    rig.invoices.broken = True
    session.invoice_start()
    type_form(session, name="王五")
    session.invoice_submit()
    state = session.state
    assert (state.screen, state.invoice_phase, state.message) == (
        Screen.INVOICE,
        "form",
        "invoice_error",
    )


def test_no_invoice_without_a_service_or_an_unposted_payment(make_rig):
    for rig in (make_rig(with_service=False), make_rig(online=False)):
        session = paid(rig)
        assert not session.invoices_available()
        session.invoice_start()
        assert session.state.screen is Screen.RESULT


def test_calls_on_other_screens_change_nothing(make_rig):
    rig = make_rig()
    session = rig.session
    before = session.state
    session.invoice_start()
    session.invoice_kind("company")
    session.invoice_field("name", "x")
    session.invoice_submit()
    session.invoice_confirm_check()
    session.invoice_back()
    session.invoice_done()
    assert session.state == before
    session = paid(rig)
    session.invoice_start()
    session.invoice_field("password", "x")
    assert session.state.invoice_fields == ()
    session.invoice_field("name", "张" * 150)
    assert dict(session.state.invoice_fields)["name"] == "张" * 100


def test_idle_timeout_on_the_form_but_not_while_sending(make_rig):
    rig = make_rig()
    session = paid(rig)
    session.invoice_start()
    type_form(session, name="王五")
    rig.executor.hold = True
    session.invoice_submit()
    rig.clock.advance(600)
    session.tick()
    assert session.state.screen is Screen.INVOICE  # the answer is awaited, never cut short
    rig.executor.run()
    assert session.state.screen is Screen.INVOICE_RESULT
    rig.clock.advance(600)
    session.tick()
    assert session.state.screen is Screen.START


def test_an_answer_after_the_session_ended_is_dropped(make_rig):
    rig = make_rig()
    session = paid(rig)
    session.invoice_start()
    type_form(session, name="王五")
    rig.executor.hold = True
    session.invoice_submit()
    session.cancel()  # e.g. staff reset; the request is journaled by the service regardless
    assert session.state.screen is Screen.START
    rig.executor.run()
    assert session.state.screen is Screen.START
    assert session.state.invoice_result is None

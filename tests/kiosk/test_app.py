"""The kiosk built around an early session, as `kiosk run` does: a resident who typed an account
number while the core was starting gets it once the kiosk has started, and not before."""

from __future__ import annotations

from pathlib import Path

from kiosk.app import Kiosk
from kiosk.session.early import EarlySession
from kiosk.session.state import Screen
from tests.kiosk.test_offline import identify, wait
from tests.ui.conftest import kiosk_settings


def test_a_look_up_typed_during_start_up_runs_after_recovery_not_before(tmp_path: Path):
    early = EarlySession.make(language="zh")
    session, worker = early.session, early.worker
    settings = kiosk_settings(tmp_path)
    kiosk = Kiosk.build(
        settings.model_copy(update={"kiosk": settings.kiosk.model_copy(update={"language": "en"})}),
        early=early,
    )
    try:
        assert kiosk.session is session
        assert session.state.language == "en"  # configured, nobody had chosen one
        identify(kiosk, "3300000001")
        assert session.state.screen is Screen.LOOKUP
        # Built but not started: recovery has not run, so the look-up waits on the worker.
        assert not worker.wait_idle(0.3)
        assert session.state.screen is Screen.LOOKUP
        kiosk.start()
        wait(kiosk, Screen.ACCOUNT)
        assert session.state.account is not None
        assert session.state.account.account_no == "3300000001"
    finally:
        kiosk.close()


def test_a_core_that_cannot_be_built_frees_the_waiting_session():
    early = EarlySession.make()
    early.session.begin()
    for digit in "3300000001":
        early.session.type_digit(digit)
    early.session.submit_account()
    early.abandon("journal locked")
    assert early.session.state.screen is Screen.NOTICE
    assert early.session.state.message == "backend_error"

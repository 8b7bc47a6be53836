"""`kiosk demo` runs as a resident would use it and tells the truth in summary.json."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_demo(tmp_path: Path, *args: str) -> dict:
    out = tmp_path / "out"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "powerpay", "demo", *args, "--out", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    summary = json.loads((out / "summary.json").read_text())
    for name in summary["screenshots"]:
        assert (out / name).stat().st_size > 10_000  # a real 1920x1080 picture, not an empty file
    return summary


def test_cash_demo_posts_exactly_the_notes_inserted(tmp_path):
    summary = run_demo(tmp_path, "--scenario", "cash")
    assert summary["posted"] is True
    assert summary["journal_state"] == "posted"
    assert summary["inserted_total_fen"] >= summary["amount_due_fen"]
    assert summary["ledger_amount_fen"] == summary["inserted_total_fen"]
    assert summary["journal_notes_fen"] == summary["stacked_fen"]
    assert summary["screens"][0] == "start" and summary["screens"][-1] == "start"
    for screen in ("identify", "account", "method", "confirm", "cash", "result"):
        assert screen in summary["screens"]


def test_overpay_demo_puts_the_surplus_on_the_balance(tmp_path):
    summary = run_demo(tmp_path, "--scenario", "cash-overpay", "--language", "en")
    surplus = summary["inserted_total_fen"] - summary["amount_due_fen"]
    assert surplus > 0
    assert summary["new_balance_fen"] == surplus
    assert summary["ledger_amount_fen"] == summary["inserted_total_fen"]


@pytest.mark.parametrize(
    ("scenario", "check"), [("not-found", "message"), ("timeout", "warning_s")]
)
def test_demo_scenarios_without_money(tmp_path, scenario, check):
    summary = run_demo(tmp_path, "--scenario", scenario, "--senior")
    assert summary[check]
    assert summary["screens"][-1] == "start"
    assert "cash" not in summary["screens"]


def test_unknown_scenario_fails_clearly(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "powerpay", "demo", "--scenario", "nope", "--out", str(tmp_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "unknown scenario" in result.stderr


# -- the scenarios that show the other screens, in-process on the test kiosk ---------------------
def run_in_process(kiosk, window, tmp_path: Path, scenario: str) -> dict:
    from ui.demo import run_scenario

    out = tmp_path / scenario
    summary = run_scenario(kiosk, window, scenario, out)
    assert summary == json.loads((out / "summary.json").read_text())
    assert sorted(p.name for p in out.glob("*.png")) == summary["screenshots"]
    return summary


def test_wallet_demo_identifies_by_the_bill_qr_code(qtbot, kiosk, window, tmp_path):
    summary = run_in_process(kiosk, window, tmp_path, "wallet")
    # No tile touched: the code under the scanner opens the account (through a busy blink).
    assert [s for s in summary["screens"] if s != "lookup"][:3] == ["start", "account", "method"]
    assert summary["screenshots"][:3] == ["01-start.png", "02-account.png", "03-method.png"]
    assert summary["posted"] is True and summary["journal_state"] == "posted"
    assert summary["ledger_amount_fen"] == summary["paid_fen"] == summary["amount_fen"] > 0


def test_bank_card_demo_shows_the_slot_and_the_pin_and_pays(qtbot, kiosk, window, tmp_path):
    summary = run_in_process(kiosk, window, tmp_path, "bank-card")
    for screen in ("bank_card_insert", "pin", "result"):
        assert screen in summary["screens"]
    assert summary["screenshots"][2:5] == ["03-card-insert.png", "04-pin.png", "05-result.png"]
    assert summary["method"] == "bank_card" and summary["posted"] is True
    assert summary["ledger_amount_fen"] == summary["paid_fen"] == 5000
    assert summary["masked_pan"] == "621234*********4569"
    assert summary["screens"][-1] == "start"


def test_prepaid_card_demo_writes_the_purchase_onto_the_card(qtbot, kiosk, window, tmp_path):
    summary = run_in_process(kiosk, window, tmp_path, "prepaid-card")
    assert summary["account"] == "3300000003"
    assert "card_writing" in summary["screens"] and "05-card-writing.png" in summary["screenshots"]
    assert summary["card_write"] == "written"
    assert summary["journal_notes_fen"] == summary["stacked_fen"] == [10000]
    assert summary["ledger_amount_fen"] == 10000
    assert kiosk.client.get_pending_card_purchases("3300000003") == []


def test_invoice_demo_issues_an_e_invoice_for_the_payment(qtbot, kiosk, window, tmp_path):
    summary = run_in_process(kiosk, window, tmp_path, "invoice")
    assert summary["posted"] is True
    assert summary["invoice"] == "issued" and summary["invoice_no"]
    assert summary["screenshots"][-3:] == [
        "09-invoice-form.png",
        "10-invoice-result.png",
        "11-back-to-start.png",
    ]
    (request,) = kiosk.journal.list_transactions(kind="invoice_request")
    assert request.detail["buyer_name"] == "张*明"


def test_details_demo_shows_a_disconnected_accounts_bills_usage_and_payments(
    qtbot, kiosk, window, tmp_path
):
    summary = run_in_process(kiosk, window, tmp_path, "details")
    assert summary["status"] == "disconnected" and summary["amount_due_fen"] > 0
    assert summary["history"] == "loaded"
    assert summary["screenshots"] == [
        "01-start.png",
        "02-scan-or-type.png",
        "03-account-bills.png",
        "04-account-usage.png",
        "05-account-history.png",
    ]
    assert summary["screens"][-1] == "start"
    assert kiosk.journal.list_transactions(kind="payment") == []


def test_all_runs_each_scenario_in_both_languages_and_text_sizes(tmp_path, monkeypatch, capsys):
    import ui.demo
    from powerpay.cli import main

    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.setattr(ui.demo, "SCENARIOS", ("not-found",))  # one: each run is a process
    assert main(["demo", "--scenario", "all", "--out", str(tmp_path)]) == 0
    runs = sorted(
        p.parent.relative_to(tmp_path).as_posix() for p in tmp_path.glob("*/*/summary.json")
    )
    assert runs == [
        f"{mode}/not-found" for mode in ("en-normal", "en-senior", "zh-normal", "zh-senior")
    ]
    english = json.loads((tmp_path / "en-senior/not-found/summary.json").read_text())
    chinese = json.loads((tmp_path / "zh-normal/not-found/summary.json").read_text())
    assert english["message"] == chinese["message"] == "account_not_found"
    assert (english["language"], english["senior"]) == ("en", True)
    assert (chinese["language"], chinese["senior"]) == ("zh", False)
    assert "en-senior not-found: 4 screenshots" in capsys.readouterr().out

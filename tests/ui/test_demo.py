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

"""run_diag on an image, a folder and a video: JSON lines, masked codes, frame rate."""

from __future__ import annotations

import io
import json
from pathlib import Path

import cv2
import pytest

from drivers.scanner.diag import EXIT_NO_SOURCE, EXIT_OK, EXIT_USAGE, main, run_diag
from tests.drivers.scanner.helpers import blank_frame, code_frame, write_video

WECHAT = "134567890123450000"
BILL = "https://e.utility.example/bill?acct=3300000001&bill=B-3300000001-2026-10"


def lines(out: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_diag_image(tmp_path: Path) -> None:
    path = tmp_path / "bill.png"
    cv2.imwrite(str(path), code_frame(BILL))
    out = io.StringIO()
    assert run_diag(None, str(path), None, out, 10.0) == EXIT_OK
    records = lines(out)
    assert records[0] == {
        "type": "code",
        "kind": "bill",
        "account_no": "3300000001",
        "bill_id": "B-3300000001-2026-10",
        "fps": 0.0,
    }
    summary = records[-1]
    assert summary["type"] == "summary"
    assert summary["frames"] == 1
    assert summary["events"] == 1
    assert len(records) == 2


def test_diag_video_masks_payment_codes(tmp_path: Path) -> None:
    frames = [blank_frame()] * 3 + [code_frame(WECHAT)] * 4 + [code_frame("hello")] * 3
    path = write_video(tmp_path / "scan.avi", frames)
    out = io.StringIO()
    assert run_diag(None, None, str(path), out, 10.0) == EXIT_OK
    assert WECHAT not in out.getvalue()
    assert "hello" not in out.getvalue()
    records = lines(out)
    codes = [r for r in records if r["type"] == "code"]
    assert [r["kind"] for r in codes] == ["payment", "unknown"]
    assert codes[0]["wallet"] == "wechat"
    assert codes[0]["code"] == "13************0000"
    assert codes[1]["reason"] == "scan.unrecognised"
    assert all(isinstance(r["fps"], float) for r in codes)
    summary = records[-1]
    assert summary["frames"] == 10
    assert isinstance(summary["fps"], float)
    assert summary["fps"] > 0


def test_diag_usage_and_missing_source(tmp_path: Path) -> None:
    out = io.StringIO()
    assert run_diag(None, None, None, out, 1.0) == EXIT_USAGE
    assert run_diag(0, "x.png", None, out, 1.0) == EXIT_USAGE
    assert run_diag(None, None, str(tmp_path / "none.avi"), out, 1.0) == EXIT_NO_SOURCE
    errors = [r["error"] for r in lines(out)]
    assert errors == ["USAGE", "USAGE", "DEVICE_NOT_CONNECTED"]


def test_diag_main_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "pay.png"
    cv2.imwrite(str(path), code_frame(WECHAT))
    assert main(["--image", str(path), "--decoder", "pyzbar", "--duration", "5"]) == EXIT_OK
    out = capsys.readouterr().out
    assert '"wallet": "wechat"' in out
    assert WECHAT not in out

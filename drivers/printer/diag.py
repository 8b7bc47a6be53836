"""`kiosk diag printer --target ... [--test-page]`: ask the printer for its paper and print JSON.

For a technician at the kiosk: is the printer reachable, does it answer DLE EOT 4, is paper in,
does a test page come out (fonts, Chinese, QR, a ruler to check the paper width)?
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from drivers.errors import DeviceError
from drivers.printer.base import PaperStatus
from drivers.printer.escpos_printer import EscposPrinter
from drivers.printer.profile import PROFILES
from drivers.printer.target import parse_target

EXIT_OK = 0
EXIT_FAULT = 1
EXIT_USAGE = 2


def run_diag(
    target: str,
    test_page: bool,
    out: TextIO,
    *,
    profile: str = "80mm",
    status_timeout: float = 1.0,
) -> int:
    """Print one JSON object with the printer's state; the exit code for the command line.

    0: paper OK or near end (and the test page printed, if asked); 1: unreachable, no paper,
    no answer, or the test page failed; 2: bad target or profile.
    """
    report: dict[str, object] = {"target": target, "profile": profile}

    def finish(code: int, **fields: object) -> int:
        report.update(fields)
        report["ok"] = code == EXIT_OK
        out.write(json.dumps(report, ensure_ascii=False, sort_keys=True) + "\n")
        out.flush()
        return code

    try:
        parsed = parse_target(target)
    except ValueError as exc:
        return finish(EXIT_USAGE, error="BAD_TARGET", message=str(exc))
    if profile not in PROFILES:
        return finish(EXIT_USAGE, error="BAD_PROFILE", message=f"profiles: {sorted(PROFILES)}")
    printer = EscposPrinter(parsed, PROFILES[profile], status_timeout=status_timeout)
    try:
        printer.open()
    except DeviceError as exc:
        return finish(EXIT_FAULT, paper=PaperStatus.UNKNOWN.value, error=exc.code, message=str(exc))
    try:
        paper = printer.paper_status()
        report["paper"] = paper.value
        report["width_px"] = printer.profile.width_px
        if paper not in (PaperStatus.OK, PaperStatus.NEAR_END):
            return finish(
                EXIT_FAULT,
                test_page="skipped" if test_page else "not_requested",
                error="PAPER_OUT" if paper is PaperStatus.OUT else "PRINTER_STATUS_UNKNOWN",
                message=printer.last_error or f"paper {paper.value}",
            )
        if not test_page:
            return finish(EXIT_OK, test_page="not_requested")
        try:
            job = printer.print_test_page()
        except DeviceError as exc:
            return finish(EXIT_FAULT, test_page="failed", error=exc.code, message=str(exc))
        return finish(EXIT_OK, test_page="printed", paper=job.after.value)
    finally:
        printer.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kiosk diag printer", description=__doc__)
    parser.add_argument(
        "--target", required=True, help="tcp://HOST:PORT | serial:PATH[:BAUD] | usb:VID:PID"
    )
    parser.add_argument("--test-page", action="store_true", help="also print the test page")
    parser.add_argument("--profile", default="80mm", choices=sorted(PROFILES))
    parser.add_argument("--status-timeout", type=float, default=1.0, help="seconds")
    args = parser.parse_args(argv)
    return run_diag(
        args.target,
        args.test_page,
        sys.stdout,
        profile=args.profile,
        status_timeout=args.status_timeout,
    )


if __name__ == "__main__":
    sys.exit(main())

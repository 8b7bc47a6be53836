"""`kiosk` console script: run, demo, backend-sim, journal, forward, diag."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:  # the config (pydantic) is imported when needed: `kiosk run` shows its window
    from kiosk.app import Kiosk  # before any of the core is imported
    from kiosk.config import Settings
    from kiosk.session.early import EarlySession

log = logging.getLogger("kiosk")
# Commands that never need the staff sub-commands' parsers (which import the journal).
LIGHT_COMMANDS = frozenset({"run", "demo", "self-test"})


def _settings(args: argparse.Namespace) -> Settings:
    from kiosk.config import load_config

    return load_config(Path(args.config) if getattr(args, "config", None) else None)


def cmd_run(args: argparse.Namespace) -> int:
    from ui.app import has_display

    if not has_display():
        out = Path(args.demo_out or "var/demo")
        print("No display found (DISPLAY/WAYLAND_DISPLAY unset): running `kiosk demo` instead.")
        demo_args = argparse.Namespace(
            config=args.config,
            scenario="cash",
            account=None,
            amount=None,
            out=str(out),
            language="zh",
            senior=False,
        )
        code = cmd_demo(demo_args)
        print(f"Screenshots of a simulated cash payment are in {out.resolve()}")
        return code
    from ui.app import run

    def build_core(early: EarlySession) -> Kiosk:
        """On a worker thread while the start screen already takes a resident's first touches."""
        from kiosk.app import Kiosk
        from powerpay.logging_setup import configure_logging, log_dir_for

        settings = _settings(args)
        root = logging.getLogger()
        for handler in list(root.handlers):  # main()'s plain stderr handler: the kiosk's redacts
            root.removeHandler(handler)
        configure_logging(
            log_dir_for(settings.data_dir), secrets=[settings.backend.resolved_secret()]
        )
        kiosk = Kiosk.build(settings, early=early)
        try:
            kiosk.start()
        except BaseException:
            kiosk.close()
            raise
        return kiosk

    return run(build_core, windowed=args.windowed)


def cmd_demo(args: argparse.Namespace) -> int:
    if args.scenario == "all":
        return _demo_all(args)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.app import attach_kiosk, make_application, show_shell

    # The same two steps as `kiosk run`: the shell first, then the core joins it.
    app = make_application()
    window = show_shell(windowed=True, language=args.language)
    app.processEvents()
    from kiosk.app import Kiosk
    from kiosk.clock import OffsetClock
    from ui.demo import DemoError, run_scenario

    settings = _settings(args)
    out = Path(args.out)
    with tempfile.TemporaryDirectory(prefix="kiosk-demo-") as data:
        # A fresh journal and simulator state each time, so a demo always starts from the seed.
        demo_settings = settings.model_copy(
            update={
                "kiosk": settings.kiosk.model_copy(
                    update={"data_dir": Path(data), "language": args.language}
                ),
                "session": settings.session.model_copy(update={"wallet_poll_s": 0.5}),
                "backend": settings.backend.model_copy(
                    update={
                        "simulate": True,
                        "sim_state": Path(data) / "sim.db",
                        "url": "http://127.0.0.1:0",
                    }
                ),
            }
        )
        kiosk = Kiosk.build(demo_settings, clock=OffsetClock())
        try:
            kiosk.start()
            attach_kiosk(window, kiosk, simulation_panel=False)
            window.resize(settings.ui.width, settings.ui.height)
            if args.senior:
                kiosk.session.toggle_senior()
            summary = run_scenario(
                kiosk, window, args.scenario, out, account=args.account, amount_fen=args.amount
            )
        except DemoError as exc:
            print(f"demo failed: {exc}", file=sys.stderr)
            return 1
        finally:
            kiosk.close()
            app.processEvents()
    print(f"{args.scenario}: {len(summary['screenshots'])} screenshots in {out.resolve()}")
    return 0


def _demo_all(args: argparse.Namespace) -> int:
    """Every scenario in both languages and both text sizes, each in a fresh process (a fresh
    kiosk, journal and simulator), into OUT/<language>-<normal|senior>/<scenario>/."""
    import subprocess

    from ui.demo import SCENARIOS

    me = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "powerpay"]
    failed: list[str] = []
    for language in ("zh", "en"):
        for size in ("normal", "senior"):
            for scenario in SCENARIOS:
                out = Path(args.out) / f"{language}-{size}" / scenario
                command = [*me, "demo", "--scenario", scenario, "--out", str(out)]
                command += ["--language", language] + (["--senior"] if size == "senior" else [])
                if args.config:
                    command += ["--config", args.config]
                done = subprocess.run(command, capture_output=True, text=True, check=False)
                shots = len(list(out.glob("*.png"))) if out.is_dir() else 0
                print(f"{language}-{size} {scenario}: {shots} screenshots", flush=True)
                if done.returncode != 0:
                    failed.append(f"{language}-{size} {scenario}")
                    print(done.stderr[-2000:], file=sys.stderr)
    if failed:
        print(f"demo failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    print(f"all scenarios, both languages and text sizes: {Path(args.out).resolve()}")
    return 0


def cmd_selftest(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from powerpay.selftest import run_selftest

    config = Path(args.config) if args.config else None
    return run_selftest(config, sys.stdout, png_path=Path(args.png) if args.png else None)


def cmd_backend_sim(args: argparse.Namespace) -> int:
    from backend_sim.server import main as sim_main

    argv = ["--host", args.host, "--port", str(args.port)]
    if args.state:
        argv += ["--state", args.state]
    return int(sim_main(argv) or 0)


def cmd_journal(args: argparse.Namespace) -> int:
    from kiosk.clock import SystemClock
    from kiosk.journal import Journal
    from kiosk.journal import cli as jcli

    settings = _settings(args)
    journal = Journal.open(settings.data_dir / "journal.db", SystemClock())
    out: TextIO = sys.stdout
    try:
        if args.journal_cmd == "status":
            return jcli.cmd_status(journal, out)
        if args.journal_cmd == "list":
            return jcli.cmd_list(journal, out, state=args.state)
        if args.journal_cmd == "show":
            return jcli.cmd_show(journal, out, args.id)
        return jcli.cmd_export_json(journal, out)
    finally:
        journal.close()


def cmd_staff(args: argparse.Namespace) -> int:
    from kiosk.clock import SystemClock
    from kiosk.journal import Journal
    from kiosk.staff import cli as staff_cli

    settings = _settings(args)
    clock = SystemClock()
    journal = Journal.open(settings.data_dir / "journal.db", clock)
    try:
        return staff_cli.run(journal, clock, args, sys.stdin, sys.stdout)
    finally:
        journal.close()


def cmd_forward(args: argparse.Namespace) -> int:
    from kiosk.app import Kiosk
    from kiosk.journal import cli as jcli

    settings = _settings(args)
    kiosk = Kiosk.build(settings)
    try:
        kiosk.start_backend_only()
        return jcli.cmd_forward_once(kiosk.forwarder, sys.stdout)
    finally:
        kiosk.close()


def cmd_diag(args: argparse.Namespace) -> int:
    out = sys.stdout
    if args.device == "cash":
        from drivers.cash.diag import run_diag as cash_diag

        return cash_diag(args.protocol, args.port, args.encrypted, args.accept_for, out)
    if args.device == "card":
        from drivers.card.diag import run_diag as card_diag

        return card_diag(args.reader, args.wait, out)
    if args.device == "printer":
        from drivers.printer.diag import run_diag as printer_diag

        return printer_diag(args.target, args.test_page, out)
    from drivers.scanner.diag import run_diag as scan_diag

    return scan_diag(args.camera, args.image, args.video, out, args.duration)


def parser(*, staff: bool = True) -> argparse.ArgumentParser:
    """`staff`: add the staff sub-commands (their module imports the journal, SQLAlchemy)."""
    p = argparse.ArgumentParser(prog="kiosk", description="PowerPay electricity payment kiosk")
    p.add_argument("-v", "--verbose", action="store_true")
    sub = p.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="start the kiosk")
    run.add_argument("--config")
    run.add_argument("--windowed", action="store_true")
    run.add_argument("--demo-out", help="where screenshots go when there is no display")
    run.set_defaults(func=cmd_run)

    demo = sub.add_parser("demo", help="drive the UI offscreen through a scenario, saving PNGs")
    demo.add_argument("--config")
    demo.add_argument(
        "--scenario", required=True, help="a scenario, or 'all': each in both languages and sizes"
    )
    demo.add_argument("--account")
    demo.add_argument("--amount", type=int, help="amount in fen")
    demo.add_argument("--out", required=True)
    demo.add_argument("--language", choices=("zh", "en"), default="zh")
    demo.add_argument("--senior", action="store_true", help="large-text mode")
    demo.set_defaults(func=cmd_demo)

    selftest = sub.add_parser("self-test", help="check journal, config, translations, UI, back end")
    selftest.add_argument("--config")
    selftest.add_argument("--png", help="keep the rendered start screen here")
    selftest.set_defaults(func=cmd_selftest)

    sim = sub.add_parser("backend-sim", help="the utility back-end simulator")
    sim.add_argument("--host", default="127.0.0.1")
    sim.add_argument("--port", type=int, default=8765)
    sim.add_argument("--state")
    sim.set_defaults(func=cmd_backend_sim)

    journal = sub.add_parser("journal", help="inspect the transaction journal")
    journal.add_argument("--config")
    jsub = journal.add_subparsers(dest="journal_cmd", required=True)
    jsub.add_parser("status")
    jlist = jsub.add_parser("list")
    jlist.add_argument("--state")
    jshow = jsub.add_parser("show")
    jshow.add_argument("id")
    jexport = jsub.add_parser("export")
    jexport.add_argument("--json", action="store_true", default=True)
    journal.set_defaults(func=cmd_journal)

    forward = sub.add_parser("forward", help="send the outbox to the back end")
    forward.add_argument("--config")
    forward.add_argument("--once", action="store_true", required=True)
    forward.set_defaults(func=cmd_forward)

    if staff:
        from kiosk.staff.cli import add_parsers as add_staff_parsers

        before = set(sub.choices)
        add_staff_parsers(sub)
        for name in set(sub.choices) - before:
            sub.choices[name].set_defaults(func=cmd_staff)

    diag = sub.add_parser("diag", help="technician device checks")
    dsub = diag.add_subparsers(dest="device", required=True)
    cash = dsub.add_parser("cash")
    cash.add_argument("--protocol", choices=("essp", "id003", "ccnet"), required=True)
    cash.add_argument("--port", required=True)
    cash.add_argument("--encrypted", action="store_true")
    cash.add_argument("--accept-for", type=float, default=30.0)
    card = dsub.add_parser("card")
    card.add_argument("--reader")
    card.add_argument("--wait", type=float, default=30.0)
    printer = dsub.add_parser("printer")
    printer.add_argument("--target", required=True)
    printer.add_argument("--test-page", action="store_true")
    scan = dsub.add_parser("scan")
    source = scan.add_mutually_exclusive_group(required=True)
    source.add_argument("--camera", type=int)
    source.add_argument("--image")
    source.add_argument("--video")
    scan.add_argument("--duration", type=float, default=10.0)
    diag.set_defaults(func=cmd_diag)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    command = next((a for a in argv if not a.startswith("-")), None)
    args = parser(staff=command not in LIGHT_COMMANDS).parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("alembic").setLevel(logging.WARNING)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        from kiosk.config import ConfigError  # loaded already if this is one

        if isinstance(exc, ConfigError):
            print(f"configuration error: {exc}", file=sys.stderr)
            return 2
        raise

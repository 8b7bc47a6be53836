"""Entry script of the frozen build (kiosk.spec): the `kiosk` console script, powerpay.cli:main.

Until `kiosk self-test` is wired into powerpay/cli.py, `self-test [--config PATH] [--png PATH]` is
answered here so that a fresh build can be checked; once the CLI knows it, this defers to it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main() -> int:
    if sys.argv[1:2] == ["speech-host"]:  # the window's speech process (ui/speech_link.py)
        from ui.speech_host import main as speech_host

        return speech_host(sys.argv[2:])
    from powerpay.cli import main as cli_main
    from powerpay.cli import parser

    argv = sys.argv[1:]
    known = {
        name
        for action in parser()._actions
        if isinstance(action, argparse._SubParsersAction)
        for name in action.choices
    }
    if argv[:1] == ["self-test"] and "self-test" not in known:
        from powerpay.selftest import run_selftest

        p = argparse.ArgumentParser(prog="kiosk self-test")
        p.add_argument("--config")
        p.add_argument("--png")
        args = p.parse_args(argv[1:])
        return run_selftest(
            Path(args.config) if args.config else None,
            sys.stdout,
            png_path=Path(args.png) if args.png else None,
        )
    return int(cli_main(argv))


if __name__ == "__main__":
    raise SystemExit(main())

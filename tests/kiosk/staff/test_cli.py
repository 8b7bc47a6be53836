"""`kiosk users ...` and `kiosk audit verify` functions, on a real journal file."""

from __future__ import annotations

import argparse
import io
import sqlite3
from pathlib import Path

from argon2 import PasswordHasher

from kiosk.clock import ManualClock
from kiosk.journal import Journal
from kiosk.staff import cli
from kiosk.staff.users import Users


def _parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="kiosk")
    cli.add_parsers(parser.add_subparsers(dest="cmd", required=True))
    return parser.parse_args(argv)


def _asker(*answers: str) -> cli.Ask:
    queue = list(answers)
    prompts: list[str] = []

    def ask(prompt: str) -> str:
        prompts.append(prompt)
        return queue.pop(0)

    return ask


def test_users_add_list_disable_reset(
    journal: Journal, clock: ManualClock, fast_hasher: PasswordHasher
) -> None:
    out = io.StringIO()
    args = _parse("users", "add", "--name", "zhao.admin", "--role", "admin")
    code = cli.cmd_users_add(
        journal, clock, args, io.StringIO(), out, ask=_asker("905172", "905172"), hasher=fast_hasher
    )
    assert code == 0 and "added zhao.admin (admin)" in out.getvalue()
    assert "905172" not in out.getvalue()

    args = _parse("users", "add", "--name", "li.ming", "--role", "staff", "--pin-stdin")
    code = cli.cmd_users_add(journal, clock, args, io.StringIO("482913\n"), out, hasher=fast_hasher)
    assert code == 0

    out = io.StringIO()
    args = _parse("users", "add", "--name", "x.y", "--role", "staff")
    code = cli.cmd_users_add(
        journal, clock, args, io.StringIO(), out, ask=_asker("482913", "482914"), hasher=fast_hasher
    )
    assert code == 2 and "differ" in out.getvalue()
    out = io.StringIO()
    args = _parse("users", "add", "--name", "x.y", "--role", "staff", "--pin-stdin")
    code = cli.cmd_users_add(journal, clock, args, io.StringIO("123456\n"), out, hasher=fast_hasher)
    assert code == 2 and "straight run" in out.getvalue()

    out = io.StringIO()
    assert cli.run(journal, clock, _parse("users", "disable", "li.ming"), io.StringIO(), out) == 0
    out = io.StringIO()
    assert cli.cmd_users_list(journal, clock, _parse("users", "list"), io.StringIO(), out) == 0
    lines = out.getvalue().splitlines()
    assert lines[0].split() == ["li.ming", "staff", "disabled"]
    assert lines[1].split() == ["zhao.admin", "admin", "active"]

    out = io.StringIO()
    args = _parse("users", "disable", "ghost")
    assert cli.cmd_users_disable(journal, clock, args, io.StringIO(), out) == 1

    args = _parse("users", "reset-pin", "zhao.admin", "--pin-stdin")
    code = cli.cmd_users_reset_pin(
        journal, clock, args, io.StringIO("620394\n"), io.StringIO(), hasher=fast_hasher
    )
    assert code == 0
    users = Users(journal, clock, hasher=fast_hasher)
    assert users.login("zhao.admin", "620394").role == "admin"
    out = io.StringIO()
    args = _parse("users", "reset-pin", "ghost", "--pin-stdin")
    code = cli.cmd_users_reset_pin(journal, clock, args, io.StringIO("620394\n"), out)
    assert code == 1


def test_audit_verify_exit_codes(
    journal: Journal, clock: ManualClock, db_path: Path, fast_hasher: PasswordHasher
) -> None:
    for name in ("a.one", "b.two", "c.three"):
        args = _parse("users", "add", "--name", name, "--role", "staff", "--pin-stdin")
        cli.cmd_users_add(
            journal, clock, args, io.StringIO("482913\n"), io.StringIO(), hasher=fast_hasher
        )
    out = io.StringIO()
    verify = _parse("audit", "verify")
    assert cli.run(journal, clock, verify, io.StringIO(), out) == 0
    assert "intact: 3 rows" in out.getvalue()
    con = sqlite3.connect(db_path)
    with con:
        con.execute("UPDATE staff_audit SET actor = 'someone.else' WHERE seq = 2")
    con.close()
    out = io.StringIO()
    assert cli.cmd_audit_verify(journal, clock, verify, io.StringIO(), out) == 1
    assert "BROKEN at row 2" in out.getvalue()

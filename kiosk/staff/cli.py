"""`kiosk users ...` and `kiosk audit verify` as plain functions the lead wires into argparse.

Each takes the journal, a clock, the parsed args and text streams and returns an exit code:
0 done, 1 not found / audit chain broken, 2 refused input. The command acts as the `cli`
admin (it runs as root on the kiosk); every change is audited. PINs are read without echo
(getpass) twice, or once from stdin with --pin-stdin; they are never printed.
"""

from __future__ import annotations

import argparse
import getpass
from collections.abc import Callable
from typing import Any, TextIO

from argon2 import PasswordHasher

from kiosk.clock import Clock, rfc3339
from kiosk.journal import Journal
from kiosk.staff.access import CLI_ACTOR, ROLES
from kiosk.staff.audit import verify_chain
from kiosk.staff.errors import InvalidInput, NotFound, StaffError
from kiosk.staff.users import Users

Ask = Callable[[str], str]


def add_parsers(sub: Any) -> None:
    """Add `users` and `audit` subcommands to an argparse subparsers object."""
    users = sub.add_parser("users", help="staff users (PINs, roles, service cards)")
    users.add_argument("--config")
    usub = users.add_subparsers(dest="users_cmd", required=True)
    add = usub.add_parser("add", help="add a user; the PIN is asked twice without echo")
    add.add_argument("--name", required=True)
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--pin-stdin", action="store_true", help="read the PIN from stdin")
    usub.add_parser("list")
    for name in ("disable", "enable", "unlock"):
        usub.add_parser(name).add_argument("name")
    reset = usub.add_parser("reset-pin")
    reset.add_argument("name")
    reset.add_argument("--pin-stdin", action="store_true")
    audit = sub.add_parser("audit", help="the staff audit log")
    audit.add_argument("--config")
    asub = audit.add_subparsers(dest="audit_cmd", required=True)
    asub.add_parser("verify", help="check the hash chain; exit 1 at the first bad row")


def run(
    journal: Journal, clock: Clock, args: argparse.Namespace, stdin: TextIO, out: TextIO
) -> int:
    """Dispatch a parsed `users ...` / `audit ...` command."""
    if getattr(args, "audit_cmd", None) == "verify":
        return cmd_audit_verify(journal, clock, args, stdin, out)
    commands = {
        "add": cmd_users_add,
        "list": cmd_users_list,
        "disable": cmd_users_disable,
        "enable": cmd_users_enable,
        "unlock": cmd_users_unlock,
        "reset-pin": cmd_users_reset_pin,
    }
    return commands[args.users_cmd](journal, clock, args, stdin, out)


def _read_pin(args: argparse.Namespace, stdin: TextIO, ask: Ask) -> str:
    if getattr(args, "pin_stdin", False):
        return stdin.readline().strip()
    first = ask("PIN (6-8 digits): ")
    if ask("PIN again: ") != first:
        raise InvalidInput("the two PINs differ")
    return first


def _refused(out: TextIO, exc: StaffError) -> int:
    out.write(f"error: {exc}\n")
    return 1 if isinstance(exc, NotFound) else 2


def cmd_users_add(
    journal: Journal,
    clock: Clock,
    args: argparse.Namespace,
    stdin: TextIO,
    out: TextIO,
    *,
    ask: Ask = getpass.getpass,
    hasher: PasswordHasher | None = None,
) -> int:
    try:
        pin = _read_pin(args, stdin, ask)
        user = Users(journal, clock, hasher=hasher).add(CLI_ACTOR, args.name, args.role, pin)
    except StaffError as exc:
        return _refused(out, exc)
    out.write(f"added {user.name} ({user.role})\n")
    return 0


def cmd_users_list(
    journal: Journal, clock: Clock, args: argparse.Namespace, stdin: TextIO, out: TextIO
) -> int:
    now = clock.now()
    users = Users(journal, clock).list()
    if not users:
        out.write("(no users)\n")
    for user in users:
        flags = []
        if user.disabled:
            flags.append("disabled")
        if user.locked(now) and user.locked_until is not None:
            flags.append(f"locked until {rfc3339(user.locked_until)}")
        if user.has_service_card:
            flags.append("service card")
        out.write(f"{user.name:<20} {user.role:<10} {', '.join(flags) or 'active'}\n")
    return 0


def _admin(
    action: str,
) -> Callable[[Journal, Clock, argparse.Namespace, TextIO, TextIO], int]:
    def command(
        journal: Journal, clock: Clock, args: argparse.Namespace, stdin: TextIO, out: TextIO
    ) -> int:
        users = Users(journal, clock)
        try:
            getattr(users, action)(CLI_ACTOR, args.name)
        except StaffError as exc:
            return _refused(out, exc)
        out.write(
            f"{args.name}: {action}d\n" if action.endswith("e") else f"{args.name}: {action}ed\n"
        )
        return 0

    return command


cmd_users_disable = _admin("disable")
cmd_users_enable = _admin("enable")
cmd_users_unlock = _admin("unlock")


def cmd_users_reset_pin(
    journal: Journal,
    clock: Clock,
    args: argparse.Namespace,
    stdin: TextIO,
    out: TextIO,
    *,
    ask: Ask = getpass.getpass,
    hasher: PasswordHasher | None = None,
) -> int:
    users = Users(journal, clock, hasher=hasher)
    try:
        if users.get(args.name) is None:
            raise NotFound(f"no user {args.name!r}")
        pin = _read_pin(args, stdin, ask)
        users.reset_pin(CLI_ACTOR, args.name, pin)
    except StaffError as exc:
        return _refused(out, exc)
    out.write(f"{args.name}: PIN reset, lock cleared\n")
    return 0


def cmd_audit_verify(
    journal: Journal, clock: Clock, args: argparse.Namespace, stdin: TextIO, out: TextIO
) -> int:
    result = verify_chain(journal)
    if result.ok:
        out.write(f"audit chain intact: {result.reason}\n")
        return 0
    out.write(f"audit chain BROKEN at row {result.first_bad_seq}: {result.reason}\n")
    return 1

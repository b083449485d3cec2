"""The intake CLI: `python -m intake users add|list|disable|reset-password`.

Passwords are read from standard input (one line, not echoed on a terminal), or generated and
printed once, so they never appear in the shell history or the process list.
"""
from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Sequence

from intake import accounts
from intake.config import settings
from intake.models import ROLES


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m intake", description="Secretariat intake accounts")
    sub = parser.add_subparsers(dest="group", required=True)
    users = sub.add_parser("users", help="manage accounts")
    cmds = users.add_subparsers(dest="command", required=True)
    add = cmds.add_parser("add", help="create an account (password from standard input)")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--province", help="province code (or name) of a province account")
    add.add_argument("--generate", action="store_true", help="generate a password and print it once")
    cmds.add_parser("list", help="list accounts")
    disable = cmds.add_parser("disable", help="stop an account from logging in")
    disable.add_argument("name")
    reset = cmds.add_parser("reset-password", help="set a new password (from standard input)")
    reset.add_argument("name")
    reset.add_argument("--generate", action="store_true", help="generate a password and print it once")
    return parser


def _password(generate: bool) -> tuple[str, bool]:
    """(password, generated): from a terminal prompt, a line of standard input, or generated."""
    if generate:
        return accounts.generated_password(), True
    if sys.stdin.isatty():
        first = getpass.getpass("password: ")
        if first and first != getpass.getpass("again: "):
            raise accounts.AccountProblem("the two passwords differ")
    else:
        first = sys.stdin.readline().rstrip("\r\n")
    if not first:
        return accounts.generated_password(), True
    return first, False


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; a problem is one line on standard error and exit code 1."""
    args = _parser().parse_args(argv)
    config = settings()
    try:
        if args.command == "add":
            password, generated = _password(args.generate)
            account = accounts.add(config, args.name, args.role, args.province, password)
            where = f" for province {account.province_code}" if account.province_code else ""
            print(f"created {account.role} account {account.name}{where}")
        elif args.command == "list":
            for a in accounts.listing(config):
                state = "disabled" if a.disabled else "active"
                print(f"{a.name}\t{a.role}\t{a.province_code or '-'}\t{state}")
            return 0
        elif args.command == "disable":
            accounts.disable(config, args.name)
            print(f"disabled {args.name}")
            return 0
        else:
            password, generated = _password(args.generate)
            accounts.reset_password(config, args.name, password)
            print(f"new password set for {args.name}")
        if generated:
            print(f"password (shown once): {password}")
        return 0
    except accounts.AccountProblem as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())

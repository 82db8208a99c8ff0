"""`ledger`: the command-line twin of the desktop app — a thin front end over `services`.

Every command takes --workspace DIR, --db URL and --json (before or after the command name), exits
non-zero with a one-line reason on failure, and prints JSON with --json. Command modules register
their subcommands through `register(subparsers, common)`; they parse arguments and print, nothing
more.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ledger_app import __version__
from ledger_app.core.errors import LedgerAppError, UserError, VerificationError
from ledger_app.core.os_errors import environment_problem

EXIT_FAIL = 1
EXIT_USAGE = 2


class Context:
    """What a command handler gets: parsed arguments, output helpers, lazily built services."""

    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.json = bool(getattr(args, "json", False))
        self._ws = None
        self._services: dict[str, Any] = {}

    @property
    def workspace(self):
        if self._ws is None:
            from ledger_app.services import open_workspace

            ws_dir = getattr(self.args, "workspace", None)
            self._ws = open_workspace(Path(ws_dir) if ws_dir else None, getattr(self.args, "db", None))
        return self._ws

    def database_label(self) -> str | None:
        """The database as messages name it (the SQLite file, or the server without a password)."""
        try:
            return self._ws.database_label if self._ws is not None else None
        except Exception:  # only for a message about another error
            return None

    @property
    def opened_workspace(self):
        """The workspace if this command opened it, else None (never opens one)."""
        return self._ws

    def has_service(self, name: str) -> bool:
        """Whether this command already built the service `name` (never builds it)."""
        return name in self._services

    def service(self, name: str, factory: Callable[[], Any]) -> Any:
        if name not in self._services:
            self._services[name] = factory()
        return self._services[name]

    @property
    def services(self):
        from ledger_app.services import Services

        return self.service("services", lambda: Services(self.workspace))

    @property
    def ledger(self):
        return self.services.ledger

    @property
    def corpus(self):
        return self.services.corpus

    @property
    def takedown(self):
        return self.services.takedown

    def out(self, value: Any, text: str | Callable[[Any], str] | None = None) -> None:
        from ledger_app.services.encoding import dumps

        if self.json:
            print(dumps(value))
        elif text is None:
            print(value if isinstance(value, str) else dumps(value))
        else:
            print(text(value) if callable(text) else text)

    def err(self, message: str) -> None:
        print(message, file=sys.stderr)


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--workspace", metavar="DIR", default=argparse.SUPPRESS, help="workspace directory")
    common.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help="PostgreSQL URL (team mode)")
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="print JSON")
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = argparse.ArgumentParser(
        prog="ledger",
        parents=[common],
        description="Provenance Ledger: a signed, append-only ledger of AI training data, takedowns and proofs.",
    )
    parser.add_argument("--version", action="version", version=f"ledger {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for module in _command_modules():
        module.register(sub, common)
    return parser


def _command_modules():
    import importlib

    names = ["ledger_cmds", "corpus_cmds", "takedown_cmds", "rights_cmds", "certificate_cmds", "demo_cmds",
             "report_cmds", "witness_cmds"]
    mods = []
    for n in names:
        try:
            mods.append(importlib.import_module(f"ledger_app.cli.{n}"))
        except ModuleNotFoundError as e:
            if e.name != f"ledger_app.cli.{n}":
                raise
    return mods


def _warn_if_rolled_back(ctx: Context) -> None:
    """After every command that opened a workspace's ledger: say so if the database is behind (or
    forked from) the checkpoint this workspace last saw, until an operator acknowledges it."""
    ws = ctx.opened_workspace
    if ws is None or not ws.is_connected or not ctx.has_service("services"):
        return
    if getattr(ctx.args, "handler", None).__name__ in ("cmd_acknowledge_rollback", "cmd_init"):
        return
    try:
        problem = ctx.ledger.anchor_problem()
    except LedgerAppError:
        return  # no ledger yet, or a problem the command itself reported
    if problem:
        ctx.err(
            f"warning: {problem}. Nothing will be signed until this is resolved; if a backup was restored on purpose, "
            "run `ledger log acknowledge-rollback --reason …`"
        )


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    ctx = Context(args)
    try:
        rc = args.handler(ctx)
        _warn_if_rolled_back(ctx)
        return int(rc or 0)
    except VerificationError as e:
        ctx.err(f"verification failed: {e}")
        return EXIT_FAIL
    except (UserError, LedgerAppError) as e:
        ctx.err(f"error: {e}")
        return EXIT_FAIL
    except KeyboardInterrupt:
        ctx.err("interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_FAIL
    except Exception as e:  # the one place that turns a bug into a one-line exit
        problem = environment_problem(e, database=ctx.database_label())
        if problem is not None:  # a full disk, a permission, a link loop: the machine, not a bug
            ctx.err(f"error: {problem}")
            return EXIT_FAIL
        ctx.err(f"internal error: {type(e).__name__}: {e} (set LEDGER_DEBUG=1 for the traceback)")
        import os

        if os.environ.get("LEDGER_DEBUG"):
            traceback.print_exc()
        return EXIT_FAIL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

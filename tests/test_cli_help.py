"""Every `--help` lists the subcommands with what each does, and says what every flag and argument means."""

from __future__ import annotations

import argparse

from ledger_app.cli.main import build_parser


def _walk(parser: argparse.ArgumentParser, path: str):
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _walk(sub, f"{path} {name}")


def test_every_command_and_flag_is_described():
    undescribed = []
    for path, parser in _walk(build_parser(), "ledger"):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                described = {a.dest for a in action._choices_actions if a.help}
                undescribed += [f"{path} {name}" for name in action.choices if name not in described]
            elif not isinstance(action, argparse._HelpAction | argparse._VersionAction) and not action.help:
                undescribed.append(f"{path} {'/'.join(action.option_strings) or action.dest}")
    assert undescribed == []


def test_help_lists_the_subcommands(capsys):
    import pytest

    with pytest.raises(SystemExit):
        build_parser().parse_args(["takedown", "--help"])
    out = capsys.readouterr().out
    for sub in ("new", "amend", "import", "locate", "review", "note", "assign", "timeline", "counter-notice",
                "restore", "refuse", "notify", "reply"):
        assert f"\n    {sub} " in out, sub

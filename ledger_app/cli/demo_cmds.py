"""`ledger demo [DIR]`: the whole story end to end, printing each step."""

from __future__ import annotations

import sys
from pathlib import Path


def register(sub, common) -> None:
    p = sub.add_parser("demo", parents=[common], help="build a demo workspace and run the whole story")
    p.add_argument("dir", nargs="?", type=Path, default=Path("ledger-demo"), help="where to build it (default: ledger-demo)")
    p.add_argument("--photos", type=int, default=240, help="photos on the demo photo host")
    p.set_defaults(handler=cmd_demo)


def cmd_demo(ctx) -> int:
    from ledger_app.services.demo.story import run_story

    log = (lambda m: print(m, file=sys.stderr)) if ctx.json else print
    res = run_story(ctx.args.dir, log=log, photos=ctx.args.photos)
    if ctx.json:
        ctx.out(res)
    return 0

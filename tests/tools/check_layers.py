"""Layer rule: nothing outside ledger_app/ui/ imports Qt (PySide6/shiboken6), directly.

Run as a script (make lint) or through tests/test_layers.py. Parses imports with `ast`, so a
string mentioning PySide6 does not count and an aliased or nested import does.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "ledger_app"
QT_MODULES = ("PySide6", "shiboken6", "PyQt5", "PyQt6")


def violations(package: Path = PACKAGE) -> list[str]:
    out = []
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package)
        if rel.parts[0] == "ui":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                if name.split(".")[0] in QT_MODULES:
                    out.append(f"ledger_app/{rel}:{node.lineno} imports {name}")
    return out


if __name__ == "__main__":
    bad = violations()
    for line in bad:
        print(line)
    sys.exit(1 if bad else 0)

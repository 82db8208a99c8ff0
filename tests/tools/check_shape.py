"""Two shape rules of ledger_app that the import check cannot see (make lint, CI, tests/test_shape.py).

1. SQL is built with SQLAlchemy from the declared tables, with bound parameters: no
   `exec_driver_sql`, no SQL text assembled from values (an f-string, `%`, `.format` or `+` on a
   statement), and no per-dialect placeholder choice (`"?" … "%s"`). A statement with no SQLAlchemy
   form (PRAGMA, an advisory lock) is a constant `text()` with `:named` parameters; trigger DDL,
   which must name its table, is an f-string given straight to `DDL()` with dialect-quoted names.
   The Alembic migrations are history and are not checked.
2. No module reaches into another object's private members (`other._name`): a class offers what
   others need as public methods or properties. `self._x` and `cls._x` are the object's own; the
   names in ALLOWED_PRIVATE are third-party or standard-library APIs that happen to start with `_`.

3. A module over MAX_LINES lines does several jobs unless it says otherwise: split it along its
   seams, or say in its docstring why it stays whole, in a sentence beginning "It stays one module".

Run as a script (exit status 1 on a violation); `--package DIR` checks another tree.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "ledger_app"
SKIP_DIRS = ("storage/migrations",)
MAX_LINES = 400
STAYS_WHOLE = "It stays one module"
SQL = re.compile(r"\b(SELECT\s.+\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX|TRIGGER)|"
                 r"ALTER\s+TABLE|DROP\s+(TABLE|TRIGGER)|WHERE\s+\w+\s*(=|IN|LIKE))\b", re.I | re.S)
# attribute -> why it is not another object's private state
ALLOWED_PRIVATE = {
    "_exit": "os._exit: the standard library's immediate exit, used where a forked worker must not run atexit",
    "_replace": "namedtuple._replace is the documented API of named tuples",
    "_asdict": "namedtuple._asdict is the documented API of named tuples",
    "_fields": "namedtuple._fields is the documented API of named tuples",
    "_make": "namedtuple._make is the documented API of named tuples",
    "_MEIPASS": "sys._MEIPASS is how PyInstaller tells a bundle where its files are",
    "_get_possible_search_paths": "c2pa-python's library search, replaced on purpose so it never looks in the CWD",
}


def _const_text(node: ast.AST) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(_const_text(v) if isinstance(v, ast.Constant) else " x " for v in node.values)
    return ""


def _is_sql(node: ast.AST) -> bool:
    return bool(SQL.search(_const_text(node)))


def _ddl_strings(tree: ast.AST) -> set[int]:
    """ids of the f-strings given straight to `DDL(...)`: schema statements (triggers) that name
    tables, which no bound parameter can do; the names come from code, quoted by the dialect."""
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "DDL":
            out.update(id(a) for a in node.args if isinstance(a, ast.JoinedStr))
    return out


def violations(package: Path = PACKAGE) -> list[str]:
    out: list[str] = []
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package).as_posix()
        if "__pycache__" in path.parts or any(rel.startswith(d) for d in SKIP_DIRS):
            continue
        where = f"ledger_app/{rel}"
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        ddl = _ddl_strings(tree)
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES and STAYS_WHOLE not in " ".join((ast.get_docstring(tree) or "").split()):
            out.append(f"{where}:1 has {lines} lines: split it along its seams, or say in its docstring why it "
                       f"stays whole (\"{STAYS_WHOLE} …\")")
        for node in ast.walk(tree):
            line = getattr(node, "lineno", 0)
            if isinstance(node, ast.Attribute) and node.attr == "exec_driver_sql":
                out.append(f"{where}:{line} calls exec_driver_sql: build the statement with SQLAlchemy and bound parameters")
            elif isinstance(node, ast.JoinedStr) and id(node) not in ddl and _is_sql(node) and any(isinstance(v, ast.FormattedValue) for v in node.values):
                out.append(f"{where}:{line} assembles SQL in an f-string: use SQLAlchemy with bound parameters")
            elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mod, ast.Add)) and (_is_sql(node.left) or _is_sql(node.right)):
                out.append(f"{where}:{line} assembles SQL with {'%' if isinstance(node.op, ast.Mod) else '+'}: use SQLAlchemy with bound parameters")
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format"
                  and _is_sql(node.func.value)):
                out.append(f"{where}:{line} assembles SQL with .format(): use SQLAlchemy with bound parameters")
            elif isinstance(node, ast.IfExp) and {_const_text(node.body), _const_text(node.orelse)} == {"?", "%s"}:
                out.append(f"{where}:{line} chooses a placeholder per database: use SQLAlchemy's bound parameters")
            elif (isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__")
                  and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))
                  and node.attr not in ALLOWED_PRIVATE):
                out.append(f"{where}:{line} reaches into another object's private member {ast.unparse(node)}: "
                           "give its class a public method or property")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--package", type=Path, default=PACKAGE)
    found = violations(ap.parse_args(argv).package)
    for v in found:
        print(v)
    if found:
        print(f"{len(found)} shape rule violation(s); see tests/tools/check_shape.py for the rules")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())

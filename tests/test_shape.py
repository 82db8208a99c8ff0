"""The shape rules that imports do not show (tests/tools/check_shape.py, run by make lint): SQL only
through SQLAlchemy with bound parameters, and no reaching into another object's private members.
Each rule is shown catching a planted violation."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.tools.check_shape import PACKAGE, violations

CHECKER = Path(__file__).resolve().parent / "tools" / "check_shape.py"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    dst = tmp_path / "ledger_app"
    shutil.copytree(PACKAGE, dst, ignore=shutil.ignore_patterns("__pycache__", "*.qm"))
    return dst


def _plant(tree: Path, rel: str, code: str) -> None:
    path = tree / rel
    path.write_text(path.read_text(encoding="utf-8") + "\n" + code + "\n", encoding="utf-8")


def test_the_code_follows_the_shape_rules_as_make_lint_runs_them():
    assert violations() == []
    done = subprocess.run([sys.executable, str(CHECKER)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr


PLANTED = {
    "storage/engine.py": ("def f(conn, rid):\n    return conn.exec_driver_sql('SELECT 1')", "calls exec_driver_sql"),
    "storage/identity.py": ("def g(conn, rid):\n    return conn.execute(f'SELECT id FROM item WHERE id = {rid}')",
                            "assembles SQL in an f-string"),
    "storage/runlock.py": ("def h(name):\n    return 'DELETE FROM run_lock WHERE name = ' + repr(name)", "assembles SQL with +"),
    "core/urls.py": ("def k(n):\n    return 'UPDATE item SET status = %s' % n", "assembles SQL with %"),
    "core/types.py": ("def m(n):\n    return 'SELECT id FROM item WHERE id IN ({})'.format(n)", "assembles SQL with .format()"),
    "core/language.py": ("def p(d):\n    return '?' if d == 'sqlite' else '%s'", "chooses a placeholder per database"),
    "ledger/keys.py": ("def q(store):\n    return store._lock", "private member store._lock"),
}


def test_each_planted_violation_is_caught(tree):
    for rel, (code, _) in PLANTED.items():
        _plant(tree, rel, code)
    found = violations(tree)
    for rel, (_, expected) in PLANTED.items():
        mine = [v for v in found if v.startswith(f"ledger_app/{rel}:")]
        assert mine and all(expected in v for v in mine), (rel, found)
    assert {v.split(":")[0] for v in found} == {f"ledger_app/{rel}" for rel in PLANTED}, found
    done = subprocess.run([sys.executable, str(CHECKER), "--package", str(tree)], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 1 and "shape rule violation" in done.stdout


def test_what_is_not_a_violation(tree):
    _plant(tree, "storage/engine.py", "\n".join([
        "from sqlalchemy import text",
        "LOCK = text('SELECT pg_advisory_xact_lock(:key)')",  # a constant statement with a bound parameter
        "def r(row, name):",
        "    print(f'the item {name} is gone')",  # an f-string that is not SQL
        "    return row._replace(x=1), row._asdict()",  # named tuple API
        "class C:",
        "    def __init__(self):",
        "        self._own = 1",
        "    def own(self):",
        "        return self._own",  # an object's own private state
    ]))
    assert violations(tree) == []


def test_a_long_module_says_why_it_stays_whole(tree):
    path = tree / "core" / "urls.py"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\n" * 400, encoding="utf-8")
    found = violations(tree)
    assert len(found) == 1 and found[0].startswith("ledger_app/core/urls.py:1 has ") and "stays whole" in found[0], found
    doc_end = text.index('"""', 3)
    path.write_text(text[:doc_end] + "\nIt stays one module: planted.\n" + text[doc_end:] + "\n" * 400, encoding="utf-8")
    assert violations(tree) == []


def test_the_migrations_are_history_and_not_checked(tree):
    versions = tree / "storage" / "migrations" / "versions"
    first = sorted(versions.glob("*.py"))[0]
    _plant(tree, first.relative_to(tree).as_posix(), "def z(conn):\n    conn.exec_driver_sql('SELECT 1')")
    assert violations(tree) == []

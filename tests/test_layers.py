"""Architecture rules that must hold for every change."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.tools.check_layers import EXCEPTIONS, PACKAGE, violations
from tests.tools.check_layers import violations as layer_violations


def test_no_qt_outside_ui():
    assert violations() == []


def test_the_checker_catches_a_qt_import(tmp_path):
    pkg = tmp_path / "ledger_app"
    (pkg / "core").mkdir(parents=True)
    (pkg / "ui").mkdir()
    (pkg / "core" / "bad.py").write_text("def f():\n    from PySide6.QtCore import QObject\n")
    (pkg / "ui" / "fine.py").write_text("import PySide6\n")
    assert violations(pkg) == ["ledger_app/core/bad.py:2 imports PySide6.QtCore"]


def test_services_and_cli_import_without_qt():
    """Importing the headless layers must not pull Qt in as a side effect."""
    code = textwrap.dedent(
        """
        import sys
        import ledger_app.services, ledger_app.cli.main
        bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')]
        assert not bad, bad
        """
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- the layer rules (issue 16): a planted upward import makes the check, and so `make lint`, fail ----

CHECKER = Path(__file__).resolve().parent / "tools" / "check_layers.py"


@pytest.fixture
def tree(tmp_path):
    """A copy of today's ledger_app (which passes the check: the test above)."""
    copy = tmp_path / "ledger_app"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.qm"))
    return copy


def _lint(package: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(CHECKER), "--package", str(package)],
                          capture_output=True, text=True, timeout=300)


def _plant(tree: Path, rel: str, code: str) -> None:
    path = tree / rel
    path.write_text(path.read_text(encoding="utf-8") + "\n" + code + "\n", encoding="utf-8")


def test_the_layer_check_passes_on_the_code_and_as_make_lint_runs_it():
    assert layer_violations() == []
    done = subprocess.run([sys.executable, str(CHECKER)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr


PLANTED = {
    # core reaching up to the services
    "core/urls.py": ("from ledger_app.services import Services", "from the lower layer core"),
    # a nested import counts, and so does a type-only one
    "ledger/entries.py": ("def f():\n    import ledger_app.services.takedowns", "from the lower layer ledger"),
    "corpus/sniff.py": ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ledger_app.services.corpora "
                        "import CorpusService", "from the lower layer domain"),
    # a relative import is resolved
    "storage/personal.py": ("from ..takedown import blocklist", "from the lower layer storage"),
    # storage and ledger are independent
    "ledger/keys.py": ("from ledger_app.storage import tables", "ledger and storage are independent of each other"),
    # the thin clients do not open the database themselves
    "cli/table.py": ("from ledger_app.storage.engine import make_engine", "through the services only"),
    # Qt outside ui/
    "takedown/locate.py": ("from PySide6 import QtCore", "imports PySide6"),
    # another package's private name
    "takedown/blocklist.py": ("from ledger_app.corpus.purge import _fsync_dir", "private name _fsync_dir"),
}


def test_each_planted_violation_fails_the_check(tree):
    for rel, (code, _) in PLANTED.items():
        _plant(tree, rel, code)
    found = violations(tree)
    for rel, (_, expected) in PLANTED.items():
        mine = [v for v in found if v.startswith(f"ledger_app/{rel}:")]
        assert mine and all(expected in v for v in mine), (rel, found)
    assert {v.split(":")[0] for v in found} == {f"ledger_app/{rel}" for rel in PLANTED}, found


def test_make_lint_fails_on_an_upward_import(tree):
    assert _lint(tree).returncode == 0
    _plant(tree, "storage/engine.py", "from ledger_app.services.takedowns import TakedownService")
    done = _lint(tree)
    assert done.returncode == 1
    assert "ledger_app/storage/engine.py:" in done.stdout and "from the lower layer storage" in done.stdout


def test_the_offline_verifier_may_not_gain_a_dependency(tree):
    # A third-party package in a module verify.py imports (directly or through another)...
    _plant(tree, "ledger/tlogproof.py", "import numpy")
    assert any("tlogproof.py" in v and "standard library and cryptography" in v for v in violations(tree))
    # ...or an application module beyond what it needs today.
    (tree / "ledger/tlogproof.py").write_text((PACKAGE / "ledger/tlogproof.py").read_text(encoding="utf-8")
                                              + "\nfrom ledger_app.ledger import entries\n", encoding="utf-8")
    found = violations(tree)
    assert found == [f"ledger_app/ledger/tlogproof.py:{_last_line(tree / 'ledger/tlogproof.py')} imports "
                     "ledger_app.ledger.entries, which the offline verifier (ledger_app/verify.py) may not need "
                     "(VERIFIER_MODULES)"], found
    assert _lint(tree).returncode == 1


def _last_line(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_an_exception_that_no_longer_applies_must_be_deleted(tree, monkeypatch):
    """The list of exceptions can only shrink: once the import is gone, its entry is reported."""
    monkeypatch.setitem(EXCEPTIONS, ("ledger_app.storage.engine", "ledger_app.ledger.anchor"), "planted (#16)")
    _plant(tree, "storage/engine.py", "from ledger_app.ledger import anchor")
    found = violations(tree)
    assert found == [], found  # the exception covers the planted import...
    (tree / "storage/engine.py").write_text((PACKAGE / "storage/engine.py").read_text(encoding="utf-8"), encoding="utf-8")
    found = violations(tree)
    assert found == ["the exception ledger_app.storage.engine -> ledger_app.ledger.anchor matches no import "
                     "any more: delete it from EXCEPTIONS"], found  # ...and is reported once the import is gone


def test_every_module_is_in_a_layer(tree):
    (tree / "plugins").mkdir()
    (tree / "plugins" / "__init__.py").write_text("")
    assert violations(tree) == ["ledger_app.plugins is in no layer: add its package to LAYERS in "
                                "tests/tools/check_layers.py"]


def test_every_exception_names_its_reason_and_issue():
    assert all("(#" in why for why in EXCEPTIONS.values())
    # Issue #16 removed the last one (the services package and the certificates' DocumentLedger
    # protocol); the list may only shrink, so it stays empty.
    assert EXCEPTIONS == {}

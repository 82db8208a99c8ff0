"""Architecture rules that must hold for every change."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.tools.check_layers import violations


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

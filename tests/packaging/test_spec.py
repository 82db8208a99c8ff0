"""packaging/ledger.spec, run with PyInstaller's build steps stubbed (building takes minutes; CI runs
`make package-check` for that): both executables, one shared folder, c2pa's library where the loader
looks, the data files the app reads at run time."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

from ledger_app import __version__
from tests.packaging.conftest import PACKAGING, REPO, SPEC

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))


def test_spec_is_valid_python():
    ast.parse(SPEC.read_text("utf-8"), filename=str(SPEC))


def test_name_and_version_come_from_the_package(spec_run):
    assert spec_run.namespace["NAME"] == PYPROJECT["project"]["name"]
    assert spec_run.namespace["VERSION"] == __version__ == PYPROJECT["project"]["version"]


def test_two_executables_share_one_folder(spec_run):
    exes = {e.kw["name"]: e for e in spec_run.calls["EXE"]}
    assert set(exes) == {"ledger", "ledger-app"}
    # The executables carry the names of pyproject's scripts, so docs and the .desktop file agree.
    assert "ledger" in PYPROJECT["project"]["scripts"]
    assert "ledger-app" in PYPROJECT["project"]["gui-scripts"]
    assert exes["ledger"].kw["console"] is True and exes["ledger-app"].kw["console"] is False
    assert all(e.kw["exclude_binaries"] for e in exes.values())  # one-folder, not one-file
    (collect,) = spec_run.calls["COLLECT"]
    assert {id(x) for x in collect.args[:2]} == {id(e) for e in exes.values()}
    assert collect.kw["name"] == PYPROJECT["project"]["name"]


def test_each_executable_runs_only_its_own_entry_script(spec_run):
    scripts = {e.kw["name"]: [s[0] for s in e.args[1]] for e in spec_run.calls["EXE"]}
    assert scripts["ledger"] == ["pyi_rth_inspect", "entry_ledger"]
    assert scripts["ledger-app"] == ["pyi_rth_inspect", "entry_ledger_app"]


def test_entry_scripts_call_the_console_scripts_mains_after_freeze_support():
    targets = {
        "entry_ledger.py": PYPROJECT["project"]["scripts"]["ledger"],
        "entry_ledger_app.py": PYPROJECT["project"]["gui-scripts"]["ledger-app"],
    }
    for filename, target in targets.items():
        module, func = target.split(":")
        text = (PACKAGING / filename).read_text("utf-8")
        assert f"from {module} import {func}" in text, filename
        assert text.index("multiprocessing.freeze_support()") < text.index(f"from {module} import"), filename


def test_c2pa_native_library_is_collected_explicitly_where_the_loader_pins_it(spec_run):
    (analysis,) = spec_run.calls["Analysis"]
    libs = [(src, dest) for src, dest in analysis.kw["binaries"] if Path(src).name == "libc2pa_c.so"]
    assert len(libs) == 1
    src, dest = libs[0]
    assert Path(src).is_file() and Path(src).parent.parent.name == "c2pa"
    assert dest == "c2pa/libs"
    # c2pa_loader re-runs c2pa/lib.py from its file, so c2pa must be collected as source files ...
    assert analysis.kw["module_collection_mode"]["c2pa"] == "py"
    # ... and it searches <c2pa package>/libs, which is where the spec puts the library.
    loader = (REPO / "ledger_app" / "provenance" / "c2pa_loader.py").read_text("utf-8")
    assert '[pkg_dir / "libs", pkg_dir]' in loader


def test_data_files_the_app_reads_at_run_time(spec_run):
    (analysis,) = spec_run.calls["Analysis"]
    datas = {(Path(src).relative_to(REPO).as_posix(), dest) for src, dest in analysis.kw["datas"]}
    assert ("resources/styles/app.qss", "resources/styles") in datas
    assert ("resources/icons/dark/app.svg", "resources/icons/dark") in datas
    assert ("resources/translations/pdf_strings.json", "resources/translations") in datas  # the PDFs' strings
    assert any(s.endswith(".qm") and d == "resources/translations" for s, d in datas)
    assert not any(s.endswith(".ts") for s, _ in datas)  # sources of translations stay behind
    migrations = "ledger_app/storage/migrations"
    assert (f"{migrations}/env.py", migrations) in datas
    versions = {s for s, d in datas if d == f"{migrations}/versions"}
    assert versions == {
        p.relative_to(REPO).as_posix() for p in (REPO / migrations / "versions").glob("*.py")
    }


def test_modules_imported_by_name_are_hidden_imports(spec_run):
    (analysis,) = spec_run.calls["Analysis"]
    hidden = analysis.kw["hiddenimports"]
    for package in ("ledger_app", "psycopg", "reportlab.graphics.barcode"):
        assert package in hidden  # the stub's collect_submodules returns the package name itself


def test_spec_writes_the_desktop_integration_beside_the_executables(spec_run):
    share = spec_run.dist / spec_run.namespace["NAME"] / "share"
    assert (share / "applications" / "provenance-ledger.desktop").is_file()
    assert (share / "metainfo" / "org.example.ProvenanceLedger.metainfo.xml").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / "provenance-ledger.svg").is_file()
    assert (share / "icons" / "hicolor" / "48x48" / "apps" / "provenance-ledger.png").is_file()


def test_every_declared_package_data_file_exists():
    """setuptools ships nothing, silently, for a pattern that matches nothing (py.typed was declared
    and missing, so type checkers ignored the installed package's annotations)."""
    for pattern in PYPROJECT["tool"]["setuptools"]["package-data"]["ledger_app"]:
        assert list((REPO / "ledger_app").glob(pattern)), pattern
    assert (REPO / "ledger_app" / "py.typed").is_file()

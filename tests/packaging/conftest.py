"""Shared helpers for the packaging tests: the spec run with PyInstaller's build steps stubbed out."""

from __future__ import annotations

import sys
import types
from pathlib import Path
from types import SimpleNamespace

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"
LINUX = PACKAGING / "linux"
SPEC = PACKAGING / "ledger.spec"


class Recorder:
    """Stands in for PyInstaller's Analysis/PYZ/EXE/COLLECT and remembers every call."""

    def __init__(self) -> None:
        self.calls: dict[str, list[SimpleNamespace]] = {"Analysis": [], "PYZ": [], "EXE": [], "COLLECT": []}

    def analysis(self, scripts, **kw):
        # What PyInstaller's a.scripts holds: runtime hooks first, then the entry scripts.
        rthooks = [("pyi_rth_inspect", "/x/pyi_rth_inspect.py", "PYSOURCE")]
        entries = [(Path(s).stem, s, "PYSOURCE") for s in scripts]
        a = SimpleNamespace(
            scripts=rthooks + entries, pure=["pure"], binaries=kw.get("binaries", []), datas=kw.get("datas", [])
        )
        self.calls["Analysis"].append(SimpleNamespace(args=(scripts,), kw=kw, result=a))
        return a

    def make(self, kind):
        def call(*args, **kw):
            obj = SimpleNamespace(kind=kind, args=args, kw=kw)
            self.calls[kind].append(obj)
            return obj

        return call


@pytest.fixture(scope="session")
def spec_run(tmp_path_factory):
    """Execute packaging/ledger.spec as PyInstaller would, minus the building."""
    if not list((REPO / "resources" / "translations").glob("*.qm")):
        pytest.skip("no compiled translations (*.qm); `make test` builds them (make translations)")
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_data_files = lambda package, **kw: []
    hooks.collect_submodules = lambda package, **kw: [package]
    stubs = {
        "PyInstaller": types.ModuleType("PyInstaller"),
        "PyInstaller.utils": types.ModuleType("PyInstaller.utils"),
        "PyInstaller.utils.hooks": hooks,
    }
    saved = {name: sys.modules.get(name) for name in stubs}
    sys.modules.update(stubs)
    rec = Recorder()
    dist = tmp_path_factory.mktemp("dist")
    namespace = {
        "__name__": "__main__",
        "__file__": str(SPEC),
        "SPECPATH": str(PACKAGING),
        "DISTPATH": str(dist),
        "Analysis": rec.analysis,
        "PYZ": rec.make("PYZ"),
        "EXE": rec.make("EXE"),
        "COLLECT": rec.make("COLLECT"),
    }
    try:
        exec(compile(SPEC.read_text("utf-8"), str(SPEC), "exec"), namespace)
    finally:
        for name, module in saved.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module
    return SimpleNamespace(calls=rec.calls, namespace=namespace, dist=dist)

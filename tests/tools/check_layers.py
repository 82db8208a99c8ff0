"""The layer rules of ledger_app, checked from its imports (make lint, CI, tests/test_layers.py).

    core  ←  storage | ledger  ←  domain packages  ←  services  ←  cli | ui | verify.py

1. A module imports only from its own layer or a lower one (every import counts: nested, aliased,
   relative, and those under `if TYPE_CHECKING:`, which still make the code depend on the name).
   storage/ and ledger/ are independent of each other, and so are cli/ and ui/.
2. cli/ and ui/ are thin clients: they do not reach into storage/ (the database) themselves; they
   open workspaces and get everything else through the services.
3. Nothing outside ui/ imports Qt (PySide6, shiboken6, PyQt).
4. `ledger_app/verify.py`, the offline verifier certificate recipients run, needs only the standard
   library and `cryptography`: everything it imports, followed through ledger_app, is in
   VERIFIER_MODULES and imports nothing else.
5. No module imports another package's private (`_underscore`) names.
6. Every module is placed in a layer (a new package must be added to LAYERS).

Today's violations that need the later services/storage moves of issue #16 are listed in EXCEPTIONS,
each with its reason. An exception that no longer matches an import is reported too, so the list can
only shrink. Run as a script (exit status 1 on a violation); `--package DIR` checks another tree.
"""

from __future__ import annotations

import argparse
import ast
import sys
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "ledger_app"
QT_MODULES = ("PySide6", "shiboken6", "PyQt5", "PyQt6")

# (layer number, module prefixes), lowest first; the longest matching prefix places a module.
LAYERS: dict[str, tuple[int, tuple[str, ...]]] = {
    "core": (0, ("ledger_app.core",)),
    "storage": (1, ("ledger_app.storage",)),
    "ledger": (1, ("ledger_app.ledger",)),
    "domain": (2, ("ledger_app.provenance", "ledger_app.corpus", "ledger_app.matching", "ledger_app.ingest",
                   "ledger_app.takedown", "ledger_app.certificates", "ledger_app.fpstore",
                   "ledger_app.engine")),
    "services": (3, ("ledger_app.services",)),
    "cli": (4, ("ledger_app.cli",)),
    "ui": (4, ("ledger_app.ui",)),
    "verify": (4, ("ledger_app.verify",)),
}
# Groups in the same layer that must not import each other.
INDEPENDENT = ({"storage", "ledger"}, {"cli", "ui"})
THIN_CLIENTS = {"cli", "ui"}
NOT_FOR_THIN_CLIENTS = ("ledger_app.storage",)

VERIFIER = "ledger_app.verify"
VERIFIER_MODULES = frozenset({
    "ledger_app", "ledger_app.verify",
    "ledger_app.core", "ledger_app.core.errors", "ledger_app.core.messages", "ledger_app.core.strictjson",
    "ledger_app.ledger", "ledger_app.ledger.merkle", "ledger_app.ledger.note", "ledger_app.ledger.checkpoint",
    "ledger_app.ledger.tlogproof", "ledger_app.ledger.cosignature", "ledger_app.ledger.documents",
    "ledger_app.ledger.docverify", "ledger_app.ledger.manifest",
})
VERIFIER_THIRD_PARTY = ("cryptography",)

# (importing module, imported module): why it stays for now. Remove an entry when its import goes.
EXCEPTIONS: dict[tuple[str, str], str] = {
}


@dataclass(frozen=True)
class Import:
    path: str  # ledger_app/…/x.py
    line: int
    source: str  # importing module
    target: str  # imported module (or module.name for `from module import name`)
    names: tuple[str, ...] = ()


def module_name(package: Path, path: Path) -> str:
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(package: Path = PACKAGE) -> list[Import]:
    out = []
    for path in sorted(package.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        mod = module_name(package, path)
        is_pkg = path.name == "__init__.py"
        rel = f"ledger_app/{path.relative_to(package).as_posix()}"
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                out.extend(Import(rel, node.lineno, mod, a.name) for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = mod.split(".")
                    base = base[: len(base) - node.level + (1 if is_pkg else 0)]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                out.append(Import(rel, node.lineno, mod, target, tuple(a.name for a in node.names)))
    return out


def layer_of(module: str) -> str | None:
    if module == "ledger_app":  # the package's __init__: its version only
        return "core"
    best, best_len = None, -1
    for name, (_, prefixes) in LAYERS.items():
        for p in prefixes:
            if (module == p or module.startswith(p + ".")) and len(p) > best_len:
                best, best_len = name, len(p)
    return best


def _app_target(imp: Import, known: set[str]) -> list[str]:
    """The ledger_app modules an import names (`from pkg import module` names the module)."""
    if not (imp.target == "ledger_app" or imp.target.startswith("ledger_app.")):
        return []
    subs = [f"{imp.target}.{n}" for n in imp.names if f"{imp.target}.{n}" in known]
    return subs or [imp.target]


def violations(package: Path = PACKAGE) -> list[str]:
    found = imports(package)
    known = {module_name(package, p) for p in package.rglob("*.py") if "__pycache__" not in p.parts}
    out: list[str] = []
    used_exceptions: set[tuple[str, str]] = set()

    for mod in sorted(known):
        if layer_of(mod) is None:
            out.append(f"{mod} is in no layer: add its package to LAYERS in tests/tools/check_layers.py")

    for imp in found:
        where = f"{imp.path}:{imp.line}"
        top = imp.target.split(".")[0]
        if top in QT_MODULES and layer_of(imp.source) != "ui":
            out.append(f"{where} imports {imp.target}")  # Qt outside ledger_app/ui/
        src_layer = layer_of(imp.source)
        for target in _app_target(imp, known):
            dst_layer = layer_of(target)
            if src_layer is None or dst_layer is None or src_layer == dst_layer:
                continue
            problem = None
            if LAYERS[dst_layer][0] > LAYERS[src_layer][0]:
                problem = f"imports {target} ({dst_layer}) from the lower layer {src_layer}"
            elif any({src_layer, dst_layer} <= group for group in INDEPENDENT):
                problem = f"imports {target}: {src_layer} and {dst_layer} are independent of each other"
            elif src_layer in THIN_CLIENTS and target.startswith(NOT_FOR_THIN_CLIENTS):
                problem = f"imports {target}: {src_layer}/ reaches storage through the services only"
            if problem is None:
                continue
            key = (imp.source, target)
            if key in EXCEPTIONS:
                used_exceptions.add(key)
                continue
            out.append(f"{where} {problem}")
        # Private names of another package.
        if imp.target.startswith("ledger_app.") and imp.names:
            src_pkg = imp.source.split(".")[:2]
            if imp.target.split(".")[:2] != src_pkg:
                for n in imp.names:
                    if n.startswith("_") and not n.startswith("__"):
                        out.append(f"{where} imports the private name {n} from {imp.target}")

    out.extend(_verifier_violations(found, known))
    for key in sorted(k for k in set(EXCEPTIONS) - used_exceptions if k[0] in known):
        out.append(f"the exception {key[0]} -> {key[1]} matches no import any more: delete it from EXCEPTIONS")
    return out


def _verifier_violations(found: list[Import], known: set[str]) -> list[str]:
    if VERIFIER not in known:
        return []
    by_source: dict[str, list[Import]] = {}
    for imp in found:
        by_source.setdefault(imp.source, []).append(imp)
    out = []
    seen, todo = set(), [VERIFIER]
    while todo:
        mod = todo.pop()
        if mod in seen:
            continue
        seen.add(mod)
        # Importing a submodule runs its packages' __init__ first.
        parts = mod.split(".")
        todo.extend(".".join(parts[:i]) for i in range(1, len(parts)))
        for imp in by_source.get(mod, []):
            top = imp.target.split(".")[0]
            if top == "ledger_app":
                for target in _app_target(imp, known):
                    if target not in VERIFIER_MODULES and target in known:
                        out.append(f"{imp.path}:{imp.line} imports {target}, which the offline verifier "
                                   f"(ledger_app/verify.py) may not need (VERIFIER_MODULES)")
                    elif target in known:
                        todo.append(target)
            elif top not in sys.stdlib_module_names and top not in VERIFIER_THIRD_PARTY and top != "__future__":
                out.append(f"{imp.path}:{imp.line} imports {imp.target}; the offline verifier needs only the "
                           "standard library and cryptography")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--package", type=Path, default=PACKAGE, help="the ledger_app folder to check")
    args = parser.parse_args(argv)
    bad = violations(args.package)
    for line in bad:
        print(line)
    if bad:
        print(f"{len(bad)} layer rule violation(s); see tests/tools/check_layers.py for the rules", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

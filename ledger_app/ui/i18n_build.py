"""Compile Qt Linguist sources (resources/translations/*.ts) to .qm files next to them.

The .qm files are build products (never committed); `make run` and `make test` build them. Next to
them goes `ledger_sources.json`: the English sources of the contexts whose sentences a workspace
stores (an item's or a request's reason), which ui/legacy_text.py matches a reason stored as an
English sentence before it was kept as a message against, to say it in the window's language.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"
SOURCES = "ledger_sources.json"
#: The contexts of sentences kept in a workspace (and of the parts said inside them).
STORED_CONTEXTS = ("ItemReason", "LegalReason", "ServiceMessage", "OsError", "LibraryError")


def lrelease_command() -> list[str]:
    exe = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent)) or shutil.which("pyside6-lrelease")
    if exe is None:
        raise SystemExit("pyside6-lrelease not found; install PySide6 in the virtual environment")
    return [exe]


def _fresh(product: Path, sources: list[Path]) -> bool:
    return product.exists() and all(product.stat().st_mtime >= s.stat().st_mtime for s in sources)


def write_sources(folder: Path = TRANSLATIONS) -> Path:
    """`ledger_sources.json`: {context: [English source, …]} of STORED_CONTEXTS, from every .ts."""
    out = folder / SOURCES
    catalogues = sorted(folder.glob("*.ts"))
    if _fresh(out, catalogues):
        return out
    found: dict[str, set[str]] = {c: set() for c in STORED_CONTEXTS}
    for ts in catalogues:
        for context in ET.parse(ts).getroot():
            name = context.findtext("name")
            if name in found:
                found[name].update(m.findtext("source") or "" for m in context.findall("message"))
    out.write_text(json.dumps({c: sorted(s) for c, s in found.items()}, ensure_ascii=False, indent=0) + "\n",
                   encoding="utf-8")
    return out


def build(folder: Path = TRANSLATIONS) -> list[Path]:
    out = []
    for ts in sorted(folder.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if not _fresh(qm, [ts]):
            subprocess.run([*lrelease_command(), "-silent", str(ts), "-qm", str(qm)], check=True)
        out.append(qm)
    out.append(write_sources(folder))
    return out


if __name__ == "__main__":
    for qm in build():
        print(qm)

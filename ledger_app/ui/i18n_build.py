"""Compile Qt Linguist sources (resources/translations/*.ts) to .qm files next to them.

The .qm files are build products (never committed); `make run` and `make test` build them.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"


def lrelease_command() -> list[str]:
    exe = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent)) or shutil.which("pyside6-lrelease")
    if exe is None:
        raise SystemExit("pyside6-lrelease not found; install PySide6 in the virtual environment")
    return [exe]


def build(folder: Path = TRANSLATIONS) -> list[Path]:
    out = []
    for ts in sorted(folder.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
            out.append(qm)
            continue
        subprocess.run([*lrelease_command(), "-silent", str(ts), "-qm", str(qm)], check=True)
        out.append(qm)
    return out


if __name__ == "__main__":
    for qm in build():
        print(qm)

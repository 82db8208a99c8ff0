"""`python packaging/check_bundle.py DIST`: prove that a built bundle works, or fail loudly.

Run by `make package-check` after `make package`. It checks the bundle's layout (both executables,
c2pa's native library where ledger_app.provenance.c2pa_loader pins its search, compiled translations,
migrations, desktop files), then runs the *bundled* programs with a clean environment (no venv on PATH,
no PYTHONPATH, HOME in a temporary folder):

* `ledger --version` must print this checkout's version, and `ledger --help` must list every command
  the source CLI has (the CLI imports its command modules by name and skips missing ones silently);
* `ledger demo --photos 20` must run the whole story, from a working directory in which copies of
  libc2pa_c.so have been planted (c2pa-python would load those first if the loader's pin were lost in
  the bundle, and the loader then refuses to start);
* `ledger init`, `corpus add` and `ingest` of a small Parquet table must admit its rows (pyarrow);
* `ledger-app`, offscreen, must show its main window and quit (LEDGER_APP_BENCH mode).

Each step prints one line; the first failure prints the program's output and exits 1.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


class BundleError(Exception):
    pass


def project_name() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["name"]


def find_bundle(dist: Path) -> Path:
    for candidate in (dist / project_name(), dist):
        if (candidate / "ledger").is_file():
            return candidate
    raise BundleError(f"no bundle in {dist}: expected {dist / project_name()}/ledger; run `make package`")


def check_layout(bundle: Path) -> None:
    internal = bundle / "_internal"
    required = [
        bundle / "ledger",
        bundle / "ledger-app",
        internal / "c2pa" / "lib.py",  # c2pa_loader executes it from its file
        internal / "c2pa" / "libs" / "libc2pa_c.so",
        internal / "ledger_app" / "storage" / "migrations" / "env.py",
        internal / "resources" / "styles" / "app.qss",
        internal / "resources" / "icons" / "light" / "app.svg",
        bundle / "share" / "applications" / "provenance-ledger.desktop",
        bundle / "share" / "metainfo" / "org.example.ProvenanceLedger.metainfo.xml",
        bundle / "share" / "icons" / "hicolor" / "scalable" / "apps" / "provenance-ledger.svg",
        bundle / "share" / "icons" / "hicolor" / "512x512" / "apps" / "provenance-ledger.png",
    ]
    missing = [str(p.relative_to(bundle)) for p in required if not p.exists()]
    if not list((internal / "resources" / "translations").glob("*.qm")):
        missing.append("_internal/resources/translations/*.qm")
    if not list((internal / "ledger_app" / "storage" / "migrations" / "versions").glob("*.py")):
        missing.append("_internal/ledger_app/storage/migrations/versions/*.py")
    if missing:
        raise BundleError("the bundle lacks: " + ", ".join(missing))
    for exe in ("ledger", "ledger-app"):
        if not os.access(bundle / exe, os.X_OK):
            raise BundleError(f"{exe} is not executable")


def clean_env(home: Path) -> dict[str, str]:
    keep = ("LANG", "LC_ALL", "TZ", "TMPDIR")
    env = {k: os.environ[k] for k in keep if k in os.environ}
    env.update(
        PATH="/usr/bin:/bin",
        HOME=str(home),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_RUNTIME_DIR=str(home / "run"),
        LEDGER_PASSPHRASE="bundle-check passphrase",
        QT_QPA_PLATFORM="offscreen",
    )
    (home / "run").mkdir(mode=0o700, parents=True, exist_ok=True)
    return env


def run(step: str, argv: list[str], *, env: dict[str, str], cwd: Path, timeout: float) -> str:
    try:
        proc = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        raise BundleError(f"{step}: no answer within {timeout:.0f} s\n{exc.stdout or ''}{exc.stderr or ''}") from exc
    if proc.returncode != 0:
        raise BundleError(
            f"{step}: exit status {proc.returncode}\n--- stdout\n{proc.stdout}\n--- stderr\n{proc.stderr}"
        )
    return proc.stdout


def expected_commands() -> list[str]:
    import argparse

    from ledger_app.cli.main import build_parser

    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(sub.choices)


def check(dist: Path) -> None:
    from ledger_app import __version__

    bundle = find_bundle(dist)
    check_layout(bundle)
    print(f"ok   layout of {bundle}")
    with tempfile.TemporaryDirectory(prefix="ledger-bundle-check-") as tmp:
        tmp = Path(tmp)
        env = clean_env(tmp / "home")
        work = tmp / "cwd"
        # Decoys: c2pa-python 0.38.1 looks in ./ and ./libs before its own folder.
        lib = bundle / "_internal" / "c2pa" / "libs" / "libc2pa_c.so"
        for decoy in (work / "libc2pa_c.so", work / "libs" / "libc2pa_c.so"):
            decoy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(lib, decoy)
        ledger = str(bundle / "ledger")

        out = run("ledger --version", [ledger, "--version"], env=env, cwd=work, timeout=120).strip()
        if out != f"ledger {__version__}":
            raise BundleError(f"ledger --version printed {out!r}, expected 'ledger {__version__}'")
        print(f"ok   {out}")

        helptext = run("ledger --help", [ledger, "--help"], env=env, cwd=work, timeout=120)
        absent = [c for c in expected_commands() if f"    {c}" not in helptext]
        if absent:
            raise BundleError("the bundled ledger lacks the commands: " + ", ".join(absent))
        print("ok   ledger --help lists every command")

        demo_dir = tmp / "demo"
        out = run(
            "ledger demo",
            [ledger, "--workspace", str(tmp / "ws"), "demo", "--photos", "20", str(demo_dir)],
            env=env,
            cwd=work,
            timeout=900,
        )
        if "Ledger verified" not in out or not list(demo_dir.rglob("certificate-*.pdf")):
            raise BundleError(f"ledger demo finished without a verified ledger and PDF certificates\n{out}")
        print(f"ok   ledger demo: {out.strip().splitlines()[-1]}")

        # The demo's corpora are folders, WebDataset tars and JSONL; Parquet (pyarrow) is checked here.
        import pyarrow as pa
        import pyarrow.parquet as pq

        table_dir = tmp / "parquet"
        table_dir.mkdir()
        texts = ["an article about harbours", "日本語のテキストも一つの項目です", "a third row"]
        pq.write_table(pa.table({"id": ["a", "b", "c"], "text": texts}), table_dir / "part-0.parquet")
        ws = ["--workspace", str(tmp / "ws-parquet")]
        run("ledger init", [ledger, *ws, "init", "--origin", "example.com/bundle-check"], env=env, cwd=work, timeout=120)
        run("ledger corpus add", [ledger, *ws, "corpus", "add", "articles", str(table_dir)], env=env, cwd=work, timeout=120)
        out = run("ledger ingest (Parquet)", [ledger, *ws, "ingest", "articles"], env=env, cwd=work, timeout=300)
        if "admitted 3" not in out:
            raise BundleError(f"ledger ingest of a 3-row Parquet table did not admit 3 items:\n{out}")
        print("ok   ledger ingest of a Parquet table")

        app_env = dict(env, LEDGER_APP_BENCH="1", LEDGER_WORKSPACE=str(demo_dir / "workspace"))
        out = run("ledger-app", [str(bundle / "ledger-app")], env=app_env, cwd=work, timeout=300)
        # With LEDGER_APP_BENCH, ledger_app/ui/app.py prints "shown SECONDS ENTRIES" once the window is
        # visible and shows the opened workspace's entry count, then quits.
        shown = [line.split() for line in out.splitlines() if line.startswith("shown ")]
        if not any(len(words) == 3 and words[2].isdigit() and int(words[2]) > 0 for words in shown):
            raise BundleError(f"ledger-app did not report a visible main window showing the demo's ledger:\n{out}")
        print("ok   ledger-app showed its main window (offscreen)")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: check_bundle.py DIST   (the folder PyInstaller wrote, e.g. dist)", file=sys.stderr)
        return 2
    try:
        check(Path(args[0]).resolve())
    except (BundleError, OSError) as exc:
        print(f"FAIL {exc}", file=sys.stderr)
        return 1
    print("bundle OK")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""C2PA reading touches nothing but the given bytes: no network, no files, no working-directory
lookups; it is safe from threads and from worker processes started the right way."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import pytest

from ledger_app.core.types import C2paState
from ledger_app.provenance.c2pa_loader import worker_process_context
from ledger_app.provenance.c2pa_reader import read_c2pa
from ledger_app.provenance.testsign import sign_jpeg

REPO = Path(__file__).resolve().parents[2]


def run_python(
    code: str, *args: str, cwd: Path | None = None, timeout: float = 60
) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture(scope="module")
def workload(c2pa_fixtures: Path, media_type_of, demo_ca, make_jpeg):
    items = [
        (p.read_bytes(), media_type_of(p), None)
        for p in sorted(c2pa_fixtures.iterdir())
        if p.suffix != ".json"
    ]
    signed = sign_jpeg(make_jpeg(), demo_ca, title="w", training_mining={"ai_training": "notAllowed"})
    items += [(signed, "image/jpeg", None), (signed, "image/jpeg", demo_ca.root_pem)]
    return items


def summary_key(s):
    return (
        str(s.state),
        s.failure_codes,
        tuple(sorted(s.training_mining.items())),
        s.digital_source_types,
        s.signer,
    )


def test_threads_give_the_serial_results(workload) -> None:
    serial = [summary_key(read_c2pa(*w)) for w in workload]
    with ThreadPoolExecutor(6) as pool:
        threaded = list(pool.map(lambda w: summary_key(read_c2pa(*w)), workload * 8))
    assert threaded == serial * 8
    assert ("Trusted" in {k[0] for k in serial}) and ("Valid" in {k[0] for k in serial})


def test_worker_processes_give_the_serial_results(workload) -> None:
    serial = [summary_key(read_c2pa(*w)) for w in workload]  # the parent has used c2pa, PDFs included
    ctx = worker_process_context()
    assert ctx.get_start_method() in ("forkserver", "spawn")
    with ProcessPoolExecutor(2, mp_context=ctx) as pool:
        results = list(pool.map(read_c2pa, *zip(*workload, strict=True), chunksize=4))
    assert [summary_key(s) for s in results] == serial


def test_fork_after_use_fails_loudly_instead_of_hanging(c2pa_fixtures: Path) -> None:
    # After a PDF read c2pa-rs has worker threads that a fork()ed child lacks: reading a PDF there
    # would wait forever. The child must refuse with a clear error.
    result = run_python(
        """
        import sys, multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor
        from ledger_app.provenance.c2pa_reader import read_c2pa
        pdf = open(sys.argv[1], "rb").read()
        print(read_c2pa(pdf, "application/pdf").state)
        with ProcessPoolExecutor(1, mp_context=mp.get_context("fork")) as pool:
            try:
                pool.submit(read_c2pa, pdf, "application/pdf").result(timeout=30)
            except Exception as exc:
                print(type(exc).__name__, exc)
        """,
        str(c2pa_fixtures / "pdf-file.pdf"),
    )
    assert result.returncode == 0, result.stderr
    assert "Valid" in result.stdout
    assert "ConfigError This process was forked from one in which c2pa had started native" in result.stdout


def test_fork_before_c2pa_starts_threads_is_fine(c2pa_fixtures: Path, demo_ca) -> None:
    # Importing, JPEG reads, signing and trust-anchor checks start no native threads.
    result = run_python(
        """
        import sys, multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor
        from ledger_app.provenance.c2pa_reader import read_c2pa, validate_trust_anchor_pem
        jpeg, pdf = (open(p, "rb").read() for p in sys.argv[1:3])
        validate_trust_anchor_pem(sys.argv[3])
        print(read_c2pa(jpeg, "image/jpeg", sys.argv[3]).state)
        with ProcessPoolExecutor(1, mp_context=mp.get_context("fork")) as pool:
            print(pool.submit(read_c2pa, pdf, "application/pdf").result(timeout=30).state)
        """,
        str(c2pa_fixtures / "C.jpg"),
        str(c2pa_fixtures / "pdf-file.pdf"),
        demo_ca.root_pem,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["Valid", "Valid"]


def test_a_library_planted_in_the_working_directory_is_not_loaded(
    tmp_path: Path, c2pa_fixtures: Path
) -> None:
    import _ctypes

    real_shared_object = getattr(_ctypes, "__file__", None)
    if not real_shared_object or not real_shared_object.endswith(".so"):
        pytest.skip("needs a loadable shared object to plant")
    shutil.copy(real_shared_object, tmp_path / "libc2pa_c.so")

    plain = run_python("import c2pa", cwd=tmp_path)
    # The hazard: plain `import c2pa` dlopen()s the planted file (here it only lacks c2pa's symbols).
    assert plain.returncode != 0 and "missing required function symbols" in plain.stderr

    pinned = run_python(
        """
        import sys
        from ledger_app.provenance.c2pa_reader import read_c2pa
        print(read_c2pa(open(sys.argv[1], "rb").read(), "image/jpeg").state)
        """,
        str(c2pa_fixtures / "C.jpg"),
        cwd=tmp_path,
    )
    assert pinned.returncode == 0, pinned.stderr
    assert pinned.stdout.strip() == "Valid"


_STRACE_SCRIPT = """
import json, os, sys
from ledger_app.provenance.c2pa_reader import read_c2pa
items = json.loads(sys.argv[1])
anchors = sys.argv[2]
data = [(open(p, "rb").read(), m) for p, m in items]
def mark(name):
    try:
        os.stat("/ledger-strace-" + name)
    except OSError:
        pass
mark("START")
states = [str(read_c2pa(d, m, anchors).state) for d, m in data]
mark("END")
print(json.dumps(states))
"""


@pytest.mark.skipif(shutil.which("strace") is None, reason="needs strace")
def test_reading_opens_no_file_and_no_socket(
    tmp_path: Path, c2pa_fixtures: Path, media_type_of, demo_ca
) -> None:
    items = [[str(p), media_type_of(p)] for p in sorted(c2pa_fixtures.iterdir()) if p.suffix != ".json"]
    log = tmp_path / "strace.log"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        ["strace", "-f", "-qq", "-e", "trace=%file,%network,%process", "-o", str(log), sys.executable, "-c",
         _STRACE_SCRIPT, json.dumps(items), demo_ca.root_pem],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    if result.returncode != 0 and "ptrace" in result.stderr.lower():
        pytest.skip(f"strace cannot trace here: {result.stderr.strip()[:200]}")
    assert result.returncode == 0, result.stderr
    states = json.loads(result.stdout)
    assert "remote" in states and "Valid" in states and len(states) == len(items)

    lines = log.read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if "/ledger-strace-START" in line)
    end = next(i for i, line in enumerate(lines) if "/ledger-strace-END" in line)
    offending = []
    for line in lines[start + 1 : end]:
        if re.search(r"\b(socket|connect|sendto|sendmsg|bind|execve)\(", line):
            offending.append(line)
            continue
        if "clone" in line and "CLONE_THREAD" not in line:
            offending.append(line)  # a new process
            continue
        for path in re.findall(r'"((?:/|\.)[^"]*)"', line):
            if not path.startswith(("/proc/", "/sys/", "/selinux")):
                offending.append(line)
    assert offending == []


def test_remote_fixture_in_a_fresh_process_is_quick(c2pa_fixtures: Path) -> None:
    result = run_python(
        """
        import sys, time
        from ledger_app.provenance.c2pa_reader import read_c2pa
        data = open(sys.argv[1], "rb").read()
        t = time.perf_counter()
        s = read_c2pa(data, "image/jpeg")
        print(s.state, round(time.perf_counter() - t, 3))
        """,
        str(c2pa_fixtures / "cloud.jpg"),
    )
    assert result.returncode == 0, result.stderr
    state, seconds = result.stdout.split()
    assert state == C2paState.REMOTE and float(seconds) < 1.0

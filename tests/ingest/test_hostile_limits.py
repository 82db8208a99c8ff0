"""What one item or shard may cost, enforced before decoding: the Parquet dictionary bomb, a record bomb
in a tiny gzip, and the settings that raise the limits. Each ends in a refusal that is a sentence."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from ledger_app.corpus import Limits, open_corpus
from tests.ingest.hostile_kit import Ledger, env


@pytest.fixture()
def led(tmp_path: Path, capsys) -> Ledger:
    led = Ledger(tmp_path / "ws")
    assert led.run("init", "--origin", "example.com/hostile", capsys=capsys).rc == 0
    return led


def items(led: Ledger, capsys) -> list[dict]:
    run = led.run("items", "list", "--json", capsys=capsys)
    assert run.rc == 0, run.err
    return json.loads(run.out)


def test_the_parquet_dictionary_bomb_is_refused_unread_in_bounded_memory(led, data_dir, tmp_path, capsys):
    root = tmp_path / "bomb"
    root.mkdir()
    shutil.copy(data_dir / "fixtures" / "hostile" / "parquet-dictionary-bomb.parquet", root / "b.parquet")
    assert (root / "b.parquet").stat().st_size < 8_000
    assert led.run("corpus", "add", "bomb", str(root), capsys=capsys).rc == 0

    # The ingest in a child process that reports its own peak resident memory (VmHWM belongs to the
    # process's own address space; ru_maxrss would also count what the forking pytest process held).
    hwm = tmp_path / "hwm"
    code = ("import sys\nfrom ledger_app.cli.main import main\nrc = main(sys.argv[2:])\n"
            "peak = [ln for ln in open('/proc/self/status') if ln.startswith('VmHWM:')][0]\n"
            "open(sys.argv[1], 'w').write(peak.split()[1])\nsys.exit(rc)\n")
    child = subprocess.run([sys.executable, "-c", code, str(hwm), *led.argv("ingest", "bomb", "--workers", "1",
                                                                            "--json")],
                           env=env(), capture_output=True, text=True, timeout=300)
    out, err = child.stdout, child.stderr
    assert child.returncode == 0, err
    assert "Traceback" not in err and "internal error" not in err
    peak_mb = int(hwm.read_text()) / 1024
    assert peak_mb < 500, f"the ingest peaked at {peak_mb:.0f} MB"
    assert json.loads(out)["items_new"] == 4

    got = {r["id"].split("#", 1)[1]: r for r in items(led, capsys)}
    assert sorted(got) == ["id=100", "id=101", "id=102", "row-group=0"]  # nothing lost, nothing twice
    bomb = got["row-group=0"]
    assert bomb["status"] == "refused"
    assert "decompression bomb" in bomb["status_reason"] and "it was not read" in bomb["status_reason"]
    assert all(got[k]["status"] == "admitted" for k in ("id=100", "id=101", "id=102"))
    assert led.run("log", "verify", capsys=capsys).rc == 0


def test_a_small_dictionary_repeated_on_many_rows_is_read_in_bounded_batches_and_stopped(tmp_path):
    # Under the per-column guard (2 MB declared), but 600 rows of it would decode to 1.2 GB.
    root = tmp_path / "rep"
    root.mkdir()
    value = pa.array([b"\1" * 2_000_000])
    arr = pa.DictionaryArray.from_arrays(pa.array([0] * 600, pa.int32()), value)
    pq.write_table(pa.table({"image": arr}), root / "r.parquet", compression="zstd", store_schema=False)
    adapter = open_corpus(root, "parquet", limits=Limits(bomb_bytes=64 * 2**20))
    rows = adapter._batch_rows(pq.ParquetFile(root / "r.parquet").metadata.row_group(0))
    assert 1 <= rows and rows * 2_000_000 <= Limits().batch_bytes  # a batch's worst case fits the budget
    got = list(adapter.iter_items("r.parquet"))
    assert got[-1].member == "row-group=0" and "decompression bomb" in got[-1].error
    read = [i for i in got if not i.refused]
    assert len(read) < 70 and all(len(i.data) == 2_000_000 for i in read)  # stopped before the 600


def record_bomb(path: Path, lines: int) -> int:
    path.write_bytes(gzip.compress(b'{"text":"x"}\n' * lines, 9))
    return path.stat().st_size


def test_a_record_bomb_is_capped_with_the_setting_that_raises_it(led, tmp_path, capsys):
    root = tmp_path / "rec"
    root.mkdir()
    size = record_bomb(root / "r.jsonl.gz", 50_000)
    assert size < 2_000  # like the 1,330-byte file of 50,000 lines
    assert led.run("corpus", "add", "rec", str(root), capsys=capsys).rc == 0
    run = led.run("ingest", "rec", "--workers", "1", "--json", capsys=capsys)
    assert run.rc == 0, run.err
    allowed = Limits().records_allowed(size)
    assert allowed < 1_500
    listed = items(led, capsys)
    assert len(listed) == allowed + 1
    (cap,) = [r for r in listed if r["status"] == "refused"]
    assert cap["id"].endswith("#@shard")
    assert "ingest.max_records_per_kib" in cap["status_reason"] and "were not read" in cap["status_reason"]
    verify = led.run("log", "verify", "--json", capsys=capsys)
    assert json.loads(verify.out)["entries"] < 1_500 + 5  # not 50,000 permanent entries


def test_raising_the_record_limit_reads_the_rest_without_storing_anything_twice(led, tmp_path, capsys):
    root = tmp_path / "rec"
    root.mkdir()
    size = record_bomb(root / "r.jsonl.gz", 3_000)
    led.run("corpus", "add", "rec", str(root), capsys=capsys)
    assert led.run("ingest", "rec", "--workers", "1", capsys=capsys).rc == 0
    first = len(items(led, capsys))
    assert first == Limits().records_allowed(size) + 1 < 3_000
    assert led.run("settings", "set", "ingest.max_records_per_kib", "1000000", capsys=capsys).rc == 0
    assert led.run("ingest", "rec", "--workers", "1", capsys=capsys).rc == 0
    listed = items(led, capsys)
    keys = [r["id"] for r in listed]
    assert len(keys) == len(set(keys))
    assert {f"rec:r.jsonl.gz#line={n}" for n in range(1, 3_001)} <= set(keys)
    assert len(keys) == 3_000 + 1  # every line once, and the earlier refusal kept as history
    assert led.run("log", "verify", capsys=capsys).rc == 0


def test_limit_settings_are_declared_once_and_typed(led, capsys):
    shown = json.loads(led.run("settings", "show", "--json", capsys=capsys).out)
    assert shown["ingest.max_records_per_kib"] == 256 and shown["ingest.max_item_mb"] == 256
    bad = led.run("settings", "set", "ingest.max_records_per_shard", "lots", capsys=capsys)
    assert bad.rc == 1 and "takes a int" in bad.sentence()

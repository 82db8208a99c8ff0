"""`ledger takedown purge N --engine ray` (issue #20) against the local purge of the same request in an
identical workspace: the same shard bytes and digests, the same ledger entries (times aside), the
same certificate contents; an unreachable address is a one-line error within 10 s.

The Ray instance is the module's (two CPUs, a token of its own); the CLI, run in this process, uses it.
"""

from __future__ import annotations

import os
import socket
import sys
import time
from pathlib import Path

import pytest
import ray  # a dependency (pyproject): missing, these tests fail rather than skip
from legal_helpers import cli, write_jsonl_corpus
from td_builders import make_services

from ledger_app.core.errors import UserError
from ledger_app.services.certificates import certify

URLS = [f"https://news.example/a/{i}" for i in range(4)]


@pytest.fixture(scope="module")
def ray_session():
    if ray.is_initialized():
        ray.shutdown()
    if not any(k in os.environ for k in ("RAY_AUTH_MODE", "RAY_AUTH_TOKEN", "RAY_AUTH_TOKEN_PATH")):
        os.environ["RAY_AUTH_TOKEN"] = os.urandom(32).hex()
    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False,
             object_store_memory=128 * 1024 * 1024)
    yield
    ray.shutdown()


def _approved(root: Path):
    """A workspace whose request 1 has accepted matches in two of the corpus's three shards."""
    corpus = root / "news"
    write_jsonl_corpus(corpus, URLS, "news-000.jsonl")
    write_jsonl_corpus(corpus, [u.replace("/a/", "/b/") for u in URLS], "news-001.jsonl")
    write_jsonl_corpus(corpus, [u.replace("/a/", "/c/") for u in URLS], "news-002.jsonl")
    services = make_services(root / "ws")
    services.ledger.init("example.com/purge-ray")
    services.corpus.add_corpus("news", corpus, "jsonl")
    services.corpus.ingest("news")
    td = services.takedown
    rid = td.new_request(type="publisher", requester="Daily", requester_kind="news_publisher",
                         works=td.work_specs(urls=[URLS[1], "https://news.example/c/2"])).id
    td.locate(rid)
    td.review(rid, accept_all=True)
    td.approve(rid)
    services.legal.check_ownership(rid, "the publisher's archive page of the articles")
    return services, rid, corpus


def _after(services, start: int) -> list[tuple[str, dict]]:
    n = services.ledger.verify().entries
    return [(e.type, e.payload) for e in services.ledger.entries(start, n - start)]


def test_cli_purge_on_ray_gives_the_local_purge(ray_session, tmp_path, capsys, monkeypatch):
    local, rid, local_corpus = _approved(tmp_path / "local")
    on_ray, rid2, ray_corpus = _approved(tmp_path / "ray")
    assert rid == rid2
    start = local.ledger.verify().entries
    assert on_ray.ledger.verify().entries == start
    local.purge(rid)

    rc, out, err = cli(tmp_path / "ray" / "ws", "takedown", "purge", str(rid), "--engine", "ray",
                       capsys=capsys, monkeypatch=monkeypatch)
    assert rc == 0, err
    assert "purged 2 items from 2 shards" in out
    on_ray = make_services(tmp_path / "ray" / "ws")
    for name in ("news-000.jsonl", "news-001.jsonl", "news-002.jsonl"):
        assert (local_corpus / name).read_bytes() == (ray_corpus / name).read_bytes(), name
    a, b = _after(local, start), _after(on_ray, start)
    assert [t for t, _ in a] == [t for t, _ in b] and "takedown.purged" in [t for t, _ in a]
    assert a == b  # payloads too: items, shards with their digests, statuses (times are in `ts`)
    purged = dict(a)["takedown.purged"]
    assert {s["path"] for s in purged["shards"]} == {"news-000.jsonl", "news-002.jsonl"}
    assert not list(on_ray.ws.journal_dir.glob("purge-*"))  # the journal is gone once recorded
    c1 = certify(local, rid, tmp_path / "local.json")
    c2 = certify(on_ray, rid, tmp_path / "ray.json")
    assert c1.entry == c2.entry


def _closed_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def test_cli_purge_with_an_unreachable_address_is_one_line(tmp_path, capsys, monkeypatch):
    services, rid, corpus = _approved(tmp_path)
    before = (corpus / "news-000.jsonl").read_bytes()

    port = _closed_port()
    t0 = time.monotonic()
    rc, _out, err = cli(tmp_path / "ws", "takedown", "purge", str(rid), "--engine", "ray",
                        "--address", f"127.0.0.1:{port}", capsys=capsys, monkeypatch=monkeypatch)
    assert time.monotonic() - t0 < 10
    assert rc != 0
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and f"127.0.0.1:{port} cannot be reached" in lines[0], err
    rc, _out, err = cli(tmp_path / "ws", "takedown", "purge", str(rid), "--address", "127.0.0.1:6379",
                        capsys=capsys, monkeypatch=monkeypatch)
    assert rc != 0 and "--engine ray" in err
    assert (corpus / "news-000.jsonl").read_bytes() == before  # nothing was purged


def test_purge_on_ray_without_the_ray_package_says_what_is_missing(tmp_path, monkeypatch):
    services, rid, corpus = _approved(tmp_path)
    before = (corpus / "news-000.jsonl").read_bytes()
    monkeypatch.setitem(sys.modules, "ray", None)  # as in the desktop bundle, which leaves Ray out
    with pytest.raises(UserError, match="needs the `ray` package"):
        services.purge(rid, engine="ray")
    assert (corpus / "news-000.jsonl").read_bytes() == before
    assert services.takedown.request_record(rid).status == "approved"

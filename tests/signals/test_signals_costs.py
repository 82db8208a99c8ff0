"""What makes signals cheap per item must not change what is recorded: the evidence text written from
cached per-finding JSON, the Unix-seconds fast path of fetch times, and policy files parsed once per
distinct content (shared by the sites serving the same bytes) and per host on first use."""

from __future__ import annotations

import hashlib
import json
import random
from datetime import UTC, datetime

from ledger_app.provenance.policy_files import ParsedSite, parse_content, parsed_sites
from ledger_app.provenance.signals import (
    Finding,
    ItemSignals,
    PolicyFile,
    SignalContext,
    evaluate_item,
    iso_time,
)


def _reference_dumps(sig: ItemSignals) -> str | None:
    doc = sig.to_json()
    return None if doc is None else json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def test_evidence_text_is_the_canonical_json_of_to_json():
    rnd = random.Random(19)
    words = ["train-ai=n", "noai", "Disallow: /x/", "ö\"quote\"\\", "", "tdm-reservation: 1; tdm-policy: https://p/é"]
    for _ in range(400):
        findings = [Finding(rnd.choice(["content-usage", "tdmrep", "ai.txt", "cawg"]), rnd.choice(["header", "meta"]),
                            rnd.choice(["train-ai", "ai-use", "search"]), rnd.choice(["allowed", "reserved", "unknown"]),
                            rnd.choice(words), rnd.choice(words), rnd.choice([None, "2025-01-01T00:00:00Z"]),
                            rnd.choice([None, "ab" * 32]))
                    for _ in range(rnd.randrange(4))]
        sig = ItemSignals(findings, rnd.sample(words, rnd.randrange(3)), rnd.choice([None, "", "2026-01-01T00:00:00Z"]))
        text, uses = sig.evidence()
        assert text == _reference_dumps(sig)
        assert uses == (sig.uses() if text is not None else None)
        if text is not None:
            assert sig.canonical() == text == sig.canonical(sig.to_json())
            assert sig.digest() == hashlib.sha256(text.encode()).hexdigest()


def test_unix_seconds_fast_path_matches_datetime():
    def reference(t: float) -> str | None:
        dt = datetime.fromtimestamp(t / 1000 if t > 1e11 else t, UTC)
        return dt.strftime("%Y-%m-%dT%H:%M:%SZ") if 1990 <= dt.year <= 2200 else None

    rnd = random.Random(7)
    for t in [0, 631151999, 631152000, 7258118399, 7258118400, 99_999_999_999, 100_000_000_000, 100_000_000_001,
              *(rnd.randrange(0, 10**11) for _ in range(2000))]:
        assert iso_time(t) == reference(t), t
    assert iso_time(True) is None and iso_time(-5) is None


def _pf(host: str, name: str, text: str | bytes) -> PolicyFile:
    data = text.encode() if isinstance(text, str) else text
    return PolicyFile(host, name, data, hashlib.sha256(data).hexdigest(), "2025-01-01T00:00:00Z")


def test_sites_sharing_a_file_get_their_own_urls_and_the_same_rules():
    robots = "Content-Usage: train-ai=n\nUser-Agent: *\nContent-Usage: /ok/ train-ai=y\nContent-Usage: train-ai=n\n"
    tdm = '[{"location": "/", "tdm-reservation": 1}, {"tdm-reservation": 0}]'
    files = [_pf(h, "robots.txt", robots) for h in ("a.example", "b.example")]
    files += [_pf(h, "tdmrep.json", tdm) for h in ("a.example", "b.example")]
    files += [_pf("c.example", "robots.txt", b"\xff\xfe not utf-8"), _pf("c.example", "ai.txt", "Disallow: *.jpg\n")]
    ctx = SignalContext("GPTBot", tuple(files), "shared-test")
    sites = parsed_sites(ctx)
    for host in ("a.example", "b.example", "c.example"):
        shared = sites.get(host)
        alone = ParsedSite.parse(host, [f for f in files if f.host == host], parse_content)
        assert shared is not None and shared.problems == alone.problems
        assert any(f"https://{host}/" in p for p in shared.problems)
        for path in ("/", "/ok/x", "/a.jpg"):
            got = evaluate_item(ctx, url=f"https://{host}{path}", metadata={}, media_type="image/jpeg")
            assert all(host in f.where for f in got.findings if f.carrier != "cawg")
            assert [f.sha256 for f in got.findings if f.sha256] == [
                f.sha256 for f in got.findings if f.sha256 and f.sha256 in {x.sha256 for x in files if x.host == host}]
    assert sites.get("unknown.example") is None


def test_site_findings_shared_by_pages_are_equal_to_new_ones():
    robots = "User-Agent: GPTBot\nDisallow: /private/\nContent-Usage: train-ai=n\n"
    tdm = '[{"location": "/", "tdm-reservation": 1, "tdm-policy": "https://p.example/"}]'
    files = (_pf("s.example", "robots.txt", robots), _pf("s.example", "tdmrep.json", tdm),
             _pf("s.example", "ai.txt", "Disallow: *.jpg\n"))
    ctx = SignalContext("GPTBot", files, "memo-test")
    first = [evaluate_item(ctx, url=f"https://S.example:443/{p}", metadata={}, media_type="image/jpeg")
             for p in ("a.jpg", "private/b.jpg")]
    again = [evaluate_item(ctx, url=f"https://s.example/{p}", metadata={}, media_type="image/jpeg")
             for p in ("c.jpg", "private/d.jpg")]
    for a, b in zip(first, again, strict=True):
        assert a.findings == b.findings and a.findings  # the same statements, whichever page asked first
        assert a.evidence() == b.evidence() == (_reference_dumps(b), b.uses())
    assert any(f.signal == "robots" for f in again[1].findings)


def test_a_context_sent_to_workers_is_packed_once_and_unpacked_once_per_process():
    import pickle

    from ledger_app.provenance import policy_files

    files = tuple(_pf(f"s{k}.example", "robots.txt", f"User-Agent: *\nContent-Usage: train-ai=n\n# {k}\n")
                  for k in range(300))
    ctx = SignalContext("GPTBot", files, "pack-test")
    first, second = pickle.dumps(ctx), pickle.dumps(ctx)
    assert first == second and len(first) < len(pickle.dumps(files)) / 2  # packed once, compressed
    back = pickle.loads(first)
    assert back == ctx and back.files == files and back.crawler == "GPTBot" and back.snapshot_sha256 == "pack-test"
    assert pickle.loads(second) is back  # the same bytes again: the context already unpacked
    policy_files._UNPACKED.clear()
    again = pickle.loads(second)
    assert again is not back and again == ctx
    other = SignalContext("OtherBot", files, "pack-test")
    assert pickle.loads(pickle.dumps(other)).crawler == "OtherBot"  # another context is never taken for it
    assert pickle.loads(pickle.dumps(SignalContext())) == SignalContext()

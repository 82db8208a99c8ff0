"""The parsers against the specifications' own examples (draft-ietf-aipref-vocab/-attach, TDMRep)."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest

from ledger_app.core.language import script_language
from ledger_app.provenance.signals import (
    ALLOWED,
    RESERVED,
    PolicyFile,
    SignalContext,
    evaluate_item,
    headers_from,
    iso_time,
    parse_content_signal,
    parse_content_usage,
    parse_x_robots_tag,
)
from ledger_app.provenance.snapshot import load_snapshot


@pytest.mark.parametrize(("value", "prefs", "problem"), [
    ("train-ai=y, search=n", {"train-ai": ALLOWED, "search": RESERVED}, None),
    ("train-ai;allow=n, train-ai=y", {"train-ai": ALLOWED}, None),  # vocab §6.5.2: last value, params ignored
    ("train-ai=y, train-ai, search=n, search=\"n\"", {}, "neither y nor n"),  # vocab §6.5.1 example: all unknown
    ("Train-AI=n", {}, "not an RFC 9651 dictionary"),  # case-sensitive: a parse failure
    ("train-genai=n, ai-use=n", {"train-ai": RESERVED, "ai-use": RESERVED}, None),
    ("bots=n, unknown-thing=y", {}, None),  # unknown labels are ignored
    ("train-ai=n\u00e9", {}, "outside ASCII"),
])
def test_content_usage(value, prefs, problem):
    got, p = parse_content_usage(value)
    assert got == prefs
    assert (p is None) if problem is None else (problem in p)


def test_content_signal():
    assert parse_content_signal("search=yes, ai-train=no, ai-input=no") == (
        {"search": ALLOWED, "train-ai": RESERVED, "ai-use": RESERVED}, None)
    got, p = parse_content_signal("ai-train=maybe")
    assert got == {} and "neither yes nor no" in p


def test_x_robots_tag_scopes():
    assert parse_x_robots_tag("noai, noimageai", "GPTBot") == {"noai", "noimageai"}
    assert parse_x_robots_tag("otherbot: noai", "GPTBot") == set()
    assert parse_x_robots_tag("gptbot: noai", "GPTBot") == {"noai"}
    assert "noai" not in parse_x_robots_tag("unavailable_after: 2025-01-01, noindex", None)


def _ctx(robots: str, crawler: str | None = None, tdmrep: str | None = None) -> SignalContext:
    files = [PolicyFile("ex.com", "robots.txt", robots.encode(), hashlib.sha256(robots.encode()).hexdigest())]
    if tdmrep is not None:
        files.append(PolicyFile("ex.com", "tdmrep.json", tdmrep.encode(), hashlib.sha256(tdmrep.encode()).hexdigest()))
    return SignalContext(crawler, tuple(files), hashlib.sha256(robots.encode() + (tdmrep or "").encode()).hexdigest())


ATTACH_EXAMPLE = ("User-Agent: *\nAllow: /\nDisallow: /never/\nContent-Usage: train-ai=n\n"
                  "Content-Usage: /ai-ok/ train-ai=y\n\nUser-Agent: ExampleBot\nAllow: /\nContent-Usage: train-ai=y\n")


@pytest.mark.parametrize(("path", "crawler", "state"), [
    ("/test", None, RESERVED),  # the table in draft-ietf-aipref-attach §4.5
    ("/ai-ok/test", None, ALLOWED),
    ("/never/test", None, "unknown"),  # not crawlable for a crawler: no preference implied
    ("/test", "ExampleBot", ALLOWED),
])
def test_robots_content_usage_follows_the_attach_example(path, crawler, state):
    sig = evaluate_item(_ctx(ATTACH_EXAMPLE, crawler), url=f"https://ex.com{path}", metadata={}, media_type="text/plain")
    assert sig.state("train-ai") == state


def test_robots_disallow_for_the_named_crawler_suppresses_usage_rules():
    sig = evaluate_item(_ctx(ATTACH_EXAMPLE, "SomeBot"), url="https://ex.com/never/x", metadata={},
                        media_type="text/plain")
    assert [(f.signal, f.state) for f in sig.findings] == [("robots", RESERVED)]


def test_tdmrep_precedence_file_then_header_then_meta():
    rules = '[{"location": "/a/*", "tdm-reservation": 1}, {"location": "/", "tdm-reservation": 0}]'
    ctx = _ctx("User-Agent: *\nAllow: /\n", tdmrep=rules)
    state = lambda path, md: evaluate_item(ctx, url=f"https://ex.com{path}", metadata=md,  # noqa: E731
                                           media_type="text/plain").state("train-ai")
    assert state("/a/x", {}) == RESERVED
    assert state("/b/x", {}) == ALLOWED  # first matching rule: "/"
    assert state("/a/x", {"headers": {"tdm-reservation": "0"}}) == ALLOWED
    assert state("/b/x", {"headers": {"tdm-reservation": 1}, "html_meta": {"tdm-reservation": "0"}}) == ALLOWED
    assert state("/b/x", {"html_meta": {"tdm-reservation": "1"}}) == RESERVED
    assert state("/a/x", {"html_meta": {"tdm-policy": "https://x"}}) == RESERVED  # absence never resets


def test_headers_in_every_shape_and_garbage():
    assert headers_from({"headers": {"X-A": ["1", "2"]}})[0] == {"x-a": ["1", "2"]}
    assert headers_from({"response_headers": '[["X-A", "1"]]'})[0] == {"x-a": ["1"]}
    assert headers_from({"http_headers": "HTTP/1.1 200 OK\nX-A: 1\n"})[0] == {"x-a": ["1"]}
    assert headers_from({"headers": 42}) == ({}, "the item's headers field is not an object or a list of "
                                                  "name/value pairs; ignored")
    assert headers_from({"headers": "{broken"})[1].startswith("the item's headers field is neither JSON")


def test_times_and_languages():
    assert iso_time("2025-05-02T10:00:00+02:00") == "2025-05-02T08:00:00Z"
    assert iso_time(1_746_180_000_000) == iso_time(1_746_180_000)
    assert iso_time("20250502100000") == "2025-05-02T10:00:00Z"
    assert iso_time("yesterday") is None and iso_time(True) is None
    assert script_language("这是一个关于训练数据的句子。") == "zh"
    assert script_language("これは訓練データについての文です。") == "ja"
    assert script_language("The quick brown fox") == "und-Latn"
    assert script_language("1234 !!") is None


def test_zip_snapshot_with_a_top_folder_and_site_times(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("crawl-2025/ex.com/robots.txt", "User-Agent: *\nDisallow: /\n")
        z.writestr("crawl-2025/ex.com/tdmrep.json", "[]")
        z.writestr("crawl-2025/snapshot.json", '{"sites": {"ex.com": "2025-01-02T03:04:05Z"}}')
        z.writestr("crawl-2025/ex.com/../../evil/robots.txt", "x")
    path = tmp_path / "snap.zip"
    path.write_bytes(buf.getvalue())
    snap = load_snapshot(path)
    assert sorted((f.host, f.name, f.fetched_at) for f in snap.files) == [
        ("ex.com", "robots.txt", "2025-01-02T03:04:05Z"), ("ex.com", "tdmrep.json", "2025-01-02T03:04:05Z")]
    assert any("evil" in p for p in snap.problems)

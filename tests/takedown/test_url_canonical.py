"""URL canonicalisation: the same page written differently is one page at ingest and at every lookup."""

from __future__ import annotations

import json

import pytest
from legal_helpers import cli, write_jsonl_corpus

from ledger_app.core.urls import canonical_url, url_domain, url_key
from ledger_app.storage import engine as engines

WRITTEN = [
    "https://WWW.News.Example:443/a/0/?utm_source=feed&utm_medium=rss#comments",
    "http://news.example/a/1?fbclid=IwAR0xyz",
    "https://news.example/a/2?b=2&a=1&gclid=abc",
    "https://www.news.example:8443/a/3/",
]


@pytest.mark.parametrize("a,b", [
    ("https://www.example.com/p/", "http://example.com/p"),
    ("https://example.com/p?utm_source=x&utm_campaign=y", "example.com/p"),
    ("https://example.com/p?fbclid=1&gclid=2&msclkid=3", "https://example.com/p#section"),
    ("https://example.com/p?b=2&a=1", "https://example.com/p?a=1&b=2"),
    ("HTTPS://EXAMPLE.com:443", "example.com/"),
])
def test_the_same_page_has_one_key(a, b):
    assert url_key(a) == url_key(b)


@pytest.mark.parametrize("a,b", [
    ("https://example.com/p?id=1", "https://example.com/p?id=2"),  # a parameter that names the page
    ("https://example.com/P", "https://example.com/p"),  # paths are case-sensitive
    ("https://example.com:8443/p", "https://example.com/p"),  # a non-default port is another server
    ("https://www2.example.com/p", "https://example.com/p"),
])
def test_different_pages_keep_different_keys(a, b):
    assert url_key(a) != url_key(b)


def test_canonical_form_and_domain():
    assert canonical_url("https://WWW.Example.com/a/?utm_term=x&q=%7e#f") == "https://example.com/a?q=~"
    assert url_domain("https://www.example.com/x") == "example.com"


@pytest.fixture()
def news(services, tmp_path):
    write_jsonl_corpus(tmp_path / "news", urls=WRITTEN)
    services.corpus.add_corpus("news", tmp_path / "news", "jsonl")
    services.corpus.ingest("news")
    return services


def test_locate_claims_and_check_use_the_same_key(news, capsys, monkeypatch):
    td = news.takedown
    rid = td.new_request(type="publisher", requester="Daily", requester_kind="news_publisher",
                         works=td.work_specs(urls=["news.example/a/0", "https://news.example/a/2?a=1&b=2",
                                                   "https://news.example:8443/a/3?utm_content=z"])).id
    assert td.locate(rid).matches == 3
    # `ledger check` (the signed inclusion report) says "included", not "not found".
    report = news.ws.path.parent / "report.json"
    rc, out, _ = cli(news.ws.path, "check", "--url", "http://www.news.example/a/1/?utm_source=twitter", "-o", str(report),
                     "--json", capsys=capsys, monkeypatch=monkeypatch)
    assert rc == 0 and json.loads(out)["results"][0]["verdict"] == "included"
    signed = json.loads(report.read_text(encoding="utf-8"))
    assert "included" in json.dumps(signed) and "not_found" not in json.dumps(signed)
    from ledger_app.services.claims import add_claim

    res = add_claim(td, holder="Daily", holder_kind="news_publisher", basis="copyright", terms="no AI training",
                    works=td.work_specs(urls=["https://www.news.example/a/1?fbclid=1"]), action="flag")
    assert res.flagged == 1


def test_items_ingested_before_the_change_are_re_keyed_by_the_migration(news):
    """A workspace written with the old keys (www. and tracking parameters kept) finds the same items
    after the upgrade as a fresh one."""
    import importlib.util

    engine = news.ws.engine
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE item SET url_norm = 'www.news.example/a/0?utm_medium=rss&utm_source=feed' "
                             "WHERE url_norm = 'news.example/a/0'")
        assert conn.exec_driver_sql("SELECT count(*) FROM item WHERE url_norm LIKE 'www.%'").fetchone()[0] == 1
    spec = importlib.util.spec_from_file_location("m0004", engines.MIGRATIONS / "versions" / "m0004_legalcore_cases.py")
    m0004 = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m0004)
    with engine.begin() as conn:
        m0004.rekey_urls(conn)  # what the upgrade to 0004 runs
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM item WHERE url_norm LIKE 'www.%'").fetchone()[0] == 0
    td = news.takedown
    rid = td.new_request(type="publisher", requester="Daily", requester_kind="news_publisher",
                         works=td.work_specs(urls=["https://news.example/a/0"])).id
    assert td.locate(rid).matches == 1

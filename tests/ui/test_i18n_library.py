"""The last English inside the window's sentences (issue #17): the system's reason in the offline
verifier, a library's own text (Python's JSON parser, urllib's URL splitter, pyarrow) inside a
refusal, and the refusals of the report and document builders, the witness server and the ledger
store's proof ranges. Each keeps the CLI's English exactly (written out here) and is said in
Chinese in the window (scanned for English with test_i18n_screens.py's scanner)."""

from __future__ import annotations

import json
from pathlib import Path

from ledger_app.core.errors import ConfigError, NotFoundError, UserError
from ledger_app.ui.errors import error_text
from tests.ui.test_i18n_keys_json import plain_raises
from tests.ui.test_i18n_refusals import chinese, zh  # noqa: F401 (the fixture)

PACKAGE = Path(__file__).resolve().parents[2] / "ledger_app"


def _raised(call) -> BaseException:
    try:
        call()
    except Exception as exc:  # each refusal's own kind, checked where it matters
        return exc
    raise AssertionError("nothing was refused")


def test_the_offline_verifier_names_the_system_error(tmp_path, zh, capsys):  # noqa: F811
    """verify.py may import no more than core/messages.py: the system's reason is a message there."""
    from ledger_app import verify

    e = _raised(lambda: verify.load_json_file(tmp_path))  # a folder: the system's EISDIR
    assert str(e) == f"{tmp_path} cannot be read (Is a directory)"
    assert "EISDIR" in chinese(error_text(e)) and str(tmp_path) in error_text(e)
    missing = tmp_path / "none.json"
    e = _raised(lambda: verify.load_json_file(missing))
    assert str(e) == f"{missing} cannot be read (No such file or directory)"
    assert "ENOENT" in chinese(error_text(e))
    # The consistency inputs: Python's text of the error, as before, in the CLI.
    cert = tmp_path / "c.json"
    cert.write_text("{}")
    assert verify.main([str(cert), "--vkey", "x+1+AA", "--consistency", str(missing), "--proof", str(cert)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("verification failed: ")  # the certificate itself is refused first


def test_json_reasons_are_said_with_their_place(tmp_path, zh):  # noqa: F811
    from ledger_app.core import strictjson
    from ledger_app.core.messages import json_error_said
    from ledger_app.core.settings import Settings
    from ledger_app.ledger.entries import decode_entry

    cases = {
        b"\xef\xbb\xbf{}": "x.json is not valid JSON (Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 "
                          "(char 0))",
        b'{"a": }': "x.json is not valid JSON (Expecting value: line 1 column 7 (char 6))",
        b'["a" "b"]': "x.json is not valid JSON (Expecting ',' delimiter: line 1 column 6 (char 5))",
    }
    for data, english in cases.items():
        e = _raised(lambda d=data: strictjson.loads(d, "x.json"))
        assert str(e) == english
        text = chinese(error_text(e))
        assert "x.json" in text and "1" in text
    # A reason Python may give that the table does not know: a JSON syntax error, with its place.
    odd = json.JSONDecodeError("Some reason a later Python gives", "[1, 2]", 4)
    said = json_error_said(odd)
    assert str(said) == str(odd) == "Some reason a later Python gives: line 1 column 5 (char 4)"
    from ledger_app.ui.errors import said_message

    text = chinese(said_message(said).text())
    assert "JSON" in text and "5" in text and "Some reason" not in text
    path = tmp_path / "config.json"
    path.write_text("{bad")
    e = _raised(lambda: Settings(path))
    assert isinstance(e, ConfigError)
    assert str(e) == (f"the workspace settings file {path} cannot be read: Expecting property name enclosed in double "
                      "quotes: line 1 column 2 (char 1)")
    chinese(error_text(e))
    e = _raised(lambda: decode_entry(b"\xff{}", index=7))
    assert str(e) == ("entry 7: the leaf is not valid UTF-8 JSON ('utf-8' codec can't decode byte 0xff in position 0: "
                      "invalid start byte)")
    assert "0xff" in chinese(error_text(e))


def test_a_takedown_import_that_is_not_json_is_said_with_its_place(tmp_path, zh):  # noqa: F811
    from tests.takedown.td_builders import make_services

    s = make_services(tmp_path / "ws")
    s.ledger.init("example.com/zh-json-import")
    path = tmp_path / "requests.json"
    path.write_text('{"type": "dmca",}')
    e = _raised(lambda: s.takedown.import_requests(path))
    assert str(e) == ("requests.json: the import file is not valid JSON: Expecting property name enclosed in double "
                      "quotes: line 1 column 17 (char 16); nothing was imported")
    assert "17" in chinese(error_text(e))
    s.ws.dispose()


def test_url_splitting_problems_are_named(zh):  # noqa: F811
    from ledger_app.core.urls import normalize_url

    cases = [
        ("http://[::1/x", "'http://[::1/x' is not a valid URL (Invalid IPv6 URL)"),
        ("http://host:port/", "'http://host:port/' is not a valid URL (Port could not be cast to integer value as "
                              "'port')"),
        ("http://host:99999/", "'http://host:99999/' is not a valid URL (Port out of range 0-65535)"),
        ("http://a\uff0fb/", "'http://a\uff0fb/' is not a valid URL (netloc 'a\uff0fb' contains invalid characters "
                             "under NFKC normalization)"),
    ]
    for url, english in cases:
        e = _raised(lambda u=url: normalize_url(u))
        assert str(e) == english
        chinese(error_text(e))
    assert "'port'" in error_text(_raised(lambda: normalize_url("http://host:port/")))


def test_a_witness_url_urlsplit_refuses_is_a_refusal_not_a_crash(tmp_path, zh):  # noqa: F811
    from tests.takedown.td_builders import make_services

    s = make_services(tmp_path / "ws")
    s.ledger.init("example.com/zh-witness-url")
    e = _raised(lambda: s.witness.add("w1", "http://[::1/", "vkey"))  # was a ValueError from urlsplit
    assert isinstance(e, UserError)
    assert str(e) == "the witness URL 'http://[::1/' cannot be used: Invalid IPv6 URL"
    chinese(error_text(e))
    s.ws.dispose()


def test_a_file_that_is_not_parquet_is_said_at_file_level(tmp_path, zh):  # noqa: F811
    from ledger_app.ui.reason_text import reason_text
    from tests.takedown.td_builders import make_services

    s = make_services(tmp_path / "ws")
    s.ledger.init("example.com/zh-parquet")
    (tmp_path / "pq").mkdir()
    (tmp_path / "pq" / "a.parquet").write_bytes(b"not a parquet file, only some words of text " * 4)
    (tmp_path / "pq" / "b.parquet").write_bytes(b"PAR1")
    s.corpus.add_corpus("pq", tmp_path / "pq", fmt="parquet")
    s.corpus.ingest("pq", workers=1)
    english = {
        "a.parquet": "a.parquet is not a readable Parquet file (Parquet magic bytes not found in footer. Either the "
                     "file is corrupted or this is not a parquet file.).",
        "b.parquet": "b.parquet is not a readable Parquet file (Parquet file size is 4 bytes, smaller than the minimum "
                     "file footer (8 bytes)).",
    }
    items = {it.shard: it for it in s.corpus.items(corpus="pq")}
    for shard, sentence in english.items():
        it = s.corpus.item(items[shard].id, with_proof=False)
        assert it.status_reason == sentence  # the CLI's and the ledger's English, as before
        chinese(reason_text(it.reason_said, it.status_reason))
    s.ws.dispose()


def test_report_document_witness_and_proof_range_refusals_are_messages(tmp_path, zh):  # noqa: F811
    from ledger_app.certificates.document import _check_body
    from ledger_app.certificates.report import build_inclusion_report
    from ledger_app.ledger.documents import DOCUMENT_VERSION
    from ledger_app.ledger.witness_server import WitnessState, parse_listen, parse_logs
    from tests.takedown.td_builders import make_services

    def report(queries):
        return lambda: build_inclusion_report(queries=queries, issued_at="2026-12-07T00:00:00Z", origin="o",
                                              key_id="k")

    item = {"item_id": "c:1", "corpus": "c", "location": "x", "status": "admitted", "method": "exact",
            "score": "1.00", "entry_index": 3}
    q = {"kind": "url", "value": "https://a.example/"}
    cases: list[tuple[object, str]] = [
        (report([]), "an inclusion report answers at least one query"),
        (report([{"query": q, "verdict": "maybe"}]),
         "query 1 has the verdict 'maybe'; expected included, purged or not_found"),
        (report([{"query": q, "verdict": "included"}]), "query 1 is included without any matched item"),
        (report([{"query": q, "verdict": "not_found", "items": [item]}]), "query 1 is not_found yet lists matches"),
        (report([{"query": {"kind": "hash", "value": "xyz"}, "verdict": "not_found"}]),
         "query 1: a hash query is given by its lowercase hex SHA-256, never by its bytes"),
        (report([{"query": {**q, "secret": 1}, "verdict": "not_found"}]),
         "query 1 carries secret; a query is its kind, value and file name only"),
        (report([{"query": q, "verdict": "included", "items": [{**item, "status": "odd"}]}]),
         "item 1 of query 1 has the unknown status 'odd'"),
        (report([{"query": q, "verdict": "included", "near_copies": [{**item, "thumbnail": "x"}]}]),
         "near copy 1 of query 1 carries thumbnail, which an inclusion report never reveals"),
        (report([{"query": q, "verdict": "included", "items": [{**item, "region": {"item_covered": "x"}}]}]),
         "item 1 of query 1 has a region that is not {item_covered, work_covered} as whole per cents"),
        (report([{"query": q, "verdict": "included", "items": [{"item_id": "c:1"}]}]),
         "item 1 of query 1 lacks corpus, location, status, method, score, entry_index"),
        (report([{"query": "x", "verdict": "included"}]), "query 1 needs a query {kind: file|hash|url, value}"),
        (lambda: _check_body([]), "a document body is a JSON object"),
        (lambda: _check_body({"version": 99}), f"a document body needs \"version\": {DOCUMENT_VERSION}"),
        (lambda: _check_body({"version": DOCUMENT_VERSION, "signature": 1}),
         "a document body must not use the reserved keys ['signature']"),
        (lambda: parse_listen("nowhere"), "--listen 'nowhere' is not HOST:PORT (e.g. 127.0.0.1:8470)"),
        (lambda: parse_logs([]), "give at least one log to witness: --log ORIGIN VKEY"),
        (lambda: parse_logs([("a b", "k")]), "the log origin 'a b' is empty or contains spaces"),
    ]
    damaged = tmp_path / "witness-state.json"
    damaged.write_text("{}")
    cases.append((lambda: WitnessState(damaged), f"the witness state file {damaged} is damaged; restore it from a "
                                                 "backup (starting afresh would let every log roll back once)"))
    s = make_services(tmp_path / "ws")
    s.ledger.init("example.com/zh-ranges")
    store = s.ws.store
    n = store.size()
    cases += [
        (lambda: store.inclusion_proof(n + 5), f"entry {n + 5} is not in a tree of {n} entries"),
        (lambda: store.inclusion_proof(0, n + 9), f"the ledger has {n} entries; size {n + 9} is out of range"),
        (lambda: store.consistency_proof(0), f"no consistency proof from size 0 to size {n}"),
        (lambda: store.entry(n + 40), f"there is no ledger entry {n + 40}"),
    ]
    for call, english in cases:
        e = _raised(call)
        assert str(e) == english
        chinese(error_text(e))
    e = _raised(lambda: parse_logs([("o", "not a key")]))
    assert str(e).startswith("the key given for log 'o' is unusable: ")
    chinese(error_text(e))
    assert isinstance(_raised(lambda: store.entry(n + 40)), NotFoundError)
    s.ws.dispose()


def test_these_modules_raise_no_sentence_without_its_message_id():
    """A literal or f-string sentence raised straight into a UserError would reach the window in English."""
    names = {"UserError", "ConfigError", "NotFoundError", "SigningKeyError", "CorpusError", "VerificationError"}
    modules = [PACKAGE / "certificates" / "report.py", PACKAGE / "certificates" / "document.py",
               PACKAGE / "ledger" / "witness_server.py", PACKAGE / "ledger" / "witness_store.py",
               PACKAGE / "ledger" / "store.py", PACKAGE / "verify.py"]
    plain = [hit for path in modules for hit in plain_raises(path, names)]
    assert plain == []

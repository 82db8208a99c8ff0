"""Intake refuses bad data: incomplete notices are reported and not recorded (unless asked), drafts can
be amended, malformed import files are refused, and malformed hashes are refused with a reason."""

from __future__ import annotations

import json

import pytest
from legal_helpers import cli

from ledger_app.core.errors import UserError
from ledger_app.core.urls import parse_sha256


@pytest.fixture()
def ws(services, monkeypatch):
    monkeypatch.setenv("LEDGER_PASSPHRASE", "takedown-test-pass")
    return services


def _entries(services) -> int:
    return services.ws.store.latest_checkpoint().size


def test_incomplete_dmca_notice_exits_non_zero_and_records_nothing(ws, capsys):
    before = _entries(ws)
    rc, out, err = cli(ws.ws.path, "takedown", "new", "--type", "dmca", "--requester", "Studio", "--hash", "a" * 64,
                       "--work", "Harbour photo series", capsys=capsys)
    assert rc == 1 and out == ""
    assert "512(c)(3)(A)(i)" in err and "(iv)" in err and "(v)" in err and "(vi)" in err and "(ii)" not in err
    assert "Nothing was recorded" in err
    assert _entries(ws) == before and ws.takedown.list() == []
    rc, out, err = cli(ws.ws.path, "takedown", "new", "--type", "dmca", "--requester", "Studio", "--hash", "a" * 64,
                       "--record-anyway", capsys=capsys)
    assert rc == 0 and ws.takedown.list()[0].status == "rejected" and "recorded as rejected" in err


def test_a_draft_is_amended_until_complete(ws, capsys):
    before = _entries(ws)
    rc, out, _ = cli(ws.ws.path, "takedown", "new", "--type", "dmca", "--requester", "Studio", "--hash", "b" * 64,
                     "--work", "Harbour", "--draft", "--json", capsys=capsys)
    draft = json.loads(out)
    assert rc == 3 and draft["status"] == "draft" and len(draft["missing"]) == 4
    assert _entries(ws) == before  # a draft is not in the ledger
    rc, out, _ = cli(ws.ws.path, "takedown", "drafts", capsys=capsys)
    assert rc == 0 and "Studio" in out
    # The letter asking for what is missing, to the address on the draft (if any) — none yet here.
    rc, out, _ = cli(ws.ws.path, "takedown", "reply", str(draft["draft"]), "missing_elements", "--draft", "--json",
                     capsys=capsys)
    letter = json.loads(out)
    text = open(letter["eml"], encoding="utf-8").read()
    assert rc == 0 and "512(c)(3)(A)(i)" in text and "Dear Studio" in text and open(letter["pdf"], "rb").read(4) == b"%PDF"
    rc, out, _ = cli(ws.ws.path, "takedown", "amend", str(draft["draft"]), "--signature", "/s/ J. Counsel",
                     "--email", "legal@studio.example", "--json", capsys=capsys)
    assert rc == 3 and len(json.loads(out)["missing"]) == 2
    rc, out, _ = cli(ws.ws.path, "takedown", "amend", str(draft["draft"]), "--good-faith", "--accurate-under-penalty",
                     "--url", "https://photos.example/harbour.jpg", "--json", capsys=capsys)
    res = json.loads(out)
    assert rc == 0 and res["status"] == "validated"
    shown = ws.takedown.show(res["id"])
    assert {w["kind"] for w in shown.works} == {"hash", "url"}
    assert ws.cases.row(res["id"]).requester.email == "legal@studio.example"
    rc, _, err = cli(ws.ws.path, "takedown", "amend", str(draft["draft"]), "--good-faith", capsys=capsys)
    assert rc == 1 and f"already recorded as request {res['id']}" in err
    assert ws.takedown.drafts() == []


def test_import_refuses_malformed_files(ws, tmp_path, capsys):
    cases = {
        "no-type.csv": ("requester,url\nDaily,https://news.example/a\n", "no request type"),
        "semicolons.csv": ("type;requester;url\npublisher;Daily;https://news.example/a\n", "unknown column"),
        "typo.json": (json.dumps([{"type": "publisher", "urls": ["https://news.example/a"]}]), "unknown column 'urls'"),
        "broken.json": ('{"type": "publisher", ', "not valid JSON"),
        "dmca.csv": ("type,requester,hash\ndmca,Studio," + "c" * 64 + "\n", "512(c)(3)(A)(i)"),
        "badhash.csv": ("type,requester,hash\nother,X," + "c" * 63 + "\n", "63 hex digits"),
    }
    for name, (text, why) in cases.items():
        f = tmp_path / name
        f.write_text(text, encoding="utf-8")
        rc, _, err = cli(ws.ws.path, "takedown", "import", str(f), capsys=capsys)
        assert rc == 1 and why in err and "nothing was imported" in err and name in err, (name, err)
    assert ws.takedown.list() == []  # never a request of type "other"


def test_new_and_import_share_the_requester_kind_default(ws, tmp_path, capsys):
    cli(ws.ws.path, "takedown", "new", "--type", "optout", "--requester", "A", "--hash", "d" * 64, capsys=capsys)
    f = tmp_path / "one.csv"
    f.write_text("type,requester,hash\noptout,B," + "e" * 64 + "\n", encoding="utf-8")
    assert cli(ws.ws.path, "takedown", "import", str(f), capsys=capsys)[0] == 0
    assert {r.requester_kind for r in ws.takedown.list()} == {"individual"}


@pytest.mark.parametrize("bad,why", [
    ("a" * 63, "63 hex digits"),
    ("a" * 65, "65 hex digits"),
    ("g" * 64, "contains 'g'"),
    ("", "0 hex digits"),
])
def test_malformed_hashes_are_refused_with_a_reason(bad, why):
    with pytest.raises(UserError, match=why):
        parse_sha256(bad)


def test_the_inclusion_check_refuses_a_hash_given_as_a_url(ws, capsys):
    rc, _, err = cli(ws.ws.path, "check", "--url", "b" * 63, capsys=capsys)
    assert rc == 1 and "looks like a hash" in err
    rc, _, err = cli(ws.ws.path, "check", "--hash", "b" * 63, capsys=capsys)
    assert rc == 1 and "63 hex digits" in err
    assert parse_sha256("SHA256:" + "A" * 64) == "a" * 64

"""A GDPR erasure request partly refused on an Art. 17(3) ground, end to end: identity verified before
anything is erased, the retained items kept with their ground, the rest purged, the Art. 19 register of
recipients (a training run, a dataset release and its mirror) each notified once, a refusal letter in
English and Chinese, and a certificate that lists the runs and releases that contained the items."""

from __future__ import annotations

import email
import json
from email import policy

from legal_helpers import ARTICLES, cli, write_jsonl_corpus


def test_gdpr_partial_refusal_end_to_end(services, tmp_path, capsys, monkeypatch):
    ws = services.ws.path
    shard = write_jsonl_corpus(tmp_path / "news")
    services.corpus.add_corpus("news", tmp_path / "news", "jsonl")
    services.corpus.ingest("news")

    def run(*args: str) -> tuple[int, str, str]:
        return cli(ws, *args, capsys=capsys, monkeypatch=monkeypatch)

    assert run("run", "record", "news-model-v1", "--corpus", "news")[0] == 0
    assert run("release", "record", "news-2026-03", "--corpus", "news")[0] == 0
    assert run("release", "record", "mirror-eu", "--mirror-of", "news-2026-03", "--contact", "data@mirror.example")[0] == 0

    rc, out, _ = run("takedown", "new", "--type", "gdpr", "--requester", "Ana Pereira", "--email", "ana@example.org",
                     "--url", "https://news.example/a/0", "--url", "https://news.example/a/1", "--url",
                     "https://news.example/a/2", "--json")
    rid = str(json.loads(out)["id"])
    assert run("takedown", "locate", rid)[0] == 0
    items = sorted(m["item_id"] for m in services.takedown.show(int(rid)).matches)
    assert len(items) == 3

    # Reasonable doubt about who is asking: nothing is erased until the identity is verified.
    assert run("takedown", "identity", rid, "--result", "requested", "--note", "e-mail address differs from the byline")[0] == 0
    # Article 2 is reporting on a public figure: retained under Art. 17(3)(a).
    retained = items[2]
    rc, out, _ = run("takedown", "refuse", rid, "--ground", "a", "--item", retained, "--reason",
                     "the article reports on the requester's public office", "--json")
    ref = json.loads(out)
    assert rc == 0 and ref["partial"] is True and ref["ground"] == "Art. 17(3)(a)" and ref["retained"] == [retained]
    assert run("takedown", "review", rid, "--accept-all")[0] == 0
    decisions = {m["item_id"]: m["decision"] for m in services.takedown.show(int(rid)).matches}
    assert decisions == {items[0]: "accepted", items[1]: "accepted", retained: "rejected"}
    assert run("takedown", "approve", rid)[0] == 0
    rc, _, err = run("takedown", "purge", rid)
    assert rc == 1 and "not yet verified" in err
    rc, _, err = run("takedown", "identity", rid, "--result", "verified")
    assert rc == 1 and "--method" in err
    assert run("takedown", "identity", rid, "--result", "verified", "--method", "reply from the address on file")[0] == 0

    # The Art. 19 register: the run, the release and its mirror each received the items.
    rc, out, _ = run("takedown", "recipients", rid, "--json")
    rec = {r["key"]: r for r in json.loads(out)}
    assert set(rec) == {"training_run:1", "release:1", "mirror:2"}
    assert all(sorted(r["items"]) == items[:2] or sorted(r["items"]) == items for r in rec.values())
    assert rec["mirror:2"]["contact"] == "data@mirror.example" and rec["mirror:2"]["notified_at"] is None

    rc, out, _ = run("takedown", "purge", rid, "--json")
    assert rc == 0 and json.loads(out)["items"] == 2
    text = shard.read_text(encoding="utf-8")
    assert ARTICLES[0] not in text and ARTICLES[1] not in text and ARTICLES[2] in text  # the retained one stays
    assert services.ws.engine.connect().exec_driver_sql(
        "SELECT count(*) FROM case_event WHERE kind = 'retained'").fetchone()[0] == 0  # no copy kept of erased data

    rc, out, _ = run("takedown", "notify", rid, "--out", str(tmp_path / "notices"), "--json")
    sent = json.loads(out)
    assert rc == 0 and {s["recipient"] for s in sent} == set(rec)
    mirror = email.message_from_bytes(open(next(s["file"] for s in sent if s["recipient"] == "mirror:2"), "rb").read(),
                                      policy=policy.default)
    assert mirror["To"] == "data@mirror.example" and "Art. 19" in mirror["Subject"]
    assert "Ana" not in mirror.get_body().get_content()  # the notice names hashes, not the person
    rc, out, _ = run("takedown", "notify", rid)
    assert rc == 0 and "already notified" in out
    rc, out, _ = run("takedown", "recipients", rid, "--json")
    assert all(r["notified_at"] for r in json.loads(out))

    for lang, words in (("en", "Art. 17(3)(a)"), ("zh_CN", "第 17(3)(a) 条")):
        rc, out, _ = run("takedown", "reply", rid, "refusal", "--language", lang, "--out", str(tmp_path / "r"), "--json")
        letter = email.message_from_bytes(open(json.loads(out)["eml"], "rb").read(), policy=policy.default)
        body = letter.get_body().get_content()
        assert rc == 0 and words in body and "public office" in body and letter["To"] == "ana@example.org"

    cert = tmp_path / "cert.json"
    assert run("takedown", "certificate", rid, "-o", str(cert))[0] == 0
    doc = json.loads(cert.read_text(encoding="utf-8"))
    assert [r["model"] for r in doc["affected_runs"]] == ["news-model-v1"]
    assert {(r["name"], r["kind"]) for r in doc["affected_releases"]} == {("news-2026-03", "release"), ("mirror-eu", "mirror")}
    assert "news-2026-03" in doc["lineage_statement"]
    rc, out, _ = run("verify-certificate", str(cert), "--vkey", services.ledger.vkey())
    assert rc == 0, out

    rc, out, _ = run("takedown", "timeline", rid)
    for step in ("Identity of the requester: requested", "Partial refusal on the ground Art. 17(3)(a); 1 items retained",
                 "Identity of the requester: verified", "Purged 2 items", "Notice sent to recipient: mirror:2"):
        assert step in out, step


def test_full_refusal_rejects_and_a_late_extension_is_refused(services, capsys, monkeypatch, tmp_path):
    from datetime import date

    import pytest

    from ledger_app.core.errors import UserError

    write_jsonl_corpus(tmp_path / "news")
    services.corpus.add_corpus("news", tmp_path / "news", "jsonl")
    services.corpus.ingest("news")
    td, legal = services.takedown, services.legal
    rid = td.new_request(type="gdpr", requester="B", works=td.work_specs(urls=["https://news.example/a/3"]),
                         received="2026-01-10").id
    with pytest.raises(UserError, match="had to be announced before"):
        legal.announce_extension(rid, 2, "many files", today=date(2026, 2, 11))
    assert legal.announce_extension(rid, 2, "many files", today=date(2026, 2, 9)).due_by == "2026-04-10"
    td.locate(rid)
    with pytest.raises(UserError, match="Art. 17\\(3\\) ground"):
        legal.refuse(rid, "z", reason="no")
    res = legal.refuse(rid, "e", reason="the article is evidence in pending litigation")
    assert res.partial is False and td.show(rid).status == "rejected"
    assert "Art. 17(3)(e)" in td.show(rid).status_reason


def test_an_edited_release_row_gets_no_certificate(services, tmp_path):
    import pytest

    from ledger_app.core.errors import VerificationError
    from ledger_app.services.certificates import certify
    from ledger_app.services.lineage import record_release

    write_jsonl_corpus(tmp_path / "news")
    services.corpus.add_corpus("news", tmp_path / "news", "jsonl")
    services.corpus.ingest("news")
    record_release(services.corpus, "news-2026-03", "news")
    td = services.takedown
    rid = td.new_request(type="optout", requester="C", works=td.work_specs(urls=["https://news.example/a/1"])).id
    td.locate(rid)
    td.review(rid, accept_all=True)
    td.approve(rid)
    services.purge(rid)
    # An insider renames the release in the database so the certificate would name another one.
    with services.ws.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE dataset_release SET name = 'internal-only' WHERE name = 'news-2026-03'")
    with pytest.raises(VerificationError, match="does not match its ledger entry"):
        certify(services, rid, tmp_path / "c.json")
    assert not (tmp_path / "c.json").exists()

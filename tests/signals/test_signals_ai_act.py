"""The AI Act training-content summary: its figures against ones computed here from the corpus files,
the signed document verified offline (and the attacks on it), the renderings, the CLI."""

from __future__ import annotations

import json
import math
import os
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from signal_corpus import CRAWLER, EXPECTED, FETCHED, RESERVING, build, photo

from ledger_app.certificates.ai_act_render import render_html, render_markdown, render_summary_pdf
from ledger_app.core.errors import UserError, VerificationError
from ledger_app.provenance.testsign import make_demo_ca, sign_jpeg
from ledger_app.services import Services
from ledger_app.services.ai_act import top_domain_count
from ledger_app.services.claims import add_license
from ledger_app.services.lineage import record_run
from ledger_app.services.workspace import Workspace
from ledger_app.verify import verify_document

PASS = "ai-act-test-pass"
CHANNELS = {"chan-harbour": 3, "chan-cooking": 2}


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    root = tmp_path_factory.mktemp("aiact")
    ca = make_demo_ca("AI Act Test Signer")
    crawl, snap = build(root, ca)
    stock = root / "stock"
    stock.mkdir()
    for k in range(3):
        (stock / f"s{k}.jpg").write_bytes(photo(500 + k))
    synth = root / "synth"
    synth.mkdir()
    (synth / "gen.jpg").write_bytes(sign_jpeg(photo(600), ca, title="gen", digital_source_type="trainedAlgorithmicMedia"))
    (synth / "plain.jpg").write_bytes(photo(601))
    talks = root / "transcripts"
    talks.mkdir()
    lines, texts = [], {}
    for ch, n in CHANNELS.items():
        for v in range(n):
            text = f"Transcript {v} of {ch}: today we talk about harbours, boats and the tide number {v}."
            vid = f"{ch}-v{v}"
            texts[vid] = text
            lines.append(json.dumps({"id": vid, "text": text, "url": f"https://video.example/watch?v={vid}",
                                     "channel": ch, "language": "en", "fetched_at": "2025-04-01T00:00:00Z"}))
    (talks / "t-00000.jsonl").write_text("\n".join(lines) + "\n")
    svc = Services(Workspace(root / "ws"), passphrase=lambda c: PASS)
    svc.ledger.init("example.com/ai-act-test")
    svc.corpus.add_trust_anchor(ca.root_pem)
    add_license(svc.takedown, name="stock-2025", licensor="Stock Ltd", permitted_uses="AI training")
    svc.corpus.add_corpus("crawl", crawl, crawler=CRAWLER, source_kind="crawled", policy_snapshot=snap)
    svc.corpus.add_corpus("stock", stock, license="stock-2025", source_kind="licensed")
    svc.corpus.add_corpus("synth", synth, source_kind="synthetic")
    svc.corpus.add_corpus("talks", talks, source_kind="user")
    for name in ("crawl", "stock", "synth", "talks"):
        svc.corpus.ingest(name, workers=1)
    # A channel owner's takedown finds every transcript of the channel.
    td = svc.takedown
    req = td.new_request(type="optout", requester="Harbour Channel", requester_kind="individual",
                         works=td.work_specs(accounts=["chan-harbour"]))
    td.locate(req.id)
    td.review(req.id, accept_all=True)
    td.approve(req.id)
    svc.purge(req.id)
    return svc, root, crawl, stock, synth, texts, req.id


def independent(crawl: Path, stock: Path, synth: Path, texts: dict[str, str]) -> dict:
    """The summary's figures, from the files and the test's own expectations (not from the ledger)."""
    items, mods, domains, langs = 0, Counter(), Counter(), Counter()
    mod_bytes = Counter()
    for name, (status, _, _) in EXPECTED.items():
        if status != "admitted":
            continue
        size = (crawl / name).stat().st_size
        url = json.loads((crawl / f"{name}.json").read_text())["url"]
        mod = "image" if name.endswith(".jpg") else "text"
        items += 1
        mods[mod] += 1
        mod_bytes[mod] += size
        domains[urlsplit(url).hostname] += size
        if mod == "text":
            langs["und-Latn"] += 1
    for folder in (stock, synth):
        for f in folder.iterdir():
            items += 1
            mods["image"] += 1
            mod_bytes["image"] += f.stat().st_size
    for vid, text in texts.items():
        if vid.startswith("chan-harbour"):
            continue  # purged
        items += 1
        mods["text"] += 1
        mod_bytes["text"] += len(text.encode())
        domains["video.example"] += len(text.encode())
        langs["en"] += 1
    per_signal = Counter(s for sigs in RESERVING.values() for s in sigs)
    return {"items": items, "mods": mods, "mod_bytes": mod_bytes, "domains": domains, "langs": langs,
            "per_signal": per_signal, "quarantined": sum(1 for s, _, _ in EXPECTED.values() if s == "quarantined")}


def test_figures_equal_the_ones_computed_from_the_corpus(world):
    svc, _, crawl, stock, synth, texts, rid = world
    want = independent(crawl, stock, synth, texts)
    s = svc.corpus.ai_act_summary(issue=False)
    g = s.sections["1_general"]
    assert g["training_items"] == want["items"]
    assert {m: v["items"] for m, v in g["modalities"].items()} == dict(want["mods"])
    assert {m: v["bytes"] for m, v in g["modalities"].items()} == dict(want["mod_bytes"])
    assert g["modalities"]["text"]["tokens_estimated"] == want["mod_bytes"]["text"] // 4
    assert g["modalities"]["image"]["size_band"] == "less than 1 million images"
    assert g["languages"] == dict(want["langs"])
    assert g["latest_acquisition"] == FETCHED[:10]
    cr = s.sections["2_sources"]["2_3_crawled"]
    ranked = sorted(want["domains"].items(), key=lambda kv: (-kv[1], kv[0]))
    k = math.ceil(0.10 * len(ranked))
    assert cr["domains_total"] == len(ranked)
    assert [(d["domain"], d["bytes"]) for d in cr["top_domains"]] == ranked[:k]
    assert cr["crawlers"] == [CRAWLER]
    assert cr["corpora"][0]["period_from"] == FETCHED and cr["corpora"][0]["period_to"] == FETCHED
    lic = s.sections["2_sources"]["2_2_licensed"]
    assert lic["licences"] == {"stock-2025": 3} and lic["corpora"][0]["corpus"] == "stock"
    assert s.sections["2_sources"]["2_5_synthetic"]["ai_generated_items_c2pa"] == 1
    assert [c["corpus"] for c in s.sections["2_sources"]["2_4_user_data"]] == ["talks"]
    o = s.sections["3_processing"]["3_1_opt_outs"]
    assert o["excluded_per_signal"] == dict(want["per_signal"])
    assert o["excluded_items"]["quarantined"] == want["quarantined"]
    assert o["excluded_items"]["purged"] == CHANNELS["chan-harbour"]
    assert o["excluded_train_ai_reserved"] == len(RESERVING)
    rm = s.sections["3_processing"]["3_2_removals"]
    assert rm["takedowns"] == [{"request": rid, "type": "optout", "items_removed": CHANNELS["chan-harbour"]}]
    ids = {a.id for a in s.attestations}
    assert {"code_of_practice", "user_data_services", "synthetic_models", "crawler_behaviour"} <= ids
    assert all(a.answer is None and a.status == "to be attested by a person" for a in s.attestations)


def test_sme_variant_and_top_share_rule():
    assert [top_domain_count(n, sme=False) for n in (0, 1, 10, 11, 25_000)] == [0, 1, 1, 2, 2500]
    assert [top_domain_count(n, sme=True) for n in (1, 20, 21, 100_000)] == [1, 1, 2, 1000]


def test_run_scope_counts_what_the_model_saw(world):
    svc, *_ = world
    record_run(svc.corpus, "m1", "stock")
    s = svc.corpus.ai_act_summary(run="m1", issue=False)
    assert s.scope["kind"] == "training-run" and s.scope["corpora"] == ["stock"]
    assert s.sections["1_general"]["training_items"] == 3
    with pytest.raises(UserError, match="no training run"):
        svc.corpus.ai_act_summary(run="nope", issue=False)


def test_signed_summary_verifies_offline_and_tampering_is_caught(world, tmp_path):
    svc, *_ = world
    doc = svc.corpus.ai_act_summary(answers={"code_of_practice": "Yes, signed on 2025-08-01."}).document
    vkey = svc.ledger.vkey()
    v = verify_document(json.loads(json.dumps(doc)), vkey)
    assert v.kind == "ai-act-summary" and "AI Act training-content summary" in v.sentence()
    att = {a["id"]: a for a in doc["attestations"]}["code_of_practice"]
    assert att["answer"].startswith("Yes") and "not proven by the ledger" in att["status"]
    forged = json.loads(json.dumps(doc))
    forged["sections"]["3_processing"]["3_1_opt_outs"]["excluded_items"]["quarantined"] += 1
    with pytest.raises(VerificationError, match="signature does not match"):
        verify_document(forged, vkey)
    relabel = json.loads(json.dumps(doc))
    relabel["kind"] = "inclusion-report"
    with pytest.raises(VerificationError):
        verify_document(relabel, vkey)
    # The offline verifier script accepts it too.
    path = tmp_path / "summary.json"
    path.write_text(json.dumps(doc))
    from ledger_app.verify import main as verify_main

    assert verify_main([str(path), "--vkey", vkey]) == 0


def test_renderings_in_both_languages(world, tmp_path):
    svc, *_ = world
    doc = svc.corpus.ai_act_summary().document
    md = render_markdown(doc)
    assert "## 2. List of data sources" in md and "### 2.3 Data crawled and scraped from online sources" in md
    assert "| crawl | GPTBot |" in md
    assert "(not yet attested)" in md
    html = render_html(doc, "zh_CN")
    assert "训练内容公开摘要" in html and "<table>" in html
    for lang in ("en", "zh_CN"):
        p = render_summary_pdf(doc, tmp_path / f"s-{lang}.pdf", language=lang)
        assert p.read_bytes().startswith(b"%PDF") and p.stat().st_size > 3000
    with pytest.raises(UserError, match="not an AI Act"):
        render_markdown({"kind": "inclusion-report"})
    with pytest.raises(UserError, match="unknown attestation ids"):
        svc.corpus.ai_act_summary(answers={"made_up": "x"}, issue=False)


def test_cli_report_ai_act(world, tmp_path, capsys):
    svc, *_ = world
    from ledger_app.cli.main import main

    os.environ["LEDGER_PASSPHRASE"] = PASS
    try:
        rc = main(["report", "ai-act", "--workspace", str(svc.ws.path), "--corpus", "crawl", "--sme",
                   "-o", str(tmp_path / "s.json"), "--markdown", str(tmp_path / "s.md"), "--pdf", str(tmp_path / "s.pdf"),
                   "--language", "zh_CN", "--json"])
    finally:
        del os.environ["LEDGER_PASSPHRASE"]
    assert rc == 0
    out = json.loads(capsys.readouterr().out)
    doc = json.loads((tmp_path / "s.json").read_text())
    assert doc["variant"] == "sme" and doc["scope"]["corpora"] == ["crawl"] and out["id"] == doc["id"]
    assert "训练内容公开摘要" in (tmp_path / "s.md").read_text()


@pytest.mark.parametrize(("column", "value", "what"), [
    ("status", "admitted", "status"),
    ("signals_json", None, "opt-out evidence"),
    ("train_ai", "allowed", "train-ai state"),
    ("sha256", "0" * 64, "content hash"),
])
def test_an_altered_item_row_stops_the_summary(world, column, value, what):
    """The insider: flips a quarantined crawl item to admitted, drops or edits its evidence; nothing is signed."""
    svc, *_ = world
    victim = "crawl:cu_page.html"
    with svc.ws.engine.connect() as conn:
        before = conn.exec_driver_sql(f"SELECT {column} FROM item WHERE id = ?", (victim,)).scalar()
    size = svc.ws.store.latest_checkpoint().size
    with svc.ws.engine.begin() as conn:
        conn.exec_driver_sql(f"UPDATE item SET {column} = ? WHERE id = ?", (value, victim))
    try:
        with pytest.raises(VerificationError, match=f"item {victim} does not match its ledger entry .*{what}"):
            svc.corpus.ai_act_summary()
        assert svc.ws.store.latest_checkpoint().size == size  # nothing was recorded
    finally:
        with svc.ws.engine.begin() as conn:
            conn.exec_driver_sql(f"UPDATE item SET {column} = ? WHERE id = ?", (before, victim))

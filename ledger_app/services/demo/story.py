"""`ledger demo [DIR]`: build a realistic workspace and run the whole story end to end.

A photo host's WebDataset shards (some photos signed with C2PA by a demo CA made on the spot, one
AI-generated, one with training notAllowed, and re-uploads of one user's photos by others), a stock
library folder under an expiring licence, and a JSONL news shard. Then: ingest; a user's GDPR request
by account and files (near copies found); a news publisher's demand by article text (an excerpt
found); the stock licence expires; purges; certificates issued and verified offline; an inclusion
check. Then a web crawl with mixed opt-out signals and a snapshot of its sites' policy files, video
transcripts keyed by video URL and channel (a channel owner's request finds every transcript of the
channel), and at the end the EU AI Act training-content summary, signed and verified offline
(demo/web.py). Needs nothing outside the installed package.
"""

from __future__ import annotations

import json
import os
import tarfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ledger_app.core.errors import UserError

if TYPE_CHECKING:
    from ledger_app.provenance.testsign import DemoCA
    from ledger_app.services.takedown_records import KeptDraft, RecordedRequest

Log = Callable[[str], None]
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class DemoCorpora:
    """What the story needs to know of the corpora `build_corpora` wrote: the demo CA, the files the
    requests and the inclusion check name, the special items by role, and each corpus's folder."""

    ca: DemoCA
    lena_files: tuple[Path, ...]
    article: Path
    special: dict[str, str]  # "ai_generated" | "not_allowed" -> item id
    stock_copy: Path
    never: Path
    photohost: Path
    stock: Path
    news: Path


@dataclass(frozen=True)
class DemoBuilt:
    """The demo workspace built and its story run (`ledger demo --json`)."""

    workspace: str
    out: str
    vkey: str
    requests: tuple[int, ...]
    certificates: tuple[str, ...]
    summary: str
    channel_request: int
    channel_matches: int

    def to_json(self) -> dict[str, Any]:
        return {"workspace": self.workspace, "out": self.out, "vkey": self.vkey, "requests": list(self.requests),
                "certificates": list(self.certificates), "summary": self.summary,
                "channel_request": self.channel_request, "channel_matches": self.channel_matches}

DEMO_PASSPHRASE = "demo passphrase"
USERS = ["lena", "omar", "mei", "jonas", "priya", "tomas", "aiko", "sam"]
STEPS = 17


def _photo(args: tuple[int, int, int]) -> bytes:
    from ledger_app.services.demo.scenes import jpeg_bytes, scene

    seed, w, h = args
    return jpeg_bytes(scene(seed, (w, h)))


def _tar_add(tf: tarfile.TarFile, name: str, data: bytes) -> None:
    import io

    ti = tarfile.TarInfo(name)
    ti.size = len(data)
    ti.mtime = 1_767_225_600
    tf.addfile(ti, io.BytesIO(data))


def _recorded(req: RecordedRequest | KeptDraft) -> RecordedRequest:
    """`new_request` keeps a draft only when asked to (draft=True); the story never asks."""
    from ledger_app.services.takedown_records import RecordedRequest

    assert isinstance(req, RecordedRequest)
    return req


def build_corpora(root: Path, *, photos: int = 240, log: Log = print) -> DemoCorpora:
    """Write the demo corpora under root; returns what the story needs to know about them."""
    from PIL import Image

    from ledger_app.provenance.testsign import make_demo_ca, sign_jpeg
    from ledger_app.services.demo.scenes import (
        EXCERPT_REPOST,
        OTHER_ARTICLES,
        PUBLISHER_ARTICLE,
        altered_copies,
        jpeg_bytes,
    )

    root.mkdir(parents=True, exist_ok=True)
    size = (480, 360)
    seeds = list(range(1000, 1000 + photos + 30))
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        images = list(pool.map(_photo, [(s, *size) for s in seeds], chunksize=8))
    ca = make_demo_ca("Provenance Ledger Demo CA")
    (root / "demo-ca.pem").write_text(ca.root_pem)
    host = root / "photohost"
    host.mkdir(exist_ok=True)
    lena_originals: list[tuple[int, bytes]] = []
    per_shard = (photos + 2) // 3
    k = 0
    special: dict[str, str] = {}
    for s in range(3):
        with tarfile.open(host / f"photos-{s:05d}.tar", "w", format=tarfile.USTAR_FORMAT) as tf:
            for _ in range(per_shard):
                if k >= photos:
                    break
                key = f"{k:06d}"
                user = USERS[k % len(USERS)]
                data = images[k]
                title = f"Photo {k} by {user}"
                if k == 5:
                    data = sign_jpeg(data, ca, title=title, digital_source_type="trainedAlgorithmicMedia")
                    special["ai_generated"] = f"photohost:photos-{s:05d}.tar#{key}"
                elif k == 6:
                    data = sign_jpeg(data, ca, title=title,
                                     training_mining={"c2pa.ai_generative_training": "notAllowed",
                                                      "c2pa.ai_training": "notAllowed"})
                    special["not_allowed"] = f"photohost:photos-{s:05d}.tar#{key}"
                elif k % 9 == 0:
                    data = sign_jpeg(data, ca, title=title)
                meta = {"url": f"https://photohost.example/{user}/{k}", "account": user, "title": title,
                        "license": "CC BY 4.0" if k % 4 else "all rights reserved"}
                _tar_add(tf, f"{key}.jpg", data)
                _tar_add(tf, f"{key}.json", json.dumps(meta).encode())
                _tar_add(tf, f"{key}.txt", f"a city at dusk, photo {k}".encode())
                if user == "lena" and len(lena_originals) < 3:
                    lena_originals.append((k, images[k]))
                k += 1
            if s == 2:
                # Re-uploads of lena's photos by other accounts, altered as re-uploaders do.
                for j, (orig_k, data) in enumerate(lena_originals):
                    im = Image.open(__import__("io").BytesIO(data))
                    for v, (how, alt) in enumerate(list(altered_copies(im).items())[j * 2 : j * 2 + 2]):
                        key = f"r{orig_k:05d}{v}"
                        _tar_add(tf, f"{key}.jpg", jpeg_bytes(alt, 72))
                        _tar_add(tf, f"{key}.json", json.dumps(
                            {"url": f"https://photohost.example/collector/{key}", "account": "collector",
                             "title": f"repost ({how})"}).encode())
    lena_dir = root / "request-files"
    lena_dir.mkdir(exist_ok=True)
    lena_files = []
    for orig_k, data in lena_originals:
        p = lena_dir / f"lena-{orig_k}.jpg"
        p.write_bytes(data)
        lena_files.append(p)
    stock = root / "stock-library"
    stock.mkdir(exist_ok=True)
    for j in range(24):
        (stock / f"stock-{j:03d}.jpg").write_bytes(images[photos + j])
    # The stock agency keeps its own copy of one of its photos, for the inclusion check.
    (lena_dir / "stock-agency-photo.jpg").write_bytes(images[photos])
    never = lena_dir / "never-ingested.jpg"
    never.write_bytes(images[photos + 29])
    news = root / "news"
    news.mkdir(exist_ok=True)
    articles = [{"id": "n1", "text": PUBLISHER_ARTICLE, "url": "https://harbour-herald.example/dredging"},
                {"id": "n2", "text": EXCERPT_REPOST, "url": "https://digest.example/morning"}]
    articles += [{"id": f"n{j + 3}", "text": t, "url": f"https://city-news.example/{j}"} for j, t in enumerate(OTHER_ARTICLES)]
    with open(news / "news-00000.jsonl", "w", encoding="utf-8") as f:
        for a in articles:
            f.write(json.dumps(a, ensure_ascii=False) + "\n")
    article = root / "request-files" / "harbour-herald-dredging.txt"
    article.write_text(PUBLISHER_ARTICLE, encoding="utf-8")
    (root / "README.txt").write_text(
        "Provenance Ledger demo. Workspace: ./workspace (passphrase: 'demo passphrase').\n"
        "Corpora: photohost (WebDataset), stock-library (folder), news (JSONL), webcrawl (JSONL with opt-out\n"
        "signals; policy-snapshot/ holds its sites' policy files), transcripts (JSONL keyed by video URL and channel).\n"
        "Certificates and reports: ./out. Verify one offline:\n"
        "  python -m ledger_app.verify out/certificate-1.json --vkey \"$(cat out/vkey.txt)\"\n"
    )
    return DemoCorpora(ca, tuple(lena_files), article, special, lena_dir / "stock-agency-photo.jpg", never, host, stock,
                       news)


def run_story(directory: Path, *, log: Log = print, progress: Progress | None = None,
              cancelled: Callable[[], bool] | None = None, photos: int = 240) -> DemoBuilt:
    from ledger_app.ledger.docverify import verify_document
    from ledger_app.services import Services
    from ledger_app.services.certificates import certify, inclusion_report
    from ledger_app.services.claims import add_license, expire_license
    from ledger_app.services.lineage import record_run
    from ledger_app.services.workspace import Workspace

    directory = Path(directory).expanduser().resolve()
    ws_dir = directory / "workspace"
    if ws_dir.exists() and any(ws_dir.iterdir()):
        raise UserError(f"{ws_dir} already holds a workspace; give `ledger demo` an empty or new folder")
    passphrase = os.environ.get("LEDGER_PASSPHRASE") or DEMO_PASSPHRASE
    t0 = time.perf_counter()
    step = 0

    def say(msg: str) -> None:
        nonlocal step
        step += 1
        log(f"[{step:2d}/{STEPS}] {msg}")
        if progress:
            progress(step, STEPS)
        if cancelled and cancelled():
            raise UserError("the demo was cancelled; the folder holds what was built so far")

    say(f"Painting {photos} photos, a stock library and a news shard under {directory} …")
    c = build_corpora(directory / "corpora", photos=photos, log=log)
    out = directory / "out"
    out.mkdir(parents=True, exist_ok=True)

    svc = Services(Workspace(ws_dir), passphrase=lambda confirm: passphrase)
    init = svc.ledger.init("demo.provenance-ledger.example/ledger")
    svc.ws.settings.set("user.name", "Demo Legal Team")
    (out / "vkey.txt").write_text(init.vkey + "\n")
    say(f"Created the workspace; verifier key {init.vkey}")

    svc.corpus.add_trust_anchor((directory / "corpora" / "demo-ca.pem").read_text())
    add_license(svc.takedown, name="stock-2025", licensor="Harbour Stock Images Ltd", permitted_uses="AI training",
                territory="worldwide", expires="2026-06-30", terms="training use until expiry")
    svc.corpus.add_corpus("photohost", c.photohost, source_kind="public")
    svc.corpus.add_corpus("stock-library", c.stock, license="stock-2025", source_kind="licensed")
    svc.corpus.add_corpus("news", c.news, source_kind="crawled")
    say("Registered three corpora (WebDataset, folder under a stock licence, JSONL news) and the demo CA as a trust anchor")

    from ledger_app.services.demo.web import CRAWLER, build_web

    web = build_web(directory / "corpora")
    reg = svc.corpus.add_corpus("webcrawl", web.webcrawl, crawler=CRAWLER, source_kind="crawled",
                                policy_snapshot=web.snapshot)
    svc.corpus.add_corpus("transcripts", web.transcripts, source_kind="user")
    snap = reg.policy_snapshot
    assert snap is not None  # given one above
    say(f"Registered a web crawl by {CRAWLER} with a snapshot of {snap.files} policy files from {snap.sites} sites "
        f"(ledger entry {snap.entry}), and video transcripts keyed by video URL and channel")
    for problem in snap.problems:
        log(f"      reported, not fatal: {problem}")

    for name in ("photohost", "stock-library", "news", "webcrawl", "transcripts"):
        rep = svc.corpus.ingest(name)
        log(f"      {name}: {rep.items_new} items in {rep.seconds:.1f} s — "
            + ", ".join(f"{v} {k}" for k, v in sorted(rep.by_status.items())))
    stats = svc.corpus.stats()
    say(f"Ingested {stats.total} items; C2PA: {stats.c2pa}; AI-generated: {stats.ai_generated}")
    for key in ("ai_generated", "not_allowed"):
        it = svc.corpus.item(c.special[key], with_proof=False)
        log(f"      {it.id}: {it.status}" + (f" — {it.status_reason}" if it.status_reason else "")
            + (" (AI-generated)" if it.c2pa["ai_generated"] else ""))

    for row in svc.corpus.items(corpus="webcrawl", status="quarantined"):
        log(f"      {row.source_url}: {row.status_reason}")

    run = record_run(svc.corpus, "city-diffusion-v1", "photohost")
    for name in ("stock-library", "news", "webcrawl", "transcripts"):
        record_run(svc.corpus, "city-diffusion-v1", name)
    say(f"Recorded training run city-diffusion-v1 on the five corpora at checkpoint size {run.checkpoint_size}")

    td = svc.takedown
    gdpr = _recorded(td.new_request(type="gdpr", requester="Lena Example", requester_kind="individual",
                          email="lena@example.net", works=td.work_specs(accounts=["lena"], files=list(c.lena_files))))
    loc = td.locate(gdpr.id)
    show = td.show(gdpr.id)
    by_method: dict[str, int] = {}
    for m in show.matches:
        by_method[m["method"]] = by_method.get(m["method"], 0) + 1
    say(f"GDPR request {gdpr.id} from a photo-host user (account + 3 files): {loc.matches} matches {by_method}, "
        f"due {gdpr.due_by}")
    reposts = [m for m in show.matches if "#r" in m["item_id"]]
    log(f"      near copies re-uploaded by another account found: {len(reposts)}")

    pub = _recorded(td.new_request(type="publisher", requester="Harbour Herald", requester_kind="news_publisher",
                         email="rights@harbour-herald.example", works=td.work_specs(text_files=[c.article])))
    td.locate(pub.id)
    pm = td.show(pub.id).matches
    say(f"News publisher demand {pub.id} by article text: {len(pm)} matches "
        + ", ".join(f"{m['item_id']} ({m['method']} {m['score']})" for m in pm))

    exp = expire_license(td, "stock-2025")
    assert exp.request is not None  # the stock corpus was acquired under it
    say(f"Licence stock-2025 expired: request {exp.request} covers {exp.items} stock items")

    chan = _recorded(td.new_request(type="optout", requester="Harbour TV", requester_kind="individual",
                          email="owner@harbour-tv.example", works=td.work_specs(accounts=["harbour-tv"])))
    td.locate(chan.id)
    cm = td.show(chan.id).matches
    say(f"A channel owner's opt-out {chan.id} by channel: {len(cm)} transcripts found "
        f"({', '.join(sorted(m['item_id'].rsplit('=', 1)[-1] for m in cm))})")

    svc.legal.check_ownership(pub.id, "the Herald's publication record of the article (byline, date, archive URL)")
    say(f"Ownership of request {pub.id}'s article checked against the Herald's publication record")
    requests = (gdpr.id, pub.id, exp.request, chan.id)
    for rid in requests:
        td.review(rid, accept_all=True)
        td.approve(rid)
        res = svc.purge(rid)
        log(f"      request {rid}: purged {res.items} items from {len(res.shards)} shards")
    say(f"Reviewed, approved and purged all {len(requests)} requests (journaled, every other shard byte kept)")

    certs = []
    for rid in requests:
        r = certify(svc, rid, out / f"certificate-{rid}.json", pdf=out / f"certificate-{rid}.pdf",
                    language="zh_CN" if rid == pub.id else "en", organisation="Demo Legal Team")
        certs.append(r)
    say("Issued removal certificates (JSON + PDF): " + ", ".join(Path(r.file).name for r in certs))

    vkey = init.vkey
    for r in certs:
        doc = json.loads(Path(r.file).read_text())
        verify_document(doc, vkey)
    say("Verified every certificate offline with only the public key")

    report = inclusion_report(svc, files=[c.stock_copy, c.never], urls=["https://photohost.example/omar/1"],
                              out=out / "inclusion-report.json")
    verdicts = [f"{q.query.name or q.query.value}: {q.verdict}" for q in report.results]
    say("Inclusion check for a rights holder: " + "; ".join(verdicts))

    from ledger_app.certificates.ai_act_render import render_html, render_markdown, render_summary_pdf

    summary = svc.corpus.ai_act_summary(run="city-diffusion-v1").document
    (out / "ai-act-summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    (out / "ai-act-summary.md").write_text(render_markdown(summary), encoding="utf-8")
    (out / "ai-act-summary.html").write_text(render_html(summary), encoding="utf-8")
    render_summary_pdf(summary, out / "ai-act-summary.pdf", organisation="Demo Legal Team")
    render_summary_pdf(summary, out / "ai-act-summary-zh_CN.pdf", language="zh_CN", organisation="Demo Legal Team")
    verify_document(json.loads((out / "ai-act-summary.json").read_text()), vkey)
    sec = summary["sections"]
    per_signal = sec["3_processing"]["3_1_opt_outs"]["excluded_per_signal"]
    say(f"AI Act training-content summary for city-diffusion-v1 (ledger entry {summary['entry']['index']}, verified "
        f"offline): {sec['1_general']['training_items']} training items, "
        f"{len(sec['2_sources']['2_3_crawled']['top_domains'])} top domains, excluded per signal {per_signal}, "
        f"{len(summary['attestations'])} statements left for a person to attest; out/ai-act-summary.(json|md|html|pdf)")

    v = svc.ledger.verify()
    say(f"Ledger verified: {v.entries} entries, {v.checkpoints} checkpoints, root {v.root_hash.hex()[:16]}…")
    log(f"Done in {time.perf_counter() - t0:.0f} s. Open it in the app: LEDGER_WORKSPACE={ws_dir} ledger-app")
    return DemoBuilt(str(ws_dir), str(out), vkey, tuple(requests), tuple(r.file for r in certs),
                     str(out / "ai-act-summary.json"), chan.id, len(cm))

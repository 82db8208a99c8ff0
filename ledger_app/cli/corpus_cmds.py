"""`ledger corpus …`, `ledger ingest`, `ledger items …`, `ledger trust add`: corpora and their items."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def register(sub, common) -> None:
    c = sub.add_parser("corpus", parents=[common], help="training corpora")
    csub = c.add_subparsers(dest="corpus_command", metavar="CORPUS_COMMAND")
    csub.required = True
    p = csub.add_parser("add", parents=[common], help="register a corpus")
    p.add_argument("name", help="a short name for the corpus")
    p.add_argument("path", type=Path, help="its folder (see docs/corpus-metadata.md for what each format holds)")
    p.add_argument("--format", default="auto", choices=["auto", "folder", "webdataset", "jsonl", "parquet"],
                   help="the storage format (default: detected from the files)")
    p.add_argument("--license", help="the licence or acquisition its content came under")
    p.add_argument("--batch", help="acquisition batch label")
    p.add_argument("--crawler", help="the AI crawler's user agent the corpus was fetched with (robots.txt rules for it apply)")
    p.add_argument("--kind", dest="source_kind", choices=["public", "licensed", "crawled", "user", "synthetic"],
                   help="where the content came from, for the AI Act training-content summary")
    p.add_argument("--policy-snapshot", type=Path, metavar="PATH",
                   help="a folder or archive of the sites' robots.txt, .well-known/tdmrep.json and ai.txt")
    p.set_defaults(handler=cmd_add)
    p = csub.add_parser("signals", parents=[common],
                        help="give a corpus a snapshot of its sites' policy files (robots.txt, tdmrep.json, ai.txt)")
    p.add_argument("name", help="the corpus")
    p.add_argument("path", type=Path, help="a folder or .tar/.tar.gz/.zip laid out HOST/robots.txt, "
                   "HOST/.well-known/tdmrep.json, HOST/ai.txt (optional snapshot.json with fetch times)")
    p.set_defaults(handler=cmd_signals)
    csub.add_parser("list", parents=[common], help="list corpora").set_defaults(handler=cmd_list)
    p = csub.add_parser("manifest", parents=[common], help="the admitted items, for a training pipeline (JSON lines)")
    p.add_argument("name", help="the corpus")
    p.set_defaults(handler=cmd_manifest)

    p = sub.add_parser("ingest", parents=[common], help="ingest a corpus (resumable, parallel)")
    p.add_argument("name", help="the corpus (see `ledger corpus list`)")
    p.add_argument("--workers", type=int, help="worker processes (default: one per core)")
    p.add_argument("--store", action="store_true",
                   help="keep the items in the fingerprint store (Parquet, one file per shard; setting store.location) "
                        "with one ledger entry per shard")
    p.add_argument("--engine", choices=["local", "ray"], default="local",
                   help="where items are read: this machine's process pool (default) or Ray tasks")
    p.add_argument("--address", metavar="HOST:PORT",
                   help="with --engine ray: the Ray cluster's GCS address (default: a local Ray instance)")
    p.set_defaults(handler=cmd_ingest)

    i = sub.add_parser("items", parents=[common], help="inspect items")
    isub = i.add_subparsers(dest="items_command", metavar="ITEMS_COMMAND")
    isub.required = True
    p = isub.add_parser("list", parents=[common], help="items, filtered")
    p.add_argument("--corpus", help="only items of this corpus")
    p.add_argument("--status", choices=["admitted", "quarantined", "refused", "purged"], help="only items with this status")
    p.add_argument("--media-type", help="only items of this media type, e.g. image/jpeg")
    p.add_argument("--c2pa", dest="c2pa_state", choices=["none", "Valid", "Trusted", "Invalid", "unreadable", "remote"],
                   help="only items in this Content Credentials state")
    p.add_argument("--license", help="only items under this licence (name)")
    p.add_argument("--search", help="text to find in the item ID, location or source URL")
    p.add_argument("--limit", type=int, help="at most this many items")
    p.add_argument("--offset", type=int, default=0, help="skip this many items first")
    p.set_defaults(handler=cmd_items_list)
    p = isub.add_parser("show", parents=[common], help="one item with its C2PA summary")
    p.add_argument("id", help="the item ID, e.g. photos:shard-000.tar#0001")
    p.set_defaults(handler=cmd_items_show)

    t = sub.add_parser("trust", parents=[common], help="C2PA trust anchors")
    tsub = t.add_subparsers(dest="trust_command", metavar="TRUST_COMMAND")
    tsub.required = True
    p = tsub.add_parser("add", parents=[common], help="add a trust anchor (PEM file)")
    p.add_argument("pem", type=Path, help="the trust anchor certificate (PEM)")
    p.set_defaults(handler=cmd_trust_add)


def cmd_add(ctx) -> int:
    a = ctx.args
    res = ctx.corpus.add_corpus(a.name, a.path, a.format, license=a.license, batch=a.batch, crawler=a.crawler,
                                source_kind=a.source_kind, policy_snapshot=a.policy_snapshot)

    def text(r) -> str:
        out = f"registered corpus {r.name} ({r.format}, {r.shards} shards) as entry {r.entry}"
        if r.policy_snapshot:
            out += "\n" + _snapshot_text(r.policy_snapshot)
        return out

    ctx.out(res, text)
    return 0


def _snapshot_text(r) -> str:
    lines = [f"policy snapshot {r.snapshot_sha256[:16]}…: {r.files} files of {r.sites} sites, "
             f"recorded as entry {r.entry}"]
    lines += [f"  problem: {p}" for p in r.problems]
    return "\n".join(lines)


def cmd_signals(ctx) -> int:
    res = ctx.corpus.add_policy_snapshot(ctx.args.name, ctx.args.path)
    ctx.out(res, _snapshot_text)
    return 0


def cmd_list(ctx) -> int:
    rows = ctx.corpus.list_corpora()
    ctx.out(rows, lambda rs: "\n".join(f"{r.name:<20} {r.format:<10} {r.items:>8} items  {r.path}" for r in rs)
            or "no corpora")
    return 0


def cmd_manifest(ctx) -> int:
    rows = ctx.corpus.manifest(ctx.args.name)
    if ctx.json:
        ctx.out(list(rows))
    else:
        for r in rows:
            print(json.dumps(r.to_json(), ensure_ascii=False))
    return 0


def cmd_ingest(ctx) -> int:
    start = time.perf_counter()

    drawn = []

    def on_batch(rep) -> None:
        if ctx.json or not sys.stderr.isatty():  # a progress line is for a person at a terminal
            return
        drawn.append(True)
        elapsed = time.perf_counter() - start
        counts = ", ".join(f"{k} {v}" for k, v in sorted(rep.by_status.items()))
        print(
            f"\rshards {rep.shards_skipped + rep.shards_done}/{rep.shards_total}  items {rep.items_new}"
            f" ({counts})  {rep.items_new / elapsed if elapsed else 0:.0f} items/s",
            end="",
            file=sys.stderr,
            flush=True,
        )

    try:
        rep = ctx.corpus.ingest(ctx.args.name, workers=ctx.args.workers, on_batch=on_batch, store=ctx.args.store,
                                engine=ctx.args.engine, address=ctx.args.address)
    finally:
        if drawn:  # end the progress line, so that what follows (a result or an error) starts afresh
            print(file=sys.stderr)
    ctx.out(
        rep.to_json(),
        lambda r: f"ingested {r['items_new']} new items ({r['items_existing']} already there, "
        f"{r['shards_skipped']} shards unchanged) in {r['seconds']:.1f} s: "
        + ", ".join(f"{k} {v}" for k, v in sorted(r["by_status"].items())),
    )
    return 0


def cmd_items_list(ctx) -> int:
    a = ctx.args
    rows = ctx.corpus.items(corpus=a.corpus, status=a.status, media_type=a.media_type, c2pa_state=a.c2pa_state,
                            license=a.license, search=a.search, limit=a.limit, offset=a.offset)
    ctx.out(rows, lambda rs: "\n".join(
        f"{r.status:<12} {r.c2pa['state']:<10} {r.media_type:<22} {r.id}"
        + (f"  ({r.status_reason})" if r.status_reason else "") for r in rs) or "no items")
    return 0


def cmd_items_show(ctx) -> int:
    ctx.out(ctx.corpus.item(ctx.args.id))
    return 0


def cmd_trust_add(ctx) -> int:
    try:
        pem = ctx.args.pem.read_text()
    except (OSError, UnicodeDecodeError) as e:
        from ledger_app.core.errors import UserError

        raise UserError(f"cannot read {ctx.args.pem}: {e}") from None
    res = ctx.corpus.add_trust_anchor(pem)
    ctx.out(res, lambda r: ("added" if r.added else "already present") + f" trust anchor {'; '.join(r.subjects)}")
    return 0

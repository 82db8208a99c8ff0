"""Migration 0009 upgrades the works of an older workspace: the identification that intake wrote as
JSON into `work.description` moves into the typed columns, on SQLite and on PostgreSQL, and the
takedown code reads it from there."""

from __future__ import annotations

import json
import time

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from teamkit import db_url

from ledger_app.storage import engine as engines
from ledger_app.storage.repos import takedowns as repo
from ledger_app.takedown import locate as loc

BEFORE = "trust2_0008"
SHA_IMG = "a" * 64
SHA_TXT = "b" * 64

# The columns of `work` and `takedown_request` as revision 0008 has them.
_request = sa.table("takedown_request", *(sa.column(c) for c in (
    "id", "type", "status", "requester_kind", "received", "due_by", "created_at", "updated_at")))
_work = sa.table("work", *(sa.column(c) for c in (
    "id", "request_id", "kind", "value", "description", "fingerprint", "text")))

# What the intake of revision 0008 stored, work by work (description exactly as it wrote it).
OLD_WORKS = [
    ("file", SHA_IMG, json.dumps({"sha256": SHA_IMG, "media_type": "image/jpeg", "fp_kind": "image",
                                  "description": "q0122.jpg"}, ensure_ascii=False), b"\x01fp"),
    ("text", SHA_TXT, json.dumps({"sha256": SHA_TXT, "fp_kind": "text", "chars": 812, "description": None}), b"\x02fp"),
    ("file", "c" * 64, json.dumps({"sha256": "c" * 64, "media_type": "application/pdf", "description": "Brief – 2.pdf"},
                                  ensure_ascii=False), None),
    ("url", "news.example/a/1", "https://www.news.example/a/1?utm_source=x", None),
    ("account", "d" * 64, json.dumps({"committed": True, "description": None}), None),
    ("hash", "e" * 64, None, None),
    ("domain", "news.example", "{not json, kept as written", None),
]


def _old_workspace(url: str) -> int:
    engine = engines.make_engine(url)
    try:
        engines.upgrade(engine, BEFORE)
        assert engines.current_revision(engine) == BEFORE
        with engine.begin() as conn:
            now = time.time()
            rid = conn.execute(sa.insert(_request).values(
                type="dmca", status="validated", requester_kind="individual", received="2026-11-02",
                due_by="2026-11-16", created_at=now, updated_at=now).returning(_request.c.id)).scalar_one()
            for kind, value, description, fp in OLD_WORKS:
                conn.execute(sa.insert(_work).values(request_id=rid, kind=kind, value=value, description=description,
                                                     fingerprint=fp, text="t" * 812 if kind == "text" else None))
        return int(rid)
    finally:
        engine.dispose()


def _upgraded_works(url: str) -> None:
    rid = _old_workspace(url)
    engine = engines.make_engine(url)
    try:
        engines.upgrade(engine)
        assert engines.current_revision(engine) == engines.head_revision()
        with engine.connect() as conn:
            rows = repo.works(conn, request_id=rid)
        got = [(r.kind, r.value, r.description, r.sha256, r.media_type, r.fp_kind, r.url) for r in rows]
        assert got == [
            ("file", SHA_IMG, "q0122.jpg", SHA_IMG, "image/jpeg", "image", None),
            ("text", SHA_TXT, None, SHA_TXT, None, "text", None),
            ("file", "c" * 64, "Brief – 2.pdf", "c" * 64, "application/pdf", None, None),
            ("url", "news.example/a/1", None, None, None, None, "https://www.news.example/a/1?utm_source=x"),
            ("account", "d" * 64, None, None, None, None, None),
            ("hash", "e" * 64, None, None, None, None, None),
            ("domain", "news.example", "{not json, kept as written", None, None, None, None),
        ]
        # The takedown code's view of the works is the typed one.
        works = [loc.StoredWork.from_row(r) for r in rows]
        assert [w.fp_kind for w in works] == ["image", "text", None, None, None, None, None]
        assert works[0].fingerprint == b"\x01fp" and works[1].text == "t" * 812

        # Down and up again: the downgrade writes the JSON back, and the upgrade reads it again.
        with engine.begin() as conn:
            cfg = Config()
            cfg.set_main_option("script_location", str(engines.MIGRATIONS))
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, BEFORE)
        with engine.connect() as conn:
            back = conn.execute(sa.select(_work.c.description).where(_work.c.request_id == rid)
                                .order_by(_work.c.id)).scalars().all()
        assert json.loads(back[0]) == json.loads(OLD_WORKS[0][2])
        assert back[3] == OLD_WORKS[3][2] and back[5] is None and back[6] == OLD_WORKS[6][2]
        engines.upgrade(engine)
        with engine.connect() as conn:
            again = [(r.kind, r.value, r.description, r.sha256, r.media_type, r.fp_kind, r.url)
                     for r in repo.works(conn, request_id=rid)]
        assert again == got
    finally:
        engine.dispose()


def test_sqlite_works_upgraded_to_typed_columns(tmp_path):
    _upgraded_works(engines.sqlite_url(tmp_path / "ledger.db"))


@pytest.mark.postgres
def test_postgresql_works_upgraded_to_typed_columns(fresh_db):
    _upgraded_works(db_url(fresh_db()))

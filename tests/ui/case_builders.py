"""A workspace with takedown requests in every state the review screen handles, built once per
session through the services (no window) and copied for each test: a photo corpus ingested, a
DMCA notice with six perceptual matches located, a GDPR erasure by URL located, and a request
already closed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ledger_app.takedown.requests import DmcaElements
from tests.takedown.td_builders import make_services, write_photo_shard
from tests.ui.story_builders import photo_paths

PASS = "ui test passphrase"  # the same as conftest.PASS, which the session fixture answers with


def build_case_workspace(path: Path, data_dir: Path) -> dict:
    corpus_dir = path.parent / "photos"
    write_photo_shard(corpus_dir, photo_paths(data_dir))
    s = make_services(path)
    s.ledger._passphrase = lambda confirm: PASS
    s.ledger.init("example.com/ui-cases")
    s.corpus.add_corpus("photos", corpus_dir)
    s.corpus.ingest("photos", workers=1)
    td = s.takedown
    dmca = td.new_request(type="dmca", requester="Photo Agency Ltd", requester_kind="rights_org",
                          email="legal@agency.example",
                          works=td.work_specs(files=[photo_paths(data_dir)[0]]),
                          dmca=DmcaElements(signature="/J. Doe/", work="Street photograph q0122", material=True,
                                            contact="legal@agency.example", good_faith=True,
                                            accurate_under_penalty=True)).id
    td.locate(dmca)
    gdpr = td.new_request(type="gdpr", requester="Ann Example", requester_kind="individual",
                          email="ann@example.net", works=td.work_specs(urls=["https://photos.example/u/alice/1"])).id
    td.locate(gdpr)
    done = td.new_request(type="optout", requester="Bob Example", requester_kind="individual",
                          works=td.work_specs(urls=["https://photos.example/u/bob/2"])).id
    td.reject(done, "not a work of the requester")
    s.ws.dispose()
    return {"dmca": dmca, "gdpr": gdpr, "closed": done, "corpus": str(corpus_dir)}


@pytest.fixture(scope="session")
def case_template(tmp_path_factory, data_dir) -> tuple[Path, dict]:
    root = tmp_path_factory.mktemp("cases")
    ids = build_case_workspace(root / "ws", data_dir)
    return root, ids


@pytest.fixture()
def cases(case_template, tmp_path) -> tuple[Path, dict]:
    """(workspace folder, request ids) — a private copy, corpus included, so purges are this test's own."""
    root, ids = case_template
    shutil.copytree(root, tmp_path / "cases")
    ws = tmp_path / "cases" / "ws"
    # The corpus is registered by absolute path: point the copy at its own copy of the shards.
    from ledger_app.services.workspace import Workspace

    w = Workspace(ws)
    with w.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE corpus SET path = ?", (str(tmp_path / "cases" / "photos"),))
    w.dispose()
    return ws, dict(ids, corpus=str(tmp_path / "cases" / "photos"))

"""Locate's sweep of the fingerprint store on a simulated two-node Ray cluster (issue #20):
`ledger takedown locate N --engine ray --address A` records the matches, scores and evidence that
the local locate records, and the sweep's units run on both nodes.

Two nodes of one CPU each (`ray.cluster_utils.Cluster`, within the machine's two cores); slow (the
cluster's start-up and the two workspaces' ingests)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import ray
from td_builders import PASS

# The corpus, the request and the database's locate are the ones the local sweep is checked against.
from test_store_locate import corpus, database_result, grate_path, located, open_request, workspace  # noqa: F401

from tests.ray_nodes import NodeRecording, sweep_task_name, two_node_cluster


@pytest.fixture()
def cluster(monkeypatch):
    with two_node_cluster(monkeypatch) as c:
        yield c


@pytest.mark.slow
def test_locate_on_a_two_node_cluster_records_the_local_matches(cluster, tmp_path, corpus, photos, grate_path,  # noqa: F811
                                                                database_result):  # noqa: F811
    s = workspace(tmp_path / "ws", corpus, store=True)
    files = s.corpus.stored.files("c")
    assert len(files) == 2 and s.corpus.catalogue.items(corpus="c") == []
    rid = open_request(s, photos, grate_path, corpus)
    works = s.takedown.works(rid)
    here = s.takedown.find(works)  # the local locate's findings, nothing recorded

    # The sweep's units spread over the two nodes and find what the local locate finds.
    engine = NodeRecording(tmp_path / "nodes", sweep_task_name, address=cluster.address)
    try:
        assert s.takedown.find(works, engine=engine) == here
        assert len(ray.nodes()) == 2 and ray.cluster_resources()["CPU"] == 2
    finally:
        engine.close()
    swept = {p.name: p.read_text() for p in (tmp_path / "nodes").iterdir()}
    assert sorted(swept) == sorted(Path(f).name for f in files)  # every store file swept on the cluster
    assert len(set(swept.values())) == 2  # by both nodes

    # The command, as a user runs it, records the local locate's matches, scores and evidence.
    env = {**os.environ, "LEDGER_PASSPHRASE": PASS}
    r = subprocess.run([sys.executable, "-m", "ledger_app.cli.main", "--workspace", str(s.ws.path), "takedown",
                        "locate", str(rid), "--engine", "ray", "--address", cluster.address],
                       capture_output=True, text=True, env=env, timeout=600)
    assert r.returncode == 0, r.stderr
    assert located(s, rid) == database_result
    assert {f.method for f in here} == {"exact", "url", "account", "perceptual", "text"}

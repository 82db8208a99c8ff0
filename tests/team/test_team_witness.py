"""Independent witnesses in team mode: the witness tables on PostgreSQL, cosignatures shared by members."""

from __future__ import annotations

import threading

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from teamkit import PASS, db_url

from ledger_app.ledger import note
from ledger_app.ledger.cosignature import parse_witness_vkey, require_quorum
from ledger_app.ledger.witness_server import Witness, WitnessHTTPServer, WitnessState
from ledger_app.services import Services
from ledger_app.services.workspace import Workspace


def test_two_members_share_witnesses_and_cosignatures(tmp_path, fresh_db):
    url = db_url(fresh_db())
    alice = Services(Workspace(tmp_path / "alice", url), passphrase=lambda confirm: PASS)
    alice.ledger.init("example.com/team-witnessed")
    origin = alice.ledger.origin
    wit = Witness("witness.example/team", Ed25519PrivateKey.generate(),
                  {origin: [note.parse_vkey(alice.ledger.vkey())]}, WitnessState(tmp_path / "w.json"))
    server = WitnessHTTPServer(("127.0.0.1", 0), wit)
    thread = threading.Thread(target=server.serve, kwargs={"stop_after": 120}, daemon=True)
    thread.start()
    try:
        alice.witness.add("team", server.url, wit.vkey)
        alice.witness.set_policy(1)
        bob = Services(Workspace(tmp_path / "bob", url), passphrase=lambda confirm: PASS)
        bob.ledger.note("bob writes")  # bob's append is submitted with alice's witness configuration
        cp = bob.witness.checkpoint()
        assert cp.cosigned_by == ["team"] and cp.quorum_met and cp.size == bob.ledger.ws.store.size()
        require_quorum(cp.checkpoint, [parse_witness_vkey(wit.vkey)])
        assert alice.witness.checkpoint().checkpoint == cp.checkpoint
        alice.ledger.verify(deep=True)
    finally:
        server.shutdown()
        thread.join(10)

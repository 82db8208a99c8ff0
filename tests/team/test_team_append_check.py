"""The pre-append check on a team ledger (issue 14), on real PostgreSQL with the documented grants:
members take turns, each building on a checkpoint the other signed with the shared key, which it
recognises by re-signing (`LedgerStore._own_note`) rather than verifying; a checkpoint row the
application role inserts is not recognised, is verified in full and refused, also when it lands
right after an appender's own row inside its transaction.
"""

from __future__ import annotations

import base64
import itertools

import pytest
from teamkit import checkpoints, connect, db_url, granted_team, service

from ledger_app.ledger import note as note_module
from ledger_app.ledger.checkpoint import open_checkpoint
from ledger_app.ledger.store import AppendRefused

pytestmark = pytest.mark.postgres
_N = itertools.count()


@pytest.fixture()
def team(pg, tmp_path):
    """A database owned by an owner role, initialised by the administrator, granted to an app role."""
    return granted_team(pg, tmp_path, f"chk{next(_N)}", "example.com/team-append-check")


def count_verifications(monkeypatch) -> list[int]:
    calls = [0]
    real = note_module.Verifier.verify

    def counting(self, msg, sig):
        calls[0] += 1
        return real(self, msg, sig)

    monkeypatch.setattr(note_module.Verifier, "verify", counting)
    return calls


def flip_last_signature_byte(note: str) -> str:
    body, line = note[: note.rfind("\n\n") + 1], note[note.rfind("\n\n") + 2 :].rstrip("\n")
    head, b64 = line.rsplit(" ", 1)
    raw = bytearray(base64.b64decode(b64))
    raw[-1] ^= 0x01
    return body + "\n" + head + " " + base64.b64encode(bytes(raw)).decode() + "\n"


def test_members_taking_turns_verify_no_signature_and_refuse_a_row_the_role_inserted(team, tmp_path, monkeypatch):
    name, _, app = team
    dana = service(tmp_path / "dana", db_url(name, app), user="dana")
    lee = service(tmp_path / "lee", db_url(name, app), user="lee")
    dana.note("dana's first")
    lee.note("lee's first")
    calls = count_verifications(monkeypatch)
    for turn in range(4):
        (dana if turn % 2 == 0 else lee).note(f"turn {turn}")
    assert calls[0] == 0, "a note the shared key signed byte for byte was verified in full"
    with connect(name, app) as conn:  # the grants allow INSERT: appends need it
        size, root, note = conn.execute(
            "SELECT size, root_hash, note FROM ledger_checkpoint ORDER BY id DESC LIMIT 1").fetchone()
        conn.execute("INSERT INTO ledger_checkpoint (size, root_hash, note, key_id, created_at) VALUES (%s, %s, %s, %s, 0)",
                     (size, root, flip_last_signature_byte(note), "00000000"))
    before = checkpoints(name)
    with pytest.raises(AppendRefused, match=rf"size {size}\) does not verify under the signing key"):
        dana.note("after the role's insert")
    assert checkpoints(name) == before
    assert calls[0] == 1


def test_a_checkpoint_row_the_role_slips_in_after_an_appenders_own_is_not_taken_for_it(team, tmp_path):
    """A trigger plays the insider whose INSERT (the role may, without the append lock) lands right
    after the appender's own checkpoint row: the append reports and remembers its own row, and its
    next append opens the forged one in full and refuses it."""
    name, owner, app = team
    dana = service(tmp_path / "dana", db_url(name, app), user="dana")
    dana.note("before the race")
    with connect(name, owner) as conn:
        conn.execute(
            "CREATE FUNCTION race() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "IF NEW.key_id <> 'mallory0' THEN INSERT INTO ledger_checkpoint (size, root_hash, note, key_id, created_at) "
            "VALUES (NEW.size, NEW.root_hash, left(NEW.note, length(NEW.note) - 6) || 'AAAA=' || chr(10), 'mallory0', 0); "
            "END IF; RETURN NULL; END $$")
        conn.execute("CREATE TRIGGER race AFTER INSERT ON ledger_checkpoint FOR EACH ROW EXECUTE FUNCTION race()")
    res = dana.append([("ledger.note", {"text": "raced"})])
    assert open_checkpoint(res.checkpoint.note, dana.known_verifiers()).size == res.size
    with connect(name, owner) as conn:
        conn.execute("DROP TRIGGER race ON ledger_checkpoint")
        last_key = conn.execute("SELECT key_id FROM ledger_checkpoint ORDER BY id DESC LIMIT 1").fetchone()[0]
    assert last_key == "mallory0"
    before = checkpoints(name)
    with pytest.raises(AppendRefused, match="does not verify under the signing key"):
        dana.note("after the race")
    assert checkpoints(name) == before

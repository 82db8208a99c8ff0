"""`log verify` checks a page of entries at once when it is what an honest ledger holds, and row by
row otherwise: both ways must end in the same state, or the same sentence naming the same entry."""

from __future__ import annotations

import copy
import hashlib
import random

from ledger_app.core.errors import VerificationError
from ledger_app.ledger.entries import encode_entry
from ledger_app.ledger.verify import EntryScan

TS = ["2026-11-25T00:00:00.000000Z", "2026-11-25T00:00:01.000000Z", "2026-11-24T23:59:59.000000Z", "2026-11-25T00:00:02.éZ"]


def _leaf(rng: random.Random) -> tuple[bytes, str]:
    """A leaf and the type column an honest writer would store, sometimes bent the way a tamperer or
    a bug would bend it."""
    typ = rng.choice(["ledger.note", "item.ingested", "key.rotated", "witness.added", "witness.policy"])
    leaf = encode_entry(typ, {"text": rng.choice(["a", "ts", '","type":"x', "\\", "é"])}, actor=None,
                        ts=rng.choice(TS[:2] * 6 + TS[2:]))
    bend = rng.randrange(14)
    if bend == 0:
        leaf = leaf.replace(b'"v":1}', b'"v":1} ')
    elif bend == 1:
        leaf = leaf.replace(b'","type":"', b'","type":"q\\"', 1)
    elif bend == 2:
        leaf = b',"ts":"1","type":"ledger.note","v":1}'
    elif bend == 3:
        typ = "ledger.note" if typ != "ledger.note" else "item.ingested"
    elif bend == 4:
        leaf = b"not json"
    elif bend == 5:  # an escape in the type, and the column holding its raw bytes
        escaped = f"{typ[:-1]}\\u{ord(typ[-1]):04x}"
        leaf = leaf.replace(b'","type":"' + typ.encode(), b'","type":"' + escaped.encode())
        typ = escaped
    elif bend == 6:  # an escape in the time
        leaf = leaf.replace(b'Z","type":"', b'\\u005a","type":"')
    return leaf, typ


def _rows(rng: random.Random, start: int, n: int) -> list[tuple]:
    rows = []
    for k in range(n):
        leaf, typ = _leaf(rng)
        h = hashlib.sha256(b"\0" + leaf).digest()
        if rng.randrange(40) == 0:
            h = bytes(32)
        rows.append((start + k, leaf, h, typ))
    if rng.randrange(6) == 0:  # a gap, a duplicate or a swap
        i = rng.randrange(n)
        rows[i] = (rows[i][0] + rng.choice([1, -1, 5]), *rows[i][1:])
    return rows


def _state(scan: EntryScan, leaves):
    return (leaves, scan.expected, scan.leaf_hashes, scan.chain_leaves, scan.witness_leaves,
            scan.last_ts, scan.last_ts_idx, scan.warnings)


def _one_page(seed: int) -> bool:
    """Check one random page both ways; True if it was taken at once."""
    rng = random.Random(seed)
    start = rng.choice([0, 0, 40])
    scan = EntryScan()
    if start:  # a state as earlier pages leave it
        scan.expected, scan.last_ts, scan.last_ts_idx = start, rng.choice(TS), start - 1
    # Mostly honest pages (the fast path's case), a few entries bent in most of the others.
    honest = rng.randrange(3) == 0
    rows = ([(start + k, leaf, hashlib.sha256(b"\0" + leaf).digest(), "ledger.note")
             for k, leaf in enumerate(encode_entry("ledger.note", {"n": k}, actor=None, ts=TS[0])
                                      for k in range(rng.randint(1, 30)))]
            if honest else _rows(rng, start, rng.randint(1, 12)))
    fast, slow, before = copy.deepcopy(scan), copy.deepcopy(scan), copy.deepcopy(scan)
    at_once = fast.page_at_once(rows)
    try:
        leaves = slow.page_row_by_row(rows)
    except VerificationError:
        assert at_once is None, f"seed {seed}: the page was taken at once, but row by row it is refused"
        return False
    if at_once is None:
        assert _state(fast, None) == _state(before, None), f"seed {seed}: a page not taken at once left a trace"
        return False
    assert _state(fast, at_once) == _state(slow, leaves), f"seed {seed}"
    return True


def test_a_page_at_once_agrees_with_row_by_row():
    taken = sum(_one_page(seed) for seed in range(1500))
    assert taken > 300  # the comparison above is not empty


def test_an_honest_page_is_taken_at_once():
    rows = [(k, leaf, hashlib.sha256(b"\0" + leaf).digest(), "ledger.note")
            for k, leaf in enumerate(encode_entry("ledger.note", {"n": k}, actor=None, ts=TS[0]) for k in range(50))]
    scan = EntryScan()
    assert scan.page_at_once(rows) == [r[1] for r in rows]
    assert scan.expected == 50 and len(scan.leaf_hashes) == 50 and scan.chain_leaves == [(0, rows[0][1], "ledger.note")]

"""Keyed item pages against the OFFSET listing, shared by the SQLite and the PostgreSQL tests.

`fill_items` writes N_ITEMS item rows (three corpora, two licences, every status and C2PA state, ids
with upper and lower case, punctuation and non-ASCII letters) straight into a workspace's database.
`check_pages` then builds `CorpusService.item_pages` for many filters and page sizes, in both of its
modes (all keys kept, and anchors only), and compares every page, the count, the anchors and a set
of row look-ups with what `items()` (ORDER BY id, LIMIT/OFFSET) returns on the same engine.
"""

from __future__ import annotations

import hashlib

N_ITEMS = 300
CORPORA = ("alpha", "Beta", "gamma")
LICENSES = ("lic-a", "lic-b")
STATUSES = ("admitted", "admitted", "quarantined", "purged", "admitted")
C2PA = ("none", "Valid", "Invalid", "Trusted", "none", "unreadable", "none")
WORDS = ("photo", "Photo", "scan_", "page.", "été", "中文", "x-ray", "Zebra")


def item_id(k: int) -> str:
    corpus = CORPORA[k % 3]
    return f"{corpus}:{WORDS[k % len(WORDS)]}{(k * 7919) % 1000:03d}#{k}"


def sha(k: int) -> str:
    return hashlib.sha256(str(k).encode()).hexdigest()


def fill_items(ws) -> None:  # a Workspace
    ph = "?" if ws.engine.dialect.name == "sqlite" else "%s"
    false = "0" if ph == "?" else "false"
    with ws.engine.begin() as conn:
        for lid, name in enumerate(LICENSES, 1):
            conn.exec_driver_sql(
                "INSERT INTO license (id, name, licensor, kind, permitted_uses, territory, terms, created_at) "
                f"VALUES ({ph}, {ph}, 'L', 'license', '', '', '', 0)", (lid, name))
        for cid, name in enumerate(CORPORA, 1):
            conn.exec_driver_sql(f"INSERT INTO corpus (id, name, path, format, created_at) VALUES ({ph}, {ph}, '/c', 'folder', 0)",
                                 (cid, name))
        rows = []
        for k in range(N_ITEMS):
            status = STATUSES[k % len(STATUSES)]
            rows.append((item_id(k), k % 3 + 1, str(k), "s", f"s#{k}", sha(k),
                         ("image/jpeg", "image/png", "text/plain", "audio/wav")[k % 4], status,
                         f"https://site{k % 5}.example/{k}", (None, 1, 2)[k % 3 if k % 2 else 0],
                         C2PA[k % len(C2PA)], float(k)))
        conn.exec_driver_sql(
            "INSERT INTO item (id, corpus_id, key, shard, location, sha256, media_type, status, source_url, license_id, "
            f"c2pa_state, ingested_at, ai_generated) VALUES ({', '.join([ph] * 12)}, {false})", rows)


FILTERS = [
    {},
    {"corpus": "Beta"},
    {"status": "quarantined"},
    {"media_type": "image/*"},
    {"c2pa_state": "Invalid"},
    {"license": "lic-b"},
    {"search": "site3.example"},
    {"corpus": "alpha", "status": "admitted", "media_type": "image/*"},
    {"corpus": "gamma", "license": "lic-a", "c2pa_state": "none"},
    {"search": item_id(123)},  # a single row
    {"search": sha(77)},  # by exact hash
    {"status": "refused"},  # empty
    {"corpus": "no such corpus"},  # empty
    {"license": "no such licence", "status": "admitted"},  # empty
]


def page_sizes(count: int) -> list[int]:
    """Many pages, exactly one page, one page and one row, one row short of a page, a page boundary."""
    sizes = {7, 256, count, count - 1, count + 1, max(1, count // 2)}
    return sorted(s for s in sizes if s >= 1)


def check_pages(svc) -> int:  # a CorpusService
    """Compare keyed pages with the OFFSET listing for every filter; returns how many pages matched."""
    pages_checked = 0
    for filters in FILTERS:
        expected = [r.id for r in svc.items(**filters)]
        count = len(expected)
        assert svc.count_items(**filters) == count, filters
        for size in page_sizes(count):
            for keys_limit in (None, 0):  # all keys kept (a small result), then anchors only
                pages = svc.item_pages(size, keys_limit=keys_limit, **filters)
                where = (filters, size, keys_limit)
                assert pages.count == count, where
                assert (pages.keys is None) == (keys_limit == 0 and count > 0), where
                assert list(pages.anchors) == expected[::size], where
                assert pages.last == (expected[-1] if expected else None), where
                for p in range(len(pages.anchors)):
                    got = [r.id for r in svc.items_page(pages, p)]
                    assert got == expected[p * size:(p + 1) * size], (where, p)
                    assert got == [r.id for r in svc.items(limit=size, offset=p * size, **filters)], (where, p)
                    pages_checked += 1
                assert svc.items_page(pages, len(pages.anchors)) == []
                for row in {0, size - 1, size, count // 2, count - 2, count - 1}:
                    if 0 <= row < count:
                        assert svc.item_row(pages, expected[row]) == row, (where, row)
                outside = next((item_id(k) for k in range(N_ITEMS) if item_id(k) not in set(expected)), None)
                if outside is not None:
                    assert svc.item_row(pages, outside) == -1, where
                assert svc.item_row(pages, "no such item") == -1, where
    # The seek query alone: from any key, whether or not an item has it.
    everything = [r.id for r in svc.items()]
    assert [r.id for r in svc.items_from(everything[100], 5)] == everything[100:105]
    assert [r.id for r in svc.items_from(everything[100] + "\x01", 3)] == everything[101:104]
    assert [r.id for r in svc.items_from(None, 2, before=everything[1])] == everything[:1]
    assert [r.id for r in svc.items_from(everything[-3], 9, through=everything[-2])] == everything[-3:-1]
    return pages_checked

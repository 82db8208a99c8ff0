"""Which candidates the image matcher verifies, and how cheaply: the chance radius of the coarse
search, the region of a whole-image match taken from its verification, and the mirror tried when an
unmirrored fit of text does not verify."""

from __future__ import annotations

import io
import math
import os

import pytest
from PIL import Image, ImageOps

from ledger_app.matching import evalset, image_match
from ledger_app.matching.image import image_fingerprint
from ledger_app.matching.image_match import CHANCE_CANDIDATE, ImageMatcher, chance_radius
from ledger_app.matching.verify import features, verify


def _jpeg(im: Image.Image, q: int = 90) -> bytes:
    buf = io.BytesIO()
    im.convert("RGB").save(buf, "JPEG", quality=q)
    return buf.getvalue()


@pytest.fixture(scope="module")
def grate(data_dir) -> Image.Image:
    with Image.open(data_dir / "fixtures" / "c2pa" / "P1000827.jpg") as im:
        return im.convert("RGB")


@pytest.mark.parametrize("bits,trials,cap", [(64, 262 * 1000, 16), (64, 1304 * 50_000, 16), (64, 262 * 10**6, 16),
                                             (256, 72 * 10**6, 90), (64, 10**30, 16)])
def test_chance_radius_is_where_a_hit_stops_beating_chance(bits, trials, cap):
    r = chance_radius(bits, trials, cap)
    log_trials = math.log10(trials)
    if r >= 0:
        assert image_match._log10_chance(r, bits) + log_trials <= CHANCE_CANDIDATE
    if r < cap:
        assert image_match._log10_chance(r + 1, bits) + log_trials > CHANCE_CANDIDATE
    assert chance_radius(64, 262 * 10**6, 16) < chance_radius(64, 262 * 1000, 16)  # more items, less reach


def test_a_whole_image_match_has_its_region_from_the_verification(grate):
    m = ImageMatcher()
    small = grate.resize((grate.width // 2, grate.height // 2))
    m.add(["resized", "mirrored"], [image_fingerprint(_jpeg(small)), image_fingerprint(_jpeg(ImageOps.mirror(grate)))])
    found = {x.item_id: x for x in m.query(image_fingerprint(_jpeg(grate), local="work"))}
    for item_id in ("resized", "mirrored"):
        assert found[item_id].method == "verified"
        region = found[item_id].detail["region"]
        assert region["item_covered"] > 0.95 and region["query_covered"] > 0.95
        assert region["item_box"][0] < 0.03 and region["item_box"][2] > 0.97
        assert "whole-image verification" in region["reason"]


def test_a_mirrored_leaflet_is_verified_though_its_letters_fit_unmirrored(data_dir):
    photos, _ = evalset.load_photos(data_dir, recipe=evalset.HELDOUT_RECIPE)
    leaflet = next(p for p in photos if p.name == "tuscany-leaflet")
    copy = image_fingerprint(_jpeg(ImageOps.mirror(leaflet.image), 85))
    original = image_fingerprint(_jpeg(leaflet.image, 95))
    v = verify(features(copy.thumbnail(), with_mirror=True), features(original.thumbnail()))
    assert v.ok and v.mirrored, v.reason


def _banner(im: Image.Image) -> Image.Image:
    out = im.copy()
    out.paste((250, 250, 250), (0, 0, im.width, im.height // 3))
    return out


def test_candidates_are_read_in_batches_not_one_by_one(grate):
    w, h = grate.size
    items = {
        "crop": image_fingerprint(_jpeg(grate.crop((w // 3, h // 3, w, h)))),  # whole-image verify refuses it
        "crop2": image_fingerprint(_jpeg(grate.crop((0, 0, 2 * w // 3, 2 * h // 3)))),
        "crop3": image_fingerprint(_jpeg(grate.crop((0, h // 3, 2 * w // 3, h)))),
        "banner": image_fingerprint(_jpeg(_banner(grate))),
        "resized": image_fingerprint(_jpeg(grate.resize((w // 2, h // 2)))),
        "mirrored": image_fingerprint(_jpeg(ImageOps.mirror(grate))),
    }
    reads: list[list[str]] = []

    def load(ids):
        reads.append(list(ids))
        return {i: items[i] for i in ids if i in items}

    m = ImageMatcher(fingerprints=load)
    m.add(list(items), list(items.values()))
    query = image_fingerprint(_jpeg(grate), local="work")
    first = {x.item_id for x in m.query(query)}
    reads.clear()
    second = {x.item_id for x in m.query(query)}  # whole-image features now cached
    assert first == second and "crop" in second
    assert len(reads) <= 2, reads  # one read for the uncached, one for the local stage's rest


def test_local_candidates_rank_rare_shared_words_above_many_common_ones():
    """An item sharing many common words (each worth little more than chance) ranks below one sharing
    fewer rare words; items with too few shared words or no votes are not proposed."""
    import numpy as np

    from ledger_app.matching.local_index import MIN_VOTES, LocalVotes

    ids = ["common", "rare", "few", "none", "middle"]
    counts = np.array([60, 20, MIN_VOTES - 1, 30, 25])
    votes = np.array([60 * 1.6, 20 * 4.0, 40.0, 0.0, 25 * 3.0])  # rarity per shared word: 1.6, 4, ..., 3
    lv = LocalVotes(None, counts, votes)  # type: ignore[arg-type]
    assert votes[0] > votes[1]  # by votes alone, the common-word item would come first
    assert image_match._local_ranking(lv, ids, 10) == ["rare", "middle", "common"]
    assert image_match._local_ranking(lv, ids, 2) == ["rare", "middle"]
    assert image_match._local_ranking(lv, ids, 1) == ["rare"]


def test_query_threads_are_the_free_cores():
    """One thread per core the load leaves free besides the query's own (rounded to the nearest), at
    least one, never more than the caller's setting; one when the system cannot say its load."""
    from ledger_app.matching.binary_index import query_thread_count

    assert query_thread_count(2, 0.2) == 2  # idle: both cores
    assert query_thread_count(2, 1.0) == 2  # the query itself is the load (its thread runnable now)
    # A load average a little above the query's own (1.14 was measured on an idle machine just after
    # the million-item index build) is not another process wanting a core: rounded, not floored.
    assert query_thread_count(2, 1.14) == 2
    assert query_thread_count(2, 1.6) == 1  # another process wants a core most of the time
    assert query_thread_count(2, 2.0) == 1  # another thread runnable now besides the query's
    assert query_thread_count(2, 10.0) == 1  # shared cores: one thread (466 -> 116 ms scans at load 10)
    assert query_thread_count(8, 3.0) == 6
    assert query_thread_count(8, 3.4) == 6
    assert query_thread_count(8, 3.6) == 5
    assert query_thread_count(1, 0.0) == 1  # the caller's OMP_NUM_THREADS=1 is kept
    assert query_thread_count(4, None) == 1


def test_query_load_is_what_runs_now(monkeypatch, tmp_path):
    """The load is the threads runnable now (/proc/loadavg's fourth field, the reader included), not
    the 1-minute average, which lags a minute behind (an index build just finished, the machine
    idle: average 1.14, one thread; runnable now 1, two); the average where that cannot be read."""
    import builtins

    from ledger_app.matching import binary_index

    real_open = builtins.open
    text = {"value": b"1.14 0.90 0.60 1/301 8945\n"}

    def fake_open(path, *args, **kwargs):
        if path == "/proc/loadavg":
            if text["value"] is None:
                raise FileNotFoundError(path)
            f = tmp_path / "loadavg"
            f.write_bytes(text["value"])
            return real_open(f, *args, **kwargs)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", fake_open)
    monkeypatch.setattr(binary_index.os, "getloadavg", lambda: (1.7, 1.0, 0.5))
    assert binary_index._load_average() == 1.0
    assert binary_index.query_thread_count(2, binary_index._load_average()) == 2
    text["value"] = b"0.30 0.20 0.10 3/301 8945\n"  # two other threads runnable now: one thread
    assert binary_index._load_average() == 3.0
    assert binary_index.query_thread_count(2, binary_index._load_average()) == 1
    text["value"] = None  # no /proc: the 1-minute average
    assert binary_index._load_average() == 1.7
    assert binary_index.query_thread_count(2, binary_index._load_average()) == 1
    text["value"] = b"garbled\n"
    assert binary_index._load_average() == 1.7

    def no_average():
        raise OSError("cannot say")

    monkeypatch.setattr(binary_index.os, "getloadavg", no_average)
    assert binary_index._load_average() is None


@pytest.mark.parametrize("loadavg", [0.0, 10.0])
def test_a_query_runs_faiss_on_query_threads_and_restores_the_callers_setting(grate, monkeypatch, loadavg):
    """Inside a query (here: when it reads the candidates' fingerprints) faiss runs on the threads
    query_thread_count gives for the load; afterwards the caller's own setting is back, also when the
    query fails."""
    import faiss

    from ledger_app.matching import binary_index

    monkeypatch.setattr(binary_index, "_load_average", lambda: loadavg)
    expected = binary_index.query_thread_count(min(3, os.cpu_count() or 1), loadavg)

    item = image_fingerprint(_jpeg(grate.resize((grate.width // 2, grate.height // 2))))
    seen: list[int] = []

    def load(ids):
        seen.append(faiss.omp_get_max_threads())
        return {i: item for i in ids if i == "a"}

    m = ImageMatcher(fingerprints=load)
    m.add(["a"], [item])
    before = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(3)
    try:
        assert [x.item_id for x in m.query(image_fingerprint(_jpeg(grate), local="work"))] == ["a"]
        assert seen and set(seen) == {expected}
        assert faiss.omp_get_max_threads() == 3
        with pytest.raises(ValueError):
            m.query(None, None)
        assert faiss.omp_get_max_threads() == 3
    finally:
        faiss.omp_set_num_threads(before)

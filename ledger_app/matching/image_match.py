"""The image matcher: which indexed items are altered copies of a query image?

Signals, cheapest first:

1. PDQ. The query's 24 hashes (whole image and two central crops, each in its eight rotations and
   reflections) against the index's hashes of the same regions: resized, recompressed, brightened,
   greyscale, mirrored, rotated, thumbnailed and symmetrically cropped copies land within a few
   bits; banners and stronger edits further out.
2. Coarse codes under crop hypotheses (`coarse.py`) for copies cropped unevenly, which PDQ cannot
   reach.
3. Geometric verification (`verify.py`) of the candidates both produce, most promising first: a
   candidate is a match when its thumbnail aligns with the query's by an edit-shaped transform and
   agrees with it block by block. Only when the thumbnails lack texture to decide does a PDQ
   distance within the threshold (the setting match.pdq_max_distance; Meta's 31 by default) stand
   on its own.
4. Local features (`local.py`, `local_index.py`) for copies past the reach of 1-3 (large crops,
   collage tiles, small rotations, captions, frames, stretches): items sharing many keypoint words
   with the query are verified by a RANSAC affine fit with enough inliers spread over the shared
   region, and by the pixels of that region agreeing. A match names the region: `detail["region"]`
   holds its box in the item and in the query and the covered fractions (for a copy that stage 3
   confirmed, taken from its transform).

Cost at a million items: coarse codes are searched only as far as a hit can still beat chance,
hash candidates at chance level are verified only when the keypoint index ranks them among its
top items too, and each candidate's thumbnail is decoded once (`kernels.thumbnail`). Whole-image
verification first aligns the candidate by its stored keypoints (the query's claimed-work keypoints
matched against them once per query and candidate, the same matches the local stage uses), which
costs no ORB on the candidate's thumbnail; only when that does not verify is ORB run on both
thumbnails, with the mirrored query, and only for candidates chance cannot explain or that PDQ
alone could match (mirrored copies, thumbnails too small for their keypoints, the veto on a
look-alike). The same verdict rules (`verify._judge`) decide either way. A candidate that is a clipped
brightening of the query (or the reverse) and did not verify is aligned again on the less clipped
thumbnail brightened alike (`verify.realign_clipped`), for at most MAX_REALIGNED candidates a query.

The matcher holds the index, a way to get candidates' fingerprints (an in-memory dict by default,
or a loader reading them from the database), and a small cache of prepared candidate thumbnails.
It stays one module (some 450 lines): which candidates are verified (hash surprise, keypoint votes)
and how each is verified and decided are one cost-and-recall decision, tuned together on the tuning set.
"""

from __future__ import annotations

import functools
import math
import time
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from ledger_app.core.settings import PDQ_MAX_DISTANCE
from ledger_app.matching.binary_index import query_threads
from ledger_app.matching.clipping import clipped_pair
from ledger_app.matching.coarse import query_codes
from ledger_app.matching.image import CROP_FRACTIONS, ImageFingerprint, image_fingerprint
from ledger_app.matching.image_index import CoarseHit, ImageIndex, PdqHit
from ledger_app.matching.kernels import thumbnail
from ledger_app.matching.local import PairCache, RegionMatch, match_region, whole_image_region
from ledger_app.matching.local_index import MIN_VOTES, LocalIndex, LocalVotes
from ledger_app.matching.verify import (
    Features,
    Verification,
    features,
    realign_clipped,
    stored_features,
    verify,
    verify_frames,
)

# Candidates worth verifying: PDQ hits up to this distance (beyond it, PDQ says nothing) ...
PDQ_CANDIDATE = 90
# ... and coarse-code hits up to this many of 64 bits (the best crop hypothesis of a true copy
# is typically within 2-10 bits; unrelated images sit around 32).
COARSE_CANDIDATE = 16
# Up to this many indexed items, the finer grid of crop hypotheses is searched (5x the codes).
FINE_GRID_MAX_ITEMS = 100_000
# log10 of the expected number of chance hits among all the comparisons of a query: below
# SURE_CANDIDATE a candidate is always verified; up to CHANCE_CANDIDATE (closer than chance would
# put even one item) the most surprising `max_verify` are; beyond it, none.
SURE_CANDIDATE = -3.0
CHANCE_CANDIDATE = 0.0
# Between the two, a candidate is verified without the keypoint index's support up to this level
# (under 1 % of a chance hit expected). Tuning set: a sea photo framed with a watermark sat at -2.15
# and shared too few keypoint words to be among the index's top items; it is a copy.
UNSUPPORTED_CANDIDATE = -2.0
# Items sharing the most keypoint words with the query that are verified by local features.
LOCAL_CANDIDATES = 32
# ... ranked by their rarity-weighted votes less this much per shared word: a word an unrelated item
# shares by chance is a common one (rarity log(N/df) small), and a shared word is evidence of a copy
# only as far as it is rarer than a copy's words are likely to be shared (the log-likelihood ratio of
# a shared word, log(q N / df), for a copy's chance q of sharing one). Tuning set (seeds 7 and 2024,
# keypoint votes alone): collage tiles with 24 or more unrelated items ranked above them 10 -> 7 of
# 54, framed copies 9 -> 5, crops to 30 % and 5° tilts unchanged; at 2.5, parts of 30 % lost more.
WORD_EVIDENCE = 1.5
# Besides them, GEOMETRIC_EXTRA more: of the next best voted (up to RESCORED in all), those whose shared
# words agree most on one placement of the query in the item (`LocalVotes.consistent`). Tuning set
# (seeds 7, 11, 12, 2024, locate), against 32 alone: among its copies and hard negatives, collage
# tiles 95 -> 103 of 108, framed copies 107 and parts of 30 % 103 either way; planted among the 1 M
# items of bench/bench_images_1m.py, parts of 30 % 72 -> 84 of 108, collage tiles 70 -> 85, framed
# copies 74 -> 92, crops to 70 % 98 -> 102; 0 false matches either way. The 8 most consistent put
# first among the 32 instead did as well for parts and tiles but lost framed copies (107 -> 106).
RESCORED = 1024
GEOMETRIC_EXTRA = 8
# Candidates per query that whole-image verification aligns again as clipped brightenings of the query
# (or the reverse: `verify.realign_clipped`, one ORB run each) when they did not verify: a thumbnail
# white where the other is not is common among unrelated items (white backgrounds). 1 M items (bench
# corpus, tuning photos as queries): up to 33 such candidates a query without a bound.
MAX_REALIGNED = 4
_CUTS = (0.0, *CROP_FRACTIONS)  # off each edge, by PDQ region (whole image, central crops)


@dataclass(frozen=True)
class ImageMatch:
    item_id: str
    distance: int | None  # best PDQ distance over all variants (None: no PDQ hit)
    score: float  # 0..1, higher is surer
    method: str  # "verified" (geometric verification), "local" (local features) or "pdq" (PDQ alone)
    detail: dict = field(default_factory=dict)


FingerprintSource = (
    Mapping[str, ImageFingerprint | bytes] | Callable[[Sequence[str]], Mapping[str, ImageFingerprint | bytes]]
)


class ImageMatcher:
    """Query an `ImageIndex` with an image; verify what the hashes propose.

    Cost knobs: `max_verify` bounds the verifications of candidates that chance could explain
    (those it cannot are always verified); `fine_grid_max_items` is the index size up to which
    the finer crop grid is searched (0 turns it off: faster queries, fewer extreme crops found).
    `pdq_max_distance` is the match threshold of PDQ alone (the workspace's match.pdq_max_distance).
    """

    def __init__(
        self,
        index: ImageIndex | None = None,
        fingerprints: FingerprintSource | None = None,
        *,
        max_verify: int = 32,
        fine_grid_max_items: int = FINE_GRID_MAX_ITEMS,
        feature_cache: int = 4096,
        pdq_max_distance: int = PDQ_MAX_DISTANCE,
    ):
        if not 0 <= pdq_max_distance <= 256:
            raise ValueError(f"pdq_max_distance must be in 0..256, not {pdq_max_distance}")
        self.pdq_max_distance = int(pdq_max_distance)
        self.index = index if index is not None else ImageIndex()
        self.local = LocalIndex()
        self.local_candidates = LOCAL_CANDIDATES
        self.last_verified = 0  # candidates verified by the last query (both stages)
        # Seconds the last query spent in each stage (hashes, keypoint votes, fingerprint reads,
        # whole-image verification, local-feature verification): what the benchmark reports.
        self.last_stages: dict[str, float] = {}
        self._own_store: dict[str, ImageFingerprint] | None = None
        if fingerprints is None:
            self._own_store = {}
            fingerprints = self._own_store
        self._source = fingerprints
        self.max_verify = max_verify
        self.fine_grid_max_items = fine_grid_max_items
        self._cache: OrderedDict[str, Features | None] = OrderedDict()
        self._cache_size = feature_cache
        self._cache_removals = self.index.removals

    # -- maintenance -------------------------------------------------------------------------

    def add(self, item_ids: Sequence[str], fingerprints: Sequence[ImageFingerprint | bytes]) -> None:
        """Index these items (fingerprint objects or their `to_bytes()`)."""
        fps = [
            fp if isinstance(fp, ImageFingerprint) else ImageFingerprint.from_bytes(fp) for fp in fingerprints
        ]
        self.index.add(item_ids, fps)
        self.local.add(item_ids, [fp.local for fp in fps])
        if self._own_store is not None:
            self._own_store.update(zip(item_ids, fps, strict=True))
        for item_id in item_ids:
            self._cache.pop(item_id, None)

    def remove(self, item_ids: Iterable[str]) -> int:
        item_ids = list(item_ids)
        for item_id in item_ids:
            self._cache.pop(item_id, None)
            if self._own_store is not None:
                self._own_store.pop(item_id, None)
        self.local.remove(item_ids)
        return self.index.remove(item_ids)

    # -- querying ----------------------------------------------------------------------------

    def query(
        self,
        query_fp: ImageFingerprint | bytes | None,
        query_bytes_or_thumb: bytes | np.ndarray | None = None,
    ) -> list[ImageMatch]:
        """Matches for one query image, best first. Give its fingerprint, its bytes, or both."""
        with query_threads():  # faiss on the free cores only: its default loses badly on shared ones
            return self._query(query_fp, query_bytes_or_thumb)

    def _query(
        self,
        query_fp: ImageFingerprint | bytes | None,
        query_bytes_or_thumb: bytes | np.ndarray | None,
    ) -> list[ImageMatch]:
        if query_fp is None:
            if not isinstance(query_bytes_or_thumb, bytes | bytearray):
                raise ValueError("give the query's fingerprint or its image bytes")
            query_fp = image_fingerprint(bytes(query_bytes_or_thumb))
        elif not isinstance(query_fp, ImageFingerprint):
            query_fp = ImageFingerprint.from_bytes(query_fp)
        grey = query_bytes_or_thumb if isinstance(query_bytes_or_thumb, np.ndarray) else thumbnail(query_fp)

        clock = _Stages()
        self.last_stages = clock.seconds
        if self._cache_removals != self.index.removals:  # an item was removed or replaced
            self._cache.clear()
            self._cache_removals = self.index.removals
        pdq_hits = self.index.search_pdq(query_fp.query_hashes(), PDQ_CANDIDATE) if query_fp.reliable else {}
        codes = query_codes(grey, fine=len(self.index) <= self.fine_grid_max_items)
        n_hashes = len(query_fp.query_hashes())
        # Only coarse hits closer than chance can become candidates (`_rank_candidates`): at a
        # million items of real pictures, a hundred thousand items lie within COARSE_CANDIDATE bits
        # of some crop hypothesis, and turning each into a hit cost seconds.
        coarse_radius = chance_radius(64, len(codes) * len(self.index), COARSE_CANDIDATE)
        coarse_hits = self.index.search_coarse(codes, coarse_radius) if coarse_radius >= 0 else {}
        scored = _rank_candidates(
            pdq_hits, coarse_hits, n_hashes * 3 * len(self.index), len(codes) * len(self.index)
        )
        clock.lap("hashes")
        # Every candidate that chance cannot explain is verified; the others up to max_verify, and
        # when the local stage knows the item and chance could explain it (UNSUPPORTED_CANDIDATE),
        # only if it is also among the items sharing the most keypoint words with the query: at a
        # million items, hundreds sit at chance distance from a query's hashes.
        sure = [i for i, s in scored if s <= SURE_CANDIDATE]
        worth = [i for i, s in scored if SURE_CANDIDATE < s <= CHANCE_CANDIDATE]
        surprise = dict(scored)
        local_ranked = []
        if query_fp.local is not None and len(self.local):
            votes = self.local.votes(query_fp.local)
            proposed = _local_ranking(votes, self.local.item_ids(), self.local_candidates + len(sure) + self.max_verify)
            supported = set(proposed)
            worth = [
                i for i in worth
                if surprise[i] <= UNSUPPORTED_CANDIDATE or i in supported or votes.shared(i) is None
            ]
            ranked = sure + worth[: self.max_verify]
            # The PDQ stages' candidates are verified anyway: the local stage's slots go to others.
            local_ranked = _local_candidates(votes, self.local.item_ids(), self.local_candidates, set(ranked))
        else:
            ranked = sure + worth[: self.max_verify]
        clock.lap("keypoint votes")
        self.last_verified = len(set(ranked) | set(local_ranked))
        if not ranked and not local_ranked:
            return []

        # One read for every candidate: both stages use the stored keypoints.
        fps = self._fingerprints(list(dict.fromkeys(ranked + local_ranked)))
        clock.lap("fingerprint reads")
        thumbs: dict[str, np.ndarray] = {}  # each candidate's thumbnail decoded once per query
        pairs = PairCache()  # each candidate's descriptor matches computed once per query
        matches: dict[str, ImageMatch] = {}
        if ranked:
            stored_query = stored_features(query_fp.local, grey)
            orb_query: list[Features] = []  # ORB on the query's thumbnail, computed when first needed

            def query_orb() -> Features:
                if not orb_query:
                    orb_query.append(features(grey, with_mirror=True))
                return orb_query[0]

            realigned = 0
            for item_id in ranked:
                pdq, coarse = pdq_hits.get(item_id), coarse_hits.get(item_id)
                fp, pdq_close = fps.get(item_id), pdq is not None and pdq.distance <= self.pdq_max_distance
                v = None
                # First the stored keypoints (no ORB on the candidate's thumbnail), query unmirrored.
                if stored_query is not None and fp is not None and fp.local is not None and len(fp.local):
                    if item_id not in thumbs:
                        thumbs[item_id] = thumbnail(fp)
                    v = verify(stored_query, stored_features(fp.local, thumbs[item_id]), matcher=pairs.matcher(item_id),
                               realign=False)
                # Unless that verified: ORB on both thumbnails, mirrored query too, where it can matter
                # (chance cannot explain the candidate, PDQ alone could match it, or no stored keypoints).
                if (v is None or not v.ok) and (v is None or surprise[item_id] <= SURE_CANDIDATE or pdq_close):
                    cand = self._features(item_id, fps, thumbs)
                    if cand is None:
                        continue
                    v = verify(query_orb(), cand, realign=False)
                if (v is None or not v.ok) and realigned < MAX_REALIGNED and fp is not None:
                    if item_id not in thumbs:
                        thumbs[item_id] = thumbnail(fp)
                    if clipped_pair(grey, thumbs[item_id]):  # a clipped brightening its keypoints did not align
                        realigned += 1
                        again = realign_clipped(grey, thumbs[item_id], query_orb=query_orb,
                                                candidate_orb=functools.partial(self._features, item_id, fps, thumbs))
                        v = again if again is not None and again.ok else v
                if v is None:
                    continue
                if not v.ok and pdq_close:  # the close hash's own alignment (region, dihedral variant)
                    framed = verify_frames(grey, thumbs[item_id], pdq.query_variant, _CUTS[pdq.query_region],
                                           _CUTS[pdq.stored_region])
                    v = framed if framed.ok else v
                match = _decide(item_id, pdq, coarse, v, query_fp, self.pdq_max_distance)
                if match is not None:
                    if v.ok:  # the whole picture aligned: its region is the verification's overlap
                        match.detail["region"] = whole_image_region(v, grey.shape, thumbs[item_id].shape).to_json()
                    matches[item_id] = match
        clock.lap("whole-image verification")
        # Local features: the candidates they propose, and those the PDQ stages proposed that
        # whole-image verification did not confirm (a 30 % crop is often one; a match by PDQ alone
        # gains its region here).
        if query_fp.local is not None:
            with_region = {i for i, m in matches.items() if "region" in m.detail}
            todo = [i for i in dict.fromkeys(local_ranked + ranked) if i not in with_region]
            for item_id in todo:
                found = matches.get(item_id)
                fp = fps.get(item_id)
                if fp is None or fp.local is None:
                    continue
                if item_id not in thumbs:
                    thumbs[item_id] = thumbnail(fp)
                region = match_region(query_fp.local, fp.local, grey, thumbs[item_id], matcher=pairs.matcher(item_id))
                if found is not None:
                    if region.ok:
                        found.detail["region"] = region.to_json()
                elif region.ok:
                    matches[item_id] = _local_match(item_id, region, pdq_hits.get(item_id))
            clock.lap("local verification")
        return sorted(matches.values(), key=lambda m: (-m.score, m.distance if m.distance is not None else 999, m.item_id))

    # -- helpers -----------------------------------------------------------------------------

    def _fingerprints(self, item_ids: list[str]) -> dict[str, ImageFingerprint]:
        if not item_ids:
            return {}
        got = (
            self._source(item_ids)
            if callable(self._source)
            else {i: self._source[i] for i in item_ids if i in self._source}
        )
        return {
            k: v if isinstance(v, ImageFingerprint) else ImageFingerprint.from_bytes(v)
            for k, v in got.items()
        }

    def _features(
        self, item_id: str, fps: Mapping[str, ImageFingerprint], thumbs: dict[str, np.ndarray]
    ) -> Features | None:
        if item_id in self._cache:
            self._cache.move_to_end(item_id)
            f = self._cache[item_id]
            if f is not None:
                thumbs[item_id] = f.grey
            return f
        fp = fps.get(item_id)
        if fp is None:
            return None
        thumbs[item_id] = thumbnail(fp)
        f = features(thumbs[item_id])
        self._cache[item_id] = f
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return f


class _Stages:
    """Seconds per named stage of one query (a stage timed twice adds up)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._t = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.seconds[stage] = self.seconds.get(stage, 0.0) + now - self._t
        self._t = now


def _local_match(item_id: str, region: RegionMatch, pdq: PdqHit | None) -> ImageMatch:
    detail: dict = {"region": region.to_json()}
    if pdq is not None:
        detail["pdq_distance"] = pdq.distance
    score = round(0.5 + 0.5 * region.agreement * min(1.0, region.inliers / 40), 4)
    return ImageMatch(item_id, pdq.distance if pdq is not None else None, score, "local", detail)


@functools.lru_cache(maxsize=1024)  # a few hundred (distance, bits) pairs; each a sum of 256 big binomials
def _log10_chance(distance: int, bits: int) -> float:
    """log10 of the chance that a random code is this close (the binomial lower tail)."""
    total = sum(math.comb(bits, i) for i in range(min(distance, bits) + 1))
    return math.log10(total) - bits * math.log10(2)


def chance_radius(bits: int, trials: int, cap: int) -> int:
    """The largest distance up to `cap` at which a hit is still closer than chance would put one
    among `trials` comparisons (log10 expected chance hits at most CHANCE_CANDIDATE); -1 if none."""
    log_trials = math.log10(max(1, trials))
    best = -1
    for d in range(cap + 1):
        if _log10_chance(d, bits) + log_trials > CHANCE_CANDIDATE:
            break
        best = d
    return best


def _local_ranking(votes: LocalVotes, item_ids: Sequence[str | None], k: int) -> list[str]:
    """Up to k items with at least MIN_VOTES shared words, by their votes less WORD_EVIDENCE per
    shared word, best first (ties by item number)."""
    return [item_ids[int(n)] for n in _best_voted(votes, k)]  # type: ignore[misc]


def _best_voted(votes: LocalVotes, k: int) -> np.ndarray:
    """`_local_ranking`'s item numbers."""
    counts = votes.counts
    top = np.flatnonzero((counts >= MIN_VOTES) & (votes.votes > 0))
    score = votes.votes[top] - WORD_EVIDENCE * counts[top]
    if len(top) > k:
        best = np.argpartition(-score, k - 1)[:k]
        top, score = top[best], score[best]
    return top[np.lexsort((top, -score))]


def _local_candidates(
    votes: LocalVotes, item_ids: Sequence[str | None], k: int, exclude: Collection[str] = ()
) -> list[str]:
    """The items the local stage verifies, none of `exclude` (verified anyway): `_local_ranking`'s k
    first, then, where the votes know where the shared words lie, the GEOMETRIC_EXTRA of the next
    best voted (up to RESCORED in all) whose shared words agree most on one placement of the query
    (`LocalVotes.consistent`; ties: the better voted)."""
    extra = GEOMETRIC_EXTRA if votes.placed else 0
    top = _best_voted(votes, (max(RESCORED, k) if extra else k) + len(exclude))
    if exclude:
        out = np.array([num for num in (votes.number(i) for i in exclude) if num is not None], np.int64)
        top = top[~np.isin(top, out)]
    if extra and len(top) > k:
        rest = top[k:]
        geo = votes.consistent(rest)
        top = np.concatenate([top[:k], rest[np.lexsort((np.arange(len(rest)), -geo))[:extra]]])
    return [item_ids[int(n)] for n in top[: k + extra]]  # type: ignore[misc]


def _rank_candidates(
    pdq: Mapping[str, PdqHit], coarse: Mapping[str, CoarseHit], pdq_trials: int, coarse_trials: int
) -> list[tuple[str, float]]:
    """Candidates with the number of chance hits as close as theirs to expect among all the
    comparisons made (log10), most surprising first."""
    surprise: dict[str, float] = {}
    for item_id, hit in pdq.items():
        if hit.distance <= PDQ_CANDIDATE:
            surprise[item_id] = _log10_chance(hit.distance, 256) + math.log10(max(1, pdq_trials))
    for item_id, hit in coarse.items():
        if hit.distance <= COARSE_CANDIDATE:
            s = _log10_chance(hit.distance, 64) + math.log10(max(1, coarse_trials))
            surprise[item_id] = min(s, surprise.get(item_id, math.inf))
    return sorted(surprise.items(), key=lambda kv: (kv[1], kv[0]))


def _decide(
    item_id: str,
    pdq: PdqHit | None,
    coarse: CoarseHit | None,
    v: Verification,
    query_fp: ImageFingerprint,
    pdq_max_distance: int,
) -> ImageMatch | None:
    detail: dict = {"verification": v.to_json()}
    if pdq is not None:
        detail.update(
            pdq_distance=pdq.distance,
            query_region=pdq.query_region,
            query_variant=pdq.query_variant,
            stored_region=pdq.stored_region,
        )
    if coarse is not None:
        detail["coarse_distance"] = coarse.distance
    distance = pdq.distance if pdq is not None else None
    if v.ok:
        return ImageMatch(item_id, distance, round(0.5 + 0.5 * v.agreement, 4), "verified", detail)
    # No edit-shaped alignment found (or too little texture): PDQ alone decides, as Meta advises.
    # (Only reliable hashes are indexed, so a PDQ hit means both hashes are reliable.)
    if v.ok is None and pdq is not None and pdq.distance <= pdq_max_distance and query_fp.reliable:
        score = round(0.5 * (1 - pdq.distance / (pdq_max_distance + 1)), 4)
        return ImageMatch(item_id, distance, score, "pdq", detail)
    return None

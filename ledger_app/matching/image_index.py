"""The perceptual index over many images: PDQ hashes and coarse codes, keyed by item ID.

Each indexed image contributes its PDQ hashes (whole image and central crops, in their own
orientation) and its 64-bit coarse code. A query brings the many variants of one image (dihedral
PDQ hashes of the same regions; coarse codes of every crop hypothesis) and gets, per item, the best
distance and which variant produced it. The index holds no thumbnails: the matcher fetches the
fingerprints of the few candidates it verifies. It is rebuilt or updated from the fingerprints
stored in the database; `save`/`load` keep it between runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ledger_app.matching.binary_index import BinaryIndex
from ledger_app.matching.image import ImageFingerprint

_REGIONS = 4  # label = item number * _REGIONS + region of the hash
# A query's coarse codes (its crop hypotheses in eight orientations) are searched in groups whose
# codes lie within this many bits of the group's centre: the index is scanned once per centre,
# not once per code (a third of the scans at a million items; the same hits).
COARSE_GROUP_SPREAD = 8
_FORMAT = 1


@dataclass(frozen=True)
class PdqHit:
    item_id: str
    distance: int
    query_region: int
    query_variant: int
    stored_region: int


@dataclass(frozen=True)
class CoarseHit:
    item_id: str
    distance: int


@dataclass(frozen=True)
class SavedImageIndex:
    """What `ImageIndex.save` writes and `ImageIndex.load` reads: item IDs by item number (None
    for a removed item) and the PDQ and coarse codes with their labels."""

    ids: list[str | None]
    pdq_codes: np.ndarray
    pdq_labels: np.ndarray
    coarse_codes: np.ndarray
    coarse_labels: np.ndarray


class ImageIndex:
    """Incremental index: `add(ids, fingerprints)`, `remove(ids)`, `save(path)`, `ImageIndex.load(path)`.

    A fingerprint may also be given as a bare 32-byte PDQ hash (whole image only), as the
    benchmarks do; images whose PDQ quality is below Meta's threshold keep only their coarse code.
    """

    def __init__(self, *, use_faiss: bool = True, saved: SavedImageIndex | None = None):
        self._pdq = BinaryIndex(32, use_faiss=use_faiss)
        self._coarse = BinaryIndex(8, use_faiss=use_faiss)
        self._ids: list[str | None] = []
        self._num: dict[str, int] = {}
        self.removals = 0  # counts remove() calls that dropped something (re-adds included)
        if saved is not None:
            self._ids = list(saved.ids)
            self._num = {i: n for n, i in enumerate(self._ids) if i is not None}
            self._pdq.add(saved.pdq_codes, saved.pdq_labels)
            self._coarse.add(saved.coarse_codes, saved.coarse_labels)

    def __len__(self) -> int:
        return len(self._num)

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._num

    @property
    def backend(self) -> str:
        return self._pdq.backend

    def ids(self) -> list[str]:
        return list(self._num)

    def pdq_arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """Every stored PDQ code (n, 32) and its label (item number * 4 + region), as saved."""
        return self._pdq.arrays()

    def add(self, item_ids: Sequence[str], fingerprints: Sequence[ImageFingerprint | bytes]) -> None:
        if len(item_ids) != len(fingerprints):
            raise ValueError("item_ids and fingerprints differ in length")
        again = [i for i in item_ids if i in self._num]
        if again:
            self.remove(again)
        pdq_codes, pdq_labels, coarse_codes, coarse_labels = [], [], [], []
        for item_id, fp in zip(item_ids, fingerprints, strict=True):
            num = len(self._ids)
            self._ids.append(item_id)
            self._num[item_id] = num
            if isinstance(fp, bytes | bytearray):
                if len(fp) != 32:
                    raise ValueError("a bare PDQ hash must be 32 bytes")
                pdq_codes.append(bytes(fp))
                pdq_labels.append(num * _REGIONS)
                continue
            if fp.reliable:
                for region, h in enumerate(fp.stored_hashes()):
                    pdq_codes.append(h)
                    pdq_labels.append(num * _REGIONS + region)
            coarse_codes.append(fp.coarse)
            coarse_labels.append(num)
        if pdq_codes:
            self._pdq.add(_as_codes(pdq_codes, 32), np.array(pdq_labels))
        if coarse_codes:
            self._coarse.add(_as_codes(coarse_codes, 8), np.array(coarse_labels))

    def add_arrays(
        self, item_ids: Sequence[str], hashes: np.ndarray, coarse: np.ndarray | None = None
    ) -> None:
        """Bulk load: whole-image PDQ hashes as an (n, 32) uint8 array and, optionally, coarse
        codes as (n, 8) (benchmarks, rebuilds from stored columns)."""
        hashes = np.ascontiguousarray(hashes, dtype=np.uint8).reshape(-1, 32)
        if len(item_ids) != len(hashes) or (coarse is not None and len(coarse) != len(hashes)):
            raise ValueError("item_ids, hashes and coarse codes differ in length")
        again = [i for i in item_ids if i in self._num]
        if again:
            self.remove(again)
        start = len(self._ids)
        self._ids.extend(item_ids)
        self._num.update((item_id, start + i) for i, item_id in enumerate(item_ids))
        nums = np.arange(start, start + len(item_ids), dtype=np.int64)
        self._pdq.add(hashes, nums * _REGIONS)
        if coarse is not None:
            self._coarse.add(np.ascontiguousarray(coarse, dtype=np.uint8).reshape(-1, 8), nums)

    def remove(self, item_ids: Iterable[str]) -> int:
        nums = [self._num.pop(i) for i in item_ids if i in self._num]
        for n in nums:
            self._ids[n] = None
        if nums:
            self.removals += 1
            arr = np.array(nums, dtype=np.int64)
            self._pdq.remove((arr[:, None] * _REGIONS + np.arange(_REGIONS)).reshape(-1))
            self._coarse.remove(arr)
        return len(nums)

    def search_pdq(self, queries: Sequence[tuple[int, int, bytes]], radius: int) -> dict[str, PdqHit]:
        """Best hit per item within `radius` bits of any (region, variant, hash) query."""
        if not queries:
            return {}
        qnum, dist, labels = self._pdq.range_search(_as_codes([h for _, _, h in queries], 32), radius)
        best: dict[str, PdqHit] = {}
        for i in _best_per_item(dist, labels // _REGIONS):
            item_id = self._ids[int(labels[i]) // _REGIONS]
            if item_id is not None:
                region, variant, _ = queries[int(qnum[i])]
                best[item_id] = PdqHit(item_id, int(dist[i]), region, variant, int(labels[i]) % _REGIONS)
        return best

    def search_coarse(self, codes: np.ndarray, radius: int) -> dict[str, CoarseHit]:
        """Best coarse-code hit per item within `radius` bits of any query code."""
        _, dist, labels = self._coarse.range_search_grouped(codes, radius, COARSE_GROUP_SPREAD)
        best: dict[str, CoarseHit] = {}
        for i in _best_per_item(dist, labels):
            item_id = self._ids[int(labels[i])]
            if item_id is not None:
                best[item_id] = CoarseHit(item_id, int(dist[i]))
        return best

    def nearest_pdq(self, hashes: np.ndarray, k: int) -> tuple[np.ndarray, list[list[str | None]]]:
        """The k nearest whole-index PDQ codes of each hash (distances, item IDs): for benchmarks."""
        dist, labels = self._pdq.search(hashes, k)
        ids = [[self._ids[int(lab) // _REGIONS] if lab >= 0 else None for lab in row] for row in labels]
        return dist, ids

    def save(self, path: str | Path) -> None:
        pdq_codes, pdq_labels = self.pdq_arrays()
        coarse_codes, coarse_labels = self._coarse.arrays()
        ids = np.array([i if i is not None else "" for i in self._ids], dtype=str)
        alive = np.array([i is not None for i in self._ids], dtype=bool)
        with open(path, "wb") as f:
            np.savez(
                f,
                format=np.array([_FORMAT]),
                ids=ids,
                alive=alive,
                pdq_codes=pdq_codes,
                pdq_labels=pdq_labels,
                coarse_codes=coarse_codes,
                coarse_labels=coarse_labels,
            )

    @classmethod
    def load(cls, path: str | Path, *, use_faiss: bool = True) -> ImageIndex:
        with np.load(path, allow_pickle=False) as z:
            if int(z["format"][0]) != _FORMAT:
                raise ValueError(f"image index format {int(z['format'][0])} is not supported")
            alive = z["alive"]
            saved = SavedImageIndex(
                ids=[str(i) if a else None for i, a in zip(z["ids"].tolist(), alive.tolist(), strict=True)],
                pdq_codes=z["pdq_codes"],
                pdq_labels=z["pdq_labels"],
                coarse_codes=z["coarse_codes"],
                coarse_labels=z["coarse_labels"],
            )
            return cls(use_faiss=use_faiss, saved=saved)


def _best_per_item(dist: np.ndarray, items: np.ndarray) -> np.ndarray:
    """Positions of the smallest distance for each distinct item."""
    if len(dist) == 0:
        return np.empty(0, np.int64)
    order = np.lexsort((dist, items))
    first = np.ones(len(order), bool)
    first[1:] = items[order][1:] != items[order][:-1]
    return order[first]


def _as_codes(hashes: Sequence[bytes], nbytes: int) -> np.ndarray:
    return np.frombuffer(b"".join(hashes), dtype=np.uint8).reshape(-1, nbytes)

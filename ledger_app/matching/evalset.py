"""The image evaluation set: real photos, programmatic alterations, hard negatives, and scoring.

Nothing is downloaded. The photos come from the test fixtures in `tests/fixtures` (Meta's PDQ test photos, the C2PA
test photos) and from scikit-image's bundled data (`skimage.data`: astronaut, cat, coffee, rocket,
Hubble deep field, micrograph, retina, cameraman, coins, the Middlebury motorcycle stereo pair and
the brick, grass and gravel textures), which must be installed (`pip install scikit-image`) to use
them; whatever is missing is skipped. The recipe lives in `resources/evalsets/images.json`.

Alterations (`matching/alterations.py`) are generated with Pillow from a seeded RNG, so a different seed gives an unseen set of
the same kinds: resize (with and without an aspect change), JPEG recompression, symmetric and
asymmetric crops of up to 10 % per edge, a banner (a solid strip with text over 12-18 % of the
height, top or bottom), brightening and darkening, greyscale, mirroring and flipping, rotations by
90/180/270 degrees, thumbnails; every result is saved as a JPEG as a re-upload would be.

Hard negatives: every pair of distinct photos; a look-alike (the right view of the stereo pair,
a different photograph of the same scene taken a few centimetres away, against the left one); and
repetitive textures, each cut into two halves that are different photographs of the same surface.
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from ledger_app.matching.alterations import alterations, beyond_alterations, encode

RECIPE = Path(__file__).resolve().parents[2] / "resources" / "evalsets" / "images.json"
# Photos no threshold was tuned on: only ever measured (see docs/image-evaluation.md).
HELDOUT_RECIPE = RECIPE.with_name("images-heldout.json")

KINDS = (
    "resize",
    "recompress",
    "crop",
    "banner",
    "brightness",
    "greyscale",
    "mirror",
    "rotate",
    "thumbnail",
)
# Alterations past the usual range: each is its own row, in both sets.
BEYOND_KINDS = (
    "crop 15%",
    "crop 20%",
    "crop 30%",
    "crop one edge 20%",
    "part 30%",
    "rotate 5°",
    "caption",
    "collage tile 1/4",
    "frame + watermark",
    "stretch",
)
ALL_KINDS = KINDS + BEYOND_KINDS


@dataclass(frozen=True)
class Photo:
    name: str
    image: Image.Image
    group: str  # photos of one group may legitimately match each other (none do so far)
    note: str = ""


@dataclass(frozen=True)
class Altered:
    source: str
    kind: str
    label: str
    data: bytes


@dataclass
class EvalResult:
    recall: dict[str, tuple[int, int]] = field(default_factory=dict)  # kind -> (found, total)
    misses: list[str] = field(default_factory=list)
    false_matches: list[str] = field(default_factory=list)
    queries: int = 0
    seconds: float = 0.0

    @property
    def found(self) -> int:
        return sum(f for f, _ in self.recall.values())

    @property
    def total(self) -> int:
        return sum(t for _, t in self.recall.values())

    @property
    def overall(self) -> float:
        return self.found / self.total if self.total else 1.0


def combine(results: Iterable[EvalResult]) -> EvalResult:
    """The results of independent draws of one set (other seeds) as one: counts added, lists joined."""
    out = EvalResult()
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in results:
        for kind, (found, total) in r.recall.items():
            totals[kind][0] += found
            totals[kind][1] += total
        out.misses += r.misses
        out.false_matches += r.false_matches
        out.queries += r.queries
        out.seconds += r.seconds
    out.recall = {k: (v[0], v[1]) for k, v in sorted(totals.items(), key=lambda kv: ALL_KINDS.index(kv[0]))}
    return out


def _recipe(path: Path = RECIPE) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def load_photos(
    data: Path, *, names: Iterable[str] | None = None, recipe: Path = RECIPE
) -> tuple[list[Photo], list[tuple[Photo, str]]]:
    """The photos of the recipe that are available, and the look-alikes as (photo, name it resembles)."""
    recipe = _recipe(recipe)
    wanted = set(names) if names is not None else None
    photos: list[Photo] = []
    lookalikes: list[tuple[Photo, str]] = []
    try:
        import skimage.data as skdata
    except ImportError:  # the skimage photos are skipped
        skdata = None
    for entry in recipe["photos"]:
        name = entry["name"]
        if wanted is not None and not wanted & {name, name + "-left", name + "-right"}:
            continue
        im = _load(entry, data, skdata)
        if im is None:
            continue
        for part_name, part in _parts(entry, im):
            if wanted is not None and part_name not in wanted and name not in wanted:
                continue
            photos.append(Photo(part_name, part, entry.get("group", part_name), entry.get("note", "")))
    for entry in recipe["lookalikes"]:
        if wanted is not None and entry["resembles"] not in wanted:
            continue
        im = _load(entry, data, skdata)
        if im is not None:
            lookalikes.append(
                (Photo(entry["name"], im, entry["name"], entry.get("note", "")), entry["resembles"])
            )
    return photos, lookalikes


def _load(entry: dict, data: Path, skdata) -> Image.Image | None:
    im = _load_whole(entry, data, skdata)
    if im is not None and "box" in entry:  # a region of the source, as fractions (x0, y0, x1, y1)
        w, h = im.size
        x0, y0, x1, y1 = entry["box"]
        im = im.crop((round(w * x0), round(h * y0), round(w * x1), round(h * y1)))
    if im is not None and "side" in entry and max(im.size) > entry["side"]:
        im = im.copy()
        im.thumbnail((entry["side"], entry["side"]), Image.Resampling.LANCZOS)
    return im


def _video_frame(path: Path, number: int) -> Image.Image | None:
    import cv2

    cap = cv2.VideoCapture(str(path))
    try:
        frame = None
        for _ in range(number + 1):
            ok, frame = cap.read()
            if not ok:
                return None
    finally:
        cap.release()
    return Image.fromarray(frame[:, :, ::-1].copy())


def _load_whole(entry: dict, data: Path, skdata) -> Image.Image | None:
    if "video" in entry:  # one frame of a video fixture (bursts: frames a second apart)
        p = data / "fixtures" / entry["video"]
        return _video_frame(p, int(entry["frame"])) if p.is_file() else None
    if "fixture" in entry:
        p = data / "fixtures" / entry["fixture"]
        if not p.is_file():
            return None
        with Image.open(p) as im:
            return im.convert("RGB") if im.mode != "L" else im.copy()
    if skdata is None:
        return None
    fn = entry["skimage"]
    try:
        if fn in ("stereo_left", "stereo_right"):
            left, right, _ = skdata.stereo_motorcycle()
            arr = left if fn == "stereo_left" else right
        else:
            arr = getattr(skdata, fn)()
    except Exception:  # a dataset that needs a download is skipped
        return None
    im = Image.fromarray(arr)
    return im.convert("RGB") if im.mode not in ("RGB", "L") else im


def _parts(entry: dict, im: Image.Image) -> list[tuple[str, Image.Image]]:
    if entry.get("split") == "halves":
        w, h = im.size
        return [
            (entry["name"] + "-left", im.crop((0, 0, w // 2, h))),
            (entry["name"] + "-right", im.crop((w // 2, 0, w, h))),
        ]
    return [(entry["name"], im)]


def build(photos: list[Photo], seed: int, *, kinds: str = "usual") -> list[Altered]:
    """The altered copies of `photos` from `seed`: kinds "usual" (KINDS), "beyond" (BEYOND_KINDS)
    or "all"."""
    rng = random.Random(seed)
    out = []
    for p in photos:
        made = []
        if kinds in ("usual", "all"):
            made += alterations(p.image, rng)
        if kinds in ("beyond", "all"):
            made += beyond_alterations(p.image, rng)
        for kind, label, im in made:
            out.append(Altered(p.name, kind, label, encode(im, rng.randint(75, 92))))
    return out


def evaluate(
    photos: list[Photo],
    lookalikes: list[tuple[Photo, str]],
    altered: list[Altered],
    make_matcher: Callable[[], object],
    fingerprint: Callable[[bytes], object],
    *,
    direction: str = "locate",
    work_fingerprint: Callable[[bytes], object] | None = None,
) -> EvalResult:
    """Score a matcher on the set.

    direction "locate": the corpus holds every altered copy and the look-alikes; each original
    photo is the query and must find its own copies and nothing else (how a takedown runs).
    direction "claim": the index holds the originals; each altered copy and look-alike is a query
    and must find its own original only (how ingest checks new items against standing claims).
    """
    import time

    t0 = time.perf_counter()
    res = EvalResult()
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    originals = {p.name: (work_fingerprint or fingerprint)(encode(p.image, 95)) for p in photos}
    group = {p.name: p.group for p in photos}
    matcher = make_matcher()
    if direction == "locate":
        ids = [f"{a.source}|{i}" for i, a in enumerate(altered)]
        fps = [fingerprint(a.data) for a in altered]
        look_ids = [f"lookalike:{p.name}" for p, _ in lookalikes]
        matcher.add(ids + look_ids, fps + [fingerprint(encode(p.image, 90)) for p, _ in lookalikes])
        by_source: dict[str, set[str]] = defaultdict(set)
        for item_id, a in zip(ids, altered, strict=True):
            by_source[a.source].add(item_id)
        kind_of = {item_id: a for item_id, a in zip(ids, altered, strict=True)}
        for p in photos:
            found = {m.item_id for m in matcher.query(originals[p.name])}
            res.queries += 1
            for item_id in sorted(by_source[p.name]):
                a = kind_of[item_id]
                totals[a.kind][1] += 1
                if item_id in found:
                    totals[a.kind][0] += 1
                else:
                    res.misses.append(f"{p.name}: {a.label}")
            for item_id in sorted(found - by_source[p.name]):
                src = item_id.split("|")[0]
                if group.get(src) != p.group:
                    res.false_matches.append(
                        f"{p.name} matched {item_id} ({kind_of[item_id].label if item_id in kind_of else 'look-alike'})"
                    )
    else:
        matcher.add(list(originals), list(originals.values()))
        for a in altered:
            found = {m.item_id for m in matcher.query(fingerprint(a.data))}
            res.queries += 1
            totals[a.kind][1] += 1
            if a.source in found:
                totals[a.kind][0] += 1
            else:
                res.misses.append(f"{a.source}: {a.label}")
            for other in sorted(found - {a.source}):
                if group.get(other) != group.get(a.source):
                    res.false_matches.append(f"{a.source} ({a.label}) matched {other}")
        for p, _ in lookalikes:
            found = {m.item_id for m in matcher.query(fingerprint(encode(p.image, 90)))}
            res.queries += 1
            res.false_matches.extend(f"look-alike {p.name} matched {other}" for other in sorted(found))
    res.recall = {k: (v[0], v[1]) for k, v in sorted(totals.items(), key=lambda kv: ALL_KINDS.index(kv[0]))}
    res.seconds = time.perf_counter() - t0
    return res


def markdown(result: EvalResult, title: str) -> str:
    lines = [f"### {title}", "", "| alteration | found | total | recall |", "|---|---:|---:|---:|"]
    for kind, (found, total) in result.recall.items():
        lines.append(f"| {kind} | {found} | {total} | {found / total:.1%} |")
    lines.append(f"| **all** | **{result.found}** | **{result.total}** | **{result.overall:.1%}** |")
    lines += [
        "",
        f"False matches: **{len(result.false_matches)}** ({result.queries} queries, {result.seconds:.1f} s).",
    ]
    if result.false_matches:
        lines += [f"- {f}" for f in result.false_matches[:20]]
    if result.misses:
        lines += ["", "Missed: " + "; ".join(result.misses[:30]) + (" …" if len(result.misses) > 30 else "")]
    return "\n".join(lines)

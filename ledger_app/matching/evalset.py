"""The image evaluation set: real photos, programmatic alterations, hard negatives, and scoring.

Nothing is downloaded. The photos come from the test fixtures in `tests/fixtures` (Meta's PDQ test photos, the C2PA
test photos) and from scikit-image's bundled data (`skimage.data`: astronaut, cat, coffee, rocket,
Hubble deep field, micrograph, retina, cameraman, coins, the Middlebury motorcycle stereo pair and
the brick, grass and gravel textures), which must be installed (`pip install scikit-image`) to use
them; whatever is missing is skipped. The recipe lives in `resources/evalsets/images.json`.

Alterations are generated with Pillow from a seeded RNG, so a different seed gives an unseen set of
the same kinds: resize (with and without an aspect change), JPEG recompression, symmetric and
asymmetric crops of up to 10 % per edge, a banner (a solid strip with text over 12-18 % of the
height, top or bottom), brightening and darkening, greyscale, mirroring and flipping, rotations by
90/180/270 degrees, thumbnails; every result is saved as a JPEG as a re-upload would be.

Hard negatives: every pair of distinct photos; a look-alike (the right view of the stereo pair,
a different photograph of the same scene taken a few centimetres away, against the left one); and
repetitive textures, each cut into two halves that are different photographs of the same surface.
"""

from __future__ import annotations

import io
import json
import random
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw, ImageEnhance, ImageFont, ImageOps

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


def encode(im: Image.Image, quality: int = 90) -> bytes:
    buf = io.BytesIO()
    im.convert("RGB" if im.mode != "L" else "L").save(buf, "JPEG", quality=quality)
    return buf.getvalue()


def _banner(im: Image.Image, fraction: float, top: bool, rng: random.Random) -> Image.Image:
    im = im.convert("RGB").copy()
    w, h = im.size
    bh = max(4, int(round(h * fraction)))
    y0 = 0 if top else h - bh
    colour = tuple(rng.randrange(256) for _ in range(3))
    ink = tuple(255 - c for c in colour)
    draw = ImageDraw.Draw(im)
    draw.rectangle([0, y0, w, y0 + bh], fill=colour)
    text = rng.choice(
        [
            "© Daily Courier — all rights reserved",
            "PHOTO: AGENCY / STAFF",
            "www.example-news.com",
            "EXCLUSIVE",
        ]
    )
    try:
        font = ImageFont.load_default(size=max(8, int(bh * 0.55)))
    except TypeError:  # Pillow without FreeType sizes
        font = ImageFont.load_default()
    draw.text((int(w * rng.uniform(0.02, 0.2)), y0 + int(bh * 0.2)), text, fill=ink, font=font)
    return im


def _crop(im: Image.Image, left: float, top: float, right: float, bottom: float) -> Image.Image:
    w, h = im.size
    return im.crop((round(w * left), round(h * top), w - round(w * right), h - round(h * bottom)))


def alterations(im: Image.Image, rng: random.Random) -> list[tuple[str, str, Image.Image]]:
    """(kind, label, altered image) for each alteration of one photo, drawn from `rng`."""
    w, h = im.size
    out: list[tuple[str, str, Image.Image]] = []
    s = rng.uniform(0.3, 0.6)
    out.append(
        (
            "resize",
            f"resize x{s:.2f}",
            im.resize((max(8, round(w * s)), max(8, round(h * s))), Image.Resampling.LANCZOS),
        )
    )
    sx, sy = rng.uniform(0.5, 0.9), rng.uniform(0.5, 0.9)
    out.append(
        (
            "resize",
            f"resize {sx:.2f}x{sy:.2f}",
            im.resize((max(8, round(w * sx)), max(8, round(h * sy))), Image.Resampling.BILINEAR),
        )
    )
    for q in (rng.randint(35, 60), rng.randint(10, 25)):
        out.append(("recompress", f"jpeg q{q}", Image.open(io.BytesIO(encode(im, q)))))
    c = rng.uniform(0.03, 0.10)
    out.append(("crop", f"crop {c:.0%} each edge", _crop(im, c, c, c, c)))
    edges = [rng.uniform(0.0, 0.10) for _ in range(4)]
    out.append(("crop", "crop " + "/".join(f"{e:.0%}" for e in edges), _crop(im, *edges)))
    edges = [rng.choice([0.0, rng.uniform(0.05, 0.10)]) for _ in range(4)]
    if not any(edges):
        edges[rng.randrange(4)] = 0.10
    out.append(("crop", "crop " + "/".join(f"{e:.0%}" for e in edges), _crop(im, *edges)))
    top = rng.random() < 0.5
    for frac in (rng.uniform(0.12, 0.15), rng.uniform(0.15, 0.18)):
        out.append(("banner", f"banner {frac:.0%} {'top' if top else 'bottom'}", _banner(im, frac, top, rng)))
        top = not top
    for f in (rng.uniform(1.25, 1.6), rng.uniform(0.45, 0.75)):
        out.append(("brightness", f"brightness x{f:.2f}", ImageEnhance.Brightness(im).enhance(f)))
    out.append(("greyscale", "greyscale", ImageOps.grayscale(im)))
    out.append(("mirror", "mirrored", ImageOps.mirror(im)))
    out.append(("mirror", "flipped", ImageOps.flip(im)))
    for angle in (90, 180, 270):
        out.append(("rotate", f"rotated {angle}", im.rotate(angle, expand=True)))
    side = rng.choice([128, 128, 160, 100])
    t = im.copy()
    t.thumbnail((side, side), Image.Resampling.LANCZOS)
    out.append(("thumbnail", f"thumbnail {side}px", t))
    return out


_CAPTIONS = ("WHEN THE MONDAY MEETING", "COULD HAVE BEEN AN EMAIL", "nobody:", "me at 3 am", "VIRAL!!")


def _font(size: int):  # a Pillow font
    try:
        return ImageFont.load_default(size=max(8, size))
    except TypeError:  # Pillow without FreeType sizes
        return ImageFont.load_default()


def _random_crop(im: Image.Image, area_removed: float, rng: random.Random) -> tuple[str, Image.Image]:
    """Keep (1 - area_removed) of the area, the cut shared unevenly between the edges."""
    keep = 1 - area_removed
    fw = rng.uniform(max(keep, 0.55), 1.0)
    fh = min(1.0, keep / fw)
    fw = keep / fh
    x0, y0 = rng.uniform(0, 1 - fw), rng.uniform(0, 1 - fh)
    return f"{x0:.0%}/{y0:.0%}/{1 - fw - x0:.0%}/{1 - fh - y0:.0%}", _crop(im, x0, y0, 1 - fw - x0, 1 - fh - y0)


def beyond_alterations(im: Image.Image, rng: random.Random) -> list[tuple[str, str, Image.Image]]:
    """(kind, label, altered image) for each alteration past the usual range (BEYOND_KINDS)."""
    im = im.convert("RGB")
    w, h = im.size
    out: list[tuple[str, str, Image.Image]] = []
    for frac, kind in ((0.15, "crop 15%"), (0.20, "crop 20%"), (0.30, "crop 30%")):
        edges, c = _random_crop(im, frac, rng)
        out.append((kind, f"crop {frac:.0%} of the area ({edges})", c))
    edge = rng.randrange(4)
    cut = [0.0, 0.0, 0.0, 0.0]
    cut[edge] = 0.20
    out.append(("crop one edge 20%", f"crop 20% of the {('left', 'top', 'right', 'bottom')[edge]} edge", _crop(im, *cut)))
    label, part = _random_crop(im, 0.70, rng)
    out.append(("part 30%", f"30% of the area kept ({label})", part))
    angle = rng.choice([-5.0, 5.0])
    out.append(("rotate 5°", f"rotated {angle:+.0f}° (expanded, black corners)",
                im.rotate(angle, Image.Resampling.BICUBIC, expand=True)))
    cap = im.copy()
    draw = ImageDraw.Draw(cap)
    size = max(10, h // 9)
    text = rng.choice(_CAPTIONS)
    y = rng.choice([int(h * 0.06), int(h * 0.42), int(h * 0.78)])
    draw.text((int(w * 0.05), y), text, fill="white", font=_font(size), stroke_width=max(1, size // 12), stroke_fill="black")
    out.append(("caption", f"caption across the picture at {y / h:.0%} of the height", cap))
    # A 2 x 2 collage of this photo and three others (painted noise and flat colours: no photo's
    # pixels, so the other tiles can match nothing); the photo takes a quarter of the area.
    tile = im.resize((w // 2, h // 2), Image.Resampling.LANCZOS)
    collage = Image.new("RGB", (2 * tile.width, 2 * tile.height))
    slot = rng.randrange(4)
    for k in range(4):
        pos = ((k % 2) * tile.width, (k // 2) * tile.height)
        if k == slot:
            collage.paste(tile, pos)
        else:
            filler = Image.effect_noise(tile.size, rng.uniform(20, 60)).convert("RGB")
            filler = Image.blend(filler, Image.new("RGB", tile.size, tuple(rng.randrange(256) for _ in range(3))), 0.6)
            collage.paste(filler, pos)
    out.append(("collage tile 1/4", f"tile {('top left', 'top right', 'bottom left', 'bottom right')[slot]} of a 2x2 collage", collage))
    # A wide frame (the photo at 60 % of the width) with a watermark over the frame and picture.
    fw_, fh_ = int(w / 0.6), int(h / 0.75)
    frame = Image.new("RGB", (fw_, fh_), tuple(rng.randrange(40, 220) for _ in range(3)))
    fx, fy = (fw_ - w) // 2, (fh_ - h) // 3
    frame.paste(im, (fx, fy))
    draw = ImageDraw.Draw(frame)
    wm = max(10, fh_ // 14)
    draw.text((int(fw_ * 0.03), fh_ - int(1.6 * wm)), "© stockphotos.example  ·  do not copy", fill="white",
              font=_font(wm), stroke_width=1, stroke_fill="black")
    out.append(("frame + watermark", "in a frame 1.67x as wide, watermark", frame))
    sx, sy = rng.choice([(1.35, 1.0), (1.0, 1.35), (0.75, 1.0)])
    out.append(("stretch", f"stretched {sx:.2f}x{sy:.2f}", im.resize((round(w * sx), round(h * sy)), Image.Resampling.BICUBIC)))
    return out


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

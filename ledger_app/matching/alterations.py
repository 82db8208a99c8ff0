"""The programmatic alterations of the image evaluation set: what a re-upload, a meme or a collage
does to a photo, generated with Pillow from a seeded RNG (evalset.py builds the sets from them).

`alterations`: resize (with and without an aspect change), JPEG recompression, symmetric and
asymmetric crops of up to 10 % per edge, a banner, brightening and darkening, greyscale, mirroring
and flipping, rotations by 90/180/270 degrees, thumbnails. `beyond_alterations`: the harder kinds a
whole-image hash cannot see (crops of 15-30 %, a part, a 5° tilt, a caption, a collage tile, a
frame with a watermark, a stretch). `encode` saves a result as the JPEG a re-upload would be. The
kinds' names are evalset.KINDS and evalset.BEYOND_KINDS.
"""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw, ImageEnhance, ImageFont, ImageOps


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
    """(kind, label, altered image) for each alteration past the usual range (evalset.BEYOND_KINDS)."""
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

"""Synthetic but photo-like pictures and news articles for the demo, made on the spot.

Users have no test fixtures, and the demo must need nothing outside the installed package, so the
pictures are painted from a seed: a sky gradient, layered hills, buildings with lit windows, trees,
sun or moon, and camera noise. They have real detail (PDQ quality 100), differ from each other as
much as unrelated photos do, and survive resizing, cropping and recompression like photos.
"""

from __future__ import annotations

import io

import numpy as np
from PIL import Image, ImageDraw, ImageEnhance, ImageFilter, ImageOps


def scene(seed: int, size: tuple[int, int] = (640, 480)) -> Image.Image:
    rng = np.random.default_rng(seed)
    w, h = size
    # Sky: a vertical gradient between two random colours.
    top, bottom = rng.integers(40, 255, 3), rng.integers(40, 255, 3)
    t = np.linspace(0, 1, h)[:, None, None]
    sky = (top * (1 - t) + bottom * t).astype(np.float32)
    img = np.broadcast_to(sky, (h, w, 3)).copy()
    x = np.arange(w)
    # Hills: a few layers of smooth random ridges, darker towards the front.
    for layer in range(rng.integers(2, 5)):
        base = h * (0.35 + 0.15 * layer + rng.uniform(-0.05, 0.05))
        waves = [rng.uniform(5, 40) * np.sin(x / rng.uniform(20, 160) + rng.uniform(0, 6.28)) for _ in range(4)]
        total = waves[0]  # summed in the order sum() did, so the demo's photos stay the same bytes
        for wave in waves[1:]:
            total = total + wave
        ridge = base + total
        colour = rng.integers(10, 200, 3) * (0.9 - 0.15 * layer)
        ys = np.arange(h)[:, None]
        mask = ys >= ridge[None, :]
        img[mask] = colour
    im = Image.fromarray(np.clip(img, 0, 255).astype(np.uint8))
    d = ImageDraw.Draw(im)
    # Sun or moon.
    r = int(rng.integers(15, 45))
    cx, cy = int(rng.integers(r, w - r)), int(rng.integers(r, h // 3))
    d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=tuple(int(v) for v in rng.integers(180, 255, 3)))
    # Buildings with windows.
    for _ in range(int(rng.integers(3, 12))):
        bw, bh = int(rng.integers(30, 110)), int(rng.integers(60, int(h * 0.6)))
        bx = int(rng.integers(0, w - bw))
        by = h - bh - int(rng.integers(0, h // 8))
        d.rectangle([bx, by, bx + bw, by + bh], fill=tuple(int(v) for v in rng.integers(20, 160, 3)))
        lit = tuple(int(v) for v in rng.integers(150, 255, 3))
        for wy in range(by + 6, by + bh - 8, 14):
            for wx in range(bx + 5, bx + bw - 8, 12):
                if rng.random() < 0.55:
                    d.rectangle([wx, wy, wx + 5, wy + 7], fill=lit)
    # Trees.
    for _ in range(int(rng.integers(2, 9))):
        tx, ty = int(rng.integers(0, w)), int(rng.integers(h // 2, h))
        tr = int(rng.integers(10, 35))
        d.rectangle([tx - 3, ty, tx + 3, ty + tr], fill=(60, 40, 20))
        d.ellipse([tx - tr, ty - tr * 2, tx + tr, ty + 2], fill=tuple(int(v) for v in rng.integers(20, 140, 3)))
    im = im.filter(ImageFilter.GaussianBlur(0.6))
    noise = rng.normal(0, 6, (h, w, 3))
    arr = np.clip(np.asarray(im, np.float32) + noise, 0, 255).astype(np.uint8)
    return Image.fromarray(arr)


def jpeg_bytes(im: Image.Image, quality: int = 88) -> bytes:
    buf = io.BytesIO()
    im.convert("RGB").save(buf, "JPEG", quality=quality)
    return buf.getvalue()


def altered_copies(im: Image.Image) -> dict[str, Image.Image]:
    """What re-uploaders do to a photo: resize, crop, mirror, banner, brighten, greyscale."""
    w, h = im.size
    banner = im.copy()
    d = ImageDraw.Draw(banner)
    d.rectangle([0, h - h // 7, w, h], fill=(20, 20, 20))
    d.text((10, h - h // 9), "reposted by @collector — follow for more", fill=(240, 240, 240))
    return {
        "resized": im.resize((w // 2, h // 2), Image.Resampling.LANCZOS),
        "cropped": im.crop((int(w * 0.07), int(h * 0.06), int(w * 0.93), int(h * 0.95))),
        "mirrored": ImageOps.mirror(im),
        "banner": banner,
        "brighter": ImageEnhance.Brightness(im).enhance(1.25),
        "greyscale": ImageOps.grayscale(im).convert("RGB"),
    }


PUBLISHER_ARTICLE = """Port authority confirms night-time dredging will continue through the winter

The port authority confirmed on Monday that dredging of the main shipping channel will continue at night
until the end of February, despite complaints from residents of the eastern quays about noise and lights.

The authority's director, speaking at a public meeting attended by more than two hundred people, said the
work could not be moved to daytime hours because the channel must stay open for ferries and cargo ships
between six in the morning and ten at night. Residents presented a petition with 1,800 signatures asking
for the work to stop at midnight.

Environmental groups also raised concerns about the disturbance of contaminated sediment left by the old
shipyard. The authority said independent monitoring had found no release of heavy metals so far, and that
results would be published every week on its website.

The dredging is part of a plan to deepen the channel to fourteen metres so that larger container ships can
dock. The city expects the deeper channel to bring four hundred new jobs to the port by 2030.
"""

EXCERPT_REPOST = """Morning digest. Traffic was light on the ring road and the museum announced a new exhibition of
maritime paintings. The authority's director, speaking at a public meeting attended by more than two hundred people,
said the work could not be moved to daytime hours because the channel must stay open for ferries and cargo ships
between six in the morning and ten at night. Residents presented a petition with 1,800 signatures asking for the
work to stop at midnight. In sports, the rowing club won its first regional title in a decade."""

OTHER_ARTICLES = [
    "Library extends opening hours\n\nThe central library will open until nine in the evening from next month, the "
    "council said, after a survey showed strong demand from students and shift workers. The change costs little "
    "because volunteers will staff the reading rooms on two evenings a week.",
    "Rowing club wins regional title\n\nThe harbour rowing club won the regional championship on Saturday for the "
    "first time in ten years, beating the favourites by half a length in the final race on the river.",
    "New bus routes for the eastern districts\n\nThree new bus routes will connect the eastern districts with the "
    "hospital and the university from January, the transport company announced. Buses will run every twelve minutes.",
    "Ferry timetable changes\n\nThe ferry company will add two late crossings on Fridays and Saturdays during the "
    "winter season, it said on Thursday, after passenger numbers rose by a fifth compared with last year.",
    "Port jobs fair draws crowds\n\nHundreds of job seekers visited the port's first jobs fair on Wednesday. Logistics "
    "firms, the shipyard and the ferry company offered apprenticeships and permanent positions.",
    "港口夜间疏浚引发居民不满\n\n东码头居民表示，夜间疏浚作业的噪音和灯光影响休息。港务局回应称，航道白天需保持畅通，"
    "作业只能在夜间进行，并承诺每周公布环境监测结果。",
]

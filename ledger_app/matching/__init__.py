"""Fingerprints and near-duplicate matching for ingest and locate.

At ingest (in worker processes), fingerprint each item once and store the bytes:

    fp = image_fingerprint(data)          # raises InputRefused with a reason for bad images
    row.image_fp = fp.to_bytes()          # ~0.8 KB of hashes + a ~6 KB greyscale thumbnail
    tfp = text_fingerprint(text)
    row.text_fp = tfp.to_bytes()          # MinHash (512 B) + a 1/8 sample of shingle hashes

Build the indexes from those bytes (and keep them up to date with add/remove, or save/load):

    images = ImageMatcher(ImageIndex(), fingerprints=load_image_fps)  # load_image_fps(ids) -> {id: bytes}
    images.add(ids, fp_bytes)             # or images.index.add(...) with a loader for thumbnails
    texts = TextIndex(texts=load_texts)   # load_texts(ids) -> {id: str}, for exact scores and passages
    texts.add(ids, text_fp_bytes)

Query with a claimed file's bytes or an article's text:

    images.query(None, claimed_bytes)     # -> [ImageMatch(item_id, distance, score, method, detail)]
    texts.query(None, article_text)       # -> [TextMatch(item_id, score, containment, passage, detail)]

Modules: `image` (PDQ, crops, thumbnail, safe decoding), `coarse` (crop-tolerant code),
`binary_index` and `image_index` (Hamming search, faiss when installed), `verify` (ORB + RANSAC +
block ZNCC), `image_match` (the matcher), `text` and `text_index`, and the evaluation sets
(`evalset`, `text_evalset`). A matcher or index is not thread-safe: use one per thread.
"""

from __future__ import annotations

import importlib

# Imported on first use, so that `import ledger_app.matching.text` does not pull in OpenCV or faiss.
_EXPORTS = {
    "ImageFingerprint": "image",
    "image_fingerprint": "image",
    "ImageIndex": "image_index",
    "ImageMatch": "image_match",
    "ImageMatcher": "image_match",
    "TextFingerprint": "text",
    "text_fingerprint": "text",
    "TextIndex": "text_index",
    "TextMatch": "text_index",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

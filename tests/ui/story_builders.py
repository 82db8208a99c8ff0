"""Builders for the UI story tests: real photos from the shared PDQ fixtures in a WebDataset tar."""

from __future__ import annotations

from pathlib import Path

from tests.takedown.td_builders import write_photo_shard

PHOTOS = ("q0122.jpg", "q0291.jpg", "q0746.jpg")


def photo_paths(data_dir: Path) -> list[Path]:
    folder = data_dir / "fixtures" / "pdq" / "labelme-subset"
    return [folder / name for name in PHOTOS]


def build_photo_corpus(root: Path, data_dir: Path) -> tuple[Path, dict[str, str]]:
    """A WebDataset folder: the three photos plus five altered copies of the first; key -> what."""
    what = write_photo_shard(root, photo_paths(data_dir))
    return root, what

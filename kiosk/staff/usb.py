"""Where an export can go: mounted removable media (a USB stick the desktop or udisks mounted under
/media/<user>/<label>, /run/media/<user>/<label>, or by hand under /mnt/<name>)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

MOUNT_ROOTS: tuple[tuple[Path, int], ...] = (
    (Path("/media"), 2),
    (Path("/run/media"), 2),
    (Path("/mnt"), 1),
)


def _children(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.is_dir())
    except OSError:
        return []


def removable_folders(roots: Sequence[tuple[Path, int]] = MOUNT_ROOTS) -> list[Path]:
    """Writable folders `depth` levels under each root (depth 2: /media/<user>/<label>)."""
    found: list[Path] = []
    for root, depth in roots:
        level = [root]
        for _ in range(depth):
            level = [child for folder in level for child in _children(folder)]
        found.extend(p for p in level if os.access(p, os.W_OK))
    return found

"""Finding mounted USB sticks: folders at the right depth under each root, writable ones only."""

from __future__ import annotations

from pathlib import Path

from kiosk.staff.usb import removable_folders


def test_mounts_at_their_depth_are_found(tmp_path: Path) -> None:
    media, mnt = tmp_path / "media", tmp_path / "mnt"
    stick = media / "kiosk" / "USB-STICK"
    stick.mkdir(parents=True)
    (media / "kiosk" / "notes.txt").write_text("not a mount")
    (mnt / "backup").mkdir(parents=True)
    (mnt / "backup" / "deeper").mkdir()
    roots = ((media, 2), (mnt, 1), (tmp_path / "absent", 2))
    assert removable_folders(roots) == [stick, mnt / "backup"]

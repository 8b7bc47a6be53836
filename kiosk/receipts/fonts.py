"""Find a font that can draw Chinese: a list of known paths first, then fontconfig.

Without one, receipts would print boxes; the fallback is Pillow's built-in font (Latin only)
and it is reported loudly, never silently.
"""

from __future__ import annotations

import functools
import logging
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from PIL import ImageFont

log = logging.getLogger(__name__)

KNOWN_CJK_FONTS: tuple[str, ...] = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",  # Debian fonts-wqy-microhei
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/System/Library/Fonts/PingFang.ttc",
    "C:/Windows/Fonts/msyh.ttc",
)
_PROBE = "电费缴"  # characters every CJK font has


@dataclass(frozen=True)
class FontChoice:
    path: str | None  # None: Pillow's built-in font
    cjk: bool


def _draws_cjk(path: str) -> bool:
    try:
        font = ImageFont.truetype(path, 24)
    except OSError:
        return False
    # A font without the glyphs maps them all to the same .notdef box.
    masks = {bytes(font.getmask(ch)) for ch in _PROBE}
    return len(masks) == len(_PROBE)


@functools.cache
def _fc_match() -> str | None:
    """Asked once per process: fontconfig's answer does not change while the kiosk runs."""
    exe = shutil.which("fc-match")
    if exe is None:
        return None
    try:
        done = subprocess.run(
            [exe, ":lang=zh-cn", "-f", "%{file}"],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    path = done.stdout.strip()
    return path or None


@functools.cache
def find_cjk_font(
    candidates: tuple[str, ...] = KNOWN_CJK_FONTS, use_fc_match: bool = True
) -> FontChoice:
    """The first font (the candidates, then fontconfig's pick) that really draws Chinese."""
    paths = list(candidates)
    matched = _fc_match() if use_fc_match else None
    if matched:
        paths.append(matched)
    for path in paths:
        if Path(path).is_file() and _draws_cjk(path):
            return FontChoice(path, cjk=True)
    log.error(
        "no CJK font found (tried %s); receipts fall back to Pillow's built-in Latin font "
        "and Chinese text will not print. Install fonts-wqy-microhei.",
        ", ".join(paths),
    )
    return FontChoice(None, cjk=False)


@functools.cache
def load_font(
    size: int, choice: FontChoice | None = None
) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """A font of `size` pixels from `choice` (default: the CJK font found on this system)."""
    choice = choice or find_cjk_font()
    if choice.path is None:
        return ImageFont.load_default(size)
    return ImageFont.truetype(choice.path, size)

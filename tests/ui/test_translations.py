"""Every user-facing string goes through Qt's translation system and has a Chinese translation."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "assets" / "translations" / "kiosk_zh_CN.ts"


def messages(path: Path) -> dict[tuple[str, str], tuple[str, str | None]]:
    tree = ET.parse(path)
    found = {}
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            found[(name, message.findtext("source") or "")] = (
                translation.text or "",
                translation.get("type"),
            )
    return found


def test_every_string_in_the_ts_is_translated():
    untranslated = [
        f"{ctx}: {src!r}"
        for (ctx, src), (text, kind) in messages(TS).items()
        if kind in ("unfinished", "vanished", "obsolete") or not text.strip()
    ]
    assert untranslated == []


def test_the_ts_covers_every_string_in_the_ui(tmp_path: Path):
    """lupdate over ui/ must find nothing the committed .ts does not already translate."""
    lupdate = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
    assert lupdate, "pyside6-lupdate is installed with PySide6"
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))
    subprocess.run([lupdate, *sources, "-ts", str(fresh)], check=True, capture_output=True)
    committed = messages(TS)
    missing = sorted(
        f"{ctx}: {src!r}" for ctx, src in messages(fresh) if (ctx, src) not in committed
    )
    assert missing == [], "run `make translations` and translate the new strings"


def test_placeholders_survive_translation():
    import re

    for (ctx, src), (text, _kind) in messages(TS).items():
        assert set(re.findall(r"\{\w+\}", src)) == set(re.findall(r"\{\w+\}", text)), (ctx, src)

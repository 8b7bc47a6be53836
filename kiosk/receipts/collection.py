"""The slip printed when staff empty the cash box: expected vs counted notes, and the difference."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo

from PIL import Image

from kiosk.money import format_yuan
from kiosk.receipts.labels import label
from kiosk.receipts.layout import Sheet
from kiosk.receipts.model import LANGUAGES, Language, check_amount
from kiosk.receipts.render import CHINA_STANDARD_TIME


@dataclass(frozen=True)
class CollectionSlip:
    kiosk_id: str
    kiosk_location: str
    collected_at: datetime  # timezone-aware
    collection_id: str
    operator: str  # staff id, not a name
    expected: Mapping[int, int]  # {denomination fen: notes the journal says are in the box}
    counted: Mapping[int, int]  # {denomination fen: notes the staff counted}
    language: Language = "zh"

    def __post_init__(self) -> None:
        if self.collected_at.tzinfo is None:
            raise ValueError("collected_at must be timezone-aware")
        if self.language not in LANGUAGES:
            raise ValueError(f"language must be one of {LANGUAGES}")
        for notes in (self.expected, self.counted):
            for value, count in notes.items():
                check_amount("denomination", value)
                check_amount("note count", count)
                if value == 0:
                    raise ValueError("denomination must be positive")

    @property
    def expected_total_fen(self) -> int:
        return sum(v * n for v, n in self.expected.items())

    @property
    def counted_total_fen(self) -> int:
        return sum(v * n for v, n in self.counted.items())

    @property
    def discrepancy_fen(self) -> int:
        """Counted minus expected: negative means notes are missing."""
        return self.counted_total_fen - self.expected_total_fen


def render_collection_slip(
    slip: CollectionSlip, width_px: int, display_tz: tzinfo = CHINA_STANDARD_TIME
) -> Image.Image:
    lang = slip.language
    sheet = Sheet(width_px)

    def t(key: str) -> str:
        return label(lang, key)

    sheet.text(t("slip_title"), sheet.big, align="center")
    sheet.gap(sheet.margin)
    sheet.pair(t("kiosk"), slip.kiosk_id, sheet.small)
    sheet.pair(t("location"), slip.kiosk_location, sheet.small)
    when = slip.collected_at.astimezone(display_tz).strftime("%Y-%m-%d %H:%M:%S")
    sheet.pair(t("time"), when, sheet.small)
    sheet.pair(t("slip_id"), slip.collection_id, sheet.small)
    sheet.pair(t("slip_operator"), slip.operator, sheet.small)
    sheet.rule()
    stops = (0.62, 1.0)
    sheet.columns((t("slip_denomination"), t("slip_expected"), t("slip_counted")), stops)
    for value in sorted(set(slip.expected) | set(slip.counted), reverse=True):
        expected, counted = slip.expected.get(value, 0), slip.counted.get(value, 0)
        mark = "" if expected == counted else " *"
        sheet.columns((format_yuan(value) + mark, str(expected), str(counted)), stops)
    sheet.rule()
    sheet.pair(t("slip_expected_total"), format_yuan(slip.expected_total_fen))
    sheet.pair(t("slip_counted_total"), format_yuan(slip.counted_total_fen))
    if slip.discrepancy_fen:
        sheet.pair(t("slip_discrepancy"), format_yuan(slip.discrepancy_fen), sheet.big)
    else:
        sheet.text(t("slip_balanced"), align="center")
    sheet.rule()
    sheet.gap(sheet.margin * 3)
    sheet.text(f"{t('slip_signature')}: ____________________")
    return sheet.render()

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest
from PIL import ImageChops

from kiosk.receipts.collection import CollectionSlip, render_collection_slip


def slip(**changes: object) -> CollectionSlip:
    base = CollectionSlip(
        kiosk_id="K-0042",
        kiosk_location="福州市鼓楼区五四路营业厅 1号机",
        collected_at=datetime(2026, 11, 26, 10, 0, tzinfo=UTC),
        collection_id="C-20261126-0007",
        operator="S-1001",
        expected={10000: 12, 5000: 3, 2000: 5, 1000: 7},
        counted={10000: 11, 5000: 3, 2000: 5, 1000: 7},
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def test_discrepancy_in_fen() -> None:
    s = slip()
    assert s.expected_total_fen == 120000 + 15000 + 10000 + 7000
    assert s.discrepancy_fen == -10000
    assert slip(counted=slip().expected).discrepancy_fen == 0


@pytest.mark.parametrize("width", [576, 384])
@pytest.mark.parametrize("language", ["zh", "en"])
def test_renders(width: int, language: str) -> None:
    image = render_collection_slip(slip(language=language), width)
    assert image.mode == "1" and image.width == width and image.height > 300


def test_counts_reach_the_paper() -> None:
    a = render_collection_slip(slip(), 576)
    b = render_collection_slip(slip(counted={10000: 12, 5000: 3, 2000: 5, 1000: 7}), 576)
    assert a.size != b.size or ImageChops.difference(a.convert("L"), b.convert("L")).getbbox()


def test_bad_input() -> None:
    with pytest.raises(ValueError, match="negative"):
        slip(counted={10000: -1})
    with pytest.raises(ValueError, match="timezone"):
        slip(collected_at=datetime(2026, 11, 26, 10, 0))

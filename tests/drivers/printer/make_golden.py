"""Regenerate the golden receipt PNGs: `.venv/bin/python -m tests.drivers.printer.make_golden`.

Run only after a deliberate change to the receipt layout, then LOOK at every PNG before
committing it (Chinese must render as characters, not boxes).
"""

from __future__ import annotations

from tests.drivers.printer.golden_io import GOLDEN_DIR, print_and_read_back
from tests.kiosk.receipts.samples import GOLDEN_CASES


def main() -> None:
    GOLDEN_DIR.mkdir(exist_ok=True)
    for name, (receipt, width) in GOLDEN_CASES.items():
        image, _ = print_and_read_back(receipt, width)
        path = GOLDEN_DIR / f"{name}.png"
        image.save(path, optimize=True)
        print(f"wrote {path} {image.size}")


if __name__ == "__main__":
    main()

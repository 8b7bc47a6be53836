"""Child process of test_durability: journals notes in a loop, printing each id after commit."""

from __future__ import annotations

import sys
from pathlib import Path

from kiosk.clock import SystemClock
from kiosk.journal import Journal


def main() -> None:
    path = Path(sys.argv[1])
    limit = int(sys.argv[2])
    journal = Journal.open(path, SystemClock())
    txn = journal.create_transaction(
        kiosk_id="K-330106-0001", kind="payment", account_no="3300000001", state="collecting"
    )
    print(f"txn {txn.id}", flush=True)
    for _ in range(limit):
        note = journal.record_note(txn.id, 10000, "nv200", 4)
        print(f"note {note.id}", flush=True)
    journal.close()


if __name__ == "__main__":
    main()

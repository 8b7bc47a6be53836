"""python -m backend_sim: the same as `kiosk backend-sim`."""

from __future__ import annotations

import sys

from backend_sim.server import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

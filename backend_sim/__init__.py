"""Simulator of the utility back end (API v1) for demos, development and tests.

`backend_sim.server.SimulatorServer` serves it over HTTP/1.1 on loopback; `python -m backend_sim`
(or `kiosk backend-sim`) runs it from the command line. State lives in one SQLite file; the
seed data is `seed.json`. Endpoints under /v1/sim/ steer it (faults, clock, reset, ledger).
"""

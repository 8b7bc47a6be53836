"""Shared helpers of the back-end client tests (a uniquely named module, imported by name)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

KIOSK_ID = "K-330106-0001"
SECRET = "dev-secret-change-me"

Handler = Callable[[httpx.Request], httpx.Response]


class Recorder:
    """Answers every request with the next canned reply and keeps what was sent."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []
        self.reply: Handler = lambda request: httpx.Response(500)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        return self.reply(request)

    def json(self, status: int, body: Any, **headers: str) -> None:
        self.reply = lambda request: httpx.Response(status, json=body, headers=headers)

    def raw(self, status: int, content: bytes, content_type: str = "application/json") -> None:
        headers = {"Content-Type": content_type}
        self.reply = lambda request: httpx.Response(status, content=content, headers=headers)

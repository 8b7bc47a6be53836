"""API errors as exceptions, rendered to the contract's error body by the router."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """A contract error: HTTP status, machine code, human message and whether to retry."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        retryable: bool = False,
        fields: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.retryable = retryable
        self.fields = fields
        self.extra = extra or {}
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        error: dict[str, Any] = {
            "code": self.code,
            "message": self.message,
            "retryable": self.retryable,
        }
        if self.fields is not None:
            error["fields"] = self.fields
        error.update(self.extra)
        body: dict[str, Any] = {"error": error}
        body.update(self.extra)
        return body


def validation(fields: dict[str, str]) -> ApiError:
    return ApiError(400, "VALIDATION", "request has invalid fields", fields=fields)


def not_found(what: str) -> ApiError:
    return ApiError(404, "NOT_FOUND", f"{what} not found")


def account_not_found(account_no: str) -> ApiError:
    return ApiError(404, "ACCOUNT_NOT_FOUND", f"account {account_no} not found")


def business(code: str, message: str) -> ApiError:
    return ApiError(422, code, message)

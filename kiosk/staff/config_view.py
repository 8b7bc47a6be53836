"""The effective settings as a read-only list for the technician, with every secret masked.

Masked: pydantic SecretStr values, any field whose name sounds secret (secret, password, token,
key, pin, hmac, private, credential: the HMAC secret, its file and the TLS client key included),
passwords in URLs, and any value that contains the resolved back-end secret. A masked value
shows only whether it is set, never its length or any character of it.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from pydantic import BaseModel, SecretBytes, SecretStr

from kiosk.config import Settings
from kiosk.staff.local_settings import LocalSettings

MASK_SET = "******** (set)"
MASK_UNSET = "(not set)"
_SECRET_NAME = re.compile(
    r"(secret|passw|passphrase|token|(^|_)key($|_)|(^|_)pin($|_)|hmac|private|credential)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class SettingLine:
    key: str  # dotted, e.g. "backend.secret"
    value: str
    masked: bool


def _is_secret_name(name: str) -> bool:
    return bool(_SECRET_NAME.search(name))


def _unset(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, SecretStr | SecretBytes):
        return not value.get_secret_value()
    return isinstance(value, str) and not value


def _url_without_password(text: str) -> str:
    try:
        parts = urlsplit(text)
    except ValueError:
        return text
    if parts.password is None and parts.username is None:
        return text
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    user = f"{parts.username}:{MASK_SET.split()[0]}@" if parts.username else ""
    return urlunsplit((parts.scheme, user + host, parts.path, parts.query, parts.fragment))


def _show(value: Any) -> str:
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return _url_without_password(value) if "://" in value else value
    return str(value)


def _walk(model: BaseModel, prefix: str) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for name in type(model).model_fields:
        value = getattr(model, name)
        key = f"{prefix}{name}"
        if isinstance(value, BaseModel):
            out.extend(_walk(value, key + "."))
        else:
            out.append((key, value))
    return out


def _known_secrets(settings: Settings) -> list[str]:
    found = [settings.backend.secret.get_secret_value()]
    # An unreadable secret file: nothing to hide; the view still says it is set.
    with contextlib.suppress(OSError):
        found.append(settings.backend.resolved_secret())
    return [s for s in found if len(s) >= 4]


def settings_view(settings: Settings) -> list[SettingLine]:
    """Every setting as dotted key and display text, secrets masked."""
    secrets = _known_secrets(settings)
    lines = []
    for key, value in _walk(settings, ""):
        field = key.rsplit(".", 1)[-1]
        if isinstance(value, SecretStr | SecretBytes) or _is_secret_name(field):
            lines.append(SettingLine(key, MASK_UNSET if _unset(value) else MASK_SET, True))
            continue
        shown = _show(value)
        if any(secret in shown for secret in secrets):
            lines.append(SettingLine(key, MASK_SET, True))
            continue
        lines.append(SettingLine(key, shown, False))
    return lines


def settings_text(settings: Settings) -> str:
    return "\n".join(f"{line.key} = {line.value}" for line in settings_view(settings))


def local_settings_lines(local: LocalSettings) -> list[str]:
    """What a technician set at the kiosk, as `key = value` lines under the config's names."""
    values = {"ui.voice_volume": local.voice_volume, "ui.click_sound": local.click_sound}
    return [
        f"{key} = {str(value).lower() if isinstance(value, bool) else value}"
        for key, value in values.items()
        if value is not None
    ]

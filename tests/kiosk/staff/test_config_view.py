"""The technician's settings view: everything shown, nothing secret readable."""

from __future__ import annotations

from pathlib import Path

from kiosk.config import DEFAULT_CONFIG, load_config
from kiosk.staff.config_view import MASK_SET, MASK_UNSET, settings_text, settings_view

HMAC = "hmac-secret-Zq81-do-not-show"
FILE_SECRET = "file-secret-Pw55-also-hidden"


def _settings(tmp_path: Path, **backend: object):
    settings = load_config(DEFAULT_CONFIG, env={})
    return settings.model_copy(update={"backend": settings.backend.model_copy(update=backend)})


def test_secrets_are_masked_and_the_rest_is_shown(tmp_path: Path) -> None:
    from pydantic import SecretStr

    key = tmp_path / "client.key"
    settings = _settings(
        tmp_path,
        secret=SecretStr(HMAC),
        client_key=key,
        client_cert=tmp_path / "client.pem",
        url="https://kiosk:pa55word-x@utility.example:8443/api",
    )
    view = {line.key: line for line in settings_view(settings)}
    text = settings_text(settings)
    assert HMAC not in text and "pa55word-x" not in text and str(key) not in text
    assert view["backend.secret"].value == MASK_SET and view["backend.secret"].masked
    assert view["backend.client_key"].value == MASK_SET
    assert view["backend.secret_file"].value == MASK_UNSET
    assert view["backend.url"].value == "https://kiosk:********@utility.example:8443/api"
    # ordinary settings stay readable
    assert view["backend.client_cert"].value == str(tmp_path / "client.pem")
    assert view["kiosk.id"].value == settings.kiosk.id and not view["kiosk.id"].masked
    assert view["devices.cash.driver"].value == settings.devices.cash.driver
    assert view["session.idle_timeout_s"].value == str(settings.session.idle_timeout_s)
    assert view["ui.fullscreen"].value in ("true", "false")


def test_a_secret_file_is_masked_and_its_content_never_shown(tmp_path: Path) -> None:
    secret_file = tmp_path / "hmac.secret"
    secret_file.write_text(FILE_SECRET + "\n")
    # the same text pasted where it does not belong is caught by value
    settings = _settings(tmp_path, secret_file=secret_file)
    settings = settings.model_copy(
        update={"kiosk": settings.kiosk.model_copy(update={"location": f"hall {FILE_SECRET}"})}
    )
    view = {line.key: line for line in settings_view(settings)}
    assert FILE_SECRET not in settings_text(settings)
    assert view["backend.secret_file"].value == MASK_SET
    assert view["kiosk.location"].value == MASK_SET and view["kiosk.location"].masked
    assert view["backend.secret"].masked
    assert settings.backend.secret.get_secret_value() not in settings_text(settings)

"""Kiosk configuration: a TOML file validated by pydantic-settings, with a few env overrides.

Precedence: built-in defaults < TOML file < environment (`KIOSK_DATA_DIR`, `KIOSK_BACKEND_URL`).
`KIOSK_CONFIG` names the file when `--config` is not given.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG = PROJECT_ROOT / "config" / "simulation.toml"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class KioskSection(_Section):
    id: str = Field(default="K-330106-0001", pattern=r"^[A-Za-z0-9-]{3,32}$")
    location: str = "杭州市西湖区文三路营业厅"
    data_dir: Path = Path("var")
    language: Literal["zh", "en"] = "zh"
    account_min_digits: int = Field(default=10, ge=6, le=20)
    account_max_digits: int = Field(default=13, ge=6, le=20)
    e_receipt_url: str = "https://e.utility.example/r/{receipt_no}"

    @model_validator(mode="after")
    def _lengths(self) -> KioskSection:
        if self.account_min_digits > self.account_max_digits:
            raise ValueError("account_min_digits must not exceed account_max_digits")
        return self


class BackendSection(_Section):
    url: str = "http://127.0.0.1:8765"
    # Start the utility back-end simulator in-process (simulation mode only).
    simulate: bool = False
    sim_state: Path | None = None
    secret: SecretStr = SecretStr("")
    secret_file: Path | None = None  # preferred in production: readable by the service user only
    ca_bundle: Path | None = None
    client_cert: Path | None = None
    client_key: Path | None = None
    connect_timeout_s: float = Field(default=3.0, gt=0, le=60)
    read_timeout_s: float = Field(default=10.0, gt=0, le=120)

    @model_validator(mode="after")
    def _tls_off_loopback(self) -> BackendSection:
        """Money and card data never cross a network in clear: plain HTTP only to loopback."""
        parts = urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"backend url must be http(s)://host[:port], got {self.url!r}")
        if parts.scheme == "http" and parts.hostname not in ("127.0.0.1", "localhost", "::1"):
            raise ValueError("backend url must use https except on loopback (the simulator)")
        return self

    def resolved_secret(self) -> str:
        if self.secret_file is not None:
            return self.secret_file.read_text(encoding="utf-8").strip()
        return self.secret.get_secret_value()


class CashSection(_Section):
    driver: Literal["fake", "essp", "id003", "ccnet", "none"] = "fake"
    port: str = ""
    encrypted: bool = False


class CardSection(_Section):
    driver: Literal["fake", "pcsc", "none"] = "fake"
    reader: str = ""


class ScannerSection(_Section):
    driver: Literal["fake", "camera", "none"] = "fake"
    camera: int = 0
    decoder: Literal["zxing", "pyzbar"] = "zxing"


class PrinterSection(_Section):
    driver: Literal["fake", "escpos", "none"] = "fake"
    target: str = ""
    width_px: int = Field(default=576, ge=200, le=1200)


class DevicesSection(_Section):
    cash: CashSection = CashSection()
    card: CardSection = CardSection()
    scanner: ScannerSection = ScannerSection()
    printer: PrinterSection = PrinterSection()


class SessionSection(_Section):
    idle_timeout_s: int = Field(default=60, ge=10, le=600)
    senior_idle_timeout_s: int = Field(default=120, ge=10, le=1200)
    warning_s: int = Field(default=20, ge=20, le=120)  # WCAG 2.2.1: at least 20 s to extend
    cash_insert_timeout_s: int = Field(default=60, ge=20, le=600)
    posting_wait_s: int = Field(default=15, ge=1, le=120)
    wallet_poll_s: float = Field(default=3.0, ge=0.1, le=5.0)  # the wallets ask for 3-5 s
    wallet_wait_s: int = Field(default=45, ge=10, le=120)  # WeChat revokes after 45 s
    qr_expires_s: int = Field(default=300, ge=60, le=900)  # the displayed QR's own expiry


class UiSection(_Section):
    fullscreen: bool = True
    width: int = Field(default=1920, ge=640)
    height: int = Field(default=1080, ge=480)
    click_sound: bool = True
    voice_volume: float = Field(default=0.8, ge=0.0, le=1.0)  # technicians change it live too
    simulation_panel: bool = False


class Settings(BaseSettings):
    model_config = SettingsConfigDict(extra="forbid", frozen=True)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Only the file (and the three documented KIOSK_* variables, applied by load_config):
        stray environment variables such as BACKEND must not reconfigure a kiosk."""
        return (init_settings,)

    kiosk: KioskSection = KioskSection()
    backend: BackendSection = BackendSection()
    devices: DevicesSection = DevicesSection()
    session: SessionSection = SessionSection()
    ui: UiSection = UiSection()

    @property
    def data_dir(self) -> Path:
        return self.kiosk.data_dir


class ConfigError(Exception):
    """The configuration file is missing, not TOML, or has a bad key or value."""


def load_config(path: Path | None = None, env: dict[str, str] | None = None) -> Settings:
    """Load and validate the configuration; relative paths are anchored at the project."""
    env = dict(os.environ) if env is None else env
    if path is None:
        path = Path(env["KIOSK_CONFIG"]) if env.get("KIOSK_CONFIG") else DEFAULT_CONFIG
    try:
        raw: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"configuration file not found: {path}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read: {exc.strerror or exc}") from exc
    for section in ("kiosk", "backend"):
        if not isinstance(raw.setdefault(section, {}), dict):
            raise ConfigError(f"{path}: [{section}] must be a table")
    if env.get("KIOSK_DATA_DIR"):
        raw["kiosk"]["data_dir"] = env["KIOSK_DATA_DIR"]
    if env.get("KIOSK_BACKEND_URL"):
        backend = raw["backend"]
        backend["url"] = env["KIOSK_BACKEND_URL"]
        backend["simulate"] = False
    try:
        settings = Settings(**raw)
    except ValueError as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    return _anchor_paths(settings, path.resolve().parent.parent)


def _anchor_paths(settings: Settings, base: Path) -> Settings:
    """Make relative paths in the file relative to the project (the config folder's parent)."""

    def anchor(p: Path | None) -> Path | None:
        if p is None or p.is_absolute():
            return p
        return base / p

    data_dir = anchor(settings.kiosk.data_dir)
    assert data_dir is not None
    kiosk = settings.kiosk.model_copy(update={"data_dir": data_dir})
    backend = settings.backend.model_copy(
        update={
            "sim_state": anchor(settings.backend.sim_state),
            "secret_file": anchor(settings.backend.secret_file),
        }
    )
    return settings.model_copy(update={"kiosk": kiosk, "backend": backend})

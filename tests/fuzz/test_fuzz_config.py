"""Random text and random values into kiosk.config.load_config: a Settings or ConfigError, never
anything else (a typo on site must give a clear message, not a traceback)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.config import DEFAULT_CONFIG, ConfigError, Settings, load_config

FUZZ = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
BASE: dict[str, Any] = tomllib.loads(DEFAULT_CONFIG.read_text(encoding="utf-8"))
KEYS = [
    (section, key)
    for section, body in BASE.items()
    for key in (body if isinstance(body, dict) else {})
    if not isinstance(body[key], dict)
] + [
    ("kiosk", "account_min_digits"),
    ("kiosk", "account_max_digits"),
    ("session", "idle_timeout_s"),
    ("session", "wallet_poll_s"),
    ("ui", "width"),
    ("devices.cash", "driver"),
    ("devices.cash", "port"),
    ("devices.printer", "width_px"),
    ("backend", "secret_file"),
    ("backend", "connect_timeout_s"),
    ("nosuch", "key"),
]

toml_values = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.text(max_size=40),
    st.lists(st.integers(), max_size=3),
    st.sampled_from(["fake", "essp", "", "../../etc/passwd", "http://x", "nan", "inf"]),
)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return {"nan": "nan", "inf": "inf", "-inf": "-inf"}.get(str(value), repr(value))
    if isinstance(value, str):
        escaped = "".join(
            ch if ch.isprintable() and ch not in '"\\' else f"\\u{ord(ch):04x}" for ch in value
        )
        return f'"{escaped}"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return str(value)


def _load(tmp_path: Path, text: str, env: dict[str, str] | None = None) -> Settings | ConfigError:
    config = tmp_path / "config" / "kiosk.toml"
    config.parent.mkdir(exist_ok=True)
    config.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        return load_config(config, env=env or {})
    except ConfigError as exc:
        return exc


@FUZZ
@given(text=st.text(max_size=400))
def test_random_text_is_settings_or_config_error(tmp_path: Path, text: str) -> None:
    result = _load(tmp_path, text)
    assert isinstance(result, Settings | ConfigError)


@FUZZ
@given(
    changes=st.lists(st.tuples(st.sampled_from(KEYS), toml_values), min_size=1, max_size=4),
    data_dir_env=st.sampled_from([None, "/tmp/powerpay-fuzz-data"]),
)
def test_random_values_are_settings_or_config_error(
    tmp_path: Path, changes: list[tuple[tuple[str, str], Any]], data_dir_env: str | None
) -> None:
    sections: dict[str, dict[str, str]] = {}
    for section, body in BASE.items():
        for key, value in body.items():
            if not isinstance(value, dict):
                sections.setdefault(section, {})[key] = _toml_value(value)
            else:
                for sub, v in value.items():
                    sections.setdefault(f"{section}.{key}", {})[sub] = _toml_value(v)
    for (section, key), value in changes:
        sections.setdefault(section, {})[key] = _toml_value(value)
    text = "\n".join(
        f"[{name}]\n" + "".join(f"{k} = {v}\n" for k, v in body.items())
        for name, body in sections.items()
    )
    env = {"KIOSK_DATA_DIR": data_dir_env} if data_dir_env else None
    result = _load(tmp_path, text, env)
    assert isinstance(result, Settings | ConfigError)
    if isinstance(result, Settings):
        assert result.kiosk.account_min_digits <= result.kiosk.account_max_digits
        assert result.data_dir.is_absolute()


@pytest.mark.parametrize(
    "text",
    [
        "kiosk = 1\n",  # a key where a table belongs
        "backend = 'x'\n",
        "[kiosk]\ndata_dir = 1\n",
        "\ufeff[kiosk]\n",
        "[kiosk]\n[kiosk]\n",
    ],
)
@pytest.mark.parametrize("env", [{}, {"KIOSK_CONFIG": "/nowhere"}])
def test_tables_replaced_by_values(tmp_path: Path, text: str, env: dict[str, str]) -> None:
    assert isinstance(_load(tmp_path, text, env), Settings | ConfigError)


# Finding F2 (kiosk/config.py load_config, the env overrides): `kiosk = 1` or `backend = "x"` in
# the file with KIOSK_DATA_DIR / KIOSK_BACKEND_URL set raises TypeError, not ConfigError.


@pytest.mark.parametrize(
    ("text", "env"),
    [
        ("kiosk = 1\n", {"KIOSK_DATA_DIR": "/tmp/x"}),
        ("backend = 'x'\n", {"KIOSK_BACKEND_URL": "http://h"}),
    ],
)
def test_env_override_on_a_value_where_a_table_belongs(
    tmp_path: Path, text: str, env: dict[str, str]
) -> None:
    assert isinstance(_load(tmp_path, text, env), ConfigError)


# Finding F3 (kiosk/config.py load_config): only FileNotFoundError is turned into ConfigError; a
# directory (IsADirectoryError) or an unreadable file (PermissionError) escapes as OSError.
def test_a_directory_or_unreadable_path_is_a_config_error(tmp_path: Path) -> None:
    assert isinstance(_load_path(tmp_path), ConfigError)


def _load_path(path: Path) -> Settings | ConfigError:
    try:
        return load_config(path, env={})
    except ConfigError as exc:
        return exc


def test_invalid_utf8_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_bytes(b'[kiosk]\nid = "\xff\xfe"\n')
    assert isinstance(_load_path(path), ConfigError)


# Finding F4 (kiosk/config.py Settings is a pydantic BaseSettings): process environment variables
# named like the sections (BACKEND, DEVICES, KIOSK, ...) are read as JSON even though load_config
# documents only KIOSK_CONFIG / KIOSK_DATA_DIR / KIOSK_BACKEND_URL: BACKEND='{"simulate": true}'
# turns the simulator on in production.
def test_only_the_documented_environment_variables_matter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = '[kiosk]\nid = "K-1234"\n[backend]\nurl = "https://kiosk-api.utility.example"\n'
    monkeypatch.delenv("BACKEND", raising=False)
    clean = _load(tmp_path, text)
    monkeypatch.setenv("DEVICES", '{"cash": {"driver": "none"}}')
    monkeypatch.setenv("SESSION", '{"idle_timeout_s": 600}')
    tainted = _load(tmp_path, text)
    assert isinstance(clean, Settings) and isinstance(tainted, Settings)
    assert tainted == clean

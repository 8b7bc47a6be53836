from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import DEFAULT_CONFIG, ConfigError, load_config

EXAMPLE = DEFAULT_CONFIG.parent / "kiosk.example.toml"


def test_simulation_config_is_the_default_and_valid():
    settings = load_config(None, env={})
    assert settings.backend.simulate is True
    assert settings.devices.cash.driver == "fake"
    assert settings.data_dir.is_absolute()


def test_example_documents_a_real_installation():
    settings = load_config(EXAMPLE, env={})
    assert settings.devices.cash.driver == "essp"
    assert settings.backend.simulate is False
    assert settings.backend.secret.get_secret_value() == ""


def test_every_key_of_the_model_is_documented_in_the_example():
    from kiosk.config import Settings

    text = EXAMPLE.read_text(encoding="utf-8")
    for section, model in Settings.model_fields.items():
        sub = model.annotation
        for key in sub.model_fields:  # type: ignore[union-attr]
            if key in ("cash", "card", "scanner", "printer"):
                continue
            assert f"{key} =" in text or f"# {key} =" in text, f"[{section}] {key} undocumented"


def test_environment_overrides(tmp_path: Path):
    settings = load_config(
        None, env={"KIOSK_DATA_DIR": str(tmp_path), "KIOSK_BACKEND_URL": "http://127.0.0.1:9"}
    )
    assert settings.data_dir == tmp_path
    assert settings.backend.url == "http://127.0.0.1:9"
    assert settings.backend.simulate is False


def test_kiosk_config_env_names_the_file(tmp_path: Path):
    path = tmp_path / "k.toml"
    path.write_text('[kiosk]\nid = "K-1-2"\n')
    assert load_config(None, env={"KIOSK_CONFIG": str(path)}).kiosk.id == "K-1-2"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[kiosk\n", "not valid TOML"),
        ('[kiosk]\nlanguage = "fr"\n', "language"),
        ("[kiosk]\nunknown_key = 1\n", "unknown_key"),
        ("[session]\nwarning_s = 5\n", "warning_s"),
        ('[devices.cash]\ndriver = "magic"\n', "driver"),
        ("[kiosk]\naccount_min_digits = 14\naccount_max_digits = 10\n", "account_min_digits"),
        ("[ui]\nvoice_volume = 1.5\n", "voice_volume"),
    ],
)
def test_bad_config_is_a_clear_error(tmp_path: Path, text: str, words: str):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=words):
        load_config(path, env={})


def test_missing_file(tmp_path: Path):
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.toml", env={})


def test_secret_file_wins_and_never_shows_in_repr(tmp_path: Path):
    secret = tmp_path / "secret"
    secret.write_text("s3cr3t-value\n")
    path = tmp_path / "k.toml"
    path.write_text(f'[backend]\nsecret_file = "{secret}"\n')
    settings = load_config(path, env={})
    assert settings.backend.resolved_secret() == "s3cr3t-value"
    assert "s3cr3t" not in repr(settings)


def test_example_printer_target_is_one_the_driver_accepts():
    from drivers.printer.target import parse_target

    settings = load_config(EXAMPLE, env={})
    assert parse_target(settings.devices.printer.target) is not None

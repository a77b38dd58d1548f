"""Settings come from defaults, a TOML file and MEDORACLE_* variables, in that order of strength."""

from __future__ import annotations

from pathlib import Path

import pytest

from medoracle.config import ConfigError, load_settings


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("MEDORACLE_CONFIG", "MEDORACLE_DATA_DIR", "MEDORACLE_DATABASE_URL", "MEDORACLE_BATCH_SIZE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.chdir(tmp_path)


def test_default_library_is_sqlite_in_the_data_dir(tmp_path: Path) -> None:
    settings = load_settings()
    assert settings.data_dir == tmp_path / "xdg-data" / "medoracle"
    assert settings.resolved_database_url == f"sqlite:///{tmp_path / 'xdg-data' / 'medoracle' / 'library.db'}"


def test_config_file_is_read_and_environment_overrides_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "custom.toml"
    config.write_text('[medoracle]\ndata_dir = "/srv/lib"\nbatch_size = 50\n')
    monkeypatch.setenv("MEDORACLE_CONFIG", str(config))
    assert (load_settings().data_dir, load_settings().batch_size) == (Path("/srv/lib"), 50)

    monkeypatch.setenv("MEDORACLE_BATCH_SIZE", "7")
    assert load_settings().batch_size == 7
    assert load_settings(batch_size=3).batch_size == 3


def test_medoracle_toml_in_the_working_directory_is_found(tmp_path: Path) -> None:
    (tmp_path / "medoracle.toml").write_text('database_url = "postgresql+psycopg://db/lib"\n')
    assert load_settings().resolved_database_url == "postgresql+psycopg://db/lib"


@pytest.mark.parametrize(
    ("content", "message"),
    [("data_dir = [", "not valid TOML"), ("batch_size = 0", "batch_size"), ("colour = 'red'", "colour")],
)
def test_a_bad_config_file_is_named_in_the_error(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "medoracle.toml").write_text(content)
    with pytest.raises(ConfigError, match=message) as error:
        load_settings()
    assert "medoracle.toml" in str(error.value)


def test_a_missing_config_file_named_by_the_environment_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEDORACLE_CONFIG", "/nowhere/medoracle.toml")
    with pytest.raises(ConfigError, match="MEDORACLE_CONFIG"):
        load_settings()

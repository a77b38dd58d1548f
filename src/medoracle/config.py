"""Settings, read from ``MEDORACLE_*`` environment variables and an optional TOML file.

Precedence, highest first: environment, the config file, defaults. The config file is
``$MEDORACLE_CONFIG`` if set, else ``./medoracle.toml`` if it exists, else
``$XDG_CONFIG_HOME/medoracle/config.toml`` if it exists.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict


class ConfigError(Exception):
    """The configuration cannot be used; the message names the file or variable and the fix."""


def _default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "medoracle"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MEDORACLE_", extra="forbid")

    data_dir: Path = Field(default_factory=_default_data_dir)
    database_url: str | None = None
    batch_size: int = Field(default=500, ge=1, le=100_000)
    ncbi_base_url: str = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"
    ncbi_api_key: str | None = None
    ncbi_email: str | None = None
    ncbi_tool: str = "medoracle"

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'library.db'}"


def config_file() -> Path | None:
    explicit = os.environ.get("MEDORACLE_CONFIG")
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"MEDORACLE_CONFIG points to {path}, which is not a file: fix or unset it")
        return path
    xdg = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    for candidate in (Path("medoracle.toml"), xdg / "medoracle" / "config.toml"):
        if candidate.is_file():
            return candidate
    return None


def _file_values(path: Path) -> dict[str, Any]:
    try:
        values = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}); fix the file or unset MEDORACLE_CONFIG") from exc
    # Allow both a flat file and one with a [medoracle] table.
    table = values.get("medoracle", values)
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [medoracle] must be a table")
    return table


def load_settings(**overrides: Any) -> Settings:
    """Settings from defaults < config file < environment < explicit overrides."""
    path = config_file()
    file_values = _file_values(path) if path else {}
    env_keys = {name for name in Settings.model_fields if f"MEDORACLE_{name.upper()}" in os.environ}
    init = {key: value for key, value in file_values.items() if key not in env_keys}
    init.update({key: value for key, value in overrides.items() if value is not None})
    try:
        return Settings(**init)
    except ValidationError as exc:
        where = f"{path} or MEDORACLE_* variables" if path else "MEDORACLE_* variables"
        raise ConfigError(f"invalid settings in {where}: {exc}") from exc

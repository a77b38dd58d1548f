"""The command line: help everywhere, clear errors, library statistics."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from factories import article
from medoracle.cli import app
from medoracle.ingest.pipeline import ingest
from medoracle.library import Library

runner = CliRunner()


def _commands(group: typer.Typer, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [prefix]
    for command in group.registered_commands:
        assert command.callback is not None
        found.append((*prefix, command.name or command.callback.__name__.replace("_", "-")))
    for sub in group.registered_groups:
        assert sub.typer_instance is not None
        found.extend(_commands(sub.typer_instance, (*prefix, sub.name or "")))
    return found


@pytest.mark.parametrize("command", _commands(app), ids=lambda c: " ".join(c) or "medoracle")
def test_every_command_has_help(command: tuple[str, ...]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


def test_library_stats_reports_counts_as_json(tmp_path: Path) -> None:
    with Library(f"sqlite:///{tmp_path / 'library.db'}") as library:
        ingest(library, [article(1), article(2, year=1999)], source="test")
    result = runner.invoke(app, ["--data-dir", str(tmp_path), "library", "stats", "--json"])

    assert result.exit_code == 0, result.output
    stats = json.loads(result.stdout)
    assert stats["documents"] == 2
    assert stats["by_source"] == {"test": 2}
    assert stats["by_year"] == {"1999": 1, "2020": 1}


def test_an_unreachable_database_gives_a_clear_error() -> None:
    url = "postgresql+psycopg://nobody@127.0.0.1:9/none"
    result = runner.invoke(app, ["--database-url", url, "library", "stats"])

    assert result.exit_code == 2
    assert "cannot open the library" in result.output
    assert "MEDORACLE_DATABASE_URL" in result.output

"""The root ``medoracle`` command: global options, settings, shared output helpers."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from medoracle.config import ConfigError, Settings, load_settings
from medoracle.library import Library, LibraryError

app = typer.Typer(
    help="Offline medical question answering with cited, evidence-graded articles.", no_args_is_help=True
)

console = Console(stderr=True)
out = Console()


class State:
    settings: Settings


state = State()


@app.callback()
def main(
    data_dir: Annotated[Path | None, typer.Option(help="Library folder (env MEDORACLE_DATA_DIR).")] = None,
    database_url: Annotated[
        str | None, typer.Option(help="SQLAlchemy URL of the library (env MEDORACLE_DATABASE_URL).")
    ] = None,
    log_level: Annotated[
        str, typer.Option(envvar="MEDORACLE_LOG_LEVEL", help="DEBUG, INFO, WARNING…")
    ] = "WARNING",
) -> None:
    logging.basicConfig(
        level=log_level.upper(),
        format="%(message)s",
        handlers=[RichHandler(console=console, show_path=False)],
    )
    try:
        state.settings = load_settings(data_dir=data_dir, database_url=database_url)
    except ConfigError as exc:
        fail(str(exc))


def fail(message: str, code: int = 2) -> NoReturn:
    console.print(f"[bold red]error:[/] {message}")
    raise typer.Exit(code)


@contextmanager
def open_library() -> Iterator[Library]:
    try:
        library = Library(state.settings.resolved_database_url)
    except LibraryError as exc:
        fail(str(exc))
    try:
        yield library
    finally:
        library.close()


def progress_bar() -> Progress:
    """The bar of long commands: what, how far, for how long; it disappears when done."""
    columns = [SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn()]
    return Progress(*columns, TimeElapsedColumn(), console=console, transient=True)

"""The ``medoracle`` command line."""

from medoracle.cli.common import app
from medoracle.cli.ingest import ingest_app
from medoracle.cli.library import library_app

app.add_typer(ingest_app, name="ingest")
app.add_typer(library_app, name="library")

__all__ = ["app"]

"""The ``medoracle`` command line."""

import medoracle.cli.ask  # registers `medoracle ask`
import medoracle.cli.search  # noqa: F401  (registers `medoracle search`)
from medoracle.cli.common import app
from medoracle.cli.ingest import ingest_app
from medoracle.cli.library import library_app

app.add_typer(ingest_app, name="ingest")
app.add_typer(library_app, name="library")

__all__ = ["app"]

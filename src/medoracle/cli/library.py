"""``medoracle library``: inspect the library."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated

import typer
from rich.table import Table

from medoracle.cli.common import open_library, out

library_app = typer.Typer(help="Inspect the library.", no_args_is_help=True)


@library_app.command("stats")
def library_stats(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Counts of documents by source, kind, evidence level and year."""
    with open_library() as library:
        stats = library.stats()
        where = library.safe_url
    if as_json:
        out.print_json(json.dumps(asdict(stats)))
        return
    out.print(f"[bold]{stats.documents:,}[/] documents, [bold]{stats.passages:,}[/] passages in {where}")
    for title, counts in (
        ("source", stats.by_source),
        ("kind", stats.by_kind),
        ("evidence kind", stats.by_evidence_kind),
        ("evidence level", stats.by_evidence_level),
    ):
        table = Table(title=f"by {title}", title_justify="left")
        table.add_column(title)
        table.add_column("documents", justify="right")
        for key, count in sorted(counts.items(), key=lambda item: -item[1]):
            table.add_row(str(key), f"{count:,}")
        out.print(table)
    if stats.by_year:
        decades: dict[str, int] = {}
        for year, count in stats.by_year.items():
            decade = f"{year // 10 * 10}s"
            decades[decade] = decades.get(decade, 0) + count
        table = Table(title="by year (decade)", title_justify="left")
        table.add_column("decade")
        table.add_column("documents", justify="right")
        for decade, count in sorted(decades.items()):
            table.add_row(decade, f"{count:,}")
        out.print(table)

"""``medoracle search``: the passages that best answer a question, with their documents."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from medoracle.cli.common import app, console, fail, open_library, out, state
from medoracle.domain import Hit
from medoracle.library import Library

TEXT_CHARS = 400


def _open_searcher(library: Library, embedder: str | None, evidence_prior: bool) -> Any:
    # Imported here so that `medoracle --help` does not pay for tantivy and numpy.
    from medoracle.search import Searcher
    from medoracle.search.embedders import EmbedderUnavailableError
    from medoracle.search.vectors import VectorIndexError

    columns = [SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn()]
    with Progress(*columns, TimeElapsedColumn(), console=console, transient=True) as bar:
        task = bar.add_task("indexing passages", total=None)
        try:
            return Searcher.open(
                library,
                state.settings.data_dir / "index",
                embedder=embedder,
                evidence_prior=evidence_prior,
                progress=lambda done, total: bar.update(task, completed=done, total=total),
            )
        except (EmbedderUnavailableError, VectorIndexError, ValueError) as exc:
            fail(str(exc))


def _hit_record(rank: int, hit: Hit) -> dict[str, Any]:
    document, passage = hit.document, hit.passage
    return {
        "rank": rank,
        "score": round(hit.score, 4),
        "passage_id": passage.identifier,
        "section": passage.section,
        "text": passage.text,
        "document_id": document.identifier,
        "title": document.title,
        "source": document.source,
        "kind": document.kind.value,
        "evidence_kind": document.evidence_kind.value,
        "evidence_level": int(document.evidence_level),
        "year": document.year,
        "pmid": document.pmid,
        "doi": document.doi,
    }


def _print_hit(record: dict[str, Any]) -> None:
    text = record["text"] if len(record["text"]) <= TEXT_CHARS else record["text"][:TEXT_CHARS].rstrip() + "…"
    ids = " ".join(f"{key.upper()} {record[key]}" for key in ("pmid", "doi") if record[key])
    out.print(
        f"[bold]{record['rank']:>2}.[/] [cyan]{record['score']:.3f}[/]  [bold]{escape(record['title'])}[/]"
    )
    out.print(
        f"    {escape(record['source'])} · {record['evidence_kind'].replace('_', ' ')} "
        f"(level {record['evidence_level']}) · {record['year'] or 'year unknown'}"
        + (f" · {ids}" if ids else "")
    )
    out.print(f"    [dim]{escape(record['section'])}[/] {escape(text)}", highlight=False)


@app.command("search")
def search(
    query: Annotated[str, typer.Argument(help="A question or keywords.")],
    k: Annotated[int, typer.Option("--k", min=1, max=1000, help="How many passages.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    embedder: Annotated[
        str | None,
        typer.Option(help="Dense embedder: wordllama (default), minilm (better, slow to index) or none."),
    ] = None,
    evidence_prior: Annotated[
        bool, typer.Option("--evidence-prior", help="Favour stronger and more recent evidence.")
    ] = False,
) -> None:
    """Find the passages that best answer QUERY (the index is built or refreshed first)."""
    from medoracle.search import DEFAULT_EMBEDDER, QueryError

    chosen = DEFAULT_EMBEDDER if embedder is None else (None if embedder.lower() == "none" else embedder)
    with open_library() as library:
        if library.count_documents() == 0:
            fail(f"the library at {library.safe_url} is empty; add documents with `medoracle ingest` first")
        searcher = _open_searcher(library, chosen, evidence_prior)
        try:
            hits = searcher.search(query, k)
        except QueryError as exc:
            fail(str(exc))
    records = [_hit_record(rank, hit) for rank, hit in enumerate(hits, start=1)]
    if as_json:
        out.print_json(json.dumps({"query": query, "hits": records}))
        return
    if not records:
        out.print("no passage matches this query")
    for record in records:
        _print_hit(record)

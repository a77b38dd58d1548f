"""``medoracle search``: the passages that best answer a question, with their documents."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.markup import escape

from medoracle.cli.common import app, fail, open_library, out
from medoracle.cli.searching import EMBEDDER_HELP, open_searcher
from medoracle.domain import Hit

TEXT_CHARS = 400


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
    embedder: Annotated[str | None, typer.Option(help=EMBEDDER_HELP)] = None,
    evidence_prior: Annotated[
        bool, typer.Option("--evidence-prior", help="Favour stronger and more recent evidence.")
    ] = False,
    feedback: Annotated[
        bool,
        typer.Option(
            "--feedback",
            help="Expand a one- or two-word query with words of its best passages (broad topics such as "
            "'vitamin D'; see docs/search.md).",
        ),
    ] = False,
) -> None:
    """Find the passages that best answer QUERY (the index is built or refreshed first)."""
    from medoracle.search import QueryError

    with open_library() as library:
        searcher = open_searcher(library, embedder, evidence_prior=evidence_prior, feedback=feedback)
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

"""``medoracle ask``: answer a question from the library as a cited article."""

from __future__ import annotations

import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

from medoracle.cli.common import app, console, fail, open_library, out, state
from medoracle.domain import Audience


class Format(StrEnum):
    MD = "md"
    JSON = "json"
    HTML = "html"


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="The question, in plain words (at most 2,000 characters).")],
    audience: Annotated[Audience, typer.Option(help="Who reads the answer.")] = Audience.CLINICIAN,
    output: Annotated[
        Format, typer.Option("--format", help="Markdown, JSON (docs/answer-schema.json) or HTML.")
    ] = Format.MD,
    k: Annotated[int, typer.Option("--k", min=1, max=100, help="Passages to retrieve.")] = 10,
    index_dir: Annotated[
        Path | None, typer.Option(help="Search index folder; default: <data dir>/index.")
    ] = None,
    embedder: Annotated[
        str, typer.Option(help="Dense embedder for search ('none' for lexical search only).")
    ] = "default",
) -> None:
    """Answer a clinical question with a structured article whose every statement cites its source."""
    # Imported here so that `medoracle --help` stays fast.
    from medoracle.answer import QuestionError, analyze, answer_question
    from medoracle.answer.render import to_html, to_json, to_markdown
    from medoracle.search import DEFAULT_EMBEDDER, QueryError, Searcher
    from medoracle.search.embedders import EmbedderUnavailableError
    from medoracle.search.vectors import VectorIndexError

    try:
        analyze(question)  # a bad question fails before the index is opened
    except QuestionError as exc:
        fail(str(exc))
    model = {"default": DEFAULT_EMBEDDER, "none": None}.get(embedder, embedder)
    folder = index_dir or state.settings.data_dir / "index"
    with open_library() as library:
        if library.count_documents() == 0:
            fail(
                f"the library at {library.safe_url} is empty: load documents with `medoracle ingest ...` first"
            )
        columns = [SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn()]
        with Progress(*columns, console=console, transient=True) as bar:
            task = bar.add_task("indexing passages", total=None)
            try:
                searcher = Searcher.open(
                    library,
                    folder,
                    embedder=model,
                    progress=lambda done, total: bar.update(task, completed=done, total=total),
                )
            except EmbedderUnavailableError as exc:
                fail(f"{exc}; or search lexically with --embedder none")
            except (VectorIndexError, ValueError) as exc:
                fail(f"cannot open the search index in {folder}: {exc}")
        started = time.perf_counter()
        try:
            answer = answer_question(question, searcher, audience, k)
        except (QuestionError, QueryError) as exc:
            fail(str(exc))
    console.log(f"answered in {(time.perf_counter() - started) * 1000:.0f} ms", highlight=False)
    render = {Format.MD: to_markdown, Format.JSON: to_json, Format.HTML: to_html}[output]
    out.print(render(answer), markup=False, highlight=False, soft_wrap=True)

"""``medoracle ask``: answer a question from the library as a cited article."""

from __future__ import annotations

import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from medoracle.cli.common import app, console, fail, open_library, out
from medoracle.cli.searching import EMBEDDER_HELP, open_searcher
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
    embedder: Annotated[str | None, typer.Option(help=EMBEDDER_HELP)] = None,
) -> None:
    """Answer a clinical question with a structured article whose every statement cites its source."""
    # Imported here so that `medoracle --help` stays fast.
    from medoracle.answer import QuestionError, analyze, answer_question
    from medoracle.answer.render import to_html, to_json, to_markdown
    from medoracle.search import QueryError

    try:
        analyze(question)  # a bad question fails before the index is opened
    except QuestionError as exc:
        fail(str(exc))
    with open_library() as library:
        searcher = open_searcher(library, embedder, index_dir=index_dir)
        started = time.perf_counter()
        try:
            answer = answer_question(question, searcher, audience, k)
        except (QuestionError, QueryError) as exc:
            fail(str(exc))
    console.log(f"answered in {(time.perf_counter() - started) * 1000:.0f} ms", highlight=False)
    render = {Format.MD: to_markdown, Format.JSON: to_json, Format.HTML: to_html}[output]
    out.print(render(answer), markup=False, highlight=False, soft_wrap=True)

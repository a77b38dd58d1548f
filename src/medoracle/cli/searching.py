"""Opening the search index for a command: the embedder option, a progress bar, clear errors."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from medoracle.cli.common import fail, progress_bar, state
from medoracle.library import Library

if TYPE_CHECKING:
    from medoracle.search import Searcher

EMBEDDER_HELP = "Dense embedder: wordllama (default), minilm (better, slow to index) or none (lexical only)."


def open_searcher(
    library: Library,
    embedder: str | None,
    *,
    evidence_prior: bool = False,
    feedback: bool = False,
    index_dir: Path | None = None,
) -> Searcher:
    """The library's searcher, its index built or brought up to date first under a progress bar."""
    # Imported here so that `medoracle --help` does not pay for tantivy and numpy.
    from medoracle.search import DEFAULT_EMBEDDER, Searcher
    from medoracle.search.embedders import EmbedderUnavailableError
    from medoracle.search.vectors import VectorIndexError

    if library.count_documents() == 0:
        fail(f"the library at {library.safe_url} is empty: add documents with `medoracle ingest ...` first")
    chosen = DEFAULT_EMBEDDER if embedder is None else (None if embedder.lower() == "none" else embedder)
    folder = index_dir or state.settings.data_dir / "index"
    with progress_bar() as bar:
        task = bar.add_task("indexing passages", total=None)
        try:
            return Searcher.open(
                library,
                folder,
                embedder=chosen,
                evidence_prior=evidence_prior,
                feedback=feedback,
                progress=lambda done, total: bar.update(task, completed=done, total=total),
            )
        except EmbedderUnavailableError as exc:
            fail(f"{exc}; or search lexically with --embedder none")
        except (VectorIndexError, ValueError) as exc:
            fail(f"cannot open the search index in {folder}: {exc}")

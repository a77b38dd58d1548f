"""The search indexes of one library, kept in step with it.

``index_dir`` holds a tantivy index, optionally a vector index, and ``state.json`` with the
library revision they reflect. On open the revision is compared with the library's: if the
library moved on, only the documents changed or removed since are re-indexed, so an index
is never used stale and never rebuilt whole without need.
"""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from itertools import islice
from pathlib import Path

from medoracle.domain import Passage
from medoracle.library import Library
from medoracle.search.embedders import Embedder
from medoracle.search.lexical import IndexedPassage, TantivyIndex
from medoracle.search.vectors import VectorIndex

log = logging.getLogger(__name__)

FORMAT = 1
BATCH = 512

Progress = Callable[[int, int | None], None]  # (passages indexed so far, total or None if unknown)


@dataclass(frozen=True, slots=True)
class IndexState:
    format: int
    library: str  # the library's URL (password hidden): an index belongs to one library
    revision: int
    embedder: str | None

    @classmethod
    def load(cls, path: Path) -> IndexState | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(**data)
        except (OSError, ValueError, TypeError):
            return None

    def save(self, path: Path) -> None:
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(asdict(self)), encoding="utf-8")
        temporary.replace(path)  # atomic: a crash leaves the old state, which forces a redo


def embedding_text(title: str, passage: Passage) -> str:
    # Dense models see the title with each passage: a passage alone often lacks its topic.
    return f"{title}\n{passage.text}" if title else passage.text


class SearchIndex:
    def __init__(self, library: Library, folder: Path, embedder: Embedder | None) -> None:
        self.library = library
        self.folder = folder
        self.embedder = embedder
        self._state_path = folder / "state.json"
        wanted = IndexState(FORMAT, library.safe_url, 0, embedder.name if embedder else None)
        state = IndexState.load(self._state_path)
        if state is None or (state.format, state.library, state.embedder) != (
            wanted.format,
            wanted.library,
            wanted.embedder,
        ):
            if state is not None:
                log.info("index in %s was built for another library or embedder; rebuilding", folder)
            # Only what this class wrote: index_dir may be a folder the user keeps other files in.
            for part in ("lexical", "vectors"):
                shutil.rmtree(folder / part, ignore_errors=True)
            self._state_path.unlink(missing_ok=True)
            state = wanted
        folder.mkdir(parents=True, exist_ok=True)
        self.state = state
        self.lexical = TantivyIndex(folder / "lexical")
        self.vectors = VectorIndex.open(folder / "vectors", embedder.dimension) if embedder else None

    def is_stale(self) -> bool:
        return self.state.revision != self.library.revision()

    def refresh(self, progress: Progress | None = None) -> int:
        """Bring the index up to the library's revision; returns how many passages were (re)indexed."""
        revision = self.library.revision()  # read first: later writes are caught by the next refresh
        if revision == self.state.revision:
            return 0
        changed, removed = self.library.changed_since(self.state.revision)
        if self.state.revision > 0:
            gone = self.lexical.remove_documents(changed + removed)
            if self.vectors is not None:
                self.vectors.remove(gone)
        total = self.library.stats().passages if self.state.revision == 0 else None
        done = 0
        for batch in _batches(self.library.iter_passages(since_revision=self.state.revision), BATCH):
            self._add(batch)
            done += len(batch)
            if progress:
                progress(done, total)
        self.lexical.commit()
        if self.vectors is not None:
            self.vectors.save()
        self.state = IndexState(self.state.format, self.state.library, revision, self.state.embedder)
        self.state.save(self._state_path)
        return done

    def _add(self, passages: Sequence[Passage]) -> None:
        titles = {
            key: doc.title for key, doc in self.library.get_documents(p.document_id for p in passages).items()
        }
        self.lexical.add(
            [
                IndexedPassage(p.identifier, p.document_id, titles.get(p.document_id, ""), p.text)
                for p in passages
            ]
        )
        if self.embedder is not None and self.vectors is not None:
            texts = [embedding_text(titles.get(p.document_id, ""), p) for p in passages]
            self.vectors.add([p.identifier for p in passages], self.embedder.embed(texts))


def _batches(passages: Iterator[Passage], size: int) -> Iterator[list[Passage]]:
    while batch := list(islice(passages, size)):
        yield batch

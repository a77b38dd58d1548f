"""The search indexes of one library, kept in step with it.

``index_dir`` holds two tantivy indexes (passages, and whole documents: title and all text),
with an embedder up to three vector indexes (passages, whole documents, the sentences of each
passage: those asked for), and ``state.json`` with the library revision they reflect. On open the revision is compared with the library's: if the
library moved on, only the documents changed or removed since are re-indexed, so an index
is never used stale and never rebuilt whole without need.
"""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import asdict, dataclass, replace
from itertools import islice
from pathlib import Path

import numpy as np
import numpy.typing as npt

from medoracle.domain import Document, Passage
from medoracle.ingest.sentences import split_sentences
from medoracle.library import Library
from medoracle.search.embedders import Embedder
from medoracle.search.hybrid import Ranking, best_sentence_per_passage, sentence_id
from medoracle.search.lexical import IndexedPassage, TantivyIndex
from medoracle.search.vectors import VectorIndex

log = logging.getLogger(__name__)

# 2: whole-document indexes next to the passage indexes; 3: American spellings; 4: sentences with their title
FORMAT = 4
BATCH = 512
SENTENCES_PER_PASSAGE = 5  # sentences fetched per passage wanted: a passage's near sentences crowd the top

VECTOR_LEVELS = ("passages", "documents", "sentences")

Progress = Callable[[int, int | None], None]  # (passages indexed so far, total or None if unknown)


@dataclass(frozen=True, slots=True)
class IndexState:
    format: int
    library: str  # the library's URL (password hidden): an index belongs to one library
    revision: int
    embedder: str | None
    vectors: tuple[str, ...] = ()  # the VECTOR_LEVELS that have a vector index

    @classmethod
    def load(cls, path: Path) -> IndexState | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(**(data | {"vectors": tuple(data.get("vectors", ()))}))
        except (OSError, ValueError, TypeError):
            return None

    def save(self, path: Path) -> None:
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(asdict(self)), encoding="utf-8")
        temporary.replace(path)  # atomic: a crash leaves the old state, which forces a redo


def embedding_text(title: str, text: str) -> str:
    # Dense models see the title with each passage: a passage alone often lacks its topic.
    return f"{title}\n{text}" if title else text


class SearchIndex:
    def __init__(
        self,
        library: Library,
        folder: Path,
        embedder: Embedder | None,
        *,
        vectors: Collection[str],
    ) -> None:
        """``vectors``: which of VECTOR_LEVELS get a vector index (none without an embedder)."""
        if unknown := set(vectors) - set(VECTOR_LEVELS):
            raise ValueError(
                f"unknown vector levels {sorted(unknown)}; choose from {', '.join(VECTOR_LEVELS)}"
            )
        self.library = library
        self.folder = folder
        self.embedder = embedder
        self._state_path = folder / "state.json"
        wanted = IndexState(
            FORMAT,
            library.safe_url,
            0,
            embedder.name if embedder else None,
            tuple(level for level in VECTOR_LEVELS if level in vectors) if embedder else (),
        )
        state = IndexState.load(self._state_path)
        if state is None or replace(state, revision=0) != wanted:
            if state is not None:
                log.info("index in %s was built for another library, embedder or vectors; rebuilding", folder)
            # Only what this class wrote: index_dir may be a folder the user keeps other files in.
            for part in PARTS:
                shutil.rmtree(folder / part, ignore_errors=True)
            self._state_path.unlink(missing_ok=True)
            state = wanted
        folder.mkdir(parents=True, exist_ok=True)
        self.state = state
        self.lexical = TantivyIndex(folder / "lexical")
        # Keyed by document id. Scored whole, a document is matched on all its words at once,
        # which passages cut to 160 words miss (docs/search.md: +0.01 to +0.02 nDCG@10).
        self.document_lexical = TantivyIndex(folder / "document-lexical")
        self.vectors = self._vector_index("passages", "vectors")
        self.document_vectors = self._vector_index("documents", "document-vectors")
        self.sentence_vectors = self._vector_index("sentences", "sentence-vectors")

    def _vector_index(self, level: str, part: str) -> VectorIndex | None:
        if self.embedder is None or level not in self.state.vectors:
            return None
        return VectorIndex.open(self.folder / part, self.embedder.dimension)

    def passages_by_sentence(self, queries: npt.NDArray[np.float32], depth: int) -> list[Ranking]:
        """For each query vector, the ``depth`` passages whose best sentence is nearest, best first."""
        assert self.sentence_vectors is not None, "opened without sentence vectors"
        found = self.sentence_vectors.search_many(queries, depth * SENTENCES_PER_PASSAGE)
        return [best_sentence_per_passage(sentences)[:depth] for sentences in found]

    def is_stale(self) -> bool:
        return self.state.revision != self.library.revision()

    def refresh(self, progress: Progress | None = None) -> int:
        """Bring the index up to the library's revision; returns how many passages were (re)indexed."""
        revision = self.library.revision()  # read first: later writes are caught by the next refresh
        if revision == self.state.revision:
            return 0
        changed, removed = self.library.changed_since(self.state.revision)
        if self.state.revision > 0:
            self._remove(changed + removed)
        total = self.library.stats().passages if self.state.revision == 0 else None
        done = 0
        indexed: set[str] = set()  # documents whose whole-document entries are written already
        for batch in _batches(self.library.iter_passages(since_revision=self.state.revision), BATCH):
            self._add(batch, indexed)
            done += len(batch)
            if progress:
                progress(done, total)
        self.lexical.commit()
        self.document_lexical.commit()
        for vectors in (self.vectors, self.document_vectors, self.sentence_vectors):
            if vectors is not None:
                vectors.save()
        self.state = replace(self.state, revision=revision)
        self.state.save(self._state_path)
        return done

    def _remove(self, document_ids: list[str]) -> None:
        gone = self.lexical.remove_documents(document_ids)
        self.document_lexical.remove_documents(document_ids)
        if self.vectors is not None:
            self.vectors.remove(gone)
        if self.document_vectors is not None:
            self.document_vectors.remove(document_ids)
        if self.sentence_vectors is not None:
            self.sentence_vectors.remove(self._sentence_ids_of(gone))

    def _sentence_ids_of(self, passage_ids: list[str]) -> Iterator[str]:
        # A passage's sentences are numbered from 0 without gaps (_sentences): no need to scan the index.
        assert self.sentence_vectors is not None
        for passage_id in passage_ids:
            n = 0
            while (key := sentence_id(passage_id, n)) in self.sentence_vectors:
                yield key
                n += 1

    def _add(self, passages: Sequence[Passage], indexed: set[str]) -> None:
        documents = self.library.get_documents(p.document_id for p in passages)
        # A document's passages may straddle two batches: its whole-document entry is written once.
        new = [documents[key] for key in dict.fromkeys(p.document_id for p in passages) if key in documents]
        new = [document for document in new if document.identifier not in indexed]
        indexed.update(document.identifier for document in new)
        titles = {key: document.title for key, document in documents.items()}
        self.lexical.add(
            [
                IndexedPassage(p.identifier, p.document_id, titles.get(p.document_id, ""), p.text)
                for p in passages
            ]
        )
        self.document_lexical.add([IndexedPassage(d.identifier, d.identifier, d.title, d.text) for d in new])
        if self.embedder is None:
            return
        # One embedding call for all levels: a one-passage document's text is its passage's, embedded once.
        parts: list[tuple[VectorIndex, list[str], list[str]]] = []
        if self.vectors is not None:
            texts = [embedding_text(titles.get(p.document_id, ""), p.text) for p in passages]
            parts.append((self.vectors, [p.identifier for p in passages], texts))
        if self.document_vectors is not None:
            parts.append(
                (self.document_vectors, [d.identifier for d in new], [_document_text(d) for d in new])
            )
        if self.sentence_vectors is not None:
            sentences = _sentences(passages, titles)
            parts.append((self.sentence_vectors, list(sentences), list(sentences.values())))
        vectors = _embed_distinct(self.embedder, [text for _, _, texts in parts for text in texts])
        start = 0
        for index, ids, texts in parts:
            index.add(ids, vectors[start : start + len(texts)])
            start += len(texts)


PARTS = ("lexical", "document-lexical", "vectors", "document-vectors", "sentence-vectors")
MIN_SENTENCE_WORDS = 4  # shorter "sentences" are headings, labels and fragments


def _sentences(passages: Sequence[Passage], titles: dict[str, str]) -> dict[str, str]:
    """The sentences of each passage worth a vector, with their document's title, keyed by sentence id."""
    # The title names what "It", "This drug" or "The trial" stand for (SciFact: +0.03 nDCG@10 alone).
    return {
        sentence_id(passage.identifier, n): embedding_text(titles.get(passage.document_id, ""), sentence)
        for passage in passages
        for n, sentence in enumerate(
            s
            for s in (passage.text[a:b] for a, b in split_sentences(passage.text))
            if len(s.split()) >= MIN_SENTENCE_WORDS
        )
    }


def _document_text(document: Document) -> str:
    # The embedder truncates (MiniLM at 256 tokens): a long document is represented by its start.
    return embedding_text(document.title, document.text)


def _embed_distinct(embedder: Embedder, texts: list[str]) -> npt.NDArray[np.float32]:
    """Embeddings of ``texts``, texts that differ only in white space embedded once.

    A document of one passage has the text of that passage (give or take surrounding white
    space): without this, short documents would cost the (slow) embedder twice.
    """
    keys = [" ".join(text.split()) for text in texts]
    distinct: dict[str, str] = {}
    for key, text in zip(keys, texts, strict=True):
        distinct.setdefault(key, text)
    row = {key: n for n, key in enumerate(distinct)}
    return embedder.embed(list(distinct.values()))[[row[key] for key in keys]]


def _batches(passages: Iterator[Passage], size: int) -> Iterator[list[Passage]]:
    while batch := list(islice(passages, size)):
        yield batch

"""The search entry point: question in, ranked passages with their documents out."""

from __future__ import annotations

import os
from pathlib import Path

from medoracle.domain import Document, Hit
from medoracle.library import Library
from medoracle.search.embedders import Embedder, load_embedder
from medoracle.search.hybrid import LEXICAL_WEIGHT, apply_prior, fuse
from medoracle.search.index import Progress, SearchIndex
from medoracle.search.query import ParsedQuery, parse_query

# Lexical + wordllama keeps a first build of a ~150k-passage library within minutes on two
# cores; MiniLM ranks better but embeds ~50 passages/s, so it is opt-in (docs/search.md).
DEFAULT_EMBEDDER: str | None = "wordllama"
CANDIDATES = 100  # from each retriever, before fusion


class Searcher:
    def __init__(self, index: SearchIndex, *, evidence_prior: bool, lexical_weight: float) -> None:
        self._index = index
        self._evidence_prior = evidence_prior
        self._lexical_weight = lexical_weight

    @classmethod
    def open(
        cls,
        library: Library,
        index_dir: Path,
        *,
        embedder: str | Embedder | None = DEFAULT_EMBEDDER,
        evidence_prior: bool = False,
        progress: Progress | None = None,
    ) -> Searcher:
        """Open (building or refreshing as needed) the indexes of ``library`` kept in ``index_dir``.

        ``embedder`` is a name from EMBEDDERS, an Embedder object, or None for lexical search only.
        """
        # numpy's BLAS threads fight torch for the two cores: 10× slower dense queries otherwise.
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
        model = load_embedder(embedder) if isinstance(embedder, str) else embedder
        index = SearchIndex(library, index_dir, model)
        index.refresh(progress)
        weight = LEXICAL_WEIGHTS.get(model.name, LEXICAL_WEIGHT) if model else 1.0
        return cls(index, evidence_prior=evidence_prior, lexical_weight=weight)

    @property
    def index(self) -> SearchIndex:
        return self._index

    def refresh(self, progress: Progress | None = None) -> int:
        return self._index.refresh(progress)

    def rank(self, query: ParsedQuery, k: int) -> list[tuple[str, float]]:
        """Passage ids and scores, best first (no documents loaded unless the prior needs them)."""
        index = self._index
        depth = max(k, CANDIDATES)
        lexical = index.lexical.search(query.terms, depth)
        ranking = lexical
        if index.embedder is not None and index.vectors is not None and len(index.vectors):
            vector = index.embedder.embed([query.dense_text])[0]
            dense = index.vectors.search(vector, depth)
            ranking = fuse(lexical, dense, self._lexical_weight)
        if self._evidence_prior:
            documents = self._documents_of([key for key, _ in ranking])
            ranking = apply_prior(ranking, lambda key: documents.get(key.rsplit("#", 1)[0]))
        return list(ranking[:k])

    def search(self, query: str, k: int = 10) -> list[Hit]:
        """The best ``k`` passages for ``query``; raises QueryError for an unusable query."""
        if self._index.is_stale():
            self._index.refresh()
        ranking = self.rank(parse_query(query), k)
        passages = self._index.library.get_passages(key for key, _ in ranking)
        documents = self._index.library.get_documents(p.document_id for p in passages.values())
        return [
            Hit(passage=passages[key], document=documents[passages[key].document_id], score=score)
            for key, score in ranking
            if key in passages and passages[key].document_id in documents
        ]

    def _documents_of(self, passage_ids: list[str]) -> dict[str, Document]:
        return self._index.library.get_documents(key.rsplit("#", 1)[0] for key in passage_ids)


# Chosen on SciFact train queries by bench/retrieval.py; see docs/search.md.
LEXICAL_WEIGHTS = {"wordllama": 0.6, "minilm": 0.5}

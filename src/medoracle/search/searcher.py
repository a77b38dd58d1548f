"""The search entry point: question in, ranked passages with their documents out."""

from __future__ import annotations

import os
from collections.abc import Collection
from pathlib import Path

from medoracle.domain import Document, Hit
from medoracle.library import Library
from medoracle.search import feedback as prf
from medoracle.search.embedders import Embedder, load_embedder
from medoracle.search.hybrid import FusionWeights, Ranking, apply_prior, diversified, document_of, fuse_levels
from medoracle.search.index import Progress, SearchIndex
from medoracle.search.lexical import Terms
from medoracle.search.query import ParsedQuery, parse_query

# Lexical + wordllama keeps a first build of a ~150k-passage library within minutes on two
# cores; MiniLM ranks better but embeds ~50 passages/s, so it is opt-in (docs/search.md).
DEFAULT_EMBEDDER: str | None = "wordllama"
CANDIDATES = 100  # from each retriever, before fusion
PER_DOCUMENT = 5  # passages of one document among the results, while other documents are found


class Searcher:
    def __init__(
        self, index: SearchIndex, *, evidence_prior: bool, weights: FusionWeights, feedback: bool = False
    ) -> None:
        self._index = index
        self._evidence_prior = evidence_prior
        self._feedback = feedback
        self.weights = weights

    @classmethod
    def open(
        cls,
        library: Library,
        index_dir: Path,
        *,
        embedder: str | Embedder | None = DEFAULT_EMBEDDER,
        evidence_prior: bool = False,
        weights: FusionWeights | None = None,
        feedback: bool = False,
        vectors: Collection[str] | None = None,
        progress: Progress | None = None,
    ) -> Searcher:
        """Open (building or refreshing as needed) the indexes of ``library`` kept in ``index_dir``.

        ``embedder`` is a name from EMBEDDERS, an Embedder object, or None for lexical search only.
        ``weights`` default to those tuned for the embedder (WEIGHTS); dense weights are ignored
        without an embedder. ``feedback`` expands one- and two-word queries with words of their best
        passages (search/feedback.py): it helps broad topics and costs precision on rare names.
        ``vectors`` names the vector indexes to build (index.VECTOR_LEVELS; None: those the weights
        use); sentences multiply the texts to embed by about five.
        """
        # numpy's BLAS threads fight torch for the two cores: 10× slower dense queries otherwise.
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
        model = load_embedder(embedder) if isinstance(embedder, str) else embedder
        if weights is None:
            weights = WEIGHTS.get(model.name if model else None, WEIGHTS[None])
        index = SearchIndex(
            library, index_dir, model, vectors=_vector_levels(weights) if vectors is None else vectors
        )
        index.refresh(progress)
        return cls(index, evidence_prior=evidence_prior, weights=weights, feedback=feedback)

    @property
    def index(self) -> SearchIndex:
        return self._index

    def rank(self, query: ParsedQuery, k: int) -> list[tuple[str, float]]:
        """Passage ids and scores, best first (no documents loaded unless the prior needs them)."""
        index, weights = self._index, self.weights
        depth = max(k, CANDIDATES)
        terms = self._with_feedback(query) if self._feedback and prf.wants_feedback(query) else query.terms
        passage_runs: list[tuple[Ranking, float]] = []
        document_runs: list[tuple[Ranking, float]] = []
        if weights.lexical:
            passage_runs.append((index.lexical.search(terms, depth), weights.lexical))
        if weights.document_lexical:
            document_runs.append((index.document_lexical.search(terms, depth), weights.document_lexical))
        if index.embedder is not None and _vector_levels(weights):
            vector = index.embedder.embed([query.dense_text])[0]
            if weights.dense and index.vectors is not None:
                passage_runs.append((index.vectors.search(vector, depth), weights.dense))
            if weights.sentence_dense and index.sentence_vectors is not None:
                passage_runs.append(
                    (index.passages_by_sentence(vector[None], depth)[0], weights.sentence_dense)
                )
            if weights.document_dense and index.document_vectors is not None:
                document_runs.append((index.document_vectors.search(vector, depth), weights.document_dense))
        ranking = fuse_levels(passage_runs, document_runs)
        if self._evidence_prior:
            documents = self._documents_of([key for key, _ in ranking])
            ranking = apply_prior(ranking, lambda key: documents.get(document_of(key)))
        return diversified(ranking, k, PER_DOCUMENT)

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

    def _with_feedback(self, query: ParsedQuery) -> Terms:
        """The query's terms and the words its best lexical passages add (search/feedback.py)."""
        first_pass = self._index.lexical.search(query.terms, prf.PASSAGES)
        return prf.expand(query.terms, first_pass, self._index.library)

    def _documents_of(self, passage_ids: list[str]) -> dict[str, Document]:
        return self._index.library.get_documents(document_of(key) for key in passage_ids)


def _vector_levels(weights: FusionWeights) -> tuple[str, ...]:
    used = {
        "passages": weights.dense,
        "documents": weights.document_dense,
        "sentences": weights.sentence_dense,
    }
    return tuple(level for level, weight in used.items() if weight)


# Chosen on SciFact train queries by bench/retrieval.py (keyed by embedder; None: lexical only),
# from a 0.1 grid whose passage weights sum to at least 0.1; see docs/search.md.
WEIGHTS: dict[str | None, FusionWeights] = {
    None: FusionWeights(lexical=0.1, document_lexical=0.9),
    "wordllama": FusionWeights(lexical=0.0, dense=0.4, document_lexical=0.6),
    # Sentences embedded with their title, and whole documents by BM25: SciFact test 0.7317 against 0.7226
    # for passage and document vectors, which these weights leave unused, so they are not built.
    "minilm": FusionWeights(
        lexical=0.0, dense=0.0, document_lexical=0.5, document_dense=0.0, sentence_dense=0.5
    ),
}

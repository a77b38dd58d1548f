"""Retrieval quality and speed of medoracle's search on BEIR SciFact and an NFCorpus proxy.

    python bench/retrieval.py --dataset scifact [--json]
    python bench/retrieval.py --dataset nfcorpus [--json]

Builds a library of the corpus under bench/.cache/<dataset>/ (once), indexes it through the
product's Searcher for each embedder, and evaluates document-level nDCG@10 and Recall@100
(a document scores the best of its passages) on the test queries. Free parameters (title
boost, fusion weights, PRF) are chosen on the TRAIN qrels only, then reported on test.
Embeddings of the corpus are cached in bench/.cache/, so reruns take seconds.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before numpy: BLAS threads starve torch

import numpy as np
import numpy.typing as npt

sys.path.insert(0, str(Path(__file__).parent))

from medoracle.domain import Document, DocumentKind, Section
from medoracle.ingest.pipeline import ingest
from medoracle.library import Library
from medoracle.search import Searcher, feedback
from medoracle.search.embedders import Embedder, load_embedder
from medoracle.search.hybrid import (
    FusionWeights,
    apply_prior,
    document_of,
    fuse,
    fuse_levels,
    normalise,
    reciprocal_rank_fusion,
)
from medoracle.search.index import VECTOR_LEVELS
from medoracle.search.lexical import Fts5Index, IndexedPassage, LexicalIndex, Terms
from medoracle.search.query import parse_query
from medoracle.search.searcher import CANDIDATES
from metrics import Qrels, Run, evaluate, ideal_dcg, is_judged

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("MEDORACLE_SHARED_DATA", ROOT.parent / "shared" / "data"))
CACHE = ROOT / "bench" / ".cache"
RESULTS = ROOT / "bench" / "results"
DEPTH = 1000  # passages per query from each retriever
Ranking = list[tuple[str, float]]
Rankings = dict[str, Ranking]


@dataclass
class Dataset:
    name: str
    label: str
    documents: Callable[[], Iterator[Document]]
    queries: dict[str, str]
    test: Qrels
    train: Qrels


def _qrels(path: Path) -> dict[str, dict[str, int]]:
    qrels: dict[str, dict[str, int]] = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        query, doc, score = line.split("\t")
        qrels.setdefault(query, {})[doc] = int(score)
    return qrels


def _queries(path: Path) -> dict[str, str]:
    rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return {row["_id"]: row["text"] for row in rows}


def scifact() -> Dataset:
    folder = DATA / "scifact" / "beir"

    def documents() -> Iterator[Document]:
        with open(folder / "corpus.jsonl", encoding="utf-8") as lines:
            for line in lines:
                row = json.loads(line)
                yield Document(
                    identifier=f"scifact:{row['_id']}",
                    source="scifact",
                    kind=DocumentKind.ARTICLE,
                    title=row["title"],
                    sections=[Section("ABSTRACT", row["text"])],
                )

    return Dataset(
        "scifact",
        "BEIR SciFact test (300 queries, 5,183 abstracts)",
        documents,
        _queries(folder / "queries.jsonl"),
        _qrels(folder / "qrels" / "test.tsv"),
        _qrels(folder / "qrels" / "train.tsv"),
    )


def nfcorpus() -> Dataset:
    folder = DATA / "nfcorpus"

    def documents() -> Iterator[Document]:
        for split in ("dev", "test"):
            with open(folder / "original" / f"{split}.docs", encoding="utf-8") as lines:
                for line in lines:
                    key, _, text = line.rstrip("\n").partition("\t")
                    yield Document(
                        identifier=f"nfcorpus:{key}",
                        source="nfcorpus",
                        kind=DocumentKind.ARTICLE,
                        title="",
                        sections=[Section("ABSTRACT", text)],
                    )

    return Dataset(
        "nfcorpus",
        "NFCorpus PROXY: BEIR test queries over the preprocessed original dev+test docs (3,395)",
        documents,
        _queries(folder / "beir" / "queries.jsonl"),
        _qrels(folder / "beir" / "qrels" / "test.tsv"),
        _qrels(folder / "beir" / "qrels" / "train.tsv"),
    )


DATASETS = {"scifact": scifact, "nfcorpus": nfcorpus}


def corpus_id(passage_id: str) -> str:
    return passage_id.rsplit("#", 1)[0].split(":", 1)[1]


def document_run(rankings: Mapping[str, Ranking]) -> Run:
    """Document scores: the best score among a document's passages."""
    run: dict[str, dict[str, float]] = {}
    for query, ranking in rankings.items():
        scores = run.setdefault(query, {})
        for passage, score in ranking:
            doc = corpus_id(passage)
            if score > scores.get(doc, float("-inf")):
                scores[doc] = score
    return run


def _library(dataset: Dataset, folder: Path) -> Library:
    library = Library(f"sqlite:///{folder / 'library.db'}")
    if library.count_documents() == 0:
        started = time.perf_counter()
        report = ingest(library, dataset.documents(), source=dataset.name)
        print(
            f"ingested {report.ingested:,} documents, {report.passages:,} passages "
            f"in {time.perf_counter() - started:.0f} s",
            file=sys.stderr,
        )
    return library


class CachedEmbedder:
    """An embedder that remembers every text it embedded in bench/.cache/ (keyed by a text hash)."""

    def __init__(self, name: str, path: Path) -> None:
        self._model: Embedder | None = None
        self.name = name
        self.dimension = {"minilm": 384, "wordllama": 256}[name]
        self._path = path
        self._vectors: dict[str, npt.NDArray[np.float32]] = {}
        if path.exists():
            with np.load(path) as stored:
                self._vectors = dict(zip(stored["keys"].tolist(), stored["vectors"], strict=True))
        self.computed = 0
        self.seconds = 0.0

    def model(self) -> Embedder:
        if self._model is None:
            self._model = load_embedder(self.name)
        return self._model

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        keys = [hashlib.sha1(t.encode()).hexdigest() for t in texts]
        missing = [i for i, key in enumerate(keys) if key not in self._vectors]
        if missing:
            started = time.perf_counter()
            computed = self.model().embed([texts[i] for i in missing])
            self.seconds += time.perf_counter() - started
            self.computed += len(missing)
            for i, vector in zip(missing, computed, strict=True):
                self._vectors[keys[i]] = vector
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([self._vectors[key] for key in keys]).astype(np.float32)

    def save(self) -> None:
        keys = list(self._vectors)
        np.savez(self._path, keys=np.array(keys), vectors=np.stack([self._vectors[k] for k in keys]))


def _progress(label: str) -> Callable[[int, int | None], None]:
    def report(done: int, total: int | None) -> None:
        if done % 4096 < 512:
            print(f"  {label}: {done:,}/{total or '?'} passages", file=sys.stderr)

    return report


def open_searcher(library: Library, folder: Path, embedder: CachedEmbedder | None) -> tuple[Searcher, float]:
    name = embedder.name if embedder else "none"
    started = time.perf_counter()
    # Every vector index is built for every embedder, so that all weights can be tuned on train.
    searcher = Searcher.open(
        library, folder / f"index-{name}", embedder=embedder, vectors=VECTOR_LEVELS, progress=_progress(name)
    )
    seconds = time.perf_counter() - started
    if embedder:
        embedder.save()
    return searcher, seconds


# -- runs -----------------------------------------------------------------------------------


def lexical_rankings(searcher: Searcher, terms: Mapping[str, Terms], title_boost: float) -> Rankings:
    lexical = searcher.index.lexical
    lexical.title_boost = title_boost
    return {q: lexical.search(t, DEPTH) for q, t in terms.items()}


def dense_rankings(searcher: Searcher, texts: Mapping[str, str], level: str = "passages") -> Rankings:
    """Passages (whole documents, or passages by their best sentence) by cosine similarity to each query."""
    index = searcher.index
    assert index.embedder is not None
    keys = list(texts)
    queries = index.embedder.embed([texts[q] for q in keys])
    if level == "sentences":
        found = index.passages_by_sentence(queries, DEPTH)
    else:
        chosen = index.vectors if level == "passages" else index.document_vectors
        assert chosen is not None
        found = chosen.search_many(queries, DEPTH)
    return dict(zip(keys, found, strict=True))


def raw_terms(text: str) -> Terms:
    """Every word of the query, stop words included: the baseline for query processing."""
    return [(w, 1.0) for w in dict.fromkeys(re.findall(r"\w+", text.lower()))]


def prf_terms(library: Library, terms: Terms, ranking: Ranking) -> Terms:
    """The product's feedback (search/feedback.py) applied to every query, whatever its length."""
    return feedback.expand(terms, ranking[: feedback.PASSAGES], library)


def fused(lexical: Rankings, dense: Rankings, weight: float) -> Rankings:
    return {q: fuse(lexical[q], dense.get(q, []), weight) for q in lexical}


def document_level(rankings: Rankings) -> Rankings:
    """Each document once, with its best passage score (keyed as a pseudo passage of the document)."""
    return {
        q: sorted(((f"doc:{d}#0", s) for d, s in docs.items()), key=lambda x: -x[1])
        for q, docs in document_run(rankings).items()
    }


def combined(runs: Sequence[Rankings], weights: Sequence[float]) -> Rankings:
    """Weighted sum of min-max normalised scores over any number of runs (the product's fusion)."""
    return {
        q: fuse_levels([(run_.get(q, []), weight) for run_, weight in zip(runs, weights, strict=True)], [])
        for q in runs[0]
    }


def best_combination(qrels: Qrels, runs: Sequence[Rankings]) -> tuple[tuple[float, ...], Rankings]:
    """Weights on a 0.1 grid (summing to 1) for three runs, chosen by nDCG@10 on ``qrels``."""
    grid = [(a / 10, b / 10, (10 - a - b) / 10) for a in range(11) for b in range(11 - a)]
    subset = [{q: r[q] for q in qrels if q in r} for r in runs]
    best = max(grid, key=lambda w: score(qrels, combined(subset, w))["ndcg@10"])
    return best, combined(runs, best)


def score(qrels: Qrels, rankings: Rankings) -> dict[str, float]:
    return {k: round(v, 4) for k, v in evaluate(qrels, document_run(rankings)).items()}


def best_weight(
    qrels: Qrels, lexical: Rankings, dense: Rankings, grid: Sequence[float]
) -> tuple[float, dict[str, float]]:
    results = {w: score(qrels, fused(lexical, dense, w)) for w in grid}
    weight = max(results, key=lambda w: results[w]["ndcg@10"])
    return weight, results[weight]


PASSAGE_LEVELS = ("lexical", "dense", "sentence_dense")
DOCUMENT_LEVELS = ("document_lexical", "document_dense")


def fused_levels(runs: Mapping[str, Rankings], weights: FusionWeights) -> Rankings:
    """Searcher.rank's fusion applied to precomputed runs keyed by FusionWeights field name."""
    passage = [f for f in PASSAGE_LEVELS if f in runs and getattr(weights, f)]
    document = [f for f in DOCUMENT_LEVELS if f in runs and getattr(weights, f)]
    queries = next(iter(runs.values()))
    return {
        q: fuse_levels(
            [(runs[f][q], getattr(weights, f)) for f in passage],
            [(runs[f][q], getattr(weights, f)) for f in document],
        )
        for q in queries
    }


def tune_levels(qrels: Qrels, runs: Mapping[str, Rankings], step: float = 0.1) -> FusionWeights:
    """FusionWeights for ``runs`` on a grid summing to 1, best nDCG@10 on ``qrels`` (train).

    Passage runs must weigh at least ``step`` in all: they choose a document's best passage,
    which the document-level benchmark cannot see but the answer engine reads. Runs are cut to
    the depth Searcher.search fuses (CANDIDATES per retriever). Each grid point is scored with
    numpy on matrices built once per query (_LevelMatrix): five runs make a thousand grid points.
    """
    fields = list(runs)
    matrices = [_LevelMatrix.of(fields, runs, q, judged) for q, judged in qrels.items() if is_judged(judged)]
    steps = round(1 / step)
    best: tuple[float, FusionWeights] | None = None
    for combo in itertools.product(range(steps + 1), repeat=len(fields) - 1):
        if sum(combo) > steps:
            continue
        values = dict(zip(fields, (c * step for c in (*combo, steps - sum(combo))), strict=True))
        if sum(values.get(f, 0.0) for f in PASSAGE_LEVELS) == 0:
            continue
        passage = np.array([values[f] if f in PASSAGE_LEVELS else 0.0 for f in fields])
        document = np.array([values[f] if f in DOCUMENT_LEVELS else 0.0 for f in fields])
        quality = sum(m.ndcg10(passage, document) for m in matrices) / len(matrices)
        if best is None or quality > best[0]:
            best = (quality, FusionWeights(**{f: 0.0 for f in PASSAGE_LEVELS + DOCUMENT_LEVELS} | values))
    assert best is not None
    return best[1]


@dataclass
class _LevelMatrix:
    """One query's runs as matrices: the same fusion as fuse_levels, scored by nDCG@10 without dicts."""

    passage_scores: npt.NDArray[np.float64]  # (passages, fields): min-max normalised, 0 where not found
    passage_found: npt.NDArray[np.bool_]
    passage_document: npt.NDArray[np.intp]  # document row of each passage
    document_scores: npt.NDArray[np.float64]  # (documents, fields)
    document_found: npt.NDArray[np.bool_]
    gains: npt.NDArray[np.float64]  # by document row; rows sorted by corpus id, descending (trec_eval's ties)
    ideal: float

    @classmethod
    def of(
        cls, fields: list[str], runs: Mapping[str, Rankings], query: str, judged: Mapping[str, int]
    ) -> _LevelMatrix:
        normalised = {f: normalise(runs[f].get(query, [])[:CANDIDATES]) for f in fields}
        documents_of = {
            f: {document_of(k): v for k, v in normalised[f].items()} for f in DOCUMENT_LEVELS if f in fields
        }
        passages = sorted({k for f in PASSAGE_LEVELS if f in fields for k in normalised[f]})
        corpus = sorted(
            {corpus_id(k) for k in passages}
            | {corpus_id(f"{d}#0") for f in documents_of for d in documents_of[f]},
            reverse=True,
        )
        row = {d: n for n, d in enumerate(corpus)}
        passage_matrix = np.array([[normalised[f].get(k, np.nan) for f in fields] for k in passages]).reshape(
            -1, len(fields)
        )
        document_keys = {corpus_id(f"{d}#0"): d for f in documents_of for d in documents_of[f]}
        document_matrix = np.array(
            [
                [
                    documents_of[f].get(document_keys.get(d, ""), np.nan) if f in documents_of else np.nan
                    for f in fields
                ]
                for d in corpus
            ]
        ).reshape(-1, len(fields))
        return cls(
            np.nan_to_num(passage_matrix),
            ~np.isnan(passage_matrix),
            np.array([row[corpus_id(k)] for k in passages], dtype=np.intp),
            np.nan_to_num(document_matrix),
            ~np.isnan(document_matrix),
            np.array([float(judged.get(d, 0)) for d in corpus]),
            ideal_dcg(judged, 10),
        )

    def ndcg10(
        self, passage_weights: npt.NDArray[np.float64], document_weights: npt.NDArray[np.float64]
    ) -> float:
        """nDCG@10 of the fusion with these weights (one per field; zero for the other level's fields)."""
        candidate = (self.passage_found & (passage_weights > 0)).any(axis=1)
        best = np.full(len(self.gains), -np.inf)
        np.maximum.at(
            best, self.passage_document[candidate], (self.passage_scores @ passage_weights)[candidate]
        )
        listed = np.isfinite(best) | (self.document_found & (document_weights > 0)).any(axis=1)
        scores = np.where(np.isfinite(best), best, 0.0) + self.document_scores @ document_weights
        rows = np.flatnonzero(listed)
        top = rows[np.argsort(-scores[rows], kind="stable")[:10]]
        dcg = float(np.sum(self.gains[top] / np.log2(np.arange(len(top)) + 2)))
        return dcg / self.ideal if self.ideal > 0 else 0.0


def weights_row(qrels: Qrels, runs: Mapping[str, Rankings], weights: FusionWeights) -> dict[str, Any]:
    subset = {f: {q: r[q] for q in qrels if q in r} for f, r in runs.items()}
    used = {f: round(getattr(weights, f), 2) for f in runs}
    return {**score(qrels, fused_levels(subset, weights)), "weights_tuned_on_train": used}


# -- the benchmark -------------------------------------------------------------------------


def run(dataset: Dataset, embedders: Sequence[str]) -> dict[str, Any]:
    folder = CACHE / dataset.name
    folder.mkdir(parents=True, exist_ok=True)
    library = _library(dataset, folder)
    results: dict[str, Any] = {"dataset": dataset.label, "depth": DEPTH}
    test_q = {q: dataset.queries[q] for q in dataset.test}
    train_q = {q: dataset.queries[q] for q in dataset.train if q in dataset.queries}
    both = {**test_q, **train_q}

    lexical_searcher, seconds = open_searcher(library, folder, None)
    passages = len(lexical_searcher.index.lexical)
    results["corpus"] = {"documents": library.count_documents(), "passages": passages}
    results["build_seconds"] = {"tantivy": round(seconds, 1)}

    # 1. Lexical engine and title boost (tuned on train).
    parsed = {q: parse_query(t) for q, t in both.items()}
    plain = {q: parse_query(t, expand=False).terms for q, t in both.items()}
    boosts = (0.0, 0.25, 0.5, 1.0, 2.0)
    train_by_boost = {b: score(dataset.train, lexical_rankings(lexical_searcher, plain, b)) for b in boosts}
    boost = max(boosts, key=lambda b: train_by_boost[b]["ndcg@10"])
    results["tantivy_title_boost_train"] = {str(b): r for b, r in train_by_boost.items()}
    results["title_boost"] = boost
    lexical = lexical_rankings(lexical_searcher, {q: parsed[q].terms for q in both}, boost)
    results["bm25"] = {
        **score(dataset.test, lexical),
        "query_ms_k100": _engine_latency(
            lexical_searcher.index.lexical, {q: parsed[q].terms for q in test_q}
        ),
    }
    results["bm25_no_title"] = score(dataset.test, lexical_rankings(lexical_searcher, plain, 0.0))
    results["bm25_no_expansion"] = score(dataset.test, lexical_rankings(lexical_searcher, plain, boost))
    raw = {q: raw_terms(t) for q, t in both.items()}
    results["bm25_raw_query"] = score(dataset.test, lexical_rankings(lexical_searcher, raw, boost))
    results["fts5"], results["build_seconds"]["fts5"] = _fts5(
        library, folder, {q: parsed[q].terms for q in test_q}, dataset.test, boost
    )
    # 1b. Whole documents (title + all text) in a second tantivy index, alone and fused with passages.
    whole = {q: lexical_searcher.index.document_lexical.search(parsed[q].terms, DEPTH) for q in both}
    results["bm25_document"] = score(dataset.test, whole)
    lexical_runs = {"lexical": lexical, "document_lexical": whole}
    results["bm25_passage_document"] = weights_row(
        dataset.test, lexical_runs, tune_levels(dataset.train, lexical_runs)
    )
    results["searcher_none"] = score(
        dataset.test, {q: lexical_searcher.rank(parsed[q], DEPTH) for q in test_q}
    )
    results["searcher_none_feedback"] = score(
        dataset.test, {q: _with_feedback(lexical_searcher).rank(parsed[q], DEPTH) for q in test_q}
    )
    results["latency_ms"] = {"bm25": _latency(lexical_searcher, list(test_q.values()))}

    # 2. The product's optional pseudo-relevance feedback applied to every query (it expands only short ones).
    prf = {q: prf_terms(library, parsed[q].terms, lexical[q]) for q in both}
    lexical_prf = lexical_rankings(lexical_searcher, prf, boost)
    results["bm25_prf"] = score(dataset.test, lexical_prf)
    results["bm25_prf_train"] = score(dataset.train, lexical_prf)
    results["bm25_train"] = score(dataset.train, lexical)

    # 3. Dense retrieval and fusion for each embedder.
    dense: dict[str, Rankings] = {}
    for name in embedders:
        embedder = CachedEmbedder(name, folder / f"embeddings-{name}.npz")
        searcher, seconds = open_searcher(library, folder, embedder)
        results["build_seconds"][name] = round(seconds, 1)
        results[f"throughput_{name}"] = _throughput(embedder, library)
        dense[name] = dense_rankings(searcher, {q: parsed[q].dense_text for q in both})
        embedder.save()
        results[f"dense_{name}"] = score(dataset.test, dense[name])
        grid = [round(0.1 * i, 1) for i in range(11)]
        weight, _ = best_weight(dataset.train, lexical, dense[name], grid)
        results[f"hybrid_{name}"] = score(dataset.test, fused(lexical, dense[name], weight))
        results[f"hybrid_{name}"]["lexical_weight_tuned_on_train"] = weight
        results[f"hybrid_{name}_w0.5"] = score(dataset.test, fused(lexical, dense[name], 0.5))
        results[f"rrf_{name}"] = score(
            dataset.test, {q: reciprocal_rank_fusion([lexical[q], dense[name][q]]) for q in test_q}
        )
        prf_weight, _ = best_weight(dataset.train, lexical_prf, dense[name], grid)
        results[f"hybrid_{name}_prf"] = score(dataset.test, fused(lexical_prf, dense[name], prf_weight))
        results[f"hybrid_{name}_prf"]["lexical_weight_tuned_on_train"] = prf_weight
        whole_dense = dense_rankings(searcher, {q: parsed[q].dense_text for q in both}, "documents")
        results[f"dense_{name}_document"] = score(dataset.test, whole_dense)
        runs = {**lexical_runs, "dense": dense[name], "document_dense": whole_dense}
        results[f"hybrid_{name}_levels"] = weights_row(dataset.test, runs, tune_levels(dataset.train, runs))
        sentence_dense = dense_rankings(searcher, {q: parsed[q].dense_text for q in both}, "sentences")
        results[f"dense_{name}_sentence"] = score(dataset.test, sentence_dense)
        runs["sentence_dense"] = sentence_dense
        results[f"hybrid_{name}_sentences"] = weights_row(
            dataset.test, runs, tune_levels(dataset.train, runs)
        )
        searcher_run = {q: searcher.rank(parsed[q], DEPTH) for q in test_q}
        results[f"searcher_{name}"] = {
            **score(dataset.test, searcher_run),
            "weights": asdict(searcher.weights),
        }
        results[f"searcher_{name}_feedback"] = score(
            dataset.test, {q: _with_feedback(searcher).rank(parsed[q], DEPTH) for q in test_q}
        )
        results["latency_ms"][name] = _latency(searcher, list(test_q.values()))
        prior_runs = _with_prior(library, searcher_run)
        results[f"searcher_{name}_evidence_prior"] = score(dataset.test, prior_runs)
    results.update(_fusion_variants(dataset, lexical, dense))
    results["hybrid"] = _best_hybrid(results, embedders)
    return results


def _fusion_variants(dataset: Dataset, lexical: Rankings, dense: dict[str, Rankings]) -> dict[str, Any]:
    """Fusion of document-level scores, and of BM25 with both embedders (weights tuned on train)."""
    found: dict[str, Any] = {}
    grid = [round(0.1 * i, 1) for i in range(11)]
    lexical_docs = document_level(lexical)
    for name, ranking in dense.items():
        dense_docs = document_level(ranking)
        weight, _ = best_weight(dataset.train, lexical_docs, dense_docs, grid)
        found[f"hybrid_{name}_document_level"] = {
            **score(dataset.test, fused(lexical_docs, dense_docs, weight)),
            "lexical_weight_tuned_on_train": weight,
        }
    if len(dense) == 2:
        runs = [lexical_docs, *(document_level(dense[n]) for n in sorted(dense))]
        weights, fused3 = best_combination(dataset.train, runs)
        found["hybrid_three_way_document_level"] = {
            **score(dataset.test, fused3),
            "weights_tuned_on_train": dict(zip(["bm25", *sorted(dense)], weights, strict=True)),
        }
    return found


def _best_hybrid(results: dict[str, Any], embedders: Sequence[str]) -> dict[str, Any]:
    """The hybrid row: the product's own ranking (Searcher.rank, default weights), best embedder first."""
    for name in ("minilm", "wordllama"):
        if name in embedders:
            used = {
                field: weight for field, weight in results[f"searcher_{name}"]["weights"].items() if weight
            }
            retrievers = ", ".join(f"{field} {weight}" for field, weight in used.items())
            config = f"Searcher.rank: tantivy BM25 + {name}, min-max fusion of {retrievers}"
            return {**results[f"searcher_{name}"], "config": config}
    return {}


def _with_feedback(searcher: Searcher) -> Searcher:
    return Searcher(searcher.index, evidence_prior=False, weights=searcher.weights, feedback=True)


def _with_prior(library: Library, rankings: Rankings) -> Rankings:
    ids = {p.rsplit("#", 1)[0] for ranking in rankings.values() for p, _ in ranking}
    documents = library.get_documents(ids)
    return {q: apply_prior(r, lambda p: documents.get(p.rsplit("#", 1)[0])) for q, r in rankings.items()}


def _fts5(
    library: Library, folder: Path, terms: Mapping[str, Terms], qrels: Qrels, boost: float
) -> tuple[dict[str, Any], float]:
    path = folder / "fts5.db"
    path.unlink(missing_ok=True)
    index = Fts5Index(path, title_boost=boost)
    started = time.perf_counter()
    batch = list(library.iter_passages())
    titles = {k: d.title for k, d in library.get_documents({p.document_id for p in batch}).items()}
    index.add([IndexedPassage(p.identifier, p.document_id, titles[p.document_id], p.text) for p in batch])
    index.commit()
    seconds = round(time.perf_counter() - started, 1)
    rankings = {q: index.search(t, DEPTH) for q, t in terms.items()}
    return {**score(qrels, rankings), "query_ms_k100": _engine_latency(index, terms)}, seconds


def _engine_latency(index: LexicalIndex, terms: Mapping[str, Terms]) -> dict[str, float]:
    """The engine alone (no library reads): per-query milliseconds for the top 100 passages."""
    timings = []
    for query_terms in terms.values():
        started = time.perf_counter()
        index.search(query_terms, 100)
        timings.append((time.perf_counter() - started) * 1000)
    quantiles = statistics.quantiles(timings, n=100)
    return {"p50": round(quantiles[49], 2), "p95": round(quantiles[94], 2)}


def _latency(searcher: Searcher, queries: Sequence[str]) -> dict[str, float]:
    for query in queries[:20]:  # warm-up: caches, lazy model initialisation
        searcher.search(query, 10)
    timings = []
    for query in queries:
        started = time.perf_counter()
        searcher.search(query, 10)
        timings.append((time.perf_counter() - started) * 1000)
    quantiles = statistics.quantiles(timings, n=100)
    return {"p50": round(quantiles[49], 1), "p95": round(quantiles[94], 1)}


def _throughput(embedder: CachedEmbedder, library: Library) -> float:
    """Passages per second embedding 256 passages afresh (the cache is bypassed)."""
    sample = [p.text for _, p in zip(range(256), library.iter_passages(), strict=False)]
    model = embedder.model()
    model.embed(sample[:8])  # warm-up
    started = time.perf_counter()
    model.embed(sample)
    return round(len(sample) / (time.perf_counter() - started), 1)


def _table(results: dict[str, Any]) -> str:
    lines = [f"{results['dataset']}", f"{'system':<34} {'nDCG@10':>8} {'R@100':>8}"]
    for key, value in results.items():
        if isinstance(value, dict) and "ndcg@10" in value:
            lines.append(f"{key:<34} {value['ndcg@10']:>8.4f} {value['recall@100']:>8.4f}")
    lines.append(f"latency (ms, warm, Searcher.search k=10): {results['latency_ms']}")
    lines.append(f"build seconds: {results['build_seconds']}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dataset", choices=sorted(DATASETS), default="scifact")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    parser.add_argument("--embedders", default="wordllama,minilm", help="comma-separated; '' for BM25 only")
    args = parser.parse_args()
    embedders = [name for name in args.embedders.split(",") if name]
    results = run(DATASETS[args.dataset](), embedders)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"retrieval-{args.dataset}.json").write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results) if args.json else _table(results))


if __name__ == "__main__":
    main()

"""Embedder throughput and latency on SciFact, and the vector index on a synthetic million passages.

Embedders: passages/s to embed title + text of the first --docs SciFact documents, and warm latency of
one query embedding (p50/p95 over --queries SciFact queries). Skipped with a message when the shared
corpus is absent.

Vector index (--million): --size synthetic 384-dimension unit vectors are generated at run time (never
stored). They lie near a random 48-dimension subspace plus isotropic noise, because real sentence
embeddings have a low intrinsic dimension; independent uniform vectors in 384 dimensions have no
meaningful nearest neighbours and are the known worst case of every graph index. The vectors go through
VectorIndex exactly as a library's passages would (batches of 100,000); the benchmark reports build
time, save time, query latency p50/p95 at k=100, recall@10 against exact search on 100 queries, exact
numpy search latency for comparison, and the process's peak RSS.

Usage: python bench/embedders.py [--shared ../shared/data] [--million] [--size N] [--json]
"""

from __future__ import annotations

import os

# numpy's OpenBLAS threads spin after each call and then fight torch's threads for the 2 cores: on this
# machine that made dense query latency about 10x worse. Must be set before numpy is first imported.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import json
import platform
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from medoracle.search.embedders import EMBEDDERS, load_embedder
from medoracle.search.vectors import (
    ANN_CONNECTIVITY,
    ANN_DTYPE,
    ANN_EXPANSION_ADD,
    ANN_EXPANSION_SEARCH,
    VectorIndex,
)

RESULTS = Path(__file__).parent / "results"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
DIMENSION = 384
LATENT = 48
BATCH = 100_000
EXPANSION_SWEEP = (128, 512, ANN_EXPANSION_SEARCH, 2048)

Vectors = npt.NDArray[np.float32]
T = TypeVar("T")


def percentiles_ms(samples: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(float(np.percentile(samples, 50)) * 1e3, 2),
        "p95_ms": round(float(np.percentile(samples, 95)) * 1e3, 2),
    }


def timed_each(call: Callable[[T], object], arguments: Iterable[T]) -> list[float]:
    samples = []
    for argument in arguments:
        start = time.perf_counter()
        call(argument)
        samples.append(time.perf_counter() - start)
    return samples


def read_jsonl(path: Path, limit: int) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for _, line in zip(range(limit), lines, strict=False)]


def bench_embedder(name: str, passages: list[str], queries: list[str]) -> dict[str, Any]:
    start = time.perf_counter()
    embedder = load_embedder(name)
    load_s = time.perf_counter() - start
    embedder.embed(passages[:8])  # warm-up: first calls allocate and pick kernels
    start = time.perf_counter()
    embedder.embed(passages)
    embed_s = time.perf_counter() - start
    latency = timed_each(lambda query: embedder.embed([query]), queries)
    return {
        "dimension": embedder.dimension,
        "load_s": round(load_s, 2),
        "passages": len(passages),
        "passages_per_s": round(len(passages) / embed_s, 1),
        "query_embedding": percentiles_ms(latency),
    }


def bench_embedders(corpus_dir: Path, docs: int, queries: int) -> dict[str, Any]:
    corpus = corpus_dir / "corpus.jsonl"
    if not corpus.exists():
        print(f"skipping embedders: {corpus} not found", file=sys.stderr)
        return {}
    passages = [f"{d.get('title', '')}. {d.get('text', '')}" for d in read_jsonl(corpus, docs)]
    texts = [q["text"] for q in read_jsonl(corpus_dir / "queries.jsonl", queries)]
    return {name: bench_embedder(name, passages, texts) for name in EMBEDDERS}


def latent_basis() -> Vectors:
    return np.random.default_rng(0).standard_normal((LATENT, DIMENSION), dtype=np.float32)


def synthetic_batches(size: int) -> Iterator[Vectors]:
    rng, basis = np.random.default_rng(1), latent_basis()
    for start in range(0, size, BATCH):
        yield synthetic(rng, basis, min(BATCH, size - start))


def synthetic(rng: np.random.Generator, basis: Vectors, count: int) -> Vectors:
    noise = rng.standard_normal((count, DIMENSION), dtype=np.float32)
    vectors = rng.standard_normal((count, LATENT), dtype=np.float32) @ basis + 2.0 * noise
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors


def bench_index(size: int, folder: Path) -> dict[str, Any]:
    queries = synthetic(np.random.default_rng(2), latent_basis(), 100)
    figures = bench_ann(size, folder, queries)
    figures["exact_numpy_query"] = exact_latency(size, queries[:20])
    return figures


def bench_ann(size: int, folder: Path, queries: Vectors) -> dict[str, Any]:
    index = VectorIndex.open(folder, DIMENSION)
    best: list[list[tuple[float, str]]] = [[] for _ in queries]  # exact top-10, merged batch by batch
    build_s = 0.0
    for number, batch in enumerate(synthetic_batches(size)):
        ids = [f"p{number * BATCH + row}" for row in range(len(batch))]
        start = time.perf_counter()
        index.add(ids, batch)
        build_s += time.perf_counter() - start
        merge_exact_top10(best, queries @ batch.T, ids)
        print(f"  indexed {len(index):,} vectors, {build_s:.0f}s in add()", file=sys.stderr, flush=True)
    start = time.perf_counter()
    index.save()
    save_s = time.perf_counter() - start
    uses_ann = index.uses_ann
    del index  # each setting below reopens the saved index, as a new process would
    sweep = {ef: bench_queries(folder, queries, best, ef) for ef in EXPANSION_SWEEP}
    return {
        "vectors": size,
        "dimension": DIMENSION,
        "ann": {
            "dtype": ANN_DTYPE,
            "connectivity": ANN_CONNECTIVITY,
            "expansion_add": ANN_EXPANSION_ADD,
            "expansion_search": ANN_EXPANSION_SEARCH,
        },
        "uses_ann": uses_ann,
        "build_s": round(build_s, 1),
        "build_vectors_per_s": round(size / build_s, 1),
        "save_s": round(save_s, 1),
        "disk_mb": round(sum(p.stat().st_size for p in folder.iterdir()) / 2**20, 1),
        **sweep[ANN_EXPANSION_SEARCH],
        "expansion_search_sweep": sweep,
        # measured before the exact baseline below allocates its own copy of the vectors
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def bench_queries(
    folder: Path, queries: Vectors, best: list[list[tuple[float, str]]], ef: int
) -> dict[str, Any]:
    start = time.perf_counter()
    index = VectorIndex.open(folder, DIMENSION, expansion_search=ef)
    open_s = time.perf_counter() - start
    index.search(queries[0], 100)  # warm
    latency = timed_each(lambda query: index.search(query, 100), queries)
    found = [index.search(query, 100) for query in queries]
    recall = [
        len({i for i, _ in hits[:10]} & {i for _, i in top}) / 10
        for hits, top in zip(found, best, strict=True)
    ]
    return {
        "open_s": round(open_s, 1),
        "query_k100": percentiles_ms(latency),
        "recall@10": round(float(np.mean(recall)), 3),
    }


def merge_exact_top10(best: list[list[tuple[float, str]]], scores: Vectors, ids: list[str]) -> None:
    top = np.argpartition(-scores, 10, axis=1)[:, :10]
    for row, columns in enumerate(top):
        best[row] = sorted(best[row] + [(float(scores[row, c]), ids[c]) for c in columns], reverse=True)[:10]


def exact_latency(size: int, queries: Vectors) -> dict[str, float]:
    """Brute force over one float32 matrix of the same size: what the index would cost without HNSW."""
    matrix = np.concatenate(list(synthetic_batches(size)))
    latency = timed_each(lambda query: np.argpartition(-(matrix @ query), 100)[:100], queries)
    return percentiles_ms(latency)


def print_table(results: dict[str, Any]) -> None:
    for name, figures in results.get("embedders", {}).items():
        q = figures["query_embedding"]
        print(
            f"{name:10} dim {figures['dimension']:4}  {figures['passages_per_s']:9.1f} passages/s  "
            f"query p50 {q['p50_ms']:7.2f} ms  p95 {q['p95_ms']:7.2f} ms  load {figures['load_s']} s"
        )
    if index := results.get("index"):
        q, e = index["query_k100"], index["exact_numpy_query"]
        print(
            f"index {index['vectors']:,} x {index['dimension']} ({index['ann']['dtype']}): build {index['build_s']} s "
            f"({index['build_vectors_per_s']}/s), save {index['save_s']} s, {index['disk_mb']} MB on disk\n"
            f"  HNSW k=100 p50 {q['p50_ms']} ms p95 {q['p95_ms']} ms, recall@10 {index['recall@10']}; "
            f"exact numpy p50 {e['p50_ms']} ms p95 {e['p95_ms']} ms; peak RSS {index['peak_rss_mb']} MB"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument(
        "--million", action="store_true", help="also benchmark the vector index on --size vectors"
    )
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--skip-embedders", action="store_true")
    parser.add_argument("--json", action="store_true", help="print the results as one JSON object")
    args = parser.parse_args()

    results: dict[str, Any] = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "blas_threads": os.environ["OPENBLAS_NUM_THREADS"],
        },
    }
    if args.million:  # first, so the peak RSS is the index's and not the embedding models'
        with tempfile.TemporaryDirectory() as scratch:
            results["index"] = bench_index(args.size, Path(scratch))
    if not args.skip_embedders:
        results["embedders"] = bench_embedders(args.shared / "scifact" / "beir", args.docs, args.queries)
    RESULTS.mkdir(exist_ok=True)
    # One file per part, so that rerunning one part keeps the other's latest figures.
    for part, name in (("index", f"vector-index-{args.size}.json"), ("embedders", "embedders.json")):
        if part in results:
            saved = {"machine": results["machine"], part: results[part]}
            (RESULTS / name).write_text(json.dumps(saved, indent=2) + "\n", encoding="utf-8")
    if args.json:
        print(json.dumps(results))
    else:
        print_table(results)


if __name__ == "__main__":
    main()

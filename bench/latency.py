"""Warm latency of search and ask on the whole shared library, and of retrieval at a million passages.

Shared library: every shared corpus the README's demo loads (SciFact, NGC guideline summaries,
MedQuAD, PubMedQA, BioASQ) ingested into one SQLite library under bench/.cache/shared/ (built
once, reused), indexed by the product's Searcher. Questions: real consumer health questions
(HealthSearchQA) and medication questions (MedicationQA), neither part of the library.
Reported per embedder: index build time and passages/s, then p50/p95 of `Searcher.search(k=10)`
and of `answer_question` (search + article), each after a warm-up.

--million N: retrieval at N passages. A library of N/4 abstract-like documents made of shuffled real
sentences of the shared library (so term statistics are realistic) is ingested and indexed by the
product's Searcher, with synthetic 384-dimension vectors (bench/embedders.py's generator, seeded by
each text) in place of a model, so the vector index is the product's HNSW at full size; all cached
in bench/.cache/million-N/. Reported: build time, p50/p95 of `Searcher.rank` (retrieval: every
index queried and fused) and of `Searcher.search` (plus reading the hits from the library), and peak
memory. The question's own embedding is synthetic too (wordllama takes under 1 ms per question,
MiniLM about 20 ms: bench/results/embedders.json).

Usage: python bench/latency.py [--shared ../shared/data] [--questions 300] [--million 1000000] [--json]
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before numpy: BLAS threads starve the embedder

import argparse
import json
import random
import resource
import sys
import time
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

sys.path.insert(0, str(Path(__file__).parent))

from embedders import DIMENSION, latent_basis, percentiles_ms, synthetic, timed_each
from ingest import readers
from medoracle.answer import answer_question
from medoracle.domain import Document, DocumentKind, Section
from medoracle.ingest.pipeline import ingest
from medoracle.library import Library
from medoracle.search import Searcher
from medoracle.search.query import parse_query
from medoracle.search.searcher import DEFAULT_EMBEDDER, WEIGHTS

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "bench" / ".cache"
RESULTS = ROOT / "bench" / "results"
LIBRARY_CORPORA = ("scifact", "ngc", "medquad", "pubmedqa", "bioasq")
WARM_UP = 5
PASSAGES_PER_DOCUMENT = 4
SECTION_WORDS = 100  # then one more sentence: below the chunker's 160 words a passage


def shared_library(shared: Path) -> Library:
    folder = CACHE / "shared"
    folder.mkdir(parents=True, exist_ok=True)
    library = Library(f"sqlite:///{folder / 'library.db'}")
    if library.count_documents() == 0:
        for name, make_reader in readers(shared, folder, 0).items():
            if name.split()[0] in LIBRARY_CORPORA:
                reader = make_reader()
                started = time.perf_counter()
                report = ingest(library, reader.read(), source=reader.source)
                print(
                    f"ingested {name}: {report.ingested:,} documents in {time.perf_counter() - started:.0f} s"
                )
    return library


def questions(shared: Path, count: int) -> list[str]:
    pool = [
        json.loads(line)["question"]
        for path in (
            shared / "healthsearchqa" / "healthsearchqa_questions.jsonl",
            shared / "medicationqa" / "medicationqa.jsonl",
        )
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return random.Random(0).sample(pool, min(count, len(pool)))


def bench_embedder(library: Library, embedder: str | None, asked: Sequence[str]) -> dict[str, Any]:
    folder = CACHE / "shared" / f"index-{embedder or 'none'}"
    started = time.perf_counter()
    searcher = Searcher.open(library, folder, embedder=embedder)
    opened = time.perf_counter() - started
    passages = library.stats().passages
    for question in asked[:WARM_UP]:
        answer_question(question, searcher)
    search = timed_each(lambda q: searcher.search(q, k=10), asked)
    answers = []
    ask = timed_each(lambda q: answers.append(answer_question(q, searcher)), asked)
    return {
        "passages": passages,
        "open_or_build_s": round(opened, 1),
        "search_k10": percentiles_ms(search),
        "ask": percentiles_ms(ask),
        "abstained_share": round(sum(a.abstained for a in answers) / len(answers), 3),
    }


class SyntheticEmbedder:
    """bench/embedders.py's synthetic vectors, seeded by each text: the ANN index sees the same
    distribution as in the vector benchmark, without the cost of embedding a million passages."""

    name = "synthetic"
    dimension = DIMENSION

    def __init__(self) -> None:
        self._basis = latent_basis()

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        rows = [synthetic(np.random.default_rng(zlib.crc32(t.encode())), self._basis, 1) for t in texts]
        return np.concatenate(rows) if rows else np.zeros((0, DIMENSION), dtype=np.float32)


def synthetic_documents(library: Library, passages: int) -> Iterator[Document]:
    """Abstract-like documents of shuffled real sentences: PASSAGES_PER_DOCUMENT sections each, every
    section short enough to be exactly one passage (passages never cross sections)."""
    sentences = [
        passage.text[start:end]
        for passage in library.iter_passages()
        for start, end in passage.sentences
        if 60 < end - start < 400
    ]
    rng = random.Random(1)

    def section_text() -> str:
        chosen: list[str] = []
        while sum(len(s.split()) for s in chosen) < SECTION_WORDS:
            chosen.append(rng.choice(sentences))
        return " ".join(chosen)

    for number in range(passages // PASSAGES_PER_DOCUMENT):
        yield Document(
            identifier=f"synthetic:{number}",
            source="synthetic",
            kind=DocumentKind.ARTICLE,
            title=" ".join(rng.choice(sentences).split()[:10]),
            sections=[Section(f"PART {part}", section_text()) for part in range(PASSAGES_PER_DOCUMENT)],
        )


def million_library(shared_library: Library, size: int) -> Library:
    folder = CACHE / f"million-{size}"
    folder.mkdir(parents=True, exist_ok=True)
    library = Library(f"sqlite:///{folder / 'library.db'}")
    if library.count_documents() == 0:
        started = time.perf_counter()
        report = ingest(
            library, synthetic_documents(shared_library, size), source="synthetic", batch_size=2000
        )
        print(f"ingested {report.ingested:,} synthetic documents in {time.perf_counter() - started:.0f} s")
    return library


def open_million(library: Library, size: int) -> Searcher:
    # The default embedder's fusion weights: the synthetic vectors stand in for its vectors.
    return Searcher.open(
        library,
        CACHE / f"million-{size}" / "index",
        embedder=SyntheticEmbedder(),
        weights=WEIGHTS[DEFAULT_EMBEDDER],
    )


def bench_million(shared_library: Library, size: int, asked: Sequence[str]) -> dict[str, Any]:
    with million_library(shared_library, size) as library:
        started = time.perf_counter()
        searcher = open_million(library, size)
        opened = time.perf_counter() - started
        parsed = [parse_query(q) for q in asked]
        for query in parsed[:WARM_UP]:
            searcher.rank(query, 10)
        return {
            "documents": library.count_documents(),
            "passages": library.stats().passages,
            "open_or_build_s": round(opened, 1),
            "retrieval_k10": percentiles_ms(timed_each(lambda q: searcher.rank(q, 10), parsed)),
            "search_k10": percentiles_ms(timed_each(lambda q: searcher.search(q, 10), asked)),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--questions", type=int, default=300)
    parser.add_argument(
        "--embedders", default="wordllama,none", help="comma-separated; 'none' = lexical only"
    )
    parser.add_argument("--million", type=int, default=0, help="also measure retrieval at this many passages")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    if not args.shared.is_dir():
        print(f"shared data not found at {args.shared}; pass --shared", file=sys.stderr)
        return 2
    asked = questions(args.shared, args.questions)
    results: dict[str, Any] = {"questions": len(asked), "cpus": os.cpu_count()}
    with shared_library(args.shared) as library:
        for name in filter(None, args.embedders.split(",")):
            results[name] = bench_embedder(library, None if name == "none" else name, asked)
            if not args.json:
                print(name, json.dumps(results[name]), flush=True)
        if args.million:
            results["million"] = bench_million(library, args.million, asked)
            if not args.json:
                print("million", json.dumps(results["million"]), flush=True)
    RESULTS.mkdir(exist_ok=True)
    suffix = f"-million-{args.million}" if args.million else ""
    (RESULTS / f"latency{suffix}.json").write_text(json.dumps(results, indent=2) + "\n")
    if args.json:
        print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())

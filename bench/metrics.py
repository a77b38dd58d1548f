"""nDCG@k and Recall@k as trec_eval computes them (ndcg_cut, recall), averaged over judged queries.

trec_eval details kept here: gains are the judged relevance values (not 2^rel - 1), the
discount is log2(rank + 1), the ideal ranking is over all judged documents of the query,
documents with relevance <= 0 are not relevant, ties in score are broken by document id in
descending order, and a judged query with no results scores 0 (trec_eval -c).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

Qrels = Mapping[str, Mapping[str, int]]  # query id → document id → relevance
Run = Mapping[str, Mapping[str, float]]  # query id → document id → score


def ranked(scores: Mapping[str, float]) -> list[str]:
    return [doc for doc, _ in sorted(scores.items(), key=lambda item: (item[1], item[0]), reverse=True)]


def is_judged(judged: Mapping[str, int]) -> bool:
    """A query counts in the averages only if it has a relevant document."""
    return any(g > 0 for g in judged.values())


def ideal_dcg(judged: Mapping[str, int], k: int) -> float:
    ideal = sorted((g for g in judged.values() if g > 0), reverse=True)[:k]
    return sum(g / math.log2(rank + 2) for rank, g in enumerate(ideal))


def ndcg(judged: Mapping[str, int], scores: Mapping[str, float], k: int) -> float:
    gains = [judged.get(doc, 0) for doc in ranked(scores)[:k]]
    dcg = sum(g / math.log2(rank + 2) for rank, g in enumerate(gains) if g > 0)
    idcg = ideal_dcg(judged, k)
    return dcg / idcg if idcg > 0 else 0.0


def recall(judged: Mapping[str, int], scores: Mapping[str, float], k: int) -> float:
    relevant = {doc for doc, g in judged.items() if g > 0}
    if not relevant:
        return 0.0
    return len(relevant.intersection(ranked(scores)[:k])) / len(relevant)


def evaluate(qrels: Qrels, run: Run) -> dict[str, float]:
    queries = [q for q, judged in qrels.items() if is_judged(judged)]
    empty: dict[str, float] = {}
    return {
        "ndcg@10": sum(ndcg(qrels[q], run.get(q, empty), 10) for q in queries) / len(queries),
        "recall@100": sum(recall(qrels[q], run.get(q, empty), 100) for q in queries) / len(queries),
    }

"""The benchmark's metrics follow trec_eval (ndcg_cut.10, recall.100); fusion normalises each list."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))

from medoracle.search.hybrid import fuse, reciprocal_rank_fusion
from metrics import evaluate, ndcg, recall


def test_ndcg_uses_graded_gains_and_a_log2_discount_like_trec_eval() -> None:
    judged = {"a": 1, "b": 2, "c": 0}
    scores = {"a": 3.0, "x": 2.0, "b": 1.0}

    ideal = 2 + 1 / math.log2(3)
    assert ndcg(judged, scores, 10) == pytest.approx((1 + 2 / math.log2(4)) / ideal)
    assert ndcg(judged, scores, 1) == pytest.approx(1 / 2)


def test_ties_are_broken_by_descending_document_id_like_trec_eval() -> None:
    assert ndcg({"a": 1}, {"a": 1.0, "b": 1.0}, 1) == 0.0
    assert ndcg({"b": 1}, {"a": 1.0, "b": 1.0}, 1) == 1.0


def test_recall_counts_only_relevant_documents_within_the_cutoff() -> None:
    judged = {"a": 1, "b": 1, "c": 0}
    scores = {"c": 5.0, "a": 4.0, "z": 3.0, "b": 2.0}

    assert recall(judged, scores, 3) == 0.5
    assert recall(judged, scores, 100) == 1.0


def test_a_judged_query_without_results_counts_as_zero() -> None:
    result = evaluate({"q1": {"a": 1}, "q2": {"b": 1}}, {"q1": {"a": 1.0}})

    assert result == {"ndcg@10": 0.5, "recall@100": 0.5}


def test_fusion_rewards_a_passage_found_by_both_retrievers() -> None:
    lexical = [("p1", 12.0), ("p2", 11.0), ("p3", 2.0)]
    dense = [("p2", 0.80), ("p4", 0.79), ("p1", 0.30)]

    assert fuse(lexical, dense, 0.5)[0][0] == "p2"
    assert fuse(lexical, dense, 1.0)[0][0] == "p1"
    assert reciprocal_rank_fusion([lexical, dense])[0][0] in {"p1", "p2"}

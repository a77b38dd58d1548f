"""The ROUGE-2 and ROUGE-SU4 of bench/rouge.py, on cases small enough to count by hand."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("rouge", Path(__file__).parents[1] / "bench" / "rouge.py")
assert _spec and _spec.loader
rouge = importlib.util.module_from_spec(_spec)
sys.modules["rouge"] = rouge
_spec.loader.exec_module(rouge)


def test_rouge_2_counts_clipped_bigrams() -> None:
    # candidate bigrams: the cat, cat sat, sat on, on the, the mat; reference: ..., on a, a mat → 3 shared of 5
    score = rouge.rouge_2("The cat sat on the mat", ["the cat sat on a mat"])
    assert score.recall == pytest.approx(3 / 5) and score.precision == pytest.approx(3 / 5)


def test_su4_counts_unigrams_and_skip_bigrams_up_to_four_words_apart() -> None:
    words = ["a", "b", "c", "d", "e", "f", "g"]
    grams = rouge.skip_bigrams_and_unigrams(words)
    assert grams[("a", "f")] == 1  # four words between
    assert ("a", "g") not in grams  # five words between
    assert grams[("a",)] == 1
    assert sum(grams.values()) == 7 + (5 + 5 + 4 + 3 + 2 + 1)  # 7 unigrams; pairs from each position


def test_the_best_of_several_references_counts() -> None:
    assert rouge.rouge_su4("statins lower risk", ["unrelated words here", "statins lower risk"]).f == 1.0


def test_an_empty_candidate_scores_zero() -> None:
    assert rouge.rouge_2("", ["some reference text"]).f == 0.0

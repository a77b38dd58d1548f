"""ROUGE-2 and ROUGE-SU4, as BioASQ scores ideal answers (after Lin 2004, ROUGE-1.5.5 options -2 4 -u).

Definitions used here:
- Tokens: lower-cased runs of letters and digits; no stemming and no stop-word removal
  (ROUGE-1.5.5 with -m would Porter-stem; our figures are therefore slightly lower than that).
- ROUGE-2: the bigrams of the candidate and of the reference, counted with multiplicity; the
  overlap is the clipped count (min of the two counts per bigram). Recall = overlap / reference
  bigrams, precision = overlap / candidate bigrams, F = 2PR / (P + R).
- ROUGE-SU4: the same over skip-bigrams (w_i, w_j), i < j, with at most 4 tokens between them
  (j - i <= 5), plus all unigrams.
- Several ideal answers: the best F over them is kept (recall reported from that same reference).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

_TOKEN = re.compile(r"[a-z0-9]+")
MAX_GAP = 4


@dataclass(frozen=True, slots=True)
class Score:
    recall: float
    precision: float
    f: float


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def bigrams(words: Sequence[str]) -> Counter[tuple[str, ...]]:
    return Counter(tuple(words[i : i + 2]) for i in range(len(words) - 1))


def skip_bigrams_and_unigrams(words: Sequence[str], max_gap: int = MAX_GAP) -> Counter[tuple[str, ...]]:
    grams: Counter[tuple[str, ...]] = Counter((w,) for w in words)
    for i, first in enumerate(words):
        for j in range(i + 1, min(len(words), i + max_gap + 2)):
            grams[(first, words[j])] += 1
    return grams


def _score(candidate: Counter[tuple[str, ...]], reference: Counter[tuple[str, ...]]) -> Score:
    overlap = sum((candidate & reference).values())
    total_ref, total_cand = sum(reference.values()), sum(candidate.values())
    recall = overlap / total_ref if total_ref else 0.0
    precision = overlap / total_cand if total_cand else 0.0
    f = 2 * recall * precision / (recall + precision) if recall + precision else 0.0
    return Score(recall, precision, f)


def _best(candidate: str, references: Sequence[str], su4: bool) -> Score:
    words = tokens(candidate)
    count = skip_bigrams_and_unigrams if su4 else bigrams
    scores = [_score(count(words), count(tokens(reference))) for reference in references]
    return max(scores, key=lambda s: (s.f, s.recall), default=Score(0.0, 0.0, 0.0))


def rouge_2(candidate: str, references: Sequence[str]) -> Score:
    return _best(candidate, references, su4=False)


def rouge_su4(candidate: str, references: Sequence[str]) -> Score:
    return _best(candidate, references, su4=True)

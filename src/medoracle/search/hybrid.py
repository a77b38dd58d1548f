"""Combining lexical and dense result lists, and the optional evidence prior.

Scores of BM25 and cosine similarity live on different scales, so each list is min-max
normalised per query before a weighted sum; a passage missing from one list gets that
list's minimum (0 after normalisation). Reciprocal rank fusion is kept for comparison in
the benchmark: on SciFact it was weaker than tuned score fusion (docs/search.md).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from medoracle.domain import Document, EvidenceLevel

Ranking = Sequence[tuple[str, float]]  # (passage id, score), best first

PRIOR_STRENGTH = 0.1
RRF_K = 60


def normalise(ranking: Ranking) -> dict[str, float]:
    """Scores mapped to [0, 1] within one result list (all equal → all 1)."""
    if not ranking:
        return {}
    scores = [score for _, score in ranking]
    low, high = min(scores), max(scores)
    span = high - low
    return {key: (score - low) / span if span > 0 else 1.0 for key, score in ranking}


def fuse(lexical: Ranking, dense: Ranking, lexical_weight: float) -> list[tuple[str, float]]:
    """Weighted sum of min-max normalised scores of two lists, best first."""
    return _best_first(_weighted_sum([(lexical, lexical_weight), (dense, 1.0 - lexical_weight)]))


@dataclass(frozen=True, slots=True)
class FusionWeights:
    """Weight of each retriever's min-max normalised score in a passage's fused score.

    A zero weight skips that retriever. The passage weights should stay above zero: they
    choose which passage of a well-scored document comes first.
    """

    lexical: float = 1.0  # BM25 of the passage
    dense: float = 0.0  # cosine similarity of the passage
    document_lexical: float = 0.0  # BM25 of the passage's whole document
    document_dense: float = 0.0  # cosine similarity of the whole document (truncated by the model)
    sentence_dense: float = 0.0  # cosine similarity of the passage's sentence closest to the query


def fuse_levels(
    passage_runs: Sequence[tuple[Ranking, float]], document_runs: Sequence[tuple[Ranking, float]]
) -> list[tuple[str, float]]:
    """Passages scored by their own normalised scores plus those of their whole document.

    Each run is (ranking, weight); document rankings are keyed by document id, passage ids are
    ``<document id>#<ordinal>``. A document found only by a whole-document run is represented by
    its first passage, so that no retriever's find is lost.
    """
    passages = _weighted_sum(passage_runs)
    documents = _weighted_sum(document_runs)
    covered = {document_of(key) for key in passages}
    passages.update({f"{key}#0": 0.0 for key in documents.keys() - covered})
    return _best_first({key: score + documents.get(document_of(key), 0.0) for key, score in passages.items()})


def document_of(passage_id: str) -> str:
    return passage_id.rsplit("#", 1)[0]


def sentence_id(passage_id: str, ordinal: int) -> str:
    return f"{passage_id}@{ordinal}"


def passage_of(sentence: str) -> str:
    return sentence.rsplit("@", 1)[0]


def best_sentence_per_passage(ranking: Ranking) -> list[tuple[str, float]]:
    """A ranking of sentences turned into one of passages, each scored by its best sentence.

    A relevant abstract often holds one sentence close to the question among several that are
    not: averaged into one passage vector, that sentence is diluted (docs/search.md, fifth round).
    """
    best: dict[str, float] = {}
    for key, score in ranking:
        best.setdefault(passage_of(key), score)  # the ranking is best first
    return list(best.items())


def diversified(ranking: Ranking, k: int, per_document: int) -> list[tuple[str, float]]:
    """The best ``k`` of a ranking with at most ``per_document`` passages of one document, unless too
    few documents are found: a long web page must not fill the whole page of results by itself."""
    kept: list[tuple[str, float]] = []
    held_back: list[tuple[str, float]] = []
    shown: dict[str, int] = {}
    for key, score in ranking:
        document = document_of(key)
        if shown.get(document, 0) < per_document:
            shown[document] = shown.get(document, 0) + 1
            kept.append((key, score))
            if len(kept) == k:
                return kept
        else:
            held_back.append((key, score))
    return kept + held_back[: k - len(kept)]


def _weighted_sum(runs: Sequence[tuple[Ranking, float]]) -> dict[str, float]:
    total: dict[str, float] = {}
    for ranking, weight in runs:
        for key, value in normalise(ranking).items():
            total[key] = total.get(key, 0.0) + weight * value
    return total


def reciprocal_rank_fusion(rankings: Sequence[Ranking], k: int = RRF_K) -> list[tuple[str, float]]:
    fused: dict[str, float] = {}
    for ranking in rankings:
        for rank, (key, _) in enumerate(ranking, start=1):
            fused[key] = fused.get(key, 0.0) + 1.0 / (k + rank)
    return _best_first(fused)


def evidence_prior(document: Document, today: date | None = None) -> float:
    """In [0, 1]: stronger designs and recent years score higher (level 1 → 1.0, level 5 → 0.0)."""
    strength = (EvidenceLevel.OTHER - document.evidence_level) / (EvidenceLevel.OTHER - 1)
    year = (today or date.today()).year
    # Evidence older than about 25 years gets no recency credit; this year gets full credit.
    recency = min(1.0, max(0.0, 1.0 - (year - document.year) / 25)) if document.year else 0.0
    return 0.7 * strength + 0.3 * recency


def apply_prior(
    ranking: Ranking,
    document_of: Callable[[str], Document | None],
    strength: float = PRIOR_STRENGTH,
) -> list[tuple[str, float]]:
    """Re-rank by normalised score + strength × evidence prior of each passage's document."""
    rescored = {}
    for key, score in normalise(ranking).items():
        document = document_of(key)
        rescored[key] = score + (strength * evidence_prior(document) if document else 0.0)
    return _best_first(rescored)


def _best_first(scores: Mapping[str, float]) -> list[tuple[str, float]]:
    """Highest score first; ties by key, so that equal scores rank the same on every run."""
    return sorted(scores.items(), key=lambda item: (-item[1], item[0]))

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

LEXICAL_WEIGHT = 0.5  # for an embedder without a weight tuned on train (searcher.LEXICAL_WEIGHTS)
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


def fuse(lexical: Ranking, dense: Ranking, lexical_weight: float = LEXICAL_WEIGHT) -> list[tuple[str, float]]:
    """Weighted sum of min-max normalised scores, best first."""
    lex, den = normalise(lexical), normalise(dense)
    fused = {
        key: lexical_weight * lex.get(key, 0.0) + (1.0 - lexical_weight) * den.get(key, 0.0)
        for key in lex.keys() | den.keys()
    }
    return sorted(fused.items(), key=lambda item: (-item[1], item[0]))


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
    fused = {key: score + documents.get(document_of(key), 0.0) for key, score in passages.items()}
    return sorted(fused.items(), key=lambda item: (-item[1], item[0]))


def document_of(passage_id: str) -> str:
    return passage_id.rsplit("#", 1)[0]


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
    return sorted(fused.items(), key=lambda item: (-item[1], item[0]))


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
    normalised: Mapping[str, float] = normalise(ranking)
    rescored = []
    for key, score in normalised.items():
        document = document_of(key)
        rescored.append((key, score + (strength * evidence_prior(document) if document else 0.0)))
    return sorted(rescored, key=lambda item: (-item[1], item[0]))

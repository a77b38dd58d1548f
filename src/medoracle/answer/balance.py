"""The balance of evidence: contradicting findings, and the verdict of a yes/no question."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from medoracle.answer.analysis import stem
from medoracle.answer.selection import Candidate
from medoracle.answer.text import GENERIC_STEMS, jaccard
from medoracle.domain import QuestionAnalysis, QuestionKind, Verdict, VerdictValue

SAME_SUBJECT_JACCARD = 0.3
# A statement votes on a yes/no question when it names the question's terms itself: all of two or
# three, all but one of four to seven, and always the last, which says what is asked of the subject
# ("addictive" in "Are tobacco and nicotine products addictive?"). With half of them, "Gilbert syndrome
# is estimated to affect 3 to 7 percent of Americans" voted yes on "Does Gilbert's syndrome affect life
# expectancy?".
VOTING_COVERAGE = 0.75


def contradicting(kind: QuestionKind, concepts: frozenset[str], members: Sequence[Candidate]) -> set[int]:
    """Ids of findings of no effect and findings of an effect that are about the same subject."""
    if kind is QuestionKind.YES_NO:
        return set()  # the verdict and its two sections show the balance
    flagged: set[int] = set()
    for null in (c for c in members if c.null_finding):
        for positive in (c for c in members if not c.null_finding):
            if _same_subject(null, positive, concepts):
                flagged.update({id(null), id(positive)})
    return flagged


def _same_subject(a: Candidate, b: Candidate, concepts: frozenset[str]) -> bool:
    """Whether two statements are about the same thing: the question's topic itself, or more of the same words.

    The question's own terms are set aside, since every statement names them; two statements that name
    nothing else are both about the topic itself ("statin use was (not) associated with dementia").
    """
    own_a = _words(a.stems) - concepts
    own_b = _words(b.stems) - concepts
    if not own_a and not own_b:
        return True
    return bool(own_a & own_b) and jaccard(own_a, own_b) >= SAME_SUBJECT_JACCARD


@lru_cache(maxsize=4_096)
def _words(stems: frozenset[str]) -> frozenset[str]:
    """Stems that name things: no study-report vocabulary, no numbers (which differ between any two studies)."""
    return frozenset(s for s in stems - GENERIC_STEMS if not any(ch.isdigit() for ch in s))


def votes(candidate: Candidate, question: QuestionAnalysis) -> bool:
    """Whether a statement answers the yes/no question; a side remark of its source ("diarrhoea
    occurred in 11%") or a statement on the subject alone ("Cushing's syndrome is rare") does not."""
    asked = [stem(c) for c in question.concepts]
    return len(candidate.named) >= VOTING_COVERAGE * len(set(asked)) and asked[-1] in candidate.named


def verdict_of(shown: Sequence[Candidate], question: QuestionAnalysis) -> Verdict:
    """Sources per side, each document counted once by the side most of its statements take."""
    sides: dict[str, list[bool]] = {}
    levels: dict[str, int] = {}
    for candidate in shown:
        if not votes(candidate, question):
            continue
        identifier = candidate.hit.document.identifier
        sides.setdefault(identifier, []).append(not candidate.null_finding)
        levels[identifier] = candidate.level
    supporting = sorted(levels[d] for d, votes in sides.items() if sum(votes) * 2 > len(votes))
    opposing = sorted(levels[d] for d, votes in sides.items() if sum(votes) * 2 < len(votes))
    return Verdict(
        value=_balance(supporting, opposing),
        supporting=len(supporting),
        opposing=len(opposing),
        supporting_levels=tuple(supporting),
        opposing_levels=tuple(opposing),
    )


def _balance(supporting: Sequence[int], opposing: Sequence[int]) -> VerdictValue:
    if not supporting and not opposing:
        return VerdictValue.INSUFFICIENT
    if len(supporting) + len(opposing) == 1 and min([*supporting, *opposing]) >= 4:
        return VerdictValue.INSUFFICIENT  # one case report or narrative text decides nothing
    if len(supporting) >= 2 * len(opposing):
        return VerdictValue.SUPPORTED
    if len(opposing) >= 2 * len(supporting):
        return VerdictValue.NOT_SUPPORTED
    return VerdictValue.MIXED

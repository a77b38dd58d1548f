"""Pseudo-relevance feedback for short queries: words of the best first-pass passages join the query.

A one- or two-word query ("statins", "vitamin D") says little of what is wanted; the passages it
finds first say more (RM3-like: a word weighs its frequency in each passage times that passage's
share of the first-pass score). Longer questions already say what they want, and feedback drifted
them off topic (SciFact train: every query of three or more words lost nDCG@10), so only queries of
at most MAX_QUERY_TERMS words of their own are expanded. The parameters were chosen on the SciFact
and NFCorpus train queries. Off by default: a short question naming something rare ("What is
Tagsedi?") is better served by its own first pass (docs/search.md).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from medoracle.library import Library
from medoracle.search.hybrid import Ranking
from medoracle.search.lexical import Terms
from medoracle.search.query import STOP_WORDS, ParsedQuery

MAX_QUERY_TERMS = 2
PASSAGES = 10  # first-pass passages read
WORDS = 20  # words added
WEIGHT = 0.5  # of the strongest added word, against 1.0 for the query's own words

_WORD = re.compile(r"\w+")


def wants_feedback(query: ParsedQuery) -> bool:
    return len(query.own_terms) <= MAX_QUERY_TERMS


def expand(terms: Terms, first_pass: Ranking, library: Library) -> Terms:
    """``terms`` and up to WORDS new words of the ``first_pass`` passages, read from ``library``."""
    passages = library.get_passages(key for key, _ in first_pass)
    return _expand(terms, [(passages[key].text, score) for key, score in first_pass if key in passages])


def _expand(terms: Terms, first_pass: Sequence[tuple[str, float]]) -> Terms:
    """``terms`` and up to WORDS new words from ``first_pass``: (passage text, score) pairs, best first."""
    total = sum(score for _, score in first_pass) or 1.0
    mass: dict[str, float] = {}
    for text, score in first_pass:
        words = [
            w for w in _WORD.findall(text.lower()) if len(w) > 2 and not w.isdigit() and w not in STOP_WORDS
        ]
        for word in words:
            mass[word] = mass.get(word, 0.0) + score / total / len(words)
    present = {term for term, _ in terms}
    added = sorted(((w, m) for w, m in mass.items() if w not in present), key=lambda item: -item[1])[:WORDS]
    if not added:
        return terms
    strongest = added[0][1]
    return [*terms, *((word, WEIGHT * m / strongest) for word, m in added)]

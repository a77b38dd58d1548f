"""Word, number and negation features of sentences, shared by selection and verification."""

from __future__ import annotations

import re
from collections.abc import Set
from functools import lru_cache

from medoracle.answer.analysis import content_terms, stem

# A word, or a number with its decimal point ("4.5"); "kg/m2" is two words, "- " none.
_WORD = re.compile(r"[^\W_]+(?:[.,'][^\W_]+)*")
_URL = re.compile(r"\b(?:https?://|ftp://|www\.)\S+", re.IGNORECASE)
# Numbers as written, so that "0.05" and "95%" must reappear as such; thousands separators dropped.
# Not a footnote marker run into the word after it ("3Although", "2Acute Kidney Injury Network").
_NUMBER = re.compile(r"(?<![\w.])[-−]?\d+(?:[.,]\d+)*(?![\d.,]*[A-Z][a-z])(?:\s?%)?")
_NEGATION = re.compile(
    r"\b(no|not|non|none|never|neither|nor|without|cannot|can't|don't|doesn't|didn't|isn't|aren't|wasn't"
    r"|weren't|won't|fail(ed|s)? to|lack(s|ed|ing)? of|absence of|absent|unlikely|ineffective|insignificant"
    r"|nonsignificant|non-significant)\b",
    re.IGNORECASE,
)
# A guideline that cannot, or does not, recommend an option.
_NO_ADVICE = (
    r"(unable to|cannot|can ?not|could not|does not|do not) recommend|recommends? against|for or against"
)
# Findings of no effect or no association: the "no" side of a yes/no question.
_NULL_FINDING = re.compile(
    r"\b(no (statistically )?(significant|clear|consistent|convincing)?\s?(survival |mortality |clinical )?(evidence|association|difference|effect"
    r"|benefit|improvement|correlation|relationship|change|increase|reduction|role)|not (significantly|associated"
    r"|correlated|effective|efficacious|superior|related|linked|improve|reduce|increase|beneficial|support)"
    # "did not reduce", "was not different": not "There is not one specific test", "do not use fasting glucose"
    r"|((did|does|do|will|would|can|could) not|didn't|doesn't|don't|won't|wouldn't|can't|cannot)"
    r" (\w+ ){0,2}?(reduce|improve|increase|affect|change|differ|prevent|lower|alter|show"
    r"|find|predict|shorten|prolong|cause|lead|influence|modify|decrease|raise|protect|benefit|help|work"
    r"|respond|correlate|contribute|slow|delay|extend|worsen|support|confer|have an? (effect|impact|role)"
    r"|prove|achieve|meet|reach|result in)\w*"
    r"|(was|were|is|are) not (\w+ )?(different|effective|superior|inferior|beneficial|useful|harmful|linked"
    r"|related|associated|predictive|protective|significant|changed|altered|affected|increased|reduced"
    r"|improved|decreased|caused|due|responsible|explained|involved)"
    r"|failed to|unlikely|ineffective|lack of (effect"
    r"|efficacy|association|benefit|evidence)|non-?significant|insufficient evidence"
    rf"|{_NO_ADVICE})\b",
    re.IGNORECASE,
)
_NULL_ADVICE = re.compile(rf"\b({_NO_ADVICE})\b", re.IGNORECASE)


# Words of study reports that say nothing about what a statement is about.
GENERIC_STEMS = frozenset(
    stem(word)
    for word in [
        "ci",
        "or",
        "rr",
        "hr",
        "confidence",
        "interval",
        "mean",
        "difference",
        "placebo",
        "compared",
        "control",
        "controls",
        "patients",
        "participants",
        "adults",
        "study",
        "studies",
        "trial",
        "trials",
        "cohort",
        "cohorts",
        "reduced",
        "reduce",
        "increased",
        "increase",
        "associated",
        "association",
        "risk",
        "lower",
        "higher",
        "significant",
        "significantly",
        "effect",
        "effects",
        "number",
        "frequency",
        "rate",
        "rates",
        "years",
        "week",
        "weeks",
        "month",
        "months",
        "group",
        "groups",
        "vs",
        "versus",
        "use",
        "used",
        "cause",
        "causes",
        "caused",
        "include",
        "includes",
        "including",
        "common",
        "play",
        "role",
        "thought",
    ]
)


def numbers(text: str) -> list[str]:
    return [m.group(0).replace(" ", "").replace("−", "-").replace(",", "") for m in _NUMBER.finditer(text)]


def negations(text: str) -> list[str]:
    return [m.group(0).lower() for m in _NEGATION.finditer(text)]


def is_null_finding(text: str) -> bool:
    return _NULL_FINDING.search(text) is not None


def is_null_advice(text: str) -> bool:
    return _NULL_ADVICE.search(text) is not None


@lru_cache(maxsize=8_192)  # titles and passages recur across the hits of one question and across questions
def stems(text: str) -> frozenset[str]:
    # A web address is not a statement about its words ("http", "github", "packages").
    return frozenset(stem(t) for t in content_terms(_URL.sub(" ", text)))


def jaccard(a: Set[str], b: Set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def normalise(text: str) -> str:
    """The words of a statement in order: case, spacing, punctuation and list markers do not change it."""
    return " ".join(_WORD.findall(text.lower()))

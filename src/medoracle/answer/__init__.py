"""The extractive answer engine: question → cited, evidence-graded article."""

from __future__ import annotations

from typing import Protocol

from medoracle.answer.analysis import MAX_QUESTION_CHARS, QuestionError, analyze
from medoracle.answer.compose import DEFAULT_LIMITS, Limits, compose
from medoracle.domain import Answer, Audience, Hit

DEFAULT_K = 10


class SupportsSearch(Protocol):
    def search(self, query: str, k: int = ...) -> list[Hit]: ...


def answer_question(
    question: str,
    searcher: SupportsSearch,
    audience: Audience = Audience.CLINICIAN,
    k: int = DEFAULT_K,
    limits: Limits = DEFAULT_LIMITS,
) -> Answer:
    """Search the library for the question and compose the article; QuestionError on bad input."""
    analysis = analyze(question)  # fail fast on bad input, before searching
    return compose(analysis.text, searcher.search(analysis.text, k=k), audience, limits)


__all__ = [
    "DEFAULT_K",
    "MAX_QUESTION_CHARS",
    "Limits",
    "QuestionError",
    "SupportsSearch",
    "analyze",
    "answer_question",
    "compose",
]

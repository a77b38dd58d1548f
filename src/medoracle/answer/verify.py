"""Verification: every statement must be found in the passage it cites.

The first source of a bullet is where its text was cut from: its words must stand in that span in
the same order (a list is joined into one statement, so punctuation and list markers may differ),
and the sentence around the span must not hold a number or a negation that the bullet lost.
Further sources (merged statements) must say nearly the same thing: same numbers, same polarity,
mostly the same words. A bullet whose first source fails is dropped; a further source that fails
loses its citation. Both are counted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from medoracle.answer import text as features
from medoracle.domain import Bullet, Passage, SourceSpan

MERGED_MIN_JACCARD = 0.5


@dataclass(slots=True)
class Tally:
    checked: int = 0
    passed: int = 0
    dropped: int = 0
    citations_dropped: int = 0


def _span_text(passage: Passage, source: SourceSpan) -> str | None:
    if not 0 <= source.start < source.end <= len(passage.text):
        return None
    return passage.text[source.start : source.end]


def _sentence_around(passage: Passage, source: SourceSpan) -> str:
    """The whole sentence(s) the span was cut from, to catch a trimmed-off number or negation."""
    overlapping = [(a, b) for a, b in passage.sentences if a < source.end and b > source.start]
    if not overlapping:
        return passage.text[source.start : source.end]
    return passage.text[min(a for a, _ in overlapping) : max(b for _, b in overlapping)]


def supports(bullet_text: str, passage: Passage, source: SourceSpan) -> bool:
    """The span is where the bullet came from: same words, and nothing that changes its meaning lost."""
    span = _span_text(passage, source)
    if span is None:
        return False
    if f" {features.normalise(bullet_text)} " not in f" {features.normalise(span)} ":
        return False
    sentence = _sentence_around(passage, source)
    return sorted(features.numbers(bullet_text)) == sorted(features.numbers(sentence)) and set(
        features.negations(sentence)
    ) <= set(features.negations(bullet_text))


def agrees(bullet_text: str, passage: Passage, source: SourceSpan) -> bool:
    """A merged source says nearly the same thing as the bullet."""
    span = _span_text(passage, source)
    if span is None:
        return False
    return (
        sorted(features.numbers(bullet_text)) == sorted(features.numbers(span))
        and bool(features.negations(bullet_text)) == bool(features.negations(span))
        and features.jaccard(features.stems(bullet_text), features.stems(span)) >= MERGED_MIN_JACCARD
    )


def verify_bullet(bullet: Bullet, passages: Mapping[str, Passage], tally: Tally) -> Bullet | None:
    """The bullet with only the sources that hold up, or None when its own source does not."""
    tally.checked += 1
    primary = passages.get(bullet.sources[0].passage_id) if bullet.sources else None
    if primary is None or not supports(bullet.text, primary, bullet.sources[0]):
        tally.dropped += 1
        return None
    keep = [0]
    for index, source in enumerate(bullet.sources[1:], start=1):
        passage = passages.get(source.passage_id)
        if passage is not None and agrees(bullet.text, passage, source):
            keep.append(index)
        else:
            tally.citations_dropped += 1
    tally.passed += 1
    if len(keep) == len(bullet.sources):
        return bullet
    citations = tuple(bullet.citations[i] for i in keep) if bullet.citations else ()
    return replace(bullet, sources=tuple(bullet.sources[i] for i in keep), citations=citations)


def verify_bullets(bullets: Sequence[Bullet], passages: Mapping[str, Passage], tally: Tally) -> list[Bullet]:
    kept = (verify_bullet(bullet, passages, tally) for bullet in bullets)
    return [bullet for bullet in kept if bullet is not None]

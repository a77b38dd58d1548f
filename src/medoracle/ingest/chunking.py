"""Cutting documents into passages along their sections and sentence boundaries."""

from __future__ import annotations

from medoracle.domain import Document, Passage
from medoracle.ingest.sentences import split_sentences

# Dense models read 256 word pieces (about 180 words); passages stay below that so that
# nothing is cut off, and above a sentence or two so that each reads on its own.
MAX_WORDS = 160


def chunk_document(document: Document, max_words: int = MAX_WORDS) -> list[Passage]:
    """Passages of whole sentences, never crossing a section; the title is its own context."""
    passages: list[Passage] = []
    for section in document.sections:
        for text, spans in _pack(section.text, max_words):
            passages.append(
                Passage(
                    identifier=f"{document.identifier}#{len(passages)}",
                    document_id=document.identifier,
                    ordinal=len(passages),
                    section=section.label,
                    text=text,
                    sentences=spans,
                )
            )
    return passages


def _pack(text: str, max_words: int) -> list[tuple[str, tuple[tuple[int, int], ...]]]:
    """Group consecutive sentences into pieces of at most ``max_words`` (a longer sentence stands alone)."""
    sentences = split_sentences(text)
    groups: list[list[tuple[int, int]]] = []
    words = 0
    for start, end in sentences:
        count = text.count(" ", start, end) + 1
        if groups and words + count <= max_words:
            groups[-1].append((start, end))
            words += count
        else:
            groups.append([(start, end)])
            words = count
    pieces = []
    for group in groups:
        offset, stop = group[0][0], group[-1][1]
        pieces.append((text[offset:stop], tuple((a - offset, b - offset) for a, b in group)))
    return pieces

"""The answer engine's fixture library (tests/fixtures/answer), as hits without a search index."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from medoracle.answer.analysis import content_terms, stem
from medoracle.domain import Document, DocumentKind, EvidenceKind, EvidenceSource, Hit, Passage, Section
from medoracle.ingest.pipeline import prepare

ANSWER_FIXTURES = Path(__file__).parent / "fixtures" / "answer"


def _document(record: dict[str, str]) -> Document:
    document = Document(
        identifier=f"answertest:{record['id']}",
        source="answertest",
        kind=DocumentKind.ARTICLE,
        title=record["title"],
        sections=[Section("ABSTRACT", record["abstract"])],
        journal=record.get("journal"),
        year=int(record["year"]) if "year" in record else None,
        pmid=record.get("pmid"),
        doi=record.get("doi"),
    )
    if "evidence_kind" in record:  # the collection says what it is, as a patient-page source would
        document.evidence_kind = EvidenceKind(record["evidence_kind"])
        document.evidence_source = EvidenceSource.SOURCE
    return document


@cache
def prepared() -> tuple[tuple[Document, tuple[Passage, ...]], ...]:
    lines = (ANSWER_FIXTURES / "library.jsonl").read_text().splitlines()
    pairs = (prepare(_document(json.loads(line))) for line in lines if line.strip())
    return tuple((document, tuple(passages)) for document, passages in pairs)


def hits_for(question: str, k: int = 10) -> list[Hit]:
    """Passages ranked by how many of the question's word stems they share: a stand-in for search."""
    wanted = {stem(t) for t in content_terms(question)}
    scored = []
    for document, passages in prepared():
        for passage in passages:
            shared = wanted & {stem(t) for t in content_terms(f"{document.title} {passage.text}")}
            if shared:
                scored.append(Hit(passage=passage, document=document, score=float(len(shared))))
    scored.sort(key=lambda h: -h.score)
    return scored[:k]


def hits_of_abstracts(abstracts: list[tuple[str, str]]) -> list[Hit]:
    """Hits for (key, abstract) pairs in the given order, best first, each abstract a document."""
    hits = []
    for rank, (key, text) in enumerate(abstracts):
        document = Document(
            identifier=f"answertest:{key}",
            source="answertest",
            kind=DocumentKind.ARTICLE,
            title="",
            sections=[Section("ABSTRACT", text)],
        )
        hits.extend(hits_of_document(document, score=float(len(abstracts) - rank)))
    return hits


def hits_of_document(document: Document, score: float) -> list[Hit]:
    """The document's passages, as prepared by ingest, each found with ``score``."""
    document, passages = prepare(document)
    return [Hit(passage=p, document=document, score=score) for p in passages]

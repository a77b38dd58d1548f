"""References: numbered in order of first use, labelled by the kind of evidence."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from medoracle.domain import Bullet, Document, EvidenceKind, Hit, Reference

RELATED_SHOWN = 3

_LABELS: dict[EvidenceKind, str] = {
    EvidenceKind.GUIDELINE: "Guideline",
    EvidenceKind.SYSTEMATIC_REVIEW: "Systematic review",
    EvidenceKind.META_ANALYSIS: "Systematic review",
    EvidenceKind.RANDOMIZED_TRIAL: "Trial",
    EvidenceKind.CLINICAL_TRIAL: "Trial",
    EvidenceKind.COHORT: "Observational study",
    EvidenceKind.CASE_CONTROL: "Observational study",
    EvidenceKind.CROSS_SECTIONAL: "Observational study",
    EvidenceKind.OBSERVATIONAL: "Observational study",
    EvidenceKind.CASE_SERIES: "Observational study",
    EvidenceKind.CASE_REPORT: "Research",
    EvidenceKind.NARRATIVE_REVIEW: "Research",
    EvidenceKind.EXPERT_OPINION: "Research",
    EvidenceKind.RESEARCH: "Research",
    EvidenceKind.OTHER: "Research",
    EvidenceKind.PATIENT_INFORMATION: "Patient information",
}


def label(kind: EvidenceKind) -> str:
    return _LABELS[kind]


def reference(number: int, document: Document) -> Reference:
    return Reference(
        number=number,
        label=label(document.evidence_kind),
        document_id=document.identifier,
        # A title's own full stop would double the one that ends it in a reference line.
        title=(document.title or document.identifier).rstrip(". "),
        source=document.journal,
        year=document.year,
        pmid=document.pmid,
        doi=document.doi,
        url=document.url or (f"https://pubmed.ncbi.nlm.nih.gov/{document.pmid}/" if document.pmid else None),
        evidence_kind=document.evidence_kind,
        evidence_level=document.evidence_level,
    )


class ReferenceBook:
    """Gives each cited document a number the first time a bullet cites it."""

    def __init__(self, hits: Sequence[Hit]) -> None:
        self._document_of_passage = {h.passage.identifier: h.document for h in hits}
        self._numbers: dict[str, int] = {}
        self._documents: list[Document] = []

    def number(self, passage_id: str) -> int:
        document = self._document_of_passage[passage_id]
        key = _citable(document)
        if key not in self._numbers:
            self._documents.append(document)
            self._numbers[key] = len(self._documents)
        return self._numbers[key]

    def cite(self, bullets: Sequence[Bullet]) -> list[Bullet]:
        return [
            replace(b, citations=tuple(dict.fromkeys(self.number(s.passage_id) for s in b.sources)))
            for b in bullets
        ]

    def references(self) -> tuple[Reference, ...]:
        return tuple(reference(number, document) for number, document in enumerate(self._documents, start=1))


def _citable(document: Document) -> str:
    """What a reader cites: sections of one web page (``page#part``) are one reference."""
    if document.url:
        return f"{document.url.split('#', 1)[0]}\n{document.title}"
    return document.identifier


def related_references(hits: Sequence[Hit], shown: int = RELATED_SHOWN) -> tuple[Reference, ...]:
    """The first few distinct documents found: what the library holds nearest to the question."""
    documents = list({h.document.identifier: h.document for h in hits}.values())[:shown]
    return tuple(reference(number, document) for number, document in enumerate(documents, start=1))

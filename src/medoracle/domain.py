"""The shared vocabulary of medoracle: plain typed objects, no I/O.

Every layer (ingest → library → search → answer → web/cli) speaks in these terms.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum, StrEnum


class EvidenceKind(StrEnum):
    """What kind of publication a document is, as far as strength of evidence goes."""

    GUIDELINE = "guideline"
    SYSTEMATIC_REVIEW = "systematic_review"
    META_ANALYSIS = "meta_analysis"
    RANDOMIZED_TRIAL = "randomized_trial"
    CLINICAL_TRIAL = "clinical_trial"
    COHORT = "cohort"
    CASE_CONTROL = "case_control"
    CROSS_SECTIONAL = "cross_sectional"
    OBSERVATIONAL = "observational"
    CASE_SERIES = "case_series"
    CASE_REPORT = "case_report"
    NARRATIVE_REVIEW = "narrative_review"
    EXPERT_OPINION = "expert_opinion"
    PATIENT_INFORMATION = "patient_information"
    RESEARCH = "research"
    OTHER = "other"


class EvidenceLevel(IntEnum):
    """1 is the strongest evidence, 5 the weakest (table in DESIGN.md)."""

    GUIDELINE_OR_SYSTEMATIC_REVIEW = 1
    RANDOMIZED_TRIAL = 2
    OBSERVATIONAL = 3
    CASE_REPORT = 4
    OTHER = 5


LEVEL_OF_KIND: dict[EvidenceKind, EvidenceLevel] = {
    EvidenceKind.GUIDELINE: EvidenceLevel.GUIDELINE_OR_SYSTEMATIC_REVIEW,
    EvidenceKind.SYSTEMATIC_REVIEW: EvidenceLevel.GUIDELINE_OR_SYSTEMATIC_REVIEW,
    EvidenceKind.META_ANALYSIS: EvidenceLevel.GUIDELINE_OR_SYSTEMATIC_REVIEW,
    EvidenceKind.RANDOMIZED_TRIAL: EvidenceLevel.RANDOMIZED_TRIAL,
    # A trial without randomisation is weaker than an RCT; it sits with observational designs.
    EvidenceKind.CLINICAL_TRIAL: EvidenceLevel.OBSERVATIONAL,
    EvidenceKind.COHORT: EvidenceLevel.OBSERVATIONAL,
    EvidenceKind.CASE_CONTROL: EvidenceLevel.OBSERVATIONAL,
    EvidenceKind.CROSS_SECTIONAL: EvidenceLevel.OBSERVATIONAL,
    EvidenceKind.OBSERVATIONAL: EvidenceLevel.OBSERVATIONAL,
    EvidenceKind.CASE_SERIES: EvidenceLevel.CASE_REPORT,
    EvidenceKind.CASE_REPORT: EvidenceLevel.CASE_REPORT,
    EvidenceKind.NARRATIVE_REVIEW: EvidenceLevel.OTHER,
    EvidenceKind.EXPERT_OPINION: EvidenceLevel.OTHER,
    EvidenceKind.PATIENT_INFORMATION: EvidenceLevel.OTHER,
    EvidenceKind.RESEARCH: EvidenceLevel.OTHER,
    EvidenceKind.OTHER: EvidenceLevel.OTHER,
}


class DocumentKind(StrEnum):
    """The form a document came in, independent of its evidence kind."""

    ARTICLE = "article"  # a journal article, usually its title and abstract
    GUIDELINE = "guideline"
    PATIENT_INFORMATION = "patient_information"
    SNIPPETS = "snippets"  # excerpts of an article (BioASQ snippets, PubMedQA contexts)
    DOCUMENT = "document"  # a local file: PDF, HTML, Markdown or text


class EvidenceSource(StrEnum):
    """Where a document's evidence kind came from: the record itself, or our inference."""

    PUBLICATION_TYPE = "publication_type"
    SOURCE = "source"  # the collection says what it is (a guideline archive, NIH patient pages)
    INFERRED = "inferred"  # from title and abstract wording


@dataclass(frozen=True, slots=True)
class Section:
    """A labelled piece of a document's text, e.g. ("RESULTS", "...")."""

    label: str
    text: str


@dataclass(slots=True)
class Document:
    """One citable source: an article, a guideline, a patient page or a local file.

    ``identifier`` is unique across the library and stable across re-ingests, so that
    ingesting the same record twice updates it instead of duplicating it. It is prefixed
    with the source, e.g. ``pubmed:31452104`` or ``ngc:ngc-2052``.
    """

    identifier: str
    source: str
    kind: DocumentKind
    title: str
    sections: list[Section]
    authors: list[str] = field(default_factory=list)
    journal: str | None = None  # journal for articles, organisation for guidelines and patient pages
    year: int | None = None
    pmid: str | None = None
    doi: str | None = None
    url: str | None = None
    mesh_terms: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    publication_types: list[str] = field(default_factory=list)
    evidence_kind: EvidenceKind = EvidenceKind.OTHER
    evidence_level: EvidenceLevel = EvidenceLevel.OTHER
    evidence_source: EvidenceSource = EvidenceSource.INFERRED

    @property
    def text(self) -> str:
        return "\n\n".join(section.text for section in self.sections)


@dataclass(frozen=True, slots=True)
class Passage:
    """A retrievable piece of a document: a few sentences from one section.

    ``sentences`` holds (start, end) character offsets of each sentence in ``text``.
    """

    identifier: str  # "<document identifier>#<ordinal>"
    document_id: str
    ordinal: int
    section: str
    text: str
    sentences: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Skip:
    """A record a reader could not turn into a document, and why."""

    origin: str  # the file, and where useful the record within it: "x.jsonl:17"
    reason: str


@dataclass(slots=True)
class IngestReport:
    """What one ingest did; the closing summary shown to the user."""

    source: str
    ingested: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[Skip] = field(default_factory=list)
    passages: int = 0
    seconds: float = 0.0
    interrupted: bool = False

    @property
    def ok(self) -> bool:
        return not self.skipped and not self.interrupted


@dataclass(frozen=True, slots=True)
class LibraryStats:
    documents: int
    passages: int
    by_source: dict[str, int]
    by_kind: dict[str, int]
    by_evidence_level: dict[int, int]
    by_year: dict[int, int]


@dataclass(frozen=True, slots=True)
class Hit:
    """A passage found for a query, with its document and score (higher is better)."""

    passage: Passage
    document: Document
    score: float

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
    passages: int = 0  # of the records read, unchanged ones included
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
    by_kind: dict[str, int]  # document kind: article, guideline, patient information…
    by_evidence_kind: dict[str, int]
    by_evidence_level: dict[int, int]
    by_year: dict[int, int]


@dataclass(frozen=True, slots=True)
class Hit:
    """A passage found for a query, with its document and score (higher is better)."""

    passage: Passage
    document: Document
    score: float


# --- The answer article (answer/ builds these; web/ and cli/ render them) ---


class Audience(StrEnum):
    """Who reads the article: it changes headings, source order and the disclaimer."""

    PATIENT = "patient"
    CLINICIAN = "clinician"


class QuestionKind(StrEnum):
    CAUSES = "causes"
    TREATMENT = "treatment"
    DIAGNOSIS = "diagnosis"
    PROGNOSIS = "prognosis"
    PREVENTION = "prevention"
    DOSING = "dosing"
    ADVERSE_EFFECTS = "adverse_effects"
    DEFINITION = "definition"
    COMPARISON = "comparison"
    YES_NO = "yes_no"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class QuestionAnalysis:
    """What a question asks: its kind, main topic, concepts, population and red flags."""

    text: str  # the question, cleaned up
    kind: QuestionKind
    topic: str  # the main concept phrase, e.g. "nocturnal leg cramps"
    concepts: tuple[str, ...]  # content terms, lower case
    population: tuple[str, ...]  # e.g. ("pregnancy", "children")
    red_flags: tuple[str, ...]  # e.g. ("chest pain",)


@dataclass(frozen=True, slots=True)
class SourceSpan:
    """Where a statement stands in the library: a passage and a (start, end) character span in its text."""

    passage_id: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Bullet:
    """One short statement; ``sources[i]`` is cited as reference number ``citations[i]``."""

    text: str
    citations: tuple[int, ...]
    sources: tuple[SourceSpan, ...]
    contradicts: bool = False  # a finding that goes against the others in its section

    @property
    def passage_id(self) -> str:
        return self.sources[0].passage_id

    @property
    def span(self) -> tuple[int, int]:
        return (self.sources[0].start, self.sources[0].end)


@dataclass(frozen=True, slots=True)
class ArticleSection:
    """A heading of the answer article with its bullets (not a document's Section)."""

    key: str  # stable machine name, e.g. "medication_causes"
    heading: str
    bullets: tuple[Bullet, ...]


@dataclass(frozen=True, slots=True)
class Reference:
    number: int
    label: str  # Guideline, Systematic review, Trial, Observational study, Research, Patient information
    document_id: str
    title: str
    source: str | None  # journal or organisation
    year: int | None
    pmid: str | None
    doi: str | None
    url: str | None
    evidence_kind: EvidenceKind
    evidence_level: EvidenceLevel


class VerdictValue(StrEnum):
    SUPPORTED = "supported"
    NOT_SUPPORTED = "not_supported"
    MIXED = "mixed"
    INSUFFICIENT = "insufficient_evidence"


@dataclass(frozen=True, slots=True)
class Verdict:
    """The balance of evidence for a yes/no question: sources per side and their evidence levels."""

    value: VerdictValue
    supporting: int
    opposing: int
    supporting_levels: tuple[int, ...]
    opposing_levels: tuple[int, ...]


class ReviewStatus(StrEnum):
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    APPROVED = "approved"


@dataclass(frozen=True, slots=True)
class VerificationCounts:
    """How many statements the verifier checked against their cited passages, and how many it dropped."""

    checked: int
    passed: int
    dropped: int
    citations_dropped: int  # further sources of merged statements that did not say the same thing


@dataclass(frozen=True, slots=True)
class Answer:
    """The answer article for one question and audience."""

    question: QuestionAnalysis
    audience: Audience
    title: str
    heading: str
    lead: tuple[Bullet, ...]
    sections: tuple[ArticleSection, ...]
    references: tuple[Reference, ...]
    verdict: Verdict | None
    emergency_notice: str | None
    disclaimer: str
    abstained: bool
    abstain_reason: str | None
    related: tuple[Reference, ...]  # when abstaining: the closest documents the library holds
    follow_ups: tuple[str, ...]
    verification: VerificationCounts
    review_status: ReviewStatus = ReviewStatus.SUBMITTED
    # Populations the question names that no statement shown, nor its passage or source's title, speaks
    # of: the evidence on pneumonia in adults may not hold for children.
    unaddressed_populations: tuple[str, ...] = ()

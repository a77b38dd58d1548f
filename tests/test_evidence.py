"""Evidence kind and level come from publication types, the source, or the wording."""

from __future__ import annotations

import pytest

from medoracle.domain import Document, DocumentKind, EvidenceKind, EvidenceLevel, EvidenceSource, Section
from medoracle.ingest.evidence import infer_kind, kind_from_publication_types, tag


def test_the_strongest_publication_type_wins() -> None:
    types = ["Journal Article", "Randomized Controlled Trial", "Meta-Analysis"]
    assert kind_from_publication_types(types) is EvidenceKind.META_ANALYSIS
    assert kind_from_publication_types(["Journal Article"]) is None


@pytest.mark.parametrize(
    ("title", "abstract", "kind"),
    [
        (
            "Statins for primary prevention: a systematic review and meta-analysis",
            "",
            EvidenceKind.META_ANALYSIS,
        ),
        (
            "Magnesium for leg cramps",
            "In this double-blind randomised controlled trial, 94 adults...",
            EvidenceKind.RANDOMIZED_TRIAL,
        ),
        (
            "Leg cramps and diuretic use",
            "We conducted a nested case-control study in a claims database.",
            EvidenceKind.CASE_CONTROL,
        ),
        (
            "Cramps in a national cohort",
            "A prospective cohort of 9,000 adults was followed.",
            EvidenceKind.COHORT,
        ),
        (
            "Severe cramps after statin start",
            "We report a case of a 67-year-old woman who...",
            EvidenceKind.CASE_REPORT,
        ),
        ("Clinical practice guideline for the management of cramps", "", EvidenceKind.GUIDELINE),
        ("TRPV1 signalling in cramping", "Knockout mice showed fewer cramps.", EvidenceKind.RESEARCH),
    ],
)
def test_kind_is_inferred_from_title_and_abstract_wording(
    title: str, abstract: str, kind: EvidenceKind
) -> None:
    assert infer_kind(title, abstract) is kind


def _doc(**fields: object) -> Document:
    doc = Document(
        identifier="t:1",
        source="t",
        kind=DocumentKind.ARTICLE,
        title="Effect of quinine on cramps",
        sections=[Section("ABSTRACT", "Participants were randomly assigned to quinine or placebo.")],
    )
    for name, value in fields.items():
        setattr(doc, name, value)
    return doc


def test_tag_prefers_publication_types_over_wording() -> None:
    doc = tag(_doc(publication_types=["Case Reports"]))
    assert (doc.evidence_kind, doc.evidence_level, doc.evidence_source) == (
        EvidenceKind.CASE_REPORT,
        EvidenceLevel.CASE_REPORT,
        EvidenceSource.PUBLICATION_TYPE,
    )


def test_tag_keeps_a_kind_stated_by_the_source() -> None:
    doc = tag(_doc(evidence_kind=EvidenceKind.GUIDELINE, evidence_source=EvidenceSource.SOURCE))
    assert doc.evidence_kind is EvidenceKind.GUIDELINE
    assert doc.evidence_level is EvidenceLevel.GUIDELINE_OR_SYSTEMATIC_REVIEW


def test_tag_infers_when_nothing_is_stated() -> None:
    doc = tag(_doc())
    assert (doc.evidence_kind, doc.evidence_source) == (
        EvidenceKind.RANDOMIZED_TRIAL,
        EvidenceSource.INFERRED,
    )

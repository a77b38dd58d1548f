"""Evidence kind and level of a document.

PubMed publication types decide when present; otherwise the kind is inferred from the
wording of the title and abstract. The inference is measured against records that carry
publication types (bench/evidence.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from medoracle.domain import LEVEL_OF_KIND, Document, EvidenceKind, EvidenceSource

# Publication type → kind, strongest first: the first type found in this order wins.
_PUBLICATION_TYPES: tuple[tuple[str, EvidenceKind], ...] = (
    ("practice guideline", EvidenceKind.GUIDELINE),
    ("guideline", EvidenceKind.GUIDELINE),
    ("consensus development conference", EvidenceKind.GUIDELINE),
    ("consensus development conference, nih", EvidenceKind.GUIDELINE),
    ("meta-analysis", EvidenceKind.META_ANALYSIS),
    ("systematic review", EvidenceKind.SYSTEMATIC_REVIEW),
    ("network meta-analysis", EvidenceKind.META_ANALYSIS),
    ("randomized controlled trial", EvidenceKind.RANDOMIZED_TRIAL),
    ("pragmatic clinical trial", EvidenceKind.RANDOMIZED_TRIAL),
    ("equivalence trial", EvidenceKind.RANDOMIZED_TRIAL),
    ("clinical trial, phase iii", EvidenceKind.CLINICAL_TRIAL),
    ("clinical trial, phase iv", EvidenceKind.CLINICAL_TRIAL),
    ("clinical trial, phase ii", EvidenceKind.CLINICAL_TRIAL),
    ("clinical trial, phase i", EvidenceKind.CLINICAL_TRIAL),
    ("controlled clinical trial", EvidenceKind.CLINICAL_TRIAL),
    ("clinical trial", EvidenceKind.CLINICAL_TRIAL),
    ("multicenter study", EvidenceKind.OBSERVATIONAL),
    ("observational study", EvidenceKind.OBSERVATIONAL),
    ("comparative study", EvidenceKind.OBSERVATIONAL),
    ("evaluation study", EvidenceKind.OBSERVATIONAL),
    ("validation study", EvidenceKind.OBSERVATIONAL),
    ("twin study", EvidenceKind.OBSERVATIONAL),
    ("case reports", EvidenceKind.CASE_REPORT),
    ("review", EvidenceKind.NARRATIVE_REVIEW),
    ("editorial", EvidenceKind.EXPERT_OPINION),
    ("comment", EvidenceKind.EXPERT_OPINION),
    ("letter", EvidenceKind.EXPERT_OPINION),
    ("patient education handout", EvidenceKind.PATIENT_INFORMATION),
)
_RANK = {kind: rank for rank, (_, kind) in enumerate(_PUBLICATION_TYPES)}
_KIND_OF_TYPE = {name: kind for name, kind in _PUBLICATION_TYPES}

# Wording → kind, strongest first. Titles are checked before abstracts: a title states the
# design of the study itself, while an abstract may mention other designs it cites.
# Patterns are matched against lower-cased text: re.IGNORECASE makes them about 1.5x slower.
_WORDING: tuple[tuple[re.Pattern[str], EvidenceKind], ...] = tuple(
    (re.compile(pattern), kind)
    for pattern, kind in (
        (
            r"\b(clinical practice guidelines?|practice guidelines?|guidelines? (for|on)|"
            r"recommendations? (of|from) the|consensus statement|position statement|practice parameter)\b",
            EvidenceKind.GUIDELINE,
        ),
        (r"\bmeta-?analys[ie]s\b|\bpooled analysis\b", EvidenceKind.META_ANALYSIS),
        (
            r"\bsystematic(al)? (literature )?review\b|\bcochrane review\b|\bumbrella review\b",
            EvidenceKind.SYSTEMATIC_REVIEW,
        ),
        (
            r"\brandomi[sz]ed\b.{0,60}\b(trial|study)\b|\brandomly (assigned|allocated)\b|\bwere randomi[sz]ed\b"
            r"|\bplacebo[- ]controlled\b|\brcts?\b",
            EvidenceKind.RANDOMIZED_TRIAL,
        ),
        (
            r"\b(phase (i{1,3}|iv|[1-4])[ab]?|open[- ]label|single[- ]arm|non-?randomi[sz]ed) (clinical )?(trial|study)\b"
            r"|\bclinical trial\b",
            EvidenceKind.CLINICAL_TRIAL,
        ),
        (r"\bcase[- ]control\b", EvidenceKind.CASE_CONTROL),
        (
            r"\bcohort\b|\bprospective(ly)? (study|follow|observational)|\bretrospective(ly)?\b|\bfollow-up study\b"
            r"|\bregistry\b|\blongitudinal (study|analysis)\b",
            EvidenceKind.COHORT,
        ),
        (r"\bcross[- ]sectional\b|\bsurvey\b|\bprevalence study\b", EvidenceKind.CROSS_SECTIONAL),
        (r"\bcase series\b", EvidenceKind.CASE_SERIES),
        (
            r"\bcase reports?\b|\bwe (report|describe|present) (a|an|the|two|three) (case|patient)s?\b"
            r"|\b(a|an) \d+-year-old (man|woman|boy|girl|male|female|patient)\b",
            EvidenceKind.CASE_REPORT,
        ),
        (r"\b(narrative |literature )?review\b|\bwe review\b|\boverview of\b", EvidenceKind.NARRATIVE_REVIEW),
        (r"\beditorial\b|\bcommentary\b|\bexpert opinion\b", EvidenceKind.EXPERT_OPINION),
        (
            r"\b(mice|mouse|rats?|murine|in vitro|cell lines?|knockout|zebrafish|xenograft)\b",
            EvidenceKind.RESEARCH,
        ),
    )
)

# Only the first part of an abstract is read: later sentences cite other designs more often.
_ABSTRACT_WINDOW = 1500

_RECOMMENDATION = re.compile(
    r"\b(?:(?:we|panel|committee|task force|work(?:ing)? group|guideline|society|college|association) "
    r"(?:strongly |also )?(?:recommends?|suggests?)|(?:is|are) (?:not )?recommended|should (?:not )?be "
    r"(?:offered|considered|used|performed|given|avoided)|strength of (?:the )?recommendations?|"
    r"(?:grade|level|class) (?:[a-d]|i{1,3}v?|[1-4])\b(?: recommendation| evidence)?|"
    r"recommendation (?:grade|level|strength|rating)|appropriateness criteria|quality of evidence)",
)
_RECOMMENDATIONS_FOR_GUIDELINE = 3

_HUMAN_STUDY = re.compile(
    r"\b\d[\d,]* (?:consecutive |adult |elderly |pediatric |paediatric |eligible )?"
    r"(?:patients|participants|subjects|women|men|children|adults|infants|cases|individuals|persons|"
    r"respondents|volunteers|pregnancies|neonates|residents|physicians)\b|\bmedical records\b|\bchart review\b",
)


def kind_from_publication_types(publication_types: Iterable[str]) -> EvidenceKind | None:
    """The strongest kind among PubMed publication types, or None if none is informative."""
    kinds = [
        _KIND_OF_TYPE[t.strip().lower()] for t in publication_types if t.strip().lower() in _KIND_OF_TYPE
    ]
    return min(kinds, key=_RANK.__getitem__) if kinds else None


def _strongest_wording(text: str, exclude: EvidenceKind | None = None) -> EvidenceKind | None:
    return next((kind for pattern, kind in _WORDING if kind is not exclude and pattern.search(text)), None)


def _recommendation_dense(text: str) -> bool:
    matches = _RECOMMENDATION.finditer(text)
    return sum(1 for _ in zip(range(_RECOMMENDATIONS_FOR_GUIDELINE), matches, strict=False)) == (
        _RECOMMENDATIONS_FOR_GUIDELINE
    )


def infer_kind(title: str, abstract: str) -> EvidenceKind:
    """The study design suggested by the wording of a title, then of the abstract's opening.

    In the abstract, "guideline" is not taken from a passing mention ("according to the
    guidelines for…") but from the density of recommendation language; a study of people
    that names no design is taken as observational rather than as basic research.
    """
    title, abstract = title.lower(), abstract.lower()
    kind = _strongest_wording(title)
    if kind is not None:
        return kind
    if _recommendation_dense(abstract):
        return EvidenceKind.GUIDELINE
    opening = abstract[:_ABSTRACT_WINDOW]
    kind = _strongest_wording(opening, exclude=EvidenceKind.GUIDELINE)
    if kind is not None:
        return kind
    if _HUMAN_STUDY.search(opening):
        return EvidenceKind.OBSERVATIONAL
    return EvidenceKind.RESEARCH


def tag(document: Document) -> Document:
    """Set the document's evidence kind and level, keeping a kind its source already stated."""
    from_types = kind_from_publication_types(document.publication_types)
    if from_types is not None:
        document.evidence_kind = from_types
        document.evidence_source = EvidenceSource.PUBLICATION_TYPE
    elif document.evidence_source is not EvidenceSource.SOURCE:
        document.evidence_kind = infer_kind(document.title, document.text)
        document.evidence_source = EvidenceSource.INFERRED
    document.evidence_level = LEVEL_OF_KIND[document.evidence_kind]
    return document

"""Composition: from a question and the hits found for it to the answer article.

``compose`` is a pure function of the question, the hits and the audience, so that the whole
article can be built and tested without a search index.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from medoracle.answer import followups, safety
from medoracle.answer import text as features
from medoracle.answer.aliases import with_aliases
from medoracle.answer.analysis import analyze, content_terms, is_frame_free, populations, stem
from medoracle.answer.balance import contradicting, side, verdict_of, votes
from medoracle.answer.references import ReferenceBook, related_references
from medoracle.answer.sections import GENERAL, STRICT_KINDS, SectionSpec, doses, names_treatment, spec_by_key
from medoracle.answer.selection import (
    GENERIC_TERMS,
    Candidate,
    candidates,
    merge,
    passage_aliases,
    same_opening,
    specific_count,
    subject_of,
)
from medoracle.answer.verify import Tally, verify_bullet
from medoracle.domain import (
    Answer,
    ArticleSection,
    Audience,
    Bullet,
    EvidenceKind,
    Hit,
    Passage,
    QuestionAnalysis,
    QuestionKind,
    VerificationCounts,
)


@dataclass(frozen=True, slots=True)
class Limits:
    """How much evidence is enough, and how much of it to show."""

    min_sentence_coverage: float = 0.5  # a statement (with its title) names half of the question's concepts
    min_union_coverage: float = 0.5  # and their passages together at least half of them
    min_score: float | None = None  # hits scoring below this (searcher's scale) are ignored
    # Shown statements name at least this share of what the best one names (the rest are tangents),
    min_relative_coverage: float = 0.6
    # and at least this share of their content words is new after the stronger statements shown.
    min_novelty: float = 0.5
    per_section: int = 5
    total: int = 20
    lead: int = 2


DEFAULT_LIMITS = Limits()
# Populations too broad to narrow a statement: "Women with a family history of breast cancer…".
_BROAD_POPULATIONS = frozenset({"women", "men"})
# A statement's opening words that restrict it: "In haemodialysis patients who…", "For children aged…".
_RESTRICTION = re.compile(r"(in|for|among|during)\b(\W+\w+){1,6}", re.IGNORECASE)
# One patient's story, which answers no general question: "A 6-year-old girl … was admitted to our hospital".
_CASE_REPORT = re.compile(
    r"^(a|an) \d+[- ](year|month|week|day)s?[- ]old\b|\b(was|were) admitted to (our|the) (hospital|intensive care"
    r"|icu|department|clinic)|\bwe (report|describe|present) (a|an|two|three) (case|patient)s?\b",
    re.IGNORECASE,
)
# A lead names at least this many words of its own, besides the question's terms and these.
MIN_LEAD_WORDS = 2
_EMPTY_WORDS = frozenset(
    "doesn't don't isn't aren't won't can't cannot you'll it's one ones another like likely more most less some "
    "many much mean means also may might factor factors risk risks".split()
)


def compose(
    question: str,
    hits: Sequence[Hit],
    audience: Audience = Audience.CLINICIAN,
    limits: Limits = DEFAULT_LIMITS,
) -> Answer:
    """The article answering ``question`` from ``hits`` (best first); raises QuestionError on bad input."""
    analysis = analyze(question)
    usable = [h for h in hits if limits.min_score is None or h.score >= limits.min_score]
    found = merge(candidates(analysis, usable, limits.min_sentence_coverage))
    reason = _why_abstain(analysis, found, len(usable), limits)
    if reason is not None:
        return _abstention(analysis, usable, audience, reason)
    ordered = _order(_for_kind(analysis, found, limits), audience)
    # In a yes/no article every independent finding is a vote in the verdict, so all of them stay.
    if analysis.kind is not QuestionKind.YES_NO:
        ordered = _without_repeats(analysis, _on_topic(ordered, limits), limits)
    lead = _lead(ordered, analysis, audience, limits)
    in_lead = {id(c) for c in lead}
    grouped = _group(analysis, [c for c in ordered if id(c) not in in_lead], limits)
    return _article(analysis, usable, audience, lead, grouped)


def _for_kind(analysis: QuestionAnalysis, found: list[Candidate], limits: Limits) -> list[Candidate]:
    """Statements that fit the kind's sections and are as much on topic as the best one found; when none
    is, all of them, shown without a lead. A statement on the outcome of mercury poisoning does not say
    how long food poisoning lasts, and what the library says on food poisoning is better than abstaining."""
    if analysis.kind is QuestionKind.YES_NO:
        # "Vitamin D supplements are inexpensive" says nothing on whether they prevent fractures; when
        # no statement names what is asked ("heritable" where sources say "familial"), all are shown.
        needed = _answering_terms(analysis)
        return [c for c in found if needed <= c.named] or found
    if analysis.kind not in STRICT_KINDS:
        return found
    fitting = [c for c in _on_topic(found, limits) if c.spec.key != GENERAL.key]
    return fitting or found


def _why_abstain(
    analysis: QuestionAnalysis, found: Sequence[Candidate], hit_count: int, limits: Limits
) -> str | None:
    concepts = len(analysis.concepts)
    # Two terms must be named together (both, for a two-term question), unless only one is specific:
    # "the drug PLX3397" is answered by statements about PLX3397 that do not call it a drug.
    needed = min(specific_count(analysis), 2)
    if not found or max(c.coverage for c in found) * concepts < needed - 1e-9:
        return (
            f"The library holds too little evidence to answer this question: none of the {hit_count} passages "
            f"found has a statement about {analysis.topic!r}."
        )
    # The passages and titles the statements come from are their context (each hit once).
    hits = {c.hit.passage.identifier: c.hit for c in found}.values()
    covered = set().union(
        *(
            with_aliases(
                features.stems(f"{hit.passage.text} {hit.document.title}"), passage_aliases(analysis, hit)
            )
            for hit in hits
        )
    )
    missing = [term for term in analysis.concepts if not _mentioned(term, covered)]
    # Two-term questions need both terms ("population of Iceland" is not answered by any population study).
    needed = max(needed, math.ceil(limits.min_union_coverage * concepts))
    if concepts - len(missing) < needed:
        return (
            "The library holds too little evidence to answer this question: nothing found mentions "
            + ", ".join(repr(term) for term in missing)
            + "."
        )
    return None


def _asked_term(analysis: QuestionAnalysis) -> str:
    """What a yes/no question asks of its subject: its last specific term ("dementia" in "Are statins
    associated with dementia in women?", where statements on dementia alone are still the closest)."""
    return next(
        (c for c in reversed(analysis.concepts) if stem(c) not in GENERIC_TERMS), analysis.concepts[-1]
    )


def _answering_terms(analysis: QuestionAnalysis) -> frozenset[str]:
    """The stems a statement must name itself to answer a yes/no question: the subject and what is asked of
    it. "Scores of 13 or more suggested major depression" comes from a trial of exercise but says nothing
    on exercise."""
    subject = subject_of(analysis)
    return frozenset({stem(_asked_term(analysis))} | ({subject} if subject is not None else set()))


def _mentioned(term: str, stems: set[str]) -> bool:
    return stem(term) in stems


def _order(found: Sequence[Candidate], audience: Audience) -> list[Candidate]:
    """Answers before their context; strongest evidence first; newer before older; patients see patient
    information first."""

    def key(candidate: Candidate) -> tuple[bool, bool, int, float, int]:
        document = candidate.hit.document
        return (
            _hidden_from(audience, candidate),
            candidate.spec.context,
            candidate.level,
            -round(candidate.score, 1),
            -(document.year or 0),
        )

    return sorted(found, key=key)


def _on_topic(ordered: Sequence[Candidate], limits: Limits) -> list[Candidate]:
    """Statements about the question as a whole, not about one of its terms in passing."""
    best = max(c.coverage for c in ordered)
    return [c for c in ordered if c.coverage >= limits.min_relative_coverage * best - 1e-9]


def _without_repeats(
    analysis: QuestionAnalysis, ordered: Sequence[Candidate], limits: Limits
) -> list[Candidate]:
    """Each statement in turn, unless stronger ones shown before it already say most of what it adds.

    What a statement adds are its words beyond the question's own terms and study vocabulary; a
    finding of no effect is compared only with other such findings, so that contradictions stay.
    """
    topic = _question_stems(analysis)
    kept: list[Candidate] = []
    said: dict[bool, set[str]] = {True: set(), False: set()}
    for candidate in ordered:
        adds = candidate.stems - topic
        # Two wordings of one recommendation: the fuller one, which names more, in the stronger one's place.
        variant = next((i for i, k in enumerate(kept) if same_opening(k, candidate)), None)
        if variant is not None:
            if len(candidate.text) > len(kept[variant].text):
                kept[variant] = candidate
        elif len(adds - said[candidate.null_finding]) >= limits.min_novelty * len(adds):
            kept.append(candidate)
        else:
            continue
        said[candidate.null_finding] |= adds
    return kept


def _hidden_from(audience: Audience, candidate: Candidate) -> bool:
    """Whether the reader would rather see something else first: patients read patient information first."""
    return (
        audience is Audience.PATIENT
        and candidate.hit.document.evidence_kind is not EvidenceKind.PATIENT_INFORMATION
    )


def _lead(
    ordered: Sequence[Candidate], analysis: QuestionAnalysis, audience: Audience, limits: Limits
) -> list[Candidate]:
    """One or two statements that answer directly: best-covering, from the section the question asks
    about ("How is X diagnosed?": tests; "What are the symptoms of X?": clinical features), else from
    the article's first sections. A document's title names what it found, but does not lead."""
    # Context (harms, complications) leads only an article that asks for it.
    answers = [
        c
        for c in ordered
        if not (c.spec.context and not _asked_about(analysis, c.spec))
        and not c.is_title
        and not _CASE_REPORT.search(c.text)
    ]
    if analysis.kind is QuestionKind.YES_NO:
        # Only a statement that says yes or no leads; without one the verdict speaks alone.
        answers = [c for c in answers if votes(c, analysis)]
    elif analysis.kind is QuestionKind.COMPARISON:
        # Only a statement weighing the options against each other answers which is better.
        answers = [c for c in answers if _section_of(analysis, c).key == "head_to_head"]
    elif analysis.kind in STRICT_KINDS:
        # "Impetigo is a skin infection" does not answer "What is the best treatment for impetigo?", nor
        # does a statement on treating that names no treatment.
        answers = [
            c for c in answers if _section_of(analysis, c) is not GENERAL and _answers_kind(analysis, c)
        ]
    elif not answers:
        answers = list(ordered)  # a definition from a title is better than none
    if not answers:
        return []
    best = max(c.coverage for c in answers)
    pool = sorted(
        (c for c in answers if c.coverage >= best - 1e-9),
        # A finding of no effect answers a yes/no question, but leads no other kind of article.
        key=lambda c: (
            _hidden_from(audience, c),
            c.null_finding and analysis.kind is not QuestionKind.YES_NO,
            not _asked_about(analysis, _section_of(analysis, c)),
            _section_of(analysis, c).order,
            _narrower(analysis, c),
            analysis.kind is not QuestionKind.YES_NO and _says_little(analysis, c),
            c.level,  # strongest evidence first, as in the sections
            -c.score,
        ),
    )
    lead: list[Candidate] = []
    for candidate in pool:
        if lead and _section_of(analysis, candidate).order != _section_of(analysis, lead[0]).order:
            break
        if all(candidate.hit.document.identifier != c.hit.document.identifier for c in lead):
            lead.append(candidate)
        if len(lead) == limits.lead:
            break
    return lead


def _narrower(analysis: QuestionAnalysis, candidate: Candidate) -> bool:
    """Whether the statement opens by restricting itself to a group the question does not name: "In
    haemodialysis patients … prescribe 0.5 mg of colchicine" does not lead an article on the dose of
    colchicine for gout ("Infertility means not being able to become pregnant" restricts nothing)."""
    opening = _RESTRICTION.match(candidate.text)
    named = set(populations(opening.group(0))) - _BROAD_POPULATIONS if opening else set()
    return bool(named - set(analysis.population))


def _says_little(analysis: QuestionAnalysis, candidate: Candidate) -> bool:
    """Whether the statement names next to nothing beyond the question: "Having a risk factor for stroke
    doesn't mean you'll have a stroke", "You can treat gout with medicines". It may stand in the article,
    after the statements that answer."""
    own = {
        stem(word)
        for word in content_terms(candidate.text)
        if word not in _EMPTY_WORDS and is_frame_free(word)
    }
    return len(own - _question_stems(analysis)) < MIN_LEAD_WORDS


def _question_stems(analysis: QuestionAnalysis) -> set[str]:
    """What every statement of the article names anyway: the question's own terms and study vocabulary."""
    return {stem(term) for term in analysis.concepts} | features.GENERIC_STEMS


def _answers_kind(analysis: QuestionAnalysis, candidate: Candidate) -> bool:
    """A treatment lead names a treatment; a dosing lead gives a dose of the drug asked about."""
    if analysis.kind is QuestionKind.TREATMENT:
        return names_treatment(candidate.text)
    drug = subject_of(analysis)
    if analysis.kind is QuestionKind.DOSING and drug is not None:
        return doses(candidate.text, drug)
    return True


def _asked_about(analysis: QuestionAnalysis, spec: SectionSpec) -> bool:
    return spec is not GENERAL and spec.cue.search(analysis.text) is not None


def _group(
    analysis: QuestionAnalysis, ordered: Sequence[Candidate], limits: Limits
) -> list[tuple[SectionSpec, list[Candidate]]]:
    groups: dict[str, tuple[SectionSpec, list[Candidate]]] = {}
    shown = 0
    for candidate in ordered:
        spec = _section_of(analysis, candidate)
        entry = groups.setdefault(spec.key, (spec, []))
        if len(entry[1]) < limits.per_section and shown < limits.total:
            entry[1].append(candidate)
            shown += 1
    return sorted((g for g in groups.values() if g[1]), key=lambda g: g[0].order)


def _section_of(analysis: QuestionAnalysis, candidate: Candidate) -> SectionSpec:
    if analysis.kind is QuestionKind.YES_NO:
        says = side(candidate, analysis)
        if says is None:
            return GENERAL  # shown as context, neither side
        return spec_by_key(analysis.kind, "evidence_for" if says else "evidence_against")
    return candidate.spec if candidate.spec.key != GENERAL.key else GENERAL


def _article(
    analysis: QuestionAnalysis,
    hits: Sequence[Hit],
    audience: Audience,
    lead: Sequence[Candidate],
    grouped: Sequence[tuple[SectionSpec, list[Candidate]]],
) -> Answer:
    passages: dict[str, Passage] = {h.passage.identifier: h.passage for h in hits}
    tally = Tally()
    book = ReferenceBook(hits)
    flagged = contradicting(
        analysis.kind,
        frozenset(stem(c) for c in analysis.concepts),
        [*lead, *(c for _, members in grouped for c in members)],
    )
    kept_lead = _checked(lead, flagged, passages, tally)
    lead_bullets = book.cite([bullet for _, bullet in kept_lead])
    sections: list[ArticleSection] = []
    shown = [candidate for candidate, _ in kept_lead]
    for spec, members in grouped:
        kept = _checked(members, flagged, passages, tally)
        if kept:
            bullets = book.cite([bullet for _, bullet in kept])
            sections.append(ArticleSection(spec.key, spec.heading(audience, analysis.topic), tuple(bullets)))
            shown.extend(candidate for candidate, _ in kept)
    counts = VerificationCounts(tally.checked, tally.passed, tally.dropped, tally.citations_dropped)
    if not shown:
        # An article of headings only would claim an answer that nothing supports.
        reason = (
            f"The library holds too little evidence to answer this question: none of the {tally.checked} "
            "statements found could be verified against the passage it came from."
        )
        return _abstention(analysis, hits, audience, reason, counts)
    verdict = verdict_of(shown, analysis) if analysis.kind is QuestionKind.YES_NO else None
    return Answer(
        question=analysis,
        audience=audience,
        title=analysis.text,
        heading=followups.heading(analysis),
        lead=tuple(lead_bullets),
        sections=tuple(sections),
        references=book.references(),
        verdict=verdict,
        emergency_notice=safety.emergency_notice(analysis, audience),
        disclaimer=safety.disclaimer(audience),
        abstained=False,
        abstain_reason=None,
        related=(),
        follow_ups=followups.follow_ups(analysis),
        verification=counts,
        unaddressed_populations=_unaddressed(analysis.population, shown),
    )


def _unaddressed(asked: tuple[str, ...], shown: Sequence[Candidate]) -> tuple[str, ...]:
    """The populations asked about that no statement's passage or source title speaks of."""
    if not asked:
        return ()  # most questions name none: no passage need be read again
    # The passage is the statement's context: a guideline on otitis media in children need not repeat it.
    addressed = {p for c in shown for p in populations(f"{c.hit.passage.text} {c.hit.document.title}")}
    return tuple(p for p in asked if p not in addressed)


def _checked(
    members: Sequence[Candidate], flagged: set[int], passages: dict[str, Passage], tally: Tally
) -> list[tuple[Candidate, Bullet]]:
    """Each statement as a bullet, with only those the verifier accepts."""
    kept = []
    for candidate in members:
        bullet = verify_bullet(_bullet(candidate, id(candidate) in flagged), passages, tally)
        if bullet is not None:
            kept.append((candidate, bullet))
    return kept


def _bullet(candidate: Candidate, contradicts: bool) -> Bullet:
    text = " ".join(candidate.text.split())  # a line break inside a sentence is not part of it
    text = text[:1].upper() + text[1:]
    sources = (candidate.source, *(other.source for other in candidate.also))
    return Bullet(text=text, citations=(), sources=sources, contradicts=contradicts)


_NOTHING_CHECKED = VerificationCounts(0, 0, 0, 0)


def _abstention(
    analysis: QuestionAnalysis,
    hits: Sequence[Hit],
    audience: Audience,
    reason: str,
    verification: VerificationCounts = _NOTHING_CHECKED,
) -> Answer:
    return Answer(
        question=analysis,
        audience=audience,
        title=analysis.text,
        heading=followups.heading(analysis),
        lead=(),
        sections=(),
        references=(),
        verdict=None,
        emergency_notice=safety.emergency_notice(analysis, audience),
        disclaimer=safety.disclaimer(audience),
        abstained=True,
        abstain_reason=reason,
        related=related_references(hits),
        follow_ups=followups.follow_ups(analysis),
        verification=verification,
    )

"""Evidence selection: the sentences of the retrieved passages that answer this kind of question.

Each candidate is a trimmed span of one sentence of one passage (or of a sentence and the short
list it introduces), so that it can be cited and verified exactly. Sentences that do not stand
alone, methods boilerplate and sentences that share no concept with the question are dropped;
near-identical statements are merged and keep every source.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from medoracle.answer import text as features
from medoracle.answer.aliases import Alias, aliases, expansions, hyphenations, initialisms, with_aliases
from medoracle.answer.analysis import comparison_sides, names_drug, stem
from medoracle.answer.sections import SectionSpec, assign
from medoracle.domain import Hit, Passage, QuestionAnalysis, QuestionKind, SourceSpan

MIN_WORDS = 5
MAX_WORDS = 60
# A short line without a full stop is a heading or a summary field ("Antipyretic interventions
# (paracetamol or ibuprofen)"), not a statement; a longer one is a snippet cut mid-sentence.
MIN_UNTERMINATED_WORDS = 8  # a long sentence trimmed at "; " keeps at least 8 words
LONG_WORDS = 35  # above this a sentence loses a number-free, negation-free tail after ";"
MERGE_JACCARD = 0.6
OPENING_WORDS = 8  # statements opening with this many words in common are two wordings of one
# A sentence introducing a list ("...the following risk factors:") is one statement with its items,
# if the list is short: a longer one would be cut, and a list cut short misleads.
MAX_ITEMS = 8
MAX_ITEM_WORDS = 20
MAX_NEEDED_CONCEPTS = 3
# A word with a digit or a capital after its first letter: "CLIC1", "lincRNA", "Nrf2", "COVID-19", "IPF".
_IDENTIFIER = re.compile(r"\b(?=[\w-]*\d|\w+[A-Z])[A-Za-z][\w-]*")
# Biomedical words too general to tie a statement to a question by themselves (stems).
GENERIC_TERMS = frozenset(
    stem(word)
    for word in [
        "syndrome",
        "disease",
        "diseases",
        "disorder",
        "disorders",
        "condition",
        "patients",
        "patient",
        "treatment",
        "therapy",
        "therapies",
        "cell",
        "cells",
        "protein",
        "proteins",
        "gene",
        "genes",
        "genetic",
        "role",
        "function",
        "effect",
        "effects",
        "drug",
        "drugs",
        "expression",
        "level",
        "levels",
        "risk",
        "factor",
        "factors",
        "infection",
        "type",
        "types",
        "clinical",
        "human",
        "humans",
        "mouse",
        "mice",
        "model",
        "models",
        "method",
        "methods",
        "analysis",
        "study",
        "studies",
        # a study's design: "results of randomised controlled trials for certolizumab"
        "trial",
        "trials",
        "randomised",
        "randomized",
        "controlled",
        "systematic",
        "review",
        "reviews",
        "cancer",
        "tumor",
        "tumour",
        "children",
        "adults",
        "women",
        "men",
    ]
)

# Sentences that lean on something said before them.
_DEPENDENT_START = re.compile(
    r"^(this|these|those|such|it|its|they|their|them|he|she|his|her|however|but|although this|thus|hence|therefore"
    r"|in (this|the present|our) (study|trial|work|paper|review|analysis)|here,? we|the present study|this study"
    r"|in contrast|on the other hand|similarly|likewise|consequently|accordingly|the former|the latter"
    r"|as such(?=,)|as a result(?=,)|nevertheless|nonetheless|for (this|that) reason"
    r"|in (this|that) (setting|context|situation)"
    r"|both|all of them|in both|the result is|and|or|so|also|in (these|this|such) cases?"
    r"|\w+ (in|of|with|from|for) (these|this|those|such)(?! as)"  # "Mutations in these genes cause…"
    # a list item that continues its introduction: "Are associated with a painful mass, refer to…"
    r"|is|are|was|were|does)\b",
    re.IGNORECASE,
)
# A list or a finding given before the sentence: "Not everyone with appendicitis has all these symptoms", "Offer women
# with any one of these risk factors testing".
_POINTS_BACK = re.compile(
    r"\b((all|any|of|with|has|have|had) these (symptoms|signs|features|findings|problems|changes|risk factors"
    r"|factors|conditions|criteria)"
    # a finding told by the one before: "MSNA followed a similar trend"
    r"|(a|the) (similar|same) (trend|pattern)s?)\b",
    re.IGNORECASE,
)
# Aims, methods and registrations: true, but they do not answer a clinical question.
_BOILERPLATE = re.compile(
    r"\b(we ((therefore|then|also|further|first|subsequently) )?(aimed|sought|investigated|conducted|performed|searched|enrolled|recruited|reviewed|hypothesi[sz]ed"
    r"|examined|evaluated|assessed|analy[sz]ed|describe|report|present|propose|studied|developed|designed|tested"
    r"|review|discuss|summari[sz]e"
    r"|establish|illustrate|introduce|here)|our (aim|objective|goal)|^the (present )?study (investigated|examined"
    r"|evaluated|assessed|aimed|describes|reports)"
    r"|the ((primary|main|secondary|overall) )?(aim|objective|purpose|goal)s? of|(was|were) (randomly )?(assigned|enrolled|recruited|included|defined as"
    r"|allocated)|defined as (\d|>|<|≥|≤|at least|more than|less than|fewer than)"
    r"|data were (collected|extracted|analy[sz]ed)|(databases?|medline|embase|pubmed|cochrane"
    r" library)\b.{0,40}\bsearched|informed consent|approved by|clinicaltrials\.gov|\bNCT\d+|registered"
    r"|further (studies|research) (is|are) (needed|required|warranted)|remains? to be (determined|elucidated)"
    # guidelines' pointers to themselves: scope notes, rationale and algorithm references
    r"|(this|the) guideline (does not cover|covers)|the following recommendations|rationale and impact"
    r"|visual summary|clinical algorithm|^note from|the original guideline document|outside the scope"
    r"|^(see|refer to)\b(?! (your|a|an) (doctor|physician|health ?care (provider|professional)|gp|dentist|specialist"
    r"|nurse|pharmacist))|for (more )?(detailed )?information (on|about)"
    r"|can be found at|the following (web )?links?|the following (should|must|may|can|are|is|were|have)\b"
    r"|(get|find|learn|read) more (details|information|about)|(watch|view) (a|an|the|this) (video|animation)"
    r"|view a list of"
    # pointers of rare-disease pages: "The Human Phenotype Ontology provides the following list", "click here"
    r"|human phenotype ontology|approximate number of patients|click here"
    # what a study did to its subjects: "each subject underwent color Doppler ultrasonography"
    r"|(each|all|the) (subjects?|participants?|patients?) (underwent|were (enrolled|recruited|included|assigned))"
    r"|(subjects|participants|patients) were (permitted|allowed|instructed|asked|required) to"
    r"|outcome measures (included|were)|search terms (were|included)"
    r"|(primary|secondary) (outcomes?|end ?points?) (was|were|included)"
    # who studies the topic, not what is known: "The NINDS supports a broad range of research on…"
    r"|(supports?|conducts?|funds?|sponsors?) (a (broad|wide) range of |basic |clinical |ongoing )?research"
    r"|research (is ongoing|projects?|related to|aimed at)|current research (projects?|efforts?|is (focused|aimed))"
    r"|(researchers|scientists) (are|have been|continue) (also )?(to )?(study|studying|look|looking|working"
    r"|investigat\w*|trying|explor\w*)|researchers have looked|goals? of (this|the) research"
    r"|areas of (\w+ ){0,3}research"
    # what a text or a study presents, not what it found: "Practical recommendations … have been listed",
    # "Medical records were reviewed"; unless it asks it of the reader ("should ensure … is reviewed")
    # ("are discussed", "is highlighted by" often carry the finding of a review: they stay)
    r"|^(?!.*\b(should|must)\b).*\b(is|are|was|were|has been|have been|will be) (listed|reviewed"
    r"|summari[sz]ed|outlined)\b"
    # a guideline summary's grading lines: "Conclusion statements are Grades III and V."
    r"|conclusion statements? (is|are) grades?|the focus of this (narrative|review|article|chapter))\b",
    re.IGNORECASE,
)
_AIM_START = re.compile(
    r"^(to (evaluate|assess|investigate|determine|examine|compare|describe|explore|review)|objectives?\b"
    r"|aims?\b|purpose\b|methods?\b|design\b|setting\b|participants\b|background\b)",
    re.IGNORECASE,
)
# A sentence cut off before its list ("Causes include", "…several causes, including"): the list is lost.
_DANGLING_END = re.compile(
    r"\b(including|includes?|such as|the following|as follows|are|is|of|and|or|with|to|by|for)\s*$",
    re.IGNORECASE,
)
_TERMINATED = re.compile(r"[.!?][\"')\]]*$")
# A bracketed sentence is a translated title ("[Paroxysmal finger hematoma]."), not a statement.
_BRACKETED = re.compile(r"^\[.*\]\.?$")
# Pointers to figures and supplementary material; "supplementation" is not one.
_FIGURE = re.compile(r"\b(fig(ure)?s?\.?\s?\d|table\s?\d|supplementa(ry|l))\b", re.IGNORECASE)
# Leading words that can go without changing what the sentence says. Matched at a sentence's start
# with .match(text, start), so no "^": that would only match at the passage's start.
_LEAD_IN = re.compile(
    r"([,;:.)\]]\s*"  # a snippet cut in mid-sentence: ", Cal-Light enables..."
    r"|(results?|conclusions?|findings|interpretation|summary|main results|authors'? conclusions)\s*:\s*"
    r"|(in conclusion|in summary|overall|moreover|furthermore|in addition|additionally|taken together|importantly"
    r"|notably|finally|thus|therefore|hence|in general|collectively|altogether)\s*,\s*"
    r"|(we (found|showed|demonstrated|observed|confirmed)|our (results|data|findings) (show|showed|demonstrate"
    r"|demonstrated|confirm|confirmed|indicate|indicated)) that\s+)",
    re.IGNORECASE,
)
# A structured abstract's label without its colon ("CONTEXT Previous studies indicate", "CONCLUSION(S)
# Metformin is"), a guideline's grade ("B: Patients with depression are") or a footnote number run into
# the first word ("3Although metformin"); case matters. Aims and methods keep theirs, so that
# _AIM_START and _METHODS_LABEL drop them.
_LABEL = re.compile(
    r"(CONTEXT|RESULTS?|CONCLUSIONS?|FINDINGS|INTERPRETATION|SUMMARY|RECOMMENDATIONS?|Conclusions?|Results)"
    r"(\(S\))?\s+(?=[A-Z0-9])"
    r"|[A-D]:\s+(?=[A-Z])|Recommendations? \d+[a-z]?:\s+(?=[A-Z])|\(Grade:[^)]*\)\s+(?=[A-Z])"
    # a guideline's numbered point: "CP6 - In the context of PTSD…", "R12: Offer…"
    r"|[A-Z]{1,3}\d{1,3}\s*[-–:]\s+(?=[A-Z])"
    # a footnote only before a word that opens sentences: "3Disease Browser" is a tool's name
    r"|\d{1,2}(?=(Although|The|There|This|These|In|It|If|When|While|For|A|An|However|Consider|Offer|Do|Use)\b)"
)
# A footnote number after the full stop: "a family member also has the disease.1"
_TRAILING_FOOTNOTE = re.compile(r"(?<=[a-z]\.)\d{1,2}$")
_METHODS_LABEL = re.compile(
    r"^(STUDY (SELECTION|DESIGN)|DATA (SOURCES?|EXTRACTION|COLLECTION)|SEARCH (STRATEGY|METHODS)"
    r"|(SELECTION|ELIGIBILITY|INCLUSION) CRITERIA|(MAIN )?OUTCOME MEASURES?|INTERVENTIONS?|MEASUREMENTS?"
    r"|(PATIENTS|MATERIALS?|SUBJECTS) AND METHODS|PATIENTS|SUBJECTS|POPULATION)\b"
)
# What stands between a list's items: a line break and a bullet or a list number.
_MARKER = r"(?:[-•*▪◦]|\d{1,2}[.)])"  # a bullet or a list number
_ITEM_GAP = re.compile(rf"\s*\n\s*{_MARKER}\s+")
_ITEM_START = re.compile(rf"^[ \t]*{_MARKER}[ \t]+$", re.MULTILINE)  # up to a list item
_SUBJECT_KINDS = frozenset({QuestionKind.YES_NO, QuestionKind.DOSING, QuestionKind.ADVERSE_EFFECTS})
_NUMBERED_TYPE = re.compile(r"\btype\s+(\d+|I{1,3}|IV|V)\b", re.IGNORECASE)
_ROMAN = {"I": "1", "II": "2", "III": "3", "IV": "4", "V": "5"}
# A guideline's grading lines are not the items of a list: "NHBLI Grade: A (Strong)", "ACC/AHA LOE: B".
_GRADE_ITEM = re.compile(r"[\w/ -]{1,30}:\s*[A-Z0-9]{1,3}\s*(\([^)]*\))?\s*[.;]?$")
_THERE_IS = re.compile(r"^(is|are|was|were) there\b", re.IGNORECASE)
# Methods, and a guideline summary's fields that describe its scope or grading rather than advise:
# "TARGET POPULATION: Adults (ages 19 years and older) who have been diagnosed with…".
_SKIPPED_SECTIONS = re.compile(
    r"^(methods?|materials?|design|setting|participants|objectives?|aims?|target population|interventions?"
    r"|evidence rating|disease/condition)\b",
    re.IGNORECASE,
)
_CONCLUSIVE_SECTIONS = re.compile(
    r"^(conclusions?|results?|findings|summary|interpretation)\b", re.IGNORECASE
)


@dataclass(slots=True)
class Candidate:
    """A citable statement: trimmed text, where it stands, and why it was chosen."""

    text: str
    hit: Hit
    rank: int  # of the hit, 0 = best
    source: SourceSpan
    stems: frozenset[str]
    numbers: tuple[str, ...]
    negated: bool
    null_finding: bool
    spec: SectionSpec
    score: float
    coverage: float  # share of the question's concepts the sentence and its document title mention
    named: frozenset[str]  # the question's concept stems the sentence names by itself
    also: list[Candidate] = field(default_factory=list)  # merged near-identical statements

    @property
    def level(self) -> int:
        return int(self.hit.document.evidence_level)

    @property
    def is_title(self) -> bool:
        """The statement is its document's title (BioASQ's snippets include titles)."""
        return features.normalise(self.text) == features.normalise(self.hit.document.title)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """A shorter span of one sentence that says the same thing (never drops a number or negation)."""
    while True:
        match = _LEAD_IN.match(text, start, end) or _LABEL.match(text, start, end)
        if not match or match.end() >= end:
            break
        start = match.end()
    if footnote := _TRAILING_FOOTNOTE.search(text, start, end):
        end = footnote.start()
    sentence = text[start:end]
    # A whole sentence in brackets: "(High levels of uric acid in the blood can lead to gout.)"
    if _bracketed_whole(sentence):
        start, end = start + 1, end - 1
        sentence = text[start:end]
    if sentence.count(" ") + 1 > LONG_WORDS and "; " in sentence:
        head, _, tail = sentence.partition("; ")
        if head.count(" ") + 1 >= 8 and not features.numbers(tail) and not features.negations(tail):
            end = start + len(head)
    return start, end


def _bracketed_whole(sentence: str) -> bool:
    """The opening bracket closes at the very end: "(… gout.)", not "(see above) and (below)"."""
    if not (sentence.startswith("(") and sentence.endswith(")")):
        return False
    depth = 0
    for index, char in enumerate(sentence):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            return index == len(sentence) - 1
    return False


class _Statement(NamedTuple):
    start: int
    end: int
    text: str
    gist: str  # what decides its section: the sentence, or the sentence introducing a list


def _statements(passage: Passage) -> Iterator[_Statement]:
    """Each trimmed sentence; a sentence introducing a list comes with its items."""
    text, sentences = passage.text, passage.sentences
    for index, (sentence_start, sentence_end) in enumerate(sentences):
        start, end = trim(text, sentence_start, sentence_end)
        sentence = text[start:end]
        if not _TERMINATED.search(sentence) and _ITEM_START.search(
            text, max(0, sentence_start - 8), sentence_start
        ):
            continue  # a list item read without the line that introduces it ("Damage to other organs")
        if not sentence.endswith(":") or not (items := _list_items(text, sentences, index)):
            yield _Statement(start, end, sentence, sentence)
            continue
        listed = "; ".join(_as_item(text[a:b]) for a, b in items)
        yield _Statement(start, items[-1][1], f"{sentence} {listed}.", sentence)


def _list_items(text: str, sentences: Sequence[tuple[int, int]], intro: int) -> list[tuple[int, int]]:
    """The bullet lines right after sentence ``intro``; none unless the whole list is short."""
    items: list[tuple[int, int]] = []
    end = sentences[intro][1]
    for start, stop in sentences[intro + 1 :]:
        if not _ITEM_GAP.fullmatch(text, end, start):
            break
        if (
            len(items) == MAX_ITEMS
            or text.count(" ", start, stop) >= MAX_ITEM_WORDS
            or _GRADE_ITEM.match(text, start, stop)
        ):
            return []
        items.append((start, stop))
        end = stop
    return items


def _as_item(line: str) -> str:
    """A list line as part of a sentence: "Previous gestational diabetes." → "previous gestational diabetes"."""
    line = line.rstrip(" .;,")
    return line[:1].lower() + line[1:] if line[1:2].islower() else line


def _stands_alone(sentence: str) -> bool:
    words = sentence.count(" ") + 1
    return (
        MIN_WORDS <= words <= MAX_WORDS
        and (
            _TERMINATED.search(sentence) is not None
            or (words >= MIN_UNTERMINATED_WORDS and not _is_heading(sentence))
        )
        and not sentence.rstrip().endswith(("?", ":"))
        and not _DANGLING_END.search(sentence)
        and not _DEPENDENT_START.match(sentence)
        and not _POINTS_BACK.search(sentence)
        and not _AIM_START.match(sentence)
        and not _METHODS_LABEL.match(sentence)
        and not _BOILERPLATE.search(sentence)
        and not _FIGURE.search(sentence)
        and not _BRACKETED.match(sentence)
        and " | " not in sentence  # cells of a table row read as one line
    )


def _is_heading(line: str) -> bool:
    """Title case: every longer word capitalised ("PDM: Fruits and Vegetables and Prevention of Diabetes")."""
    return all(word[0].isupper() for word in line.split() if len(word) > 3 and word[0].isalpha())


def _concept_stems(question: QuestionAnalysis) -> set[str]:
    return {stem(c) for c in question.concepts}


def _specific(concepts: set[str]) -> set[str]:
    """The concepts that tie a statement to this question's subject (all of them if none is specific)."""
    return {c for c in concepts if c not in GENERIC_TERMS} or concepts


def specific_count(question: QuestionAnalysis) -> int:
    return len(_specific(_concept_stems(question)))


def subject_of(question: QuestionAnalysis) -> str | None:
    """What a yes/no, dosing or adverse-effects question asks about ("metformin" in "Does metformin cause B12 deficiency?",
    "paracetamol" in "What is the dose of paracetamol for children with fever?").

    A statement on B12 deficiency alone names most of the question's words but says nothing about
    metformin: counted as a vote, it would make a verdict out of evidence on something else; a
    statement on feverish children that never names paracetamol says nothing about its dose.
    """
    # "Is there a genetic component to happiness?" names no exposure before the rest.
    if question.kind not in _SUBJECT_KINDS or _THERE_IS.match(question.text):
        return None
    return next((s for s in map(stem, question.concepts) if s not in GENERIC_TERMS), None)


@lru_cache(maxsize=256)
def identifiers(question: QuestionAnalysis) -> frozenset[str]:
    """The concepts the question writes as names of genes, proteins, drugs in development or abbreviations
    ("CLIC1", "lincRNA", "FGF21", "IPF"): a statement on protein localisation that does not name CLIC1 says
    nothing about where CLIC1 is."""
    named = features.stems(" ".join(_IDENTIFIER.findall(question.text))) & _concept_stems(question)
    return frozenset(word for word in named if len(word) > 2)  # not "II" of "kinase II", "US" of "US FDA"


def _own_words(first: frozenset[str], second: frozenset[str]) -> list[frozenset[str]]:
    """What names each option apart from the other: "psoriatic arthritis" and "rheumatoid arthritis" share
    "arthritis", which names neither; "tremor" and "essential tremor" are told by "essential". A generic
    word does not name an option: "disease" in "Crohn's disease" is as much ulcerative colitis's."""
    return [own - GENERIC_TERMS or own for own in (first - second or first, second - first or second)]


def _types(text: str) -> set[str]:
    """The numbered types a text names: "type 2 diabetes", "type II collagen" → {"2"}."""
    return {_ROMAN.get(m.group(1).upper(), m.group(1)) for m in _NUMBERED_TYPE.finditer(text)}


def _score(
    candidate_stems: frozenset[str], concepts: set[str], spec: SectionSpec, hit: Hit, rank: int, text: str
) -> float:
    coverage = len(candidate_stems & concepts) / len(concepts) if concepts else 0.0
    level_bonus = (5 - int(hit.document.evidence_level)) * 0.06
    specific = 0.15 if spec.order < 99 else 0.0
    number_bonus = 0.1 if features.numbers(text) else 0.0
    section_bonus = 0.1 if _CONCLUSIVE_SECTIONS.match(hit.passage.section) else 0.0
    return coverage + level_bonus + specific + number_bonus + section_bonus + 0.3 / (1 + rank)


def passage_aliases(question: QuestionAnalysis, hit: Hit) -> tuple[Alias, ...]:
    """The other names that the question, the hit's title and its passage give to what they name."""
    concepts = _concept_stems(question)
    return (
        _question_aliases(question)
        + initialisms(question.topic, f"{hit.document.title} {hit.passage.text}")
        + aliases(hit.document.title)
        + aliases(hit.passage.text)
        # "immediate-early genes" for the question's "immediate early genes"; but "tarsal-carpal coalition"
        # is not about the carpal tunnel.
        + tuple(pair for pair in hyphenations(hit.passage.text) if pair[1] <= concepts)
    )


@lru_cache(maxsize=256)
def _question_aliases(question: QuestionAnalysis) -> tuple[Alias, ...]:
    return aliases(question.text) + expansions(question.text) + hyphenations(question.text)


def candidates(question: QuestionAnalysis, hits: Sequence[Hit], min_coverage: float) -> list[Candidate]:
    """Standalone sentences of the hits that name enough of the question's concepts, best first."""
    concepts = _concept_stems(question)
    # A statement naming only generic terms ("syndrome", "genetic") is not about this question's subject.
    specific = _specific(concepts)
    # Long questions name many terms; no single sentence need name more than a few of them.
    needed = min(math.ceil(min_coverage * len(concepts)), MAX_NEEDED_CONCEPTS)
    subject = subject_of(question)
    asked_types = _types(question.text)
    type_word = frozenset({stem("type")} & concepts) if asked_types else frozenset()
    compared = comparison_sides(question)
    sides = _own_words(*(features.stems(compared[side]) for side in ("first", "second"))) if compared else []
    drug = names_drug(question.topic)
    found: list[Candidate] = []
    for rank, hit in enumerate(hits):
        passage = hit.passage
        if _SKIPPED_SECTIONS.match(passage.section):
            continue
        defined = passage_aliases(question, hit)
        title_stems = with_aliases(features.stems(hit.document.title), defined)
        title_types = _types(hit.document.title)
        for start, end, sentence, gist in _statements(passage):
            sentence_stems = features.stems(sentence)
            if asked_types and not asked_types & (_types(sentence) or title_types or asked_types):
                continue  # "type 1 diabetes" does not answer a question on type 2 diabetes
            # A statement of no other type speaks of the one asked about: "complications of diabetes" answers
            # a question on type 2 diabetes no less than "the types of diabetes" names its word "type".
            named = with_aliases(sentence_stems, defined) | type_word
            # The title is the sentence's context: a guideline on metformin in CKD need not repeat "CKD".
            shared = (named | title_stems) & concepts
            # Cheap word tests first: most sentences of a passage do not name the question's terms.
            if not named & specific or len(shared) < needed:
                continue
            if subject is not None and subject not in named | title_stems:
                continue
            if not _stands_alone(sentence):
                continue
            spec = assign(question.kind, gist, frozenset(concepts), sides, drug)
            found.append(
                Candidate(
                    text=sentence,
                    hit=hit,
                    rank=rank,
                    source=SourceSpan(passage.identifier, start, end),
                    stems=sentence_stems,
                    numbers=tuple(features.numbers(sentence)),
                    negated=bool(features.negations(sentence)),
                    null_finding=features.is_null_finding(sentence),
                    spec=spec,
                    score=_score(named, concepts, spec, hit, rank, sentence),
                    coverage=len(shared) / len(concepts),
                    named=frozenset(named & concepts),
                )
            )
    # Once some statement names the gene or abbreviation asked about, those that do not are off topic.
    if anchored := [c for c in found if identifiers(question) & c.named]:
        found = anchored
    found.sort(key=lambda c: -c.score)
    return found


def merge(found: Sequence[Candidate]) -> list[Candidate]:
    """Fold near-identical statements (same numbers, same polarity) into the strongest one; of two
    wordings of one statement at the same level of evidence, the fuller one is shown."""
    kept: list[Candidate] = []
    for candidate in sorted(found, key=lambda c: (c.level, -c.score)):
        index = next((i for i, k in enumerate(kept) if _same_statement(k, candidate)), None)
        if index is None:
            kept.append(candidate)
            continue
        twin = kept[index]
        if (
            candidate.hit.passage.identifier == twin.hit.passage.identifier
            and candidate.source == twin.source
        ):
            continue
        if (
            candidate.level == twin.level
            and same_opening(twin, candidate)
            and len(candidate.text) > len(twin.text)
        ):
            candidate.also, twin.also = [twin, *twin.also], []
            candidate.score = twin.score  # it takes the stronger wording's place
            kept[index] = candidate
        else:
            twin.also.append(candidate)
    kept.sort(key=lambda c: -c.score)
    return kept


def same_opening(a: Candidate, b: Candidate) -> bool:
    """Two wordings of one statement ("Initial therapy in pregnancy can be with one of a variety of
    antihypertensive agents as listed…" and "… agents available in Canada: methyldopa…")."""
    opening_a, opening_b = (features.normalise(c.text).split()[:OPENING_WORDS] for c in (a, b))
    return len(opening_a) == OPENING_WORDS and opening_a == opening_b


def _same_statement(a: Candidate, b: Candidate) -> bool:
    return (
        a.numbers == b.numbers
        and a.negated == b.negated
        and features.jaccard(a.stems, b.stems) >= MERGE_JACCARD
    )

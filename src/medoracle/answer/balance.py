"""The balance of evidence: contradicting findings, and the verdict of a yes/no question."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from medoracle.answer.analysis import stem
from medoracle.answer.selection import Candidate, identifiers
from medoracle.answer.text import GENERIC_STEMS, jaccard
from medoracle.domain import QuestionAnalysis, QuestionKind, Verdict, VerdictValue

SAME_SUBJECT_JACCARD = 0.3
# A statement votes on a yes/no question when it names the question's terms itself: all of two or
# three, all but one of four to seven, and always the last, which says what is asked of the subject
# ("addictive" in "Are tobacco and nicotine products addictive?"). With half of them, "Gilbert syndrome
# is estimated to affect 3 to 7 percent of Americans" voted yes on "Does Gilbert's syndrome affect life
# expectancy?".
VOTING_COVERAGE = 0.75


def contradicting(kind: QuestionKind, concepts: frozenset[str], members: Sequence[Candidate]) -> set[int]:
    """Ids of findings of no effect and findings of an effect that are about the same subject."""
    if kind is QuestionKind.YES_NO:
        return set()  # the verdict and its two sections show the balance
    flagged: set[int] = set()
    for null in (c for c in members if c.null_finding):
        for positive in (c for c in members if not c.null_finding):
            if _same_subject(null, positive, concepts):
                flagged.update({id(null), id(positive)})
    return flagged


def _same_subject(a: Candidate, b: Candidate, concepts: frozenset[str]) -> bool:
    """Whether two statements are about the same thing: the question's topic itself, or more of the same words.

    The question's own terms are set aside, since every statement names them; two statements that name
    nothing else are both about the topic itself ("statin use was (not) associated with dementia").
    """
    own_a = _words(a.stems) - concepts
    own_b = _words(b.stems) - concepts
    if not own_a and not own_b:
        return True
    return bool(own_a & own_b) and jaccard(own_a, own_b) >= SAME_SUBJECT_JACCARD


@lru_cache(maxsize=4_096)
def _words(stems: frozenset[str]) -> frozenset[str]:
    """Stems that name things: no study-report vocabulary, no numbers (which differ between any two studies)."""
    return frozenset(s for s in stems - GENERIC_STEMS if not any(ch.isdigit() for ch in s))


# A question on safety is answered by what a statement says of harm, not by any finding on its subject:
# "Metformin is better than clomiphene for ovulation" says nothing on whether it is safe in pregnancy,
# and "lithium might be associated with an increased risk of cardiac malformations" says it may not be.
_ASKS_SAFETY = re.compile(
    r"\b(safe|safely|ok|okay|harmful|dangerous|risky|bad for)\b"
    # "Can valproate be used during pregnancy?"
    r"|\b(used|taken|given|use|take)\b.{0,30}\b(during|in|while) (pregnancy|breast-?feeding|lactation)\b",
    re.IGNORECASE,
)
_ASKS_HARM = re.compile(r"\b(harmful|dangerous|risky|bad for)\b", re.IGNORECASE)
_NO_HARM = re.compile(
    r"\b((is|are|was|were|appears?|considered|remains?) (generally |probably |likely |relatively )?"
    r"(safe|well[- ]tolerated|harmless)|(?<!not )safe (to|in|during|for)|harmless|no (increased|significant|excess"
    r"|higher) risk|not (associated with|linked to) (an )?(increased|higher|greater)|(do|does|did) not (affect"
    r"|increase|raise|cause|harm)|no (lasting|long-term|permanent) (effects?|damage|harm)"
    r"|no evidence (that|of) .{0,60}\b(cause[sd]?|increase[sd]?|harm|damage|risk))\b",
    re.IGNORECASE,
)
_HARM = re.compile(
    r"\b((should|must|do|does) not|never) (be )?(use|used|take|taken|give|given|prescribed?|treated)\b"
    r"|\b(contra-?\s?indicat\w*|avoid\w*|not recommended|unsafe|not (be )?safe|teratogen\w*"
    r"|(increased|higher|greater|excess)"
    r" risks?|increases? the risk|associated with (an )?(increased|higher|greater)|birth defects|malformations?"
    r"|toxicit\w*|toxic|fatal|harmful|dangerous|damage|serious (harm|complications?|adverse))\b",
    re.IGNORECASE,
)


# A question on an effect ("Does smoking cause bladder cancer?") is answered by a statement that links the
# two, not by one that names both ("Age at diagnosis, obesity, smoking, and molecular subtypes in bladder
# cancer"); a statement that the answer is unknown, or was once held, answers neither way.
_ASKS_EFFECT = re.compile(
    r"\b(cause[sd]?|lead to|leads to|increase[sd]?|reduce[sd]?|lower[sd]?|raise[sd]?|prevent[sd]?|improve[sd]?"
    r"|worsen[sd]?|trigger[sd]?|protect|help[sd]?|treat[sd]?|cure[sd]?|affect[sd]?|associated|linked|risk)\b",
    re.IGNORECASE,
)
_STATES_EFFECT = re.compile(
    r"\b(caus\w*|associat\w*|link\w*|risks?|increas\w*|decreas\w*|reduc\w*|lower\w*|higher|rais\w*"
    r"|improv\w*|worsen\w*|prevent\w*|protect\w*|effects?|effective\w*|efficac\w*|benefi\w*|attributable"
    r"|contribut\w*|leads? to|led to|result\w* in|predict\w*|correlat\w*|odds|hazard|significant\w*"
    r"|trigger\w*|induc\w*|promot\w*|alleviat\w*|reliev\w*|treat\w*|cur(e|es|ed)|help\w*|superior"
    r"|inferior|no difference|differ\w*|shorten\w*|lengthen\w*|prolong\w*|affect\w*|influenc\w*|impact\w*"
    r"|alter\w*|chang\w*)\b",
    re.IGNORECASE,
)
# Advice against an option answers whether it works or should be used: no.
_ADVISES_AGAINST = re.compile(
    r"\b((does|do|did) not recommend|recommends? against|(is|are) not (recommended|indicated)|(should|must) be avoided"
    r"|(should|must) not (be )?(use|used|given|prescribed|offered|take|taken)"
    r"|(do not|don't|never) (use|give|prescribe|offer|take))\b",
    re.IGNORECASE,
)
# A question on contagion ("Can you catch shingles from someone?") is answered by a statement on how it
# spreads, not by any statement on the disease ("Early signs of shingles include burning pain").
_ASKS_SPREAD = re.compile(r"\b(catch|contagious|spread|transmit\w*|pass(ed)? on|infectious)\b", re.IGNORECASE)
# A negation before a word: "not", "can't", "never", "cannot".
_NOT = r"(\bnot|n't|\bnever|\bcannot)"
_SPREAD_WORDS = r"(catch\w*|contagious|spread\w*|transmi\w*|pass\w*|infect\w*)\b"
_STATES_SPREAD = re.compile(rf"\b{_SPREAD_WORDS}", re.IGNORECASE)
_DENIES_SPREAD = re.compile(rf"{_NOT}( \w+){{0,2}} {_SPREAD_WORDS}", re.IGNORECASE)
# "Are there any specific antidotes for rivaroxaban?" is answered no by "there is no antidote for
# dabigatran, rivaroxaban or apixaban", which states no effect.
_ASKS_EXISTENCE = re.compile(r"^\s*(is|are) there\b", re.IGNORECASE)
_DENIES_EXISTENCE = re.compile(
    r"\b(there (is|are|was|were) (still )?no|(lack|absence) of|none of"
    r"|no (\w+ ){1,2}(is|are|has been|have been) (yet |currently )?(available|approved)"
    r"|not (yet )?(available|exist|approved))\b",
    re.IGNORECASE,
)
# Effects one way or the other: "cause" and "lower" ask opposite things.
_EFFECT_WAYS = {
    "up": re.compile(r"\b(caus|increas|rais|lead|trigger|worsen|induc|promot)\w*", re.IGNORECASE),
    "down": re.compile(r"\b(lower|reduc|decreas|prevent|protect|shorten)\w*", re.IGNORECASE),
}
# The two words after a negation: "does not lower", "did not significantly increase".
_NEGATED_WORDS = re.compile(rf"({_NOT}|\bno)\s+(?P<words>\w+(?:\s+\w+)?)", re.IGNORECASE)
# Words with an opposite, each way; not effects ("increase", "reduce"), which may be said of another exposure.
_OPPOSITE_WORDS = (
    ("enrich", "deplet"),
    ("benign", "malignan"),
    ("dominant", "recessive"),
    ("upregulat", "downregulat"),
    ("overexpress", "underexpress"),
    ("hypermethylat", "hypomethylat"),
    ("gain-of-function", "loss-of-function"),
    ("susceptib", "resistan"),
)
_OPPOSITES = tuple(
    (re.compile(rf"\b{first}\w*", re.IGNORECASE), re.compile(rf"\b{second}\w*", re.IGNORECASE))
    for pair in _OPPOSITE_WORDS
    for first, second in (pair, pair[::-1])
)
# Words of a yes/no question that say nothing a statement could deny.
_AUXILIARIES = frozenset(
    "does do did is are was were can could should would will may might has have had you your i my "
    "it its the a an of to in on for from with and or by someone somebody anyone people".split()
)
_UNKNOWN = re.compile(
    r"\b(remains? (unknown|unclear|uncertain|controversial|to be (determined|established))|(is|are) (still )?"
    r"(unknown|unclear|uncertain|controversial|not (known|clear))|(little|not much) is known"
    # what was once held: "Cystic fibrosis used to be considered a fatal disease of childhood"; not a name
    # once used: "type 2 diabetes, formerly called adult-onset diabetes"
    r"|used to be|(was|were) once (thought|believed|considered)|formerly (thought|believed|considered)"
    # "there is still much debate on whether magnesium sulfate improves outcome"
    r"|(debate|controversy|uncertainty) (on|about|over|as to|regarding) whether)\b",
    re.IGNORECASE,
)


def side(candidate: Candidate, question: QuestionAnalysis) -> bool | None:
    """What the statement answers to the yes/no question: yes (True), no (False), or nothing (None); a
    side remark of its source ("diarrhoea occurred in 11%") or a statement on the subject alone
    ("Cushing's syndrome is rare") answers nothing."""
    asked = [stem(c) for c in question.concepts]
    if len(candidate.named) < VOTING_COVERAGE * len(set(asked)) or asked[-1] not in candidate.named:
        return None
    if not identifiers(question) <= candidate.named:
        return None  # "Nivolumab is a PD-1 inhibitor" says nothing on whether it is a PD-L1 inhibitor
    if _UNKNOWN.search(candidate.text):
        return None
    if not _ASKS_SAFETY.search(question.text):
        if _ADVISES_AGAINST.search(candidate.text) or _denies(candidate.text, question, asked):
            return False
        if _ASKS_EXISTENCE.match(question.text) and _DENIES_EXISTENCE.search(candidate.text):
            return False
        if _ASKS_EFFECT.search(question.text) and not _STATES_EFFECT.search(candidate.text):
            return None
        # "Low-tar cigarettes do not lower the risk" says nothing on whether smoking causes lung cancer.
        if candidate.null_finding and _opposite_effects(question.text, candidate.text):
            return None
        if _says_opposite(question.text, candidate.text):
            return False  # "UCEs are depleted among segmental duplications": not enriched
        if _ASKS_SPREAD.search(question.text):
            if _DENIES_SPREAD.search(candidate.text):
                return False  # "Shingles cannot be passed from one person to another"
            if not _STATES_SPREAD.search(candidate.text):
                return None
        return not candidate.null_finding
    if _NO_HARM.search(candidate.text):
        safe = True
    elif _HARM.search(candidate.text):
        safe = False
    else:
        return None
    return safe != bool(_ASKS_HARM.search(question.text))


def _says_opposite(question: str, statement: str) -> bool:
    """The statement says the opposite of what the question asks, and not also what it asks: "a benign
    hepatic tumour" answers "Is hepatic mesenchymal hamartoma a malignant tumour?"."""
    return any(
        asked.search(question) and opposite.search(statement) and not asked.search(statement)
        for asked, opposite in _OPPOSITES
    )


def _opposite_effects(question: str, statement: str) -> bool:
    """The question asks for an effect one way ("Does smoking cause lung cancer?") and the statement denies
    one the other way ("does not lower the risk of lung cancer")."""
    negated = [m.group("words") for m in _NEGATED_WORDS.finditer(statement)]
    asks = {way for way, words in _EFFECT_WAYS.items() if words.search(question)}
    denies = {way for way, words in _EFFECT_WAYS.items() if any(words.search(w) for w in negated)}
    return len(asks) == 1 and len(denies) == 1 and asks != denies


def _denies(statement: str, question: QuestionAnalysis, concepts: Sequence[str]) -> bool:
    """The statement negates what the question asks of its terms: "You can't catch shingles from someone who
    has it" answers "Can you catch shingles from someone?" with no. The terms themselves are not asked:
    "relative to never smoking" denies nothing of smoking."""
    words = re.findall(r"[a-z]{3,}", question.text.lower())
    asked = tuple(w for w in words if w not in _AUXILIARIES and stem(w) not in concepts)
    return bool(asked) and _negated(asked).search(statement) is not None


@lru_cache(maxsize=1_024)
def _negated(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(map(re.escape, words))
    return re.compile(rf"{_NOT} (\w+ )?({alternatives})\b", re.IGNORECASE)


def votes(candidate: Candidate, question: QuestionAnalysis) -> bool:
    """Whether the statement answers the yes/no question either way."""
    return side(candidate, question) is not None


def verdict_of(shown: Sequence[Candidate], question: QuestionAnalysis) -> Verdict:
    """Sources per side, each document counted once by the side most of its statements take."""
    sides: dict[str, list[bool]] = {}
    levels: dict[str, int] = {}
    for candidate in shown:
        says = side(candidate, question)
        if says is None:
            continue
        identifier = candidate.hit.document.identifier
        sides.setdefault(identifier, []).append(says)
        levels[identifier] = candidate.level
    supporting = sorted(levels[d] for d, votes in sides.items() if sum(votes) * 2 > len(votes))
    opposing = sorted(levels[d] for d, votes in sides.items() if sum(votes) * 2 < len(votes))
    return Verdict(
        value=_balance(supporting, opposing),
        supporting=len(supporting),
        opposing=len(opposing),
        supporting_levels=tuple(supporting),
        opposing_levels=tuple(opposing),
    )


def _balance(supporting: Sequence[int], opposing: Sequence[int]) -> VerdictValue:
    if not supporting and not opposing:
        return VerdictValue.INSUFFICIENT
    if len(supporting) + len(opposing) == 1 and min([*supporting, *opposing]) >= 4:
        return VerdictValue.INSUFFICIENT  # one case report or narrative text decides nothing
    if len(supporting) >= 2 * len(opposing):
        return VerdictValue.SUPPORTED
    if len(opposing) >= 2 * len(supporting):
        return VerdictValue.NOT_SUPPORTED
    return VerdictValue.MIXED

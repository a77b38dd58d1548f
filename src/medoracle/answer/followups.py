"""The article's heading and the follow-up questions suggested for its kind and topic."""

from __future__ import annotations

import re

from medoracle.answer.analysis import comparison_sides, is_frame_free, names_drug, populations
from medoracle.answer.sections import spec_by_key
from medoracle.answer.text import normalise
from medoracle.domain import QuestionAnalysis, QuestionKind

MAX_TOPIC_WORDS = 6

_HEADINGS: dict[QuestionKind, str] = {
    QuestionKind.CAUSES: "Causes and Risk Factors of {Topic}",
    QuestionKind.TREATMENT: "Treatment of {Topic}",
    QuestionKind.DIAGNOSIS: "Diagnosis of {Topic}",
    QuestionKind.PROGNOSIS: "Prognosis of {Topic}",
    QuestionKind.PREVENTION: "Prevention of {Topic}",
    QuestionKind.DOSING: "Dosing: {Topic}",
    QuestionKind.ADVERSE_EFFECTS: "Side Effects of {Topic}",
    QuestionKind.DEFINITION: "{Topic}: an overview",
    QuestionKind.COMPARISON: "Comparison: {Topic}",
}

# A question on one part of its kind's article is headed by that part: "What are the symptoms of X?"
# is a diagnosis question on clinical features.
_PART_HEADINGS: tuple[tuple[QuestionKind, re.Pattern[str], str], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE), template)
    for kind, pattern, template in (
        (
            QuestionKind.DIAGNOSIS,
            spec_by_key(QuestionKind.DIAGNOSIS, "clinical_features").cue.pattern,
            "Symptoms and Signs of {Topic}",
        ),
        (QuestionKind.PROGNOSIS, r"\bcomplications?\b", "Complications of {Topic}"),
        (QuestionKind.ADVERSE_EFFECTS, r"\binteract", "Interactions: {Topic}"),
        (QuestionKind.ADVERSE_EFFECTS, r"\bcontra-?\s?indicat", "Contraindications: {Topic}"),
    )
)

_FOLLOW_UPS: dict[QuestionKind, tuple[str, ...]] = {
    QuestionKind.CAUSES: (
        "How {is_} {topic} diagnosed?",
        "How {is_} {topic} treated?",
        "Can {topic} be prevented?",
    ),
    QuestionKind.TREATMENT: (
        "What are the side effects of treatments for {topic}?",
        "What is the first-line treatment for {topic}?",
        "What is the prognosis of {topic}?",
    ),
    QuestionKind.DIAGNOSIS: (
        "What causes {topic}?",
        "How {is_} {topic} treated?",
        "What else can look like {topic}?",
    ),
    QuestionKind.PROGNOSIS: (
        "How {is_} {topic} treated?",
        "What affects the outcome of {topic}?",
        "Can {topic} come back?",
    ),
    QuestionKind.PREVENTION: (
        "What are the risk factors for {topic}?",
        "How {is_} {topic} treated?",
        "Who should be screened for {topic}?",
    ),
    QuestionKind.DOSING: (
        "What are the side effects of {topic}?",
        "What interacts with {topic}?",
        "Does the dose of {topic} change in kidney disease?",
    ),
    QuestionKind.ADVERSE_EFFECTS: (
        "What is the dose of {topic}?",
        "What interacts with {topic}?",
        "Who should not take {topic}?",
    ),
    QuestionKind.DEFINITION: (
        "What causes {topic}?",
        "How {is_} {topic} diagnosed?",
        "How {is_} {topic} treated?",
    ),
    QuestionKind.COMPARISON: (
        "What is the evidence on {topic}?",
        "What are the harms of each option?",
        "Which option is recommended first?",
    ),
    QuestionKind.YES_NO: (
        "What is the evidence on {topic}?",
        "What are the risks of {topic}?",
        "What are the alternatives to {topic}?",
    ),
    QuestionKind.OTHER: ("What is {topic}?", "What causes {topic}?", "How {is_} {topic} treated?"),
}


# "Does X cause Y?": the verb between an exposure and an outcome, and what may stand before the outcome.
_EFFECT = re.compile(
    r"^(?P<exposure>(?:\S+ ){0,3}?\S+) (?:cause|causes|lead to|leads to|increase|increases|reduce|reduces|lower"
    r"|lowers|raise|raises|prevent|prevents|improve|improves|worsen|worsens|trigger|triggers|protect against"
    r"|help|helps|treat|treats|cure|cures)"
    r" (?:the (?:risk|incidence|rate|severity) of )?(?P<outcome>.+)$",
    re.IGNORECASE,
)
# What a yes/no question says of its subject: "Is Cushing syndrome serious?", "Does Gilbert's syndrome
# affect life expectancy?", "Is mood instability a mental illness?"; and the wording that puts it first:
# "Is it normal to have a weak ejaculation?".
_PREDICATE = re.compile(
    r"(?<!vitamin)(?<!hepatitis)\s(?:an?|is|are|be|been|very|still|fully|really|always|ever|by|serious|normal"
    r"|dangerous|contagious|hereditary|genetic|inherited|fatal|deadly|cancerous|life[- ]threatening|common|rare|painful|permanent"
    r"|effective|beneficial|useful|helpful|safe|recommended|indicated|necessary|needed|worth"
    r"|infectious|affects?|heals?|spreads?|go|goes|linked|related|means?|turns?|\w+(?:able|ible))\b.*$",
    re.IGNORECASE,
)
_PREDICATE_FIRST = re.compile(
    r"^(?:(?:normal|possible|safe|okay|ok|common|bad|dangerous|healthy) to (?:have|get|take|use|be)"
    r"|(?:fully )?(?:recover from|survive|live with|die (?:from|of)))\s(?:an? |the )?",
    re.IGNORECASE,
)
# A topic that is a clause or a fragment ("vitamin d help our bodies", "blood pressure when on eliquis",
# "mst drug/") names no one thing to ask about.
_CLAUSE = re.compile(
    r"\b(is|are|was|were|does|do|did|can|could|will|would|should|has|have|helps?|affects?|quit|stop(ping)?"
    r"|tak(e|es|ing)|when|while|if)\b|/",
    re.IGNORECASE,
)
_QUESTION_WORD = re.compile(r"\b(what|which|who|whom|how|why)\b", re.IGNORECASE)
_PASSIVE = re.compile(r"\bbe\s+\w+ed\b", re.IGNORECASE)  # "Can otitis media be cured?"
_SUBJECT_FOLLOW_UPS = (
    "What causes {topic}?",
    "How {is_} {topic} treated?",
    "What is the prognosis of {topic}?",
)
# Dosage forms and routes are not part of a drug's name ("levofloxacin tablets", "toradol im").
_FORM = re.compile(r"\b(?:tablets?|pills?|capsules?|caplets?|im|iv|oral|\d+ ?mg)\b", re.IGNORECASE)
_COMPARISON_FOLLOW_UPS = (
    "What are the harms of {first} and of {second}?",
    "Which of {first} and {second} is recommended first{context}?",
    "Who should not take {first}?",
)
# "Is TMJ the same as TMD?" weighs two conditions, not two options.
_CONDITIONS_COMPARED = (
    "What is {first}?",
    "What is {second}?",
    "How {is_} {first} diagnosed?",
)
_OPTION = re.compile(
    r"\b(therap\w*|anticoagula\w*|surgery|surgical|treatments?|exercise|diet|physiotherapy|injections?|vaccines?|pills?"
    r"|tablets?|creams?|supplements?|medicines?|medications?|drugs?)\b",
    re.IGNORECASE,
)
_EFFECT_FOLLOW_UPS = (
    "What is the evidence on {exposure} and {outcome}?",
    "What are the harms of {exposure}?",
    "What causes {outcome}?",
)


_DRUG_FOLLOW_UPS = (
    "What are the side effects of {topic}?",
    "What is the dose of {topic}?",
    "What interacts with {topic}?",
)
_MOLECULE_FOLLOW_UPS = (
    "What is the function of {topic}?",
    "Which diseases involve {topic}?",
    "How is {topic} studied?",
)
_MOLECULE = re.compile(
    r"\b(proteins?|genes?|receptors?|enzymes?|kinases?|channels?|hormones?|pathways?|rnas?)\b", re.I
)


def _title_case(topic: str) -> str:
    small = {"of", "and", "or", "in", "on", "at", "the", "a", "an", "to", "for", "with", "vs"}
    words = topic.split()
    return " ".join(
        w.upper()
        if i and words[i - 1].lower() == "vitamin" and len(w) == 1  # "Vitamin A"
        else w
        if (i and w in small) or not w.islower()
        else w.capitalize()
        for i, w in enumerate(words)
    )


_QUALIFIER = re.compile(r"\s(?:in|of|for|with|during|after|among|at|on|by)\s", re.IGNORECASE)
_LEADING_WORDS = re.compile(r"^\s*(?:(?:a|an|the|first|second|new|recent)\s+)+", re.IGNORECASE)
_OPENING_TERMS = re.compile(r"(?:(?!(?:and|or|to|my|your|the|a|an)\b)[\w'-]+\s?){0,3}", re.IGNORECASE)
# Verbs of a topic that is a clause, beyond those of _CLAUSE: "anticoagulation continue after…".
_VERB = re.compile(
    r"\b(?:be|been|continue[sd]?|given|started?|stopped|used|last|lasts|recur|look|looks|like|feel|feels|gets?"
    r"|mean|means|contain|contains|reverses?|works?)\b",
    re.IGNORECASE,
)
MAX_PART_WORDS = 4
_CONDITION_WORD = re.compile(
    r"(itis|osis|emia|aemia|oma|pathy|algia|ism|iasis|plasia|trophy|cele|rrhea|rrhoea|ectomy|plegia|phobia)$",
    re.IGNORECASE,
)
# Singular nouns ending in "s" that clinical questions name often ("How is diabetes treated?").
_SINGULAR_S = frozenset("diabetes herpes measles mumps rabies scabies rickets shingles".split())


def _plural(topic: str) -> bool:
    """Whether the topic's head noun is plural: "kidney stones" are, "hypoglycaemia in newborns" is not."""
    head = _QUALIFIER.split(topic)[0].split()
    last = head[-1].lower() if head else ""
    return last.endswith("s") and not last.endswith(("ss", "is", "us", "ics")) and last not in _SINGULAR_S


def _short_topic(analysis: QuestionAnalysis) -> str | None:
    """A topic that reads inside another question, or None (a clause names no thing to ask about).

    A long topic gives the part before or after its commas and qualifiers
    that names a thing ("venous thromboembolism in patients with cancer receiving chemotherapy" → "venous
    thromboembolism"), else its opening words if they are all terms ("crushing chest pain radiating to my
    left arm" → "crushing chest pain"): its terms strung together ("antibiotics given acute") name nothing.
    A question of no kind on an option asks about what stands after its qualifier ("When should antibiotics
    be given for acute otitis media?" → "acute otitis media").
    """
    topic = analysis.topic
    if analysis.kind in (QuestionKind.DEFINITION, QuestionKind.OTHER) and _CLAUSE.search(topic):
        return None
    parts = [
        _LEADING_WORDS.sub("", part).strip() for piece in topic.split(",") for part in _QUALIFIER.split(piece)
    ]
    if analysis.kind is QuestionKind.OTHER and len(parts) > 1 and _names_option(parts[0]):
        choices = parts[-1:]
    elif "," not in topic and len(topic.split()) <= MAX_TOPIC_WORDS:
        return topic
    else:
        # A drug's dose or side effects are asked of the drug named first, not of "older adults" after it.
        last = [] if analysis.kind in (QuestionKind.DOSING, QuestionKind.ADVERSE_EFFECTS) else parts[-1:]
        choices = [parts[0], *last, _OPENING_TERMS.match(topic)[0].strip()]  # type: ignore[index]
    return next((part for part in choices if _names_a_thing(part)), None)


def _names_a_thing(part: str) -> bool:
    """A few words without a verb or a frame word; one word only if it names a drug or a condition by its
    ending ("hyperparathyroidism"), since a word left of a clause rarely does ("need", "protocol")."""
    words = part.split()
    return (
        0 < len(words) <= MAX_PART_WORDS
        and not words[0][0].isdigit()  # a count or a dose: "3 major criteria", "50 mg"
        and not _CLAUSE.search(part)
        and not _VERB.search(part)
        and is_frame_free(part)
        and (len(words) > 1 or names_drug(part) or _CONDITION_WORD.search(part) is not None)
    )


def _names_option(text: str) -> bool:
    return names_drug(text) or _OPTION.search(text) is not None


def heading(analysis: QuestionAnalysis) -> str:
    template = next(
        (
            template
            for kind, asks, template in _PART_HEADINGS
            if kind is analysis.kind and asks.search(analysis.text)
        ),
        _HEADINGS.get(analysis.kind),
    )
    sides = comparison_sides(analysis)
    # "Ibuprofen vs Paracetamol for Fever", not "Ibuprofen Better Than Paracetamol for Fever".
    topic = f"{sides['first']} vs {sides['second']} {sides['context']}".strip() if sides else analysis.topic
    return template.format(Topic=_title_case(topic)) if template else analysis.text


def _options(sides: dict[str, str]) -> bool:
    """Whether a comparison weighs treatments (drugs, "surgery", "for fever") rather than conditions."""
    first, second = sides["first"], sides["second"]
    return bool(sides["context"]) or any(_names_option(side) for side in (first, second))


def _drug_words(topic: str) -> str:
    """The drug a dosing or side-effects topic names: "levofloxacin tablets for bronchitis" → "levofloxacin"."""
    first = re.split(r"\s(?:and|or|plus)\s", _QUALIFIER.split(topic)[0])[0]  # "gabapentin and hydrocodone"
    return " ".join(_FORM.sub(" ", first).split()) or topic


def _subject_of(analysis: QuestionAnalysis, topic: str) -> str | None:
    """What a yes/no question says something of ("Cushing syndrome" in "Cushing syndrome serious", the
    whole topic of "Can otitis media be cured?"), or None when its topic is not a subject and what is
    said of it ("metformin in pregnancy"). ``topic`` is the topic as the follow-ups name it."""
    subject = _PREDICATE.sub("", _PREDICATE_FIRST.sub("", analysis.topic))
    if subject and subject != analysis.topic:
        return subject
    return topic if _PASSIVE.search(analysis.text) else None


def _templates(analysis: QuestionAnalysis, topic: str) -> tuple[str, tuple[str, ...]]:
    """The follow-up templates that make sense for the question, and the topic as they name it."""
    kind = analysis.kind
    if kind in (QuestionKind.DOSING, QuestionKind.ADVERSE_EFFECTS):
        drug = _drug_words(topic)
        # "long term consequences of using nicotine" names its drug last: none is asked about.
        return drug if is_frame_free(drug) else "", _FOLLOW_UPS[kind]
    if kind is QuestionKind.YES_NO and (subject := _subject_of(analysis, topic)):
        # "What are the alternatives to Cushing syndrome serious?" makes no sense, nor does "What causes
        # statins in people over 75?": a drug's follow-ups are asked of the drug.
        drug = _drug_words(subject)
        return (drug, _DRUG_FOLLOW_UPS) if names_drug(drug) else (subject, _SUBJECT_FOLLOW_UPS)
    if kind in (QuestionKind.DEFINITION, QuestionKind.OTHER):
        # "How is amlodipine diagnosed?" and "How is the Orco protein treated?" make no sense.
        if names_drug(topic):
            return topic, _DRUG_FOLLOW_UPS
        if _MOLECULE.search(topic):
            return topic, _MOLECULE_FOLLOW_UPS
    return topic, _FOLLOW_UPS[kind]


def follow_ups(analysis: QuestionAnalysis) -> tuple[str, ...]:
    """Questions a reader is likely to ask next, in the population the question named."""
    effect = _EFFECT.match(analysis.topic) if analysis.kind is QuestionKind.YES_NO else None
    sides = comparison_sides(analysis)
    if effect:
        suggestions = [template.format(**effect.groupdict()) for template in _EFFECT_FOLLOW_UPS]
    elif sides:
        context = f" {sides['context']}" if sides["context"] else ""
        templates: tuple[str, ...] = _COMPARISON_FOLLOW_UPS if _options(sides) else _CONDITIONS_COMPARED
        verb = "are" if _plural(sides["first"]) else "is"
        suggestions = [
            template.format(**{**sides, "context": context, "is_": verb}) for template in templates
        ]
    else:
        # A yes/no question may name its subject where its topic names nothing to ask about.
        topic, templates = _templates(analysis, _short_topic(analysis) or "")
        # "What is color is 30mg prednisone?": a clause does not name a thing to ask about, nor does a
        # topic with a question word inside ("fluoxetine what mgs are available").
        if not topic or _QUESTION_WORD.search(topic):
            return ()
        verb = "are" if _plural(topic) else "is"
        suggestions = [template.format(topic=topic, is_=verb) for template in templates]
    if analysis.population and analysis.population[0] not in populations(suggestions[0]):
        suggestions[0] = f"{suggestions[0].rstrip('?')} in {analysis.population[0]}?"
    # "What is the first-line treatment for X?" does not follow itself.
    return tuple(s for s in suggestions if normalise(s) != normalise(analysis.text))

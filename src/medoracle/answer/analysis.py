"""Question analysis: what kind of question, about what, for whom, and whether it is an emergency."""

from __future__ import annotations

import re
import unicodedata

from medoracle.domain import QuestionAnalysis, QuestionKind
from medoracle.synonyms import concept_stem, is_drug

MAX_QUESTION_CHARS = 2_000


class QuestionError(ValueError):
    """A question that cannot be answered as asked (empty, too long, no content words)."""


# The first pattern that matches decides the kind; more specific shapes come first ("how much
# ibuprofen" is dosing; "is X better than Y" a comparison; "does X prevent Y" yes/no, not prevention;
# "what adverse effects do statins cause" asks about adverse effects, not causes).
_KIND_PATTERNS: tuple[tuple[QuestionKind, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        (
            QuestionKind.DOSING,
            # "How much paracetamol can I take?", not "How much urine does a bladder hold?"; "low-dose
            # aspirin" names a drug, not its dose
            r"\b((?<!-)dos(e|es|age|ing)|how much\b.*\b(take|taking|give|giving|use|safe|drink)"
            r"|how many (mg|milligrams|tablets|pills)|mgs?|milligrams?"
            r"|how often (should|do|can|must) \w+ (take|use|give)|how (to|do (i|you)) (give|administer|inject)"
            r"|(daily )?amount of"
            r"|maximum daily|mg/kg|titrat\w*)\b",
        ),
        (
            QuestionKind.COMPARISON,
            r"\b(versus|vs\.?|compared? (to|with)|compares (to|with)|comparison of|differences? between|better than"
            r"|worse than|superior to|inferior to|more effective than|safer than|(the )?same as|the same(?=\W*$)"
            r"|different from|differ from)\b"
            r"|\bor\b.*\b(better|safer|more effective)\b|\b(better|safer|more effective)\b.*\bor\b",
        ),
        # "Are there any interactions between gabapentin and hydrocodone?" asks for the interactions.
        (QuestionKind.ADVERSE_EFFECTS, r"\binteract(s|ions?)?\b.*\b(between|with)\b"),
        (
            QuestionKind.YES_NO,
            # "Should I be worried if my period is irregular?" asks when to worry, not whether something holds.
            r"^\s*(is|are|does|do|did|can|could|should|will|would|has|have|was|were|may|might)\b"
            r"(?!.*\b(worr(y|ied)|concerned)\b)(?! there any (warning |early )?(signs?|symptoms?)\b)",
        ),
        (
            QuestionKind.ADVERSE_EFFECTS,
            r"\b(side[- ]effects?|adverse (effects?|events?|reactions?)|toxicity of|contra-?\s?indicat\w*"
            r"|interact(s|ions?)?( with)?)\b",
        ),
        (
            QuestionKind.CAUSES,
            r"\b(causes?|caused|causing|etiolog\w*|aetiolog\w*|risk factors?|why (do|does|did|am|is|are)"
            r"|triggers?|what leads to|reasons? for|predispos\w*"
            r"|how (do|does|did|can|could) (you|u|i|one|people|someone|children|kids|women|men|adults|babies"
            r"|a (person|child|baby|woman|man|adult)) (get(?! rid)(?!.* away\b)|catch|develop)"
            # "What is vomiting a symptom of?", "What does pain in the jaw indicate?"
            r"|(symptom|sign) of(?=\W*$)|what (does|could|can|might) .+ (indicate|be a sign of))\b",
        ),
        (
            QuestionKind.PREVENTION,
            r"\b(prevent\w*|prophyla\w*|avoid\w*|reduce the risk|lower the risk|screen(ing|ed)? for|vaccin\w*)\b",
        ),
        (
            QuestionKind.TREATMENT,
            r"\b(treat\w*|therap\w*|manag\w*|cure[sd]?|remed\w*|first[- ]line|medication for|drugs? for"
            r"|get rid of|relie\w*|first thing to do|what to do (for|if|when|about)|first aid|fix"
            r"|how (can|do|to) (i |you |we )?(reduce|stop|ease|recover)|what helps|get (\w+ ){1,3}away"
            r"|(creams?|ointments?|lotions?|medicines?|pills?) for)\b",
        ),
        (
            QuestionKind.DIAGNOSIS,
            # "the life expectancy after a diagnosis of heart failure" asks for the prognosis
            r"\b((?<!after a )(?<!after the )(?<!after )(?<!since )(?<!at )diagnos\w*|test(s|ing)? for|detect\w*"
            r"|work-?up|symptoms? of|signs? of|signs and symptoms|red flags?|how (do|can) (i|you|u) (know|tell)"
            # "What are listeriosis symptoms?"
            r"|(symptoms|signs)(?=\W*$)"
            r"|how is .+ (identified|confirmed)|imaging|biomarkers?)\b",
        ),
        (
            QuestionKind.PROGNOSIS,
            r"\b(prognos\w*|life expectancy|surviv\w*|outcomes?|mortality|recurrence|how long (will|does|do)"
            r"|what happens if|untreated|how fast does|how quickly does|how (serious|dangerous|bad) (is|are)"
            r"|natural history|course of|complications? of)\b",
        ),
        (
            QuestionKind.DEFINITION,
            r"^\s*(what (is|are)( an?| the)?|define|definition of|meaning of|explain|describe)\b",
        ),
    )
)

# Phrases that name the question's shape rather than its topic; removed before topic extraction.
_FRAME_WORDS = (
    # phrases first: an alternation takes the first alternative that matches ("how" would stop "how long")
    r"(?:i've|i'm|get rid of|how much|how many|how long|how often|how (?:serious|dangerous|bad)|drug-drug"
    r"|how (?:can|do|to) (?:i |you |we )?(?:reduce|stop|ease|recover(?: from)?)"
    r"|how (?:do|does|did|can|could) (?:you|u|i|one|people|someone|children|kids|women|men|adults|babies"
    r"|a (?:person|child|baby|woman|man|adult)) (?:get|catch|develop)(?! rid)"
    r"|(?:warning|early|first) signs?|red flags?|(?:looks?|feels?) like|(?:first|second|third)[- ]line|first things? to do"
    r"|life expectancy|survival rates?|outlook"
    # how research questions ask: "Does TGF-beta play a role in…", "Can valproic acid act as…"
    r"|(?:plays?|playing) (?:a|an|any)(?: \w+)? roles?|acts? as|suffer(?:s|ing)? from"
    r"|(?:tests?|exams?|scans?) (?:(?:are|is) )?(?:used )?(?:to|for) (?:diagnos\w*|detect\w*|confirm\w*)"
    # "the major cause of", but "major depression" keeps its word
    r"|(?:major|leading|primary|biggest|main|commonest) (?:causes?|reasons?|risk factors?|symptoms?|treatments?"
    r"|functions?|roles?)|clinical (?:features?|presentations?|manifestations?)"
    # a count before what is counted: "the 3 types of", "9 symptoms of"
    r"|\d+(?= (?:main |common |warning |early )?(?:types?|kinds?|symptoms?|signs?|causes?|ways?|stages?|components?"
    r"|characteristics))"
    r"|what|which|who|whom|how|why|when|where|is|are|was|were|does|do|did|can|could|should|would|will"
    r"|the|(?<!vitamin )(?<!hepatitis )a|an|of|for|in|on|to|with|and|or|by|from|about|there|any|it|its|my|me|i"
    r"|you|your|be|been"
    r"|main|common|most|usual|typical|possible|known|best|recommended|current|starting|initial|maximum|max"
    r"|lowest|highest|treatments?|treated|treat"
    r"|therapy|therapies|management|managed|causes?|caused|triggers?|triggered|risk factors?|diagnos(is|ed|e)|prognosis|action|function"
    r"|functions|purpose|types?(?! (?:\d|[IV]{1,3}\b))|kinds?|list|name|names|describe|explain|mean|means|role|roles"
    r"|involved|implicated"
    r"|complications?|consequences?|side[- ]effects?|adverse (?:effects?|events?|reactions?)|harms|toxicity|contra-?\s?indicat\w*"
    r"|interact(?:s|ions?|ing)?"
    r"|prevent(ed|ion)?|dose|dosage|dosing|definition|define|mechanism|role|effect|effects|use|used"
    r"|options?|symptoms?|signs?|versus|vs|compared|than|better|between|difference|differences"
    r"|patients?|people|person|have|has|had|having|take|taking|happens?|goes|fast|quickly|u|catch|if|feel|feeling|experiencing|get|got|getting|well|effective|effectively|safe|useful|helpful|good|work|works|help|helps"
    r"|provide|examples?|association|associated|relationship|relation|basis|mode|known|applied|available"
    r"|approaches|results|advances|recent|latest|evidence|summari[sz]e|after|during|before|among|within|outcomes?"
    # How the question asks, not what about: "the best way to", "the history of", "the advantage of".
    r"|ways?|history|meaning|concept|principles?|characteristics?|characteri[sz]e|advantages?|disadvantages?"
    r"|applications?|value|importance|significance|observations|regarding|show|using|considered|becomes?"
    # Consumers' wording: "how long do hiccups usually last", "levofloxacin tablets ... please"
    r"|usually|normally|lasts?|please|indicates?|give|administer|inject|tablets?|pills?|capsules?|same|reasons?|cures?"
    r"|worry|worried|concerned|components?|stages?(?! (?:\d|[IV]{1,3}\b))|know|fastest|quickest|easiest"
    r"|left|untreated|am|creams?|ointments?|lotions?|alternatives?|day|daily|some|someone|somebody|anyone|fix"
    r"|different|differ|away|go|safely|ok|okay|harmful|dangerous|risky|yourself|myself|called|suddenly|really"
    r"|actually|sometimes|always|ever"
    # How research questions ask: "the scope of the OMIA database", "the link between TADs and GRBs".
    r"|links?|correlation|related|scope|aims?|methodology|methodological|techniques?|protocols?|distinction|result"
    r"|suggested|developed|evaluated|performed|obtained|potential|doing|located|location|summary|including"
    r"|mechanisms|(?:with )?respect to|indications?|approved)"
)
# Not inside a hyphenated word: "hand-foot-and-mouth" keeps its "and".
_FRAME = re.compile(rf"(?<![\w-]){_FRAME_WORDS}(?![\w-])", re.IGNORECASE)
# Participles of the frame left inside a topic: "how is hypertension treated in pregnancy".
_FRAME_VERB = re.compile(
    # with its auxiliary: "which antidepressants are safe during breastfeeding"
    r"\b((?:be|is|are|was|were) )?(treated|managed|diagnosed|prevented|caused|defined|used|cured|interact|safe|given|continued?"
    r"|screened)\b"
    # "How much aspirin should I take for…", "How often can you use…"
    r"|\b(should|can|could|do|must|may) (i|you|we|they|an? (adult|child|person|woman|man)|adults|children|people)"
    r" (take|use|give)\b",
    re.IGNORECASE,
)
_LEADING_FRAME = re.compile(rf"^(?:{_FRAME_WORDS}(?:[\W_]+|$))+", re.IGNORECASE)
_TRAILING_FRAME = re.compile(rf"(?:(?:^|[\W_]+){_FRAME_WORDS})+[\W_]*$", re.IGNORECASE)

_STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "for",
        "in",
        "on",
        "at",
        "to",
        "with",
        "and",
        "or",
        "by",
        "from",
        "about",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "does",
        "do",
        "did",
        "can",
        "could",
        "should",
        "would",
        "will",
        "may",
        "might",
        "shall",
        "has",
        "have",
        "had",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "how",
        "why",
        "when",
        "where",
        "there",
        "any",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "my",
        "me",
        "i",
        "you",
        "your",
        "we",
        "our",
        "they",
        "their",
        "he",
        "she",
        "his",
        "her",
        "not",
        "no",
        "than",
        "then",
        "into",
        "onto",
        "over",
        "under",
        "more",
        "most",
        "less",
        "least",
        "very",
        "much",
        "many",
        "some",
        "such",
        "also",
        "just",
        "only",
        "if",
        "so",
        "but",
        "get",
        "gets",
        "getting",
        "having",
        "take",
        "taking",
        "while",
        "whilst",
        # conversational filler of consumer questions ("What does X look like?", "Can X go away on its own?":
        # its "away" is a word of the frame, kept in a yes/no question as what a statement must say)
        "exactly",
        "anything",
        "something",
        "called",
        "happens",
        "happen",
        "worry",
        "considered",
        "look",
        "looks",
        "like",
        "own",
        "go",
        "goes",
        "really",
        "u",
    ]
)

_POPULATIONS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        ("pregnancy", r"\b(pregnan\w*|expecting a baby|trimester|antenatal|prenatal)\b"),
        ("breastfeeding", r"\b(breast-?feeding|lactat\w*|nursing mothers?)\b"),
        ("children", r"\b(child(ren)?|kids?|infants?|newborns?|neonat\w*|pediatric|paediatric|toddlers?)\b"),
        ("adolescents", r"\b(adolescen\w*|teen(ager)?s?)\b"),
        (
            "older adults",
            r"\b(elderly|older (adults?|people|patients)|geriatric|aged (65|70|75|80)"
            # an age, not a share or a dose: "people over 75", "75 years and older"
            r"|(over|above|older than) (6[5-9]|[7-9]\d)\b(?!\s?(%|percent|mg|kg|ml|mm|cm))"
            r"|(6[5-9]|[7-9]\d) (years )?(and|or) (over|older))\b",
        ),
        (
            "renal impairment",
            r"\b(renal (impairment|failure|insufficiency)|kidney (disease|failure)|ckd|(haemo|hemo)?dialysis)\b",
        ),
        ("hepatic impairment", r"\b(hepatic (impairment|failure)|liver (disease|failure)|cirrhosis)\b"),
        ("women", r"\b(women|female)\b"),
        ("men", r"\b(men|male)\b"),
    )
)

# Symptoms that need emergency care now, whatever the article says.
_RED_FLAGS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        (
            "chest pain",
            r"\b(crushing|severe|sudden|tight\w*|pressure)\b.{0,30}\bchest\b|\bchest (pain|pressure|tightness)\b"
            r".{0,40}\b(arm|jaw|sweat\w*|breath\w*|radiat\w*|crushing)\b",
        ),
        (
            "stroke signs",
            r"\b(face (is )?droop\w*|facial droop\w*|slurred speech|sudden (weakness|numbness|confusion"
            r"|loss of vision|trouble speaking)|one side of (my|the|his|her) body|stroke symptoms?)\b",
        ),
        (
            "suicidal intent",
            r"\b(suicid\w*|kill (myself|himself|herself)|end (my|his|her) life|want to die|self[- ]harm)\b",
        ),
        (
            "anaphylaxis",
            r"\b(anaphyla\w*|throat (is )?(closing|swelling)|swollen (tongue|throat|lips)"
            r"|can'?t breathe after)\b",
        ),
        (
            "severe bleeding",
            r"\b(severe|heavy|uncontrolled|massive|won'?t stop)\b.{0,20}\bbleed\w*\b"
            r"|\b(vomiting|coughing (up)?) blood\b|\bbleeding (that )?(won'?t|will not|does not) stop\b",
        ),
        (
            "breathing difficulty",
            r"\b(can(no|'?)t breathe|struggling to breathe|severe (shortness of breath|breathlessness)"
            r"|blue lips|choking)\b",
        ),
        (
            "loss of consciousness",
            r"\b(unconscious|unresponsive|passed out and|not waking|seizure (lasting|won'?t))\b",
        ),
        (
            "meningitis signs",
            r"\b(stiff neck\b.{0,40}\bfever|fever\b.{0,40}\bstiff neck|non-?blanching rash)\b",
        ),
        ("overdose or poisoning", r"\b(overdos\w*|poison\w*|swallowed (bleach|a battery|batteries))\b"),
        ("worst headache", r"\b(worst headache|thunderclap headache|sudden severe headache)\b"),
    )
)

_TOKEN = re.compile(r"[a-z0-9][a-z0-9\-']*[a-z0-9]|[a-z0-9]", re.IGNORECASE)
# "Alzheimer's disease" and "Alzheimer disease" name the same thing; so do "multi-drug" and "multidrug".
_POSSESSIVE = re.compile(r"'s?$")
# A vitamin's or a hepatitis's letter is its name: "vitamin D" is not any vitamin ("vitamin B12" is two
# terms already), "hepatitis A" not any hepatitis; "Q fever" is not any fever.
_VITAMIN = re.compile(r"\b(vitamin|hepatitis)s?\s+([a-ek])\b(?!['-])|\b(q)\s+(fever)\b", re.IGNORECASE)
# "non alcoholic" is written "nonalcoholic" or "non-alcoholic" (one term once hyphens go).
_NON = re.compile(r"\bnon\s+(?=[a-z]{3})", re.IGNORECASE)
# "what's" asks "what is": its "s" is not part of the topic.
_CONTRACTION = re.compile(r"\b(what|who|how|where|when|why|which)'s\b", re.IGNORECASE)
# When the question was asked, not what about: "Has intepirdine been evaluated in clinical trials? (November 2017)".
_DATED = re.compile(
    r"\(\s*((as of|until|in) )?((january|february|march|april|may|june|july|august|september|october|november"
    r"|december) )?(19|20)\d\d\s*\)",
    re.IGNORECASE,
)
# The salt in a drug's full name ("metformin hydrochloride", "amlodipine besylate") is not a second term;
# salts that are topics of their own ("low calcium", "magnesium citrate") stay.
_SALT = re.compile(
    r"(?<=[a-z]) (hydrochloride|hcl|besylate|besilate|maleate|mesylate|succinate|tartrate|fumarate)\b",
    re.IGNORECASE,
)


# Frame words that, in a yes/no question, say what is asked of its subject: "Can otitis media be cured?",
# "Does Gilbert's syndrome affect life expectancy?", "Does tinnitus go away?".
_ASKED_OF_SUBJECT = re.compile(
    r"cur(e|es|ed|able)|life|expectancy|surviv\w*|outlook|prognosis|mortality|fatal|away|approved"
)


def clean_question(question: str) -> str:
    """Collapse whitespace, capitalise, and end with a question mark; raises QuestionError on bad input."""
    text = " ".join(question.split())
    if not text:
        raise QuestionError("the question is empty: ask something, e.g. 'What causes nocturnal leg cramps?'")
    if len(text) > MAX_QUESTION_CHARS:
        raise QuestionError(
            f"the question is {len(text):,} characters; the limit is {MAX_QUESTION_CHARS:,}: ask it shorter"
        )
    text = text[0].upper() + text[1:]
    return text if text.endswith(("?", ".", "!")) else f"{text}?"


def _joined(text: str) -> str:
    text = _without_accents(text.translate(_GREEK))
    return _NON.sub("non", _VITAMIN.sub(lambda m: "".join(g for g in m.groups() if g), text))


def _without_accents(text: str) -> str:
    """ "Guillain-Barré", "Sjögren" and "Behçet" as they are also written: "Guillain-Barre", "Sjogren"."""
    if text.isascii():
        return text
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))


# Greek letters as their names: "TNF-α" is written "TNF-alpha" too ("μ" is left: "μg" is a unit).
_GREEK = str.maketrans({"α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "κ": "kappa", "ε": "epsilon"})


def content_terms(text: str) -> list[str]:
    """Lower-case tokens that carry meaning (no stop words, no single letters: "vitamin D" is "vitamind").

    A hyphenated word is one term ("multi-drug" is written "multidrug" too); a phrase hyphenated into one
    word is its words ("hand-foot-and-mouth" is written "hand, foot and mouth" too)."""
    words = (_POSSESSIVE.sub("", m.group(0).lower()) for m in _TOKEN.finditer(_joined(text)))
    parts = (
        part
        for word in words
        for part in (word.split("-") if word.count("-") > 1 else [word.replace("-", "")])
    )
    return [t for t in parts if t not in _STOP_WORDS and len(t) > 1]


def stem(token: str) -> str:
    """The stem a word is compared by: Snowball (Porter 2), American spelling, one per synonym group.
    "cramps"/"cramping", "hypertension"/"hypertensive", "hypoglycaemia"/"hypoglycemia" and
    "newborns"/"neonatal" match."""
    return concept_stem(token)


def _kind_of(text: str) -> QuestionKind:
    for kind, pattern in _KIND_PATTERNS:
        if pattern.search(text):
            return kind
    return QuestionKind.OTHER


def _topic_of(text: str) -> str:
    """The question without the frame around its subject: "What are the causes of X?" → "X"."""
    text = _DATED.sub("", _SALT.sub("", _CONTRACTION.sub(r"\1 is", text.replace('"', ""))))
    framed = _LEADING_FRAME.sub("", text.rstrip("?.! "))
    # The verb gone, the frame it held goes too: "screened for abdominal aortic aneurysm".
    unframed = _LEADING_FRAME.sub("", _FRAME_VERB.sub(" ", framed).strip())
    topic = " ".join(_TRAILING_FRAME.sub("", unframed).strip(" ,;:'\"").split())
    # Written to stand inside a sentence: the capital that only opened the question goes ("Nocturnal leg
    # cramps at night" → "nocturnal leg cramps at night"); a name's stays ("What is Marfan syndrome?").
    opens_question = framed == text.rstrip("?.! ")
    return topic[:1].lower() + topic[1:] if opens_question and topic[1:2].islower() else topic


# The two options of a comparison within its topic: "ibuprofen better than paracetamol for fever".
_SIDES = re.compile(
    r"^(?:.*,\s*)?(?P<first>[^,]+?)\s+(?:better than|worse than|safer than|more effective than|superior to"
    r"|(?:the )?same as|different from|differ from"
    r"|inferior to|vs\.?|versus|compared? (?:to|with)|compares (?:to|with)|and|or)\s+(?P<second>[^,]+?)"
    r"(?:\s+(?:better|safer|more effective|worse))?(?:\s+(?P<context>(?:for|in|during|among|as|to treat)\s+[^,]+))?$",
    re.IGNORECASE,
)


def comparison_sides(analysis: QuestionAnalysis) -> dict[str, str] | None:
    """What a comparison question weighs, as worded in its topic: ``first``, ``second`` and ``context``
    ("for fever in children", or ""); None for other kinds or when the topic does not say."""
    match = _SIDES.match(analysis.topic) if analysis.kind is QuestionKind.COMPARISON else None
    return {**match.groupdict(), "context": match["context"] or ""} if match else None


# Generic drug names end in a few dozen stems (WHO INN); a topic of one such word is a drug.
# Not an English word with such an ending: "April", "concept" and "cholesterol" are not drugs.
_DRUG_NAME = re.compile(
    r"^(?!april$)\w+(pril|sartan|olol|statin|mab|nib|azole|cillin|mycin|cycline|floxacin|dipine|prazole|tidine|triptan"
    r"|gliptin|gliflozin|glutide|parin|xaban|gatran|vir|afil|azepam|zolam|oxetine|pramine|triptyline|setron"
    r"|sone|olone|asone|lukast|tadine|caine|profen|fenac|coxib|semide|thiazide|(?<!s)terol|tropium|formin|glinide"
    r"|dronate|tinib|zumab|ximab|ercept|acept|orphine|codone|morphone|entanyl|adol|adone|mectin|rubicin|taxel"
    r"|platin|limus|ozole|prost(ol)?|pramide|tocin|udine|ampi(ci)?n|peridol|oxone|trexone|apine|gestrel|sonide"
    r"|phosphamide|thioprine|milast)$|^codeine$",
    re.IGNORECASE,
)
_DRUG_CLASS = re.compile(
    r"\b(blockers?|inhibitors?|agonists?|antagonists?|antibiotics?|antidepressants?|antipsychotics?"
    r"|benzodiazepines?|statins?|opioids?|steroids?|corticosteroids?|diuretics?|nsaids?|antihistamines?"
    r"|anticoagulants?|vaccines?|supplements?|medicines?|medications?|drugs?|vitamin [a-z]\d*)$",
    re.IGNORECASE,
)
_SUBSTANCES = frozenset(
    {"marijuana", "cannabis", "heroin", "cocaine", "methamphetamine", "nicotine", "caffeine"}
)
# Common drugs whose names end in no such stem.
_NAMED_DRUGS = frozenset(
    "aspirin insulin digoxin colchicine allopurinol methotrexate tamoxifen amiodarone levodopa melatonin"
    " nitroglycerin valproate phenytoin ketamine mifepristone estrogen progesterone testosterone lactulose"
    " trimethoprim isoniazid ribavirin interferon".split()
)


def names_drug(topic: str) -> bool:
    """A generic name ("amlodipine"), a brand ("Lipitor"), a class of drugs ("beta blockers") or a
    substance taken as one ("marijuana")."""
    if _DRUG_CLASS.search(topic):
        return True
    word = topic.lower()
    return len(topic.split()) == 1 and (
        _DRUG_NAME.match(topic) is not None or is_drug(word) or word in _SUBSTANCES | _NAMED_DRUGS
    )


def is_frame_free(text: str) -> bool:
    """The text has no word of a question's frame ("signs", "causes", "and"): it names a thing."""
    return _FRAME.search(text) is None


def populations(text: str) -> tuple[str, ...]:
    """The population qualifiers a text names ("pregnant" → "pregnancy")."""
    return tuple(name for name, pattern in _POPULATIONS if pattern.search(text))


def analyze(question: str) -> QuestionAnalysis:
    text = clean_question(question)
    words = content_terms(text)
    if not words:
        raise QuestionError(f"the question {text!r} has no content words: name a condition, drug or symptom")
    topic = _topic_of(text) or " ".join(words)
    kind = _kind_of(text)
    # The concepts are the topic's terms; frame words ("causes", "treatment") are not evidence of relevance.
    terms = content_terms(_FRAME.sub(" ", topic)) or words
    if kind is QuestionKind.YES_NO:
        # A statement on otitis media alone says neither yes nor no to "Can otitis media be cured?".
        terms = [*terms, *(w for w in words if _ASKED_OF_SUBJECT.fullmatch(w))]
    concepts = tuple(dict.fromkeys(terms))
    return QuestionAnalysis(
        text=text,
        kind=kind,
        topic=topic,
        concepts=concepts,
        population=populations(text),
        red_flags=tuple(name for name, pattern in _RED_FLAGS if pattern.search(text)),
    )

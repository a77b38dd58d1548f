"""The sections an article has for each kind of question, and the wording that sends a sentence to each.

A sentence goes to the first section of its kind whose cue matches, so the more specific
sections (medications before conditions) come first; ``GENERAL`` catches the rest. In a causes
article, what the condition itself leads to goes to its own section first, whatever its wording.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from medoracle.answer.analysis import names_drug, stem
from medoracle.answer.text import is_null_advice, is_null_finding, stems
from medoracle.domain import Audience, QuestionKind


@dataclass(frozen=True, slots=True)
class SectionSpec:
    key: str
    clinician: str  # heading; "{topic}" is replaced by the question's topic
    patient: str
    cue: re.Pattern[str]
    order: int  # position in the article (the cue order above decides assignment)
    # Statements around the answer rather than the answer (what a condition leads to, in a causes
    # article): weighed after the others, and never the lead.
    context: bool = False
    # A cue word alone can mislead: "severe" in "recommended for severe acne" names no serious harm.
    also: re.Pattern[str] | None = None  # a wording the sentence must have besides the cue
    unless: re.Pattern[str] | None = None  # a wording that keeps the sentence out

    def fits(self, sentence: str) -> bool:
        return (
            self.cue.search(sentence) is not None
            and (self.also is None or self.also.search(sentence) is not None)
            and (self.unless is None or self.unless.search(sentence) is None)
        )

    def heading(self, audience: Audience, topic: str) -> str:
        template = self.patient if audience is Audience.PATIENT else self.clinician
        return template.replace("{topic}", topic)


def _spec(
    key: str,
    clinician: str,
    patient: str,
    cue: str,
    order: int,
    context: bool = False,
    also: str | None = None,
    unless: str | None = None,
) -> SectionSpec:
    def compiled(pattern: str | None) -> re.Pattern[str] | None:
        return None if pattern is None else re.compile(pattern, re.IGNORECASE)

    return SectionSpec(
        key,
        clinician,
        patient,
        re.compile(cue, re.IGNORECASE),
        order,
        context,
        compiled(also),
        compiled(unless),
    )


_DRUGS = (
    r"\b(drugs?|medications?|medicines?|[a-z]+-induced|induced by|therapy with|treatment with|use of|users?"
    r"|diuretics?|statins?|agonists?|antagonists?|inhibitors?|blockers?|steroids?|corticosteroids?|nsaids?"
    r"|antibiotics?|opioids?|chemotherap\w*|vaccin\w*|hormon\w* therap\w*|adverse drug)\b"
)
# A medicine named as a cause, not as a treatment: "some medications can bring on heartburn", not "you may
# need prescription medicines or surgery".
_CAUSAL = (
    r"\b(caus\w*|induc\w*|brings? on|trigger\w*|associated with|linked|leads? to|result\w* in|due to|because of|risks?"
    r"|side[- ]effects?|adverse|worsen\w*|contribut\w*|provok\w*|precipitat\w*|after (taking|starting|use))\b"
    r"|-induced"
)
_MECHANISM = (
    r"\b(mechanisms?|pathophysiolog\w*|pathogenesis|mediated|mediates|via|binds?|binding|receptors?"
    r"|pathways?|signal\w*|activation|inhibits|expression|results? from|leads? to|mutations?|genes?)\b"
)
_DIFFERENTIAL = (
    r"\b(differential|distinguish\w*|differentiat\w*|mimic\w*|unlike|rather than|confused with"
    r"|should be (excluded|ruled out))\b"
)
# "Sensitivity to light" and "sodium sensitivity" are no test's accuracy; "complications were diagnosed in
# 150 patients", "children with newly diagnosed asthma" and "a history of gestational diabetes" say nothing
# of how the diagnosis is made.
_DIAGNOSTIC = (
    r"\b(diagnos(is|es|e|ing|tic\w*)|(?<!newly )(?<!were )(?<!was )diagnosed"
    r"|(medical|clinical|detailed|careful|full|thorough|patient'?s) history|history[- ]taking"
    r"|physical exam\w*|laborator\w*|tests?|testing|imaging|biops\w*"
    r"|ultraso\w*|mri|ct|screen\w*|sensitivity (and|of|was|were|for)|specificity|evaluat\w*|assessment|criteria|markers?|biomarkers?)\b"
)
_ASSOCIATED = (
    r"\b(associated with|association|risk factors?|linked|related to|caused by|causes?|due to|occurs? in"
    r"|occurred in|more (common|frequent|likely|often)|patients with|predispos\w*|contribut\w*|increased risk"
    r"|(increases?|raises?) the risk)\b"
)
_NUMBERS_OR_FREQUENCY = (
    r"\d+(\.\d+)?\s?%|\b(most common|commonly|typically|often|usually|frequen\w*|prevalen\w*|incidence|up to"
    r"|majority|rare|rarely)\b"
)
_FIRST_LINE = (
    # a guideline's recommendation: "Offer amoxicillin for 5 days to adults with pneumonia"
    r"^(offer|give|prescribe|start)\b"
    r"|\b(first[- ]line|recommended|recommend\w*|initial|standard (of care|care|treatment|therapy)|mainstay"
    r"|treatment of choice|guidelines?|preferred|should be (treated|given|offered|used))\b"
)
_ALTERNATIVES = (
    r"\b(alternatives?(?! diagnos)|second[- ]line|third[- ]line|refractory|if .{0,30}fails?|other options|add-on"
    r"|switch\w*)\b"
)
_EFFICACY = (
    r"\b(effective|efficacy|improv\w*|reduc\w*|decreas\w*|benefit\w*|remission|cure|success"
    r"|superior|placebo|relie\w*|eases?|eased|responders?|responded"
    # a treatment's response, not the skin's "in response to minor injury"
    r"|response (rates?|to (treatment|therapy|\w+ (therapy|treatment)))"
    r"|(complete|partial|clinical|overall|objective|virologic\w*|sustained) responses?)\b"
)
_HARMS = (
    r"\b(adverse (drug )?(effects?|events?|reactions?|outcomes?)|side[- ]effects?|harms?|toxicit\w*|safety"
    r"|bleeding|(increased|higher) risk of|complications?|contraindicat\w*|withdraw\w*|interactions?|tolerab\w*)\b"
)
# The downsides of a preventive measure; "older people at higher risk of falling" and "a home safety
# intervention" say who is at risk and what is offered.
_PREVENTION_HARMS = (
    r"\b(adverse (drug )?(effects?|events?|reactions?)|side[- ]effects?|harms?|toxicit\w*|bleeding"
    r"|overdiagnos\w*|false[- ]positives?|overtreatment)\b"
)
# Levels measured in a patient, not "at a neuronal level" or "the systemic reduction of insulin levels".
_MONITORING = (
    r"\b(monitor\w*|follow-?up|(serum|plasma|blood|trough|drug) (\w+ )?(levels?|concentrations?)|measure\w*"
    r"|assess\w*|surveillance|every \d+|check-?ups?"
    # "check kidney function", not "check with their doctors"
    r"|check(ed|ing)? (your |the |their )?(levels?|blood|kidney|renal|liver|hepatic|for|regularly))\b"
)
_AMOUNT = r"\b\d+(\.\d+)?\s?(mg|mcg|µg|g|iu|units?|ml|mg/kg|mg/day|mg/d)\b"
_DOSE = _AMOUNT + r"|\b(dose|doses|dosage|dosing|titrat\w*)\b"
_FIRST_AMOUNT = re.compile(_AMOUNT, re.IGNORECASE)
_SCHEDULE = re.compile(
    r"\b((every|each) \d+|once|twice|\d+ times) (a |per |every )?(day|daily|hours?|week|weekly|night)\b"
    r"|\b(one|two|three|\d+) (tablets?|capsules?|puffs?|drops?|sachets?|teaspoons?)\b",
    re.IGNORECASE,
)
_DRUG_CLASS_WORD = re.compile(_DRUGS, re.IGNORECASE)
_ADJUSTED_FOR = (
    r"(renal|hepatic|kidney|liver|elderly|older|children|pediatric|paediatric|pregnan\w*|creatinine clearance"
    r"|egfr|weight)"
)
# An adjustment is about a dose: a sentence on kidney disease alone is not dosing advice.
_DOSE_ADJUST = (
    rf"\b(dose|doses|dosage|dosing|mg|adjust\w*|reduced? to)\b.{{0,80}}\b{_ADJUSTED_FOR}"
    rf"|\b{_ADJUSTED_FOR}\b.{{0,80}}\b(dose|doses|dosage|dosing|mg|adjust\w*)\b"
)
_ADVERSE = (
    r"\b(side[- ]effects?|adverse|harms?|toxicit\w*|tolerab\w*|common(ly)?|frequent\w*|most often|include|nausea"
    r"|vomiting|diarrh\w*|headaches?|dizz\w*|rash\w*|pain|upset|risk of|cause[sd]?|induced|associated with"
    r"|\d+(\.\d+)?\s?%)\b"
)
# What a statement on a drug's adverse effects must say: a harm, not only a use ("Oral isotretinoin is
# recommended for the treatment of severe nodular acne").
_HARM_WORDING = (
    r"\b(side[- ]effects?|adverse|harms?|toxic\w*|tolerab\w*|risks?|caus\w*|induc\w*|associated with"
    r"|complications?|reactions?|injur\w*|damag\w*|birth defects|malformations?|deaths?|died|fatal|nausea"
    r"|vomiting|diarrh\w*|headaches?|dizz\w*|rash\w*|pain|upset|bleeding|suicid\w*|warnings?|overdos\w*"
    r"|withdrawal|dependence|addict\w*|allerg\w*)\b|\d+(\.\d+)?\s?%"
)
_SERIOUS = (
    r"\b(serious|severe|life-threatening|fatal|death|deaths|died|hospitali[sz]\w*|emergency|rare but"
    r"|stop (taking|using)|discontinu\w*|boxed warning|black box)\b"
)
_CONTRAINDICATIONS = (
    r"\b(contra-?\s?indicat\w*|should not (be )?(take|taken|use|used|given|prescribed)|do not (take|use|give)|avoid\w*"
    r"|caution|not recommended|unsafe)\b"
)
_INTERACTIONS = (
    r"\b(interact\w*|together with|combined with|in combination with|concomitant\w*|co-?administ\w*)\b"
)
# Taken together is not an interaction: "Empagliflozin in combination with metformin is recommended".
_INTERACTING = (
    r"\b(interact\w*|concomitant\w*|co-?administ\w*|(levels?|concentrations?|exposure|clearance|effects?) of"
    r"|potentiat\w*|inhibit\w*|induc\w*|avoid\w*|should not|do not)\b"
)
_DEFINITION = (
    r"\b(is an?|are an?|is the|are the|refers to|defined as|is defined|are defined|characteri[sz]ed by"
    r"|describes?|consists? of|are (\w+ )?(drugs|medicines|medications|agents|substances))\b"
)
_DEFINITION_CUE = re.compile(_DEFINITION, re.IGNORECASE)
DEFINED_WITHIN = 6  # words before the definition wording
_EPIDEMIOLOGY = r"\b(prevalen\w*|incidence|affects?|common|rare|worldwide|per \d+|\d+(\.\d+)?\s?%)\b"
_OUTCOMES = (
    r"\b(surviv\w*|mortality|died|death|recurren\w*|relapse|remission|life expectancy|prognos\w*|outcomes?"
    r"|disabilit\w*|quality of life|outlook|progress(es|ed|ive|ion)?"
    # whether it lasts: "Currently, heart failure has no cure", "treatment can help people live longer"
    r"|cur(e|ed|es|able)|incurable|live (longer|normal)|prolong\w* life|lifelong|life-long"
    # how long it lasts: "typically go away on their own after a couple minutes"
    r"|go(es)? away|clears? up|self-limit\w*|resolves? (on its own|spontaneously|within)"
    r"|lasts? (for|about|up to|a few|several))\b"
)
# "There are two main types of X", "X is classified into"; not "type 2 diabetes".
_TYPES = (
    r"\b((main |different |several |many )?(types|kinds|forms|subtypes) of|(two|three|four|five|several|main"
    r"|different) (main )?(types|kinds|forms|subtypes)\b|classified (as|into)|is divided into)"
)
# What a condition leads to, for "What are the complications of diabetes?"
_COMPLICATIONS = (
    r"\b(complications?|leads? to|leading to|can cause|results? in|resulting in|damag\w*"
    r"|(increases?|raises?) the risk of|(an )?increased risk of|more likely to (develop|have|get)"
    r"|how (serious|dangerous|bad))\b"  # in a question: "How serious is aortic stenosis?" asks for them
)
_PROGNOSTIC_FACTORS = r"\b(predict\w*|prognostic|independent(ly)? (risk )?factors?|associated with (worse|better|poor|higher|lower)|hazard)\b"
_PREVENTION = r"\b(prevent\w*|prophyla\w*|(reduc|lower)\w* (the |their |your )?(risk|incidence|chance)|protect\w*|vaccin\w*|avoid\w*|lifestyle)\b"
_SCREENING = r"\b(screen\w*|early detection|surveillance)\b"
_SYMPTOMS = r"\b(symptoms?|signs?|presents?|presentation|present with|manifest\w*|complain\w*)\b"
# What to do is not what is: "Follow usual clinical practice to manage symptoms" is no symptom, "If muscle
# symptoms do not resolve, consider other causes" no side effect.
_ADVICE = (
    r"^(offer|advise|assess|consider|follow|do not|don't|be (cautious|aware)|explain|discuss|ask|refer|arrange"
    r"|ensure|give|prescribe|start|tell|recommend|encourage|inform|provide|treat|manage|find|check|rule out"
    r"|look for|measure)\b"
    r"|^(if|when)\b[^,]{0,100},\s*(offer|advise|assess|consider|refer|explore|ask|do not|treat|manage|seek|call"
    r"|give)\b"
)
_ACTS_ON_SYMPTOMS = (
    _ADVICE + r"|\b(manag\w*|treat\w*|reliev\w*|control\w*|ease|stop|prevent\w*|reduc\w*|lessen\w*|improv\w*)"
    r" (the |their |your |these )?"
    r"(\w+ ){0,2}symptoms\b|\bsymptoms (have |had |did |do )?(not )?(improv\w*|worsen\w*|return\w*|resolv\w*|persist\w*)"
)


def _clinical_features(order: int) -> SectionSpec:
    return _spec(
        "clinical_features",
        "Clinical features",
        "Signs and symptoms",
        _SYMPTOMS,
        order,
        unless=_ACTS_ON_SYMPTOMS,
    )


_COMPARISON = (
    r"\b(compared (with|to)|versus|vs\.?|than|superior|inferior|non-?inferior|equivalent|similar to"
    r"|head-to-head|difference|unlike|whereas|differs?|differed|distinguish\w*)\b"
)
_ANY = r"."
# What a treatment is: a drug, a class of drugs, a procedure or another named intervention.
_TREATMENT_NAMES = re.compile(
    _DRUGS + r"|\b(surg\w*|operations?|therap\w*|pharmacolog\w*|antivirals?|antifungals?|scabicides?"
    r"|insulin|transplant\w*|exercises?|diet\w*|weight loss|counsel\w*|psychotherap\w*|psychological"
    r"|cognitive behavio\w*|radiation|radiotherapy|immunotherap\w*|injections?|infusions?|braces?|splints?"
    r"|casts?|bed rest|compression|laser|stents?|stenting|bypass|dialysis|oxygen|ventilation|lifestyle|agents?"
    r"|pills?|creams?|ointments?|tablets?|supplements?|procedures?|removal|excision|drainage|physiotherap\w*"
    r"|stretch\w*|massag\w*|moisturi[sz]\w*|emollients?|acupuncture)\b",
    re.IGNORECASE,
)
# What a condition leads to; a consequence when the topic is named before this wording rather than after.
_CONSEQUENCE = re.compile(
    r"\b(more likely to (develop|have|get|need)|risk of (developing|later)|leads? to|leading to|results? in"
    r"|resulting in|complications?|go(es)? on to develop|later in life|continue to have"
    # what the topic causes: "Stroke ranks as the third leading cause of death"
    r"|(is|are|was|were|been) associated with|causes?|can cause|may cause)\b",
    re.IGNORECASE,
)
# What the topic has, not what it leads to: "Investigators now believe that migraine has a genetic cause".
_HAS_A_CAUSE = re.compile(r"\b(has|have|had) (a|an|no|several|many|multiple) (\w+ )?causes?\b", re.IGNORECASE)
# A wording that looks back at a cause: the topic after it is what causes the rest.
_CAUSED_BY = re.compile(
    r"\b(due to|caused by|because of|as a result of|secondary to|results? from|resulting from)\b",
    re.IGNORECASE,
)
_TREATING = (
    r"treat|treats|treated|treating|treatments? (of|for|include)|manage|managing|management of"
    r"|relieve|relieves|relieving|stop|stops|stopping"
)
_TREATS = re.compile(rf"\b({_TREATING})\b", re.IGNORECASE)
# Preventing the condition is not one of its causes either, but it is not a treatment.
_TREATS_OR_PREVENTS = re.compile(rf"\b({_TREATING}|prevent|prevents|preventing)\b", re.IGNORECASE)
TREATED_WITHIN = 4  # words after the verb
CAUSE_WORDS = 4  # words after "due to"
_NEVER = r"(?!)"  # a section filled by a rule of its own, not by a cue

GENERAL_KEY = "other_findings"
GENERAL = _spec(GENERAL_KEY, "Other findings", "More from the evidence", _ANY, 99)

# Assignment order (first cue wins) per kind; ``order`` is the reading order in the article.
SPECS: dict[QuestionKind, tuple[SectionSpec, ...]] = {
    QuestionKind.CAUSES: (
        _spec(
            "consequences", "Complications of {topic}", "What {topic} can lead to", _NEVER, 6, context=True
        ),
        _spec(
            "medication_causes",
            "Medication-related causes",
            "Medicines that can cause it",
            _DRUGS,
            2,
            also=_CAUSAL,
        ),
        _spec(
            "distinguishing_features",
            "Distinguishing features",
            "Conditions that can look similar",
            _DIFFERENTIAL,
            4,
        ),
        _spec("mechanisms", "Pathophysiological mechanisms", "Why it happens", _MECHANISM, 3),
        _spec("diagnostic_approach", "Diagnostic approach", "How doctors look for the cause", _DIAGNOSTIC, 7),
        _spec(
            "associated_conditions",
            "Risk factors and associated conditions",
            "What makes {topic} more likely",
            _ASSOCIATED,
            1,
        ),
        _spec("pearls_pitfalls", "Clinical pearls and pitfalls", "Good to know", _NUMBERS_OR_FREQUENCY, 5),
    ),
    QuestionKind.TREATMENT: (
        # Harms and check-ups come with a treatment; they do not say which one, so they never lead.
        _spec("harms", "Harms and adverse effects", "Possible side effects", _HARMS, 4, context=True),
        _spec("monitoring", "Monitoring", "Check-ups during treatment", _MONITORING, 5, context=True),
        _spec("first_line", "First-line treatment", "Usual first treatments", _FIRST_LINE, 1),
        _spec("alternatives", "Alternatives", "Other options", _ALTERNATIVES, 2),
        _spec("efficacy", "Efficacy", "How well treatments work", _EFFICACY, 3),
        _spec("options", "Treatment options", "Treatments", _NEVER, 2),
    ),
    QuestionKind.DIAGNOSIS: (
        _spec("differential", "Differential diagnosis", "Conditions that can look similar", _DIFFERENTIAL, 4),
        _spec("tests", "Tests and their accuracy", "Tests your doctor may use", _DIAGNOSTIC, 2),
        _clinical_features(1),
        _spec("pearls_pitfalls", "Clinical pearls and pitfalls", "Good to know", _NUMBERS_OR_FREQUENCY, 5),
    ),
    QuestionKind.PROGNOSIS: (
        _spec("prognostic_factors", "Prognostic factors", "What affects the outlook", _PROGNOSTIC_FACTORS, 3),
        # What the condition leads to answers "how serious" only in part; it leads when asked for.
        _spec(
            "complications",
            "Complications",
            "What it can lead to",
            _COMPLICATIONS,
            2,
            context=True,
            unless=_ADVICE,
        ),
        _spec("outcomes", "Outcomes", "What to expect", _OUTCOMES, 1),
        _spec("course", "Course and follow-up", "Over time", _MONITORING, 4),
    ),
    QuestionKind.PREVENTION: (
        _spec("screening", "Screening", "Screening and early detection", _SCREENING, 3),
        # The downsides of a measure do not say how to prevent anything; they never lead unless asked for.
        _spec("harms", "Harms", "Possible downsides", _PREVENTION_HARMS, 4, context=True),
        _spec("measures", "Preventive measures", "What can lower the risk", _PREVENTION, 1),
        _spec(
            "risk_reduction", "Risk reduction in numbers", "How much the risk falls", _EFFICACY, 2, also=r"\d"
        ),
    ),
    QuestionKind.DOSING: (
        _spec("adjustments", "Dose adjustments", "When the dose is changed", _DOSE_ADJUST, 2),
        _spec("dose", "Recommended dosing", "Usual dose", _DOSE, 1),
        _spec("harms", "Toxicity and adverse effects", "Possible side effects", _HARMS, 3),
        _spec("monitoring", "Monitoring", "Check-ups", _MONITORING, 4),
    ),
    QuestionKind.ADVERSE_EFFECTS: (
        _spec(
            "interactions",
            "Interactions",
            "Medicines and foods that interact",
            _INTERACTIONS,
            4,
            also=_INTERACTING,
        ),
        _spec(
            "contraindications",
            "Contraindications and cautions",
            "Who should not take it",
            _CONTRAINDICATIONS,
            3,
        ),
        _spec(
            "serious",
            "Serious adverse effects",
            "Serious side effects",
            _SERIOUS,
            2,
            also=_HARM_WORDING,
            unless=_ADVICE,
        ),
        _spec("monitoring", "Monitoring", "Check-ups", _MONITORING, 5),
        _spec("common", "Adverse effects", "Side effects", _ADVERSE, 1, also=_HARM_WORDING, unless=_ADVICE),
    ),
    QuestionKind.DEFINITION: (
        _spec("definition", "Definition", "What it is", _DEFINITION, 1),
        _spec("types", "Types", "Types", _TYPES, 2),
        _clinical_features(3),
        _spec("causes", "Causes and mechanisms", "Why it happens", _MECHANISM + "|" + _ASSOCIATED, 4),
        _spec("epidemiology", "Epidemiology", "How common it is", _EPIDEMIOLOGY, 5),
    ),
    QuestionKind.COMPARISON: (
        _spec("harms", "Harms compared", "Side effects compared", _HARMS, 3),
        _spec("head_to_head", "Head-to-head evidence", "How they compare", _COMPARISON, 1),
        _spec("efficacy", "Efficacy of each option", "How well each works", _EFFICACY, 2),
    ),
    QuestionKind.YES_NO: (
        _spec("evidence_for", "Evidence in favour", "Findings that say yes", _NEVER, 1),
        _spec("evidence_against", "Evidence against", "Findings that say no", _NEVER, 2),
    ),
    QuestionKind.OTHER: (),
}


_USES = (
    r"\b(used (to|for|in|as)|uses? of|indicat\w*|prescribed|approved (for|to|as)|treat\w*|relie\w*|prevent\w*"
    r"|manag\w*|ease|eases)\b"
)
_DRUG_RISKS = (
    r"\b(side[- ]effects?|adverse|harms?|toxicit\w*|addict\w*|dependence|overdos\w*|withdrawal|abuse|misuse"
    r"|risks?|deaths?|fatal|poisoning|intoxicat\w*)\b"
)
# "What is morphine?" asks what a drug is, is used for and risks, not its symptoms or epidemiology.
_DRUG_DEFINITION: tuple[SectionSpec, ...] = (
    _spec("definition", "Definition", "What it is", _DEFINITION, 1),
    _spec("adverse_effects", "Adverse effects and risks", "Side effects and risks", _DRUG_RISKS, 4),
    _spec("uses", "Uses", "What it is used for", _USES, 2),
    _spec("mechanism", "Mechanism of action", "How it works", _MECHANISM, 3),
)


def specs_for(kind: QuestionKind, drug: bool = False) -> tuple[SectionSpec, ...]:
    """The sections of an article of this kind; a definition of a drug has its own."""
    return _DRUG_DEFINITION if drug and kind is QuestionKind.DEFINITION else SPECS[kind]


# Kinds whose sentences must fit one of their sections; the others keep a general section.
STRICT_KINDS = frozenset(
    {
        QuestionKind.CAUSES,
        QuestionKind.TREATMENT,
        QuestionKind.DIAGNOSIS,
        QuestionKind.PROGNOSIS,
        QuestionKind.PREVENTION,
        QuestionKind.DOSING,
        QuestionKind.ADVERSE_EFFECTS,
        QuestionKind.COMPARISON,
    }
)


def is_consequence(sentence: str, concepts: frozenset[str]) -> bool:
    """The sentence says what the topic leads to: it names the topic more fully before the wording than
    after, or after a wording that looks back at a cause ("due to") more fully than before it.

    "Mothers who had gestational diabetes are more likely to develop type 2 diabetes" is a consequence;
    "women with a family history of diabetes are more likely to develop gestational diabetes" a cause;
    "half of all women will break a bone due to osteoporosis" a consequence.
    """
    # The first cue: "Being overweight increases the risk of developing gout because … which leads to
    # excess uric acid" is a cause, whatever follows it.
    cue = _CONSEQUENCE.search(sentence) or _CAUSED_BY.search(sentence)
    if cue is None or _HAS_A_CAUSE.search(sentence):
        return False
    before, after = _named_around(sentence, cue, concepts)
    if cue.re is _CAUSED_BY:
        # The cause is the phrase right after the wording: "due to beta cell dysfunction, gestational
        # diabetes occurs" names no topic as the cause.
        cause = re.split(r"[,;.]", sentence[cue.end() :], maxsplit=1)[0].split()[:CAUSE_WORDS]
        named_as_cause = len(stems(" ".join(cause)) & concepts)
        return named_as_cause > 0 and named_as_cause > before
    return before > 0 and before > after


def _leads_to_topic(sentence: str, concepts: frozenset[str]) -> bool:
    """The sentence says what leads to the topic: it names the topic after the wording more fully than
    before ("a condition that can cause heart failure"); "SSPE is a complication of measles" and "the risk of
    developing retinopathy or other complications of diabetes" do not."""
    cue = _CONSEQUENCE.search(sentence)
    if cue is None or "complication" in sentence.lower():
        return False
    before, after = _named_around(sentence, cue, concepts)
    return after > before


def _named_around(sentence: str, cue: re.Match[str], concepts: frozenset[str]) -> tuple[int, int]:
    """How many of the question's concepts the sentence names before its cue wording, and after it."""
    return len(stems(sentence[: cue.start()]) & concepts), len(stems(sentence[cue.end() :]) & concepts)


def _treats(sentence: str, concepts: frozenset[str], verbs: re.Pattern[str] = _TREATS) -> bool:
    """The sentence is about treating the topic: a concept within a few words after a treatment verb."""
    return any(
        stems(" ".join(sentence[match.end() :].split()[:TREATED_WITHIN])) & concepts
        for match in verbs.finditer(sentence)
    )


def names_treatment(sentence: str) -> bool:
    """The sentence names a treatment ("antibiotics", "surgery", "ivermectin"), not only treating:
    "Put in place processes to allow treatment within 4 hours" says nothing of which one."""
    return _TREATMENT_NAMES.search(sentence) is not None or any(
        names_drug(word) for word in re.findall(r"[A-Za-z]{4,}", sentence)
    )


def doses(sentence: str, drug: str) -> bool:
    """The sentence gives a dose of ``drug`` (a stem): an amount, of which the drug named last before it is
    this one ("In the event of allergy to amoxicillin, azithromycin dosed at 30 mg/kg" doses azithromycin),
    or a schedule ("one tablet twice a day"); "regular dosing may be required" gives none."""
    amount = _FIRST_AMOUNT.search(sentence)
    if amount is None:
        return _SCHEDULE.search(sentence) is not None
    # Drugs by name, not by class: "metformin, like other drugs, 500 mg" doses metformin.
    named = [
        w
        for w in re.findall(r"[A-Za-z][\w-]*", sentence[: amount.start()])
        if (names_drug(w) and not _DRUG_CLASS_WORD.fullmatch(w)) or stem(w.lower()) == drug
    ]
    return not named or stem(named[-1].lower()) == drug


def _defines(sentence: str, concepts: frozenset[str]) -> bool:
    """The topic is the subject of the definition wording: a concept in the few words before it."""
    cue = _DEFINITION_CUE.search(sentence)
    return cue is not None and bool(
        stems(" ".join(sentence[: cue.start()].split()[-DEFINED_WITHIN:])) & concepts
    )


def assign(
    kind: QuestionKind,
    sentence: str,
    concepts: frozenset[str] = frozenset(),
    sides: Sequence[frozenset[str]] = (),
    drug: bool = False,
) -> SectionSpec:
    """The section of a sentence in an article of this kind.

    ``concepts`` are the question's stems; ``sides`` the stems of each option a comparison weighs:
    a sentence naming every option apart (not as one group) is head-to-head evidence even when no cue word
    says so; ``drug``: the question's topic is a drug.
    """
    if kind is QuestionKind.CAUSES and is_consequence(sentence, concepts):
        return spec_by_key(kind, "consequences")
    if kind is QuestionKind.CAUSES and _treats(sentence, concepts, _TREATS_OR_PREVENTS):
        return GENERAL  # "You can treat gout with medicines" names medicines, not a cause
    names_all_sides = bool(sides) and all(stems(sentence) & side for side in sides)
    weighs_sides = names_all_sides and not _named_together(sentence, sides)
    skipped = set()
    # "Antibiotics are the main treatment for bronchiectasis" does not define bronchiectasis.
    if kind is QuestionKind.DEFINITION and not _defines(sentence, concepts):
        skipped.add("definition")
    # "Apixaban compared with warfarin" weighs no aspirin against warfarin.
    if sides and not names_all_sides:
        skipped.add("head_to_head")
    # "a condition that can cause heart failure" is a cause of heart failure, not one of its complications.
    if kind is QuestionKind.PROGNOSIS and _leads_to_topic(sentence, concepts):
        skipped.add("complications")
    # A finding of no effect is no first-line treatment; "The work group cannot recommend glucosamine" says
    # how well one works.
    if kind is QuestionKind.TREATMENT and is_null_finding(sentence):
        skipped.add("first_line")
    for spec in specs_for(kind, drug):
        # Whatever else it says, a statement setting every option against another weighs them (harms come first).
        if spec.key not in skipped and (spec.fits(sentence) or (spec.key == "head_to_head" and weighs_sides)):
            return spec
    if kind is QuestionKind.TREATMENT and is_null_advice(sentence):
        return spec_by_key(kind, "efficacy")
    if kind is QuestionKind.TREATMENT and _treats(sentence, concepts):
        return spec_by_key(kind, "options")  # "You can treat impetigo with antibiotics."
    return GENERAL


_WORDS = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def _named_together(sentence: str, sides: Sequence[frozenset[str]]) -> bool:
    """Two options named as one group ("vedolizumab in ulcerative colitis and Crohn's disease"): the sentence
    speaks of both, but does not set one against the other. Options joined by "or" are alternatives, which
    answers which is better ("consider either paracetamol or ibuprofen")."""
    owners = [
        "and" if word == "and" else next((i for i, side in enumerate(sides) if stem(word) in side), None)
        for word in _WORDS.findall(sentence.lower())
    ]
    return any(
        joining == "and" and a is not None and b is not None and a != b
        for a, joining, b in zip(owners, owners[1:], owners[2:], strict=False)
    )


def spec_by_key(kind: QuestionKind, key: str) -> SectionSpec:
    return next((spec for spec in SPECS[kind] if spec.key == key), GENERAL)

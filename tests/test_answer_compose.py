"""The article composed from hits of the fixture library (no search index needed)."""

from __future__ import annotations

import importlib
from dataclasses import replace

import pytest

from answer_fixtures import hits_for, hits_of_abstracts, hits_of_document, prepared
from medoracle.answer import compose
from medoracle.answer.analysis import stem
from medoracle.answer.render import NO_DIRECT_ANSWER, to_markdown
from medoracle.answer.sections import assign, doses, is_consequence
from medoracle.answer.text import is_null_finding
from medoracle.answer.verify import Tally, verify_bullet, verify_bullets
from medoracle.domain import (
    Answer,
    Audience,
    Bullet,
    Document,
    DocumentKind,
    EvidenceKind,
    EvidenceSource,
    Hit,
    Passage,
    QuestionKind,
    Section,
    SourceSpan,
    VerdictValue,
)

CAUSES = "What are the causes of nocturnal leg cramps?"


def _all_bullets(answer: Answer) -> list[Bullet]:
    return [*answer.lead, *(b for s in answer.sections for b in s.bullets)]


def _answer_of(question: str, *statements: tuple[str, str]) -> Answer:
    """The article composed from one abstract per (key, text) statement, best first."""
    return compose(question, hits_of_abstracts(list(statements)))


def _lead_of(question: str, *statements: tuple[str, str]) -> list[str]:
    return [b.text for b in _answer_of(question, *statements).lead]


def _passages() -> dict[str, Passage]:
    return {p.identifier: p for _, passages in prepared() for p in passages}


def test_a_causes_question_has_condition_and_medication_sections_with_cited_bullets() -> None:
    answer = compose(CAUSES, hits_for(CAUSES))
    keys = [s.key for s in answer.sections]
    assert "associated_conditions" in keys and "medication_causes" in keys
    medications = next(s for s in answer.sections if s.key == "medication_causes")
    assert any("thiazide diuretics" in b.text for b in medications.bullets)
    assert all(b.citations and len(b.citations) == len(b.sources) for b in _all_bullets(answer))
    assert not answer.abstained and answer.emergency_notice is None


def test_a_causes_article_keeps_what_the_condition_leads_to_apart_from_its_causes() -> None:
    hits = hits_of_abstracts(
        [
            (
                "later",
                "Gestational diabetes leads to macrosomia and birth complications in one in five pregnancies.",
            ),
            (
                "family",
                "Women with a family history of diabetes are more likely to develop gestational diabetes.",
            ),
            ("weight", "Excess weight before pregnancy raises the risk of gestational diabetes threefold."),
        ]
    )
    answer = compose("What are the risk factors for gestational diabetes?", hits)
    sections = {s.key: [b.text for b in s.bullets] for s in answer.sections}
    shown = [b.text for b in answer.lead] + sections.get("associated_conditions", [])
    assert any("family history" in text for text in shown) and any("Excess weight" in text for text in shown)
    assert sections["consequences"] == [
        "Gestational diabetes leads to macrosomia and birth complications in one in five pregnancies."
    ]


def test_a_consequence_names_the_topic_before_its_wording_and_a_cause_after_it() -> None:
    concepts = frozenset({stem("gestational"), stem("diabetes")})
    assert is_consequence(
        "Mothers who had gestational diabetes are more likely to develop type 2 diabetes.", concepts
    )
    assert not is_consequence(
        "Women with a family history are more likely to develop gestational diabetes.", concepts
    )
    assert not is_consequence("Obesity raises the risk of gestational diabetes.", concepts)
    gout = frozenset({stem("gout")})
    assert is_consequence("Hyperuricaemia and gout have been associated with kidney stones.", gout)
    assert not is_consequence("Obesity is associated with gout.", gout)
    # The first wording decides: what the cause itself leads to does not make it a consequence.
    assert not is_consequence(
        "Being overweight increases the risk of developing gout, which leads to excess uric acid.", gout
    )
    # After "due to" or "caused by" stands the cause.
    assert is_consequence("Half of all men will have swollen joints due to gout.", gout)
    assert not is_consequence("Gout is often caused by a diet rich in purines.", gout)
    assert not is_consequence("If uric acid builds up due to kidney disease, gout occurs.", gout)
    # What the topic causes is a consequence; what causes the topic is not.
    assert is_consequence("Gout is a leading cause of joint damage in older men.", gout)
    assert not is_consequence("Diuretics can cause gout.", gout)


def test_a_definition_defines_the_topic_itself() -> None:
    bronchiectasis = frozenset({stem("bronchiectasis")})
    defines = "Bronchiectasis (brong-ke-EK-ta-sis) is a condition in which the airways widen."
    treats = "Antibiotics are the main treatment for the lung infections that bronchiectasis causes."
    assert assign(QuestionKind.DEFINITION, defines, bronchiectasis).key == "definition"
    assert assign(QuestionKind.DEFINITION, treats, bronchiectasis).key != "definition"


def test_treating_the_condition_is_not_one_of_its_causes() -> None:
    gout = frozenset({stem("gout")})
    assert assign(QuestionKind.CAUSES, "You can treat gout with medicines.", gout).key == "other_findings"
    assert assign(QuestionKind.CAUSES, "Diuretic medicines can cause gout.", gout).key == "medication_causes"
    assert assign(QuestionKind.TREATMENT, "You can treat gout with medicines.", gout).key == "options"
    hygiene = "To help prevent gout, you should drink less beer."
    assert assign(QuestionKind.TREATMENT, hygiene, gout).key == "other_findings"
    asking = "People with gout should check with their doctors before getting a vaccine."
    assert assign(QuestionKind.DOSING, asking, gout).key != "monitoring"
    checking = "Check kidney function every 6 months in people with gout taking allopurinol."
    assert assign(QuestionKind.DOSING, checking, gout).key == "monitoring"
    blisters = "Gout makes the skin blister easily in response to minor injury."
    assert assign(QuestionKind.TREATMENT, blisters, gout).key == "other_findings"
    preventing = "Take medications to prevent a gout attack, stop gout pain or relieve its swelling."
    treatments = "Other treatments for gout include exercise and medicines."
    assert assign(QuestionKind.CAUSES, treatments, gout).key == "other_findings"
    assert assign(QuestionKind.CAUSES, preventing, gout).key == "other_findings"


def test_the_types_of_a_condition_are_a_section_of_its_own_but_a_numbered_type_is_not() -> None:
    concepts = frozenset({stem("hyperparathyroidism")})
    types = "There are two main types of hyperparathyroidism: primary and secondary."
    assert assign(QuestionKind.DEFINITION, types, concepts).key == "types"
    numbered = "Type 2 hyperparathyroidism causes fatigue in older adults."
    assert assign(QuestionKind.DEFINITION, numbered, concepts).key != "types"


def test_a_negation_is_a_finding_of_no_effect_only_when_it_negates_an_effect() -> None:
    assert is_null_finding("Magnesium did not significantly reduce cramps.")
    assert is_null_finding("Nocturnal leg cramps are not primarily caused by electrolyte abnormalities.")
    assert not is_null_finding("There is not one specific test to diagnose heart failure.")
    assert not is_null_finding("Do not use fasting plasma glucose to assess the risk of diabetes.")


def test_how_long_a_condition_lasts_is_an_outcome_and_what_it_leads_to_a_complication() -> None:
    hiccups = frozenset({stem("hiccups")})
    lasting = "Hiccups typically go away on their own after a couple of minutes."
    assert assign(QuestionKind.PROGNOSIS, lasting, hiccups).key == "outcomes"
    leading = "Long bouts of hiccups can lead to exhaustion and weight loss."
    assert assign(QuestionKind.PROGNOSIS, leading, hiccups).key == "complications"


def test_a_drug_is_defined_by_what_it_is_what_it_is_used_for_how_it_works_and_its_risks() -> None:
    statements = [
        ("what", "Morphine is an opioid medicine made from the opium poppy."),
        ("use", "Morphine is used to relieve severe pain after surgery."),
        ("how", "Morphine binds to mu-opioid receptors in the spinal cord."),
        ("risk", "Morphine can cause constipation, drowsiness and addiction."),
        ("study", "Current use of morphine was defined as 2 or more prescriptions in a year."),
    ]
    answer = compose("What is morphine?", hits_of_abstracts(statements))
    assert [b.text for b in answer.lead] == [statements[0][1]]
    assert [s.key for s in answer.sections] == ["uses", "mechanism", "adverse_effects"]
    assert answer.follow_ups[0] == "What are the side effects of morphine?"


def test_the_harms_of_prevention_are_its_downsides_not_who_is_at_risk() -> None:
    falls = frozenset({stem("falls")})
    at_risk = "Adults aged 50 to 64 years at higher risk of falls should be offered a home safety assessment."
    assert assign(QuestionKind.PREVENTION, at_risk, falls).key != "harms"
    downside = "Vitamin D to prevent falls caused hypercalcaemia and other adverse effects in 3% of adults."
    assert assign(QuestionKind.PREVENTION, downside, falls).key == "harms"


def test_a_treatment_article_leads_with_a_statement_naming_a_treatment() -> None:
    question = "How is community-acquired pneumonia treated?"
    process = "Allow treatment of community-acquired pneumonia within 4 hours of arrival at hospital."
    named = "Offer amoxicillin for 5 days to adults with community-acquired pneumonia."
    assert _lead_of(question, ("process", process)) == []
    assert _lead_of(question, ("process", process), ("named", named)) == [named]


def test_a_dosing_article_leads_with_a_dose_of_the_drug_asked_about() -> None:
    question = "What is the dose of amoxicillin for otitis media?"
    other = "In the event of allergy to amoxicillin, azithromycin dosed at 30 mg/kg is first-line for otitis media."
    own = "Treat otitis media with amoxicillin 80 mg/kg/day in two divided doses for 10 days."
    assert _lead_of(question, ("other", other), ("own", own)) == [own]
    assert doses(
        "Amoxicillin, like other antibiotics, is given at 500 mg three times a day.", stem("amoxicillin")
    )
    assert doses("Take one tablet of amoxicillin twice a day.", stem("amoxicillin"))
    assert not doses("Consider offering amoxicillin; regular dosing may be required.", stem("amoxicillin"))


def test_a_test_says_how_a_diagnosis_is_made_not_how_many_were_diagnosed() -> None:
    embolism = frozenset({stem("pulmonary"), stem("embolism")})
    counted = "Thrombotic complications were diagnosed in 150 patients, mainly pulmonary embolism (16.7%)."
    assert assign(QuestionKind.DIAGNOSIS, counted, embolism).key != "tests"
    newly = "Offer anticoagulation to adults with newly diagnosed pulmonary embolism."
    assert assign(QuestionKind.DIAGNOSIS, newly, embolism).key != "tests"
    how = "Pulmonary embolism is diagnosed with CT pulmonary angiography."
    assert assign(QuestionKind.DIAGNOSIS, how, embolism).key == "tests"


def test_a_complication_leads_only_an_article_that_asks_for_complications() -> None:
    damage = [("damage", "A brain abscess can damage nearby brain tissue and lead to seizures.")]
    answer = compose("What is the prognosis of a brain abscess?", hits_of_abstracts(damage))
    assert answer.lead == () and [s.key for s in answer.sections] == ["complications"]
    assert _lead_of("What are the complications of a brain abscess?", *damage) == [damage[0][1]]
    assert _lead_of("How serious is a brain abscess?", *damage) == [damage[0][1]]


def test_monitoring_is_of_levels_measured_in_a_patient_and_alternatives_are_not_other_diagnoses() -> None:
    lithium = frozenset({stem("lithium")})
    neuronal = "At a neuronal level, lithium reduces excitatory neurotransmission."
    assert assign(QuestionKind.ADVERSE_EFFECTS, neuronal, lithium).key != "monitoring"
    serum = "Serum lithium levels should be checked 12 hours after the dose."
    assert assign(QuestionKind.ADVERSE_EFFECTS, serum, lithium).key == "monitoring"
    diabetes = frozenset({stem("diabetes")})
    other = "Think about gastroparesis in adults with diabetes, taking into account alternative diagnoses."
    assert assign(QuestionKind.TREATMENT, other, diabetes).key != "alternatives"


_GUIDELINE_LIST = (
    "Assess risk at the booking appointment. Determine the following risk factors for gestational diabetes:\n"
    "- BMI above 30 kg/m2\n- Previous macrosomic baby weighing 4.5 kg or above\n- Family history of diabetes\n"
    "Offer testing to women with any of these."
)


def test_a_sentence_introducing_a_short_list_is_one_statement_with_its_items() -> None:
    hits = hits_of_abstracts([("nice", _GUIDELINE_LIST)])
    answer = compose("What are the risk factors for gestational diabetes?", hits)
    listed = next(b for b in _all_bullets(answer) if "following risk factors" in b.text)
    assert listed.text == (
        "Determine the following risk factors for gestational diabetes: BMI above 30 kg/m2; previous macrosomic "
        "baby weighing 4.5 kg or above; family history of diabetes."
    )
    start, end = listed.span
    assert hits[0].passage.text[start:end].endswith("Family history of diabetes")
    assert answer.verification.dropped == 0
    tampered = replace(listed, text=listed.text.replace("4.5 kg", "5.5 kg"))
    assert verify_bullet(tampered, {hits[0].passage.identifier: hits[0].passage}, Tally()) is None


def test_a_list_of_grading_lines_is_not_a_list_of_findings() -> None:
    graded = (
        "Characteristics predisposing to gestational diabetes include:\n- NHBLI Grade: A (Strong)\n"
        "- ACC/AHA LOE: B\nObesity is a risk factor for gestational diabetes."
    )
    answer = compose(
        "What are the risk factors for gestational diabetes?", hits_of_abstracts([("acc", graded)])
    )
    assert [b.text for b in _all_bullets(answer)] == ["Obesity is a risk factor for gestational diabetes."]


def test_a_list_too_long_to_show_whole_is_not_cut_short() -> None:
    items = "".join(f"\n- Risk factor number {n} for gestational diabetes" for n in range(1, 11))
    hits = hits_of_abstracts(
        [("long", f"Determine the following risk factors for gestational diabetes:{items}")]
    )
    answer = compose("What are the risk factors for gestational diabetes?", hits)
    assert not any("following risk factors" in b.text for b in _all_bullets(answer))


def test_the_lead_comes_from_the_section_the_question_asks_about() -> None:
    hits = hits_of_abstracts(
        [
            (
                "signs",
                "Coeliac disease commonly presents with symptoms such as diarrhoea, bloating and weight loss.",
            ),
            ("tests", "Coeliac disease is confirmed by tissue transglutaminase antibody testing and biopsy."),
        ]
    )
    diagnosed = compose("How is coeliac disease diagnosed?", hits)
    symptoms = compose("What are the symptoms of coeliac disease?", hits)
    assert "antibody testing" in diagnosed.lead[0].text
    assert "diarrhoea" in symptoms.lead[0].text
    assert (diagnosed.heading, symptoms.heading) == (
        "Diagnosis of Coeliac Disease",
        "Symptoms and Signs of Coeliac Disease",
    )


def test_sensitivity_to_light_is_a_symptom_not_a_test() -> None:
    sentence = "Symptoms of meningitis often include fever, stiff neck and sensitivity to bright light."
    accuracy = "The sensitivity of lumbar puncture for meningitis is 95%."
    assert assign(QuestionKind.DIAGNOSIS, sentence).key == "clinical_features"
    assert assign(QuestionKind.DIAGNOSIS, accuracy).key == "tests"


def test_every_bullet_is_the_text_of_its_cited_span() -> None:
    answer = compose(CAUSES, hits_for(CAUSES))
    passages = _passages()
    for bullet in _all_bullets(answer):
        passage = passages[bullet.passage_id]
        start, end = bullet.span
        assert passage.text[start:end].lower() == bullet.text.lower()
    assert answer.verification.dropped == 0
    assert answer.verification.passed == answer.verification.checked == len(_all_bullets(answer))


def test_a_tampered_bullet_is_dropped_by_the_verifier_and_counted() -> None:
    answer = compose(CAUSES, hits_for(CAUSES))
    bullets = _all_bullets(answer)
    original = next(b for b in bullets if "31%" in b.text)
    tampered = [
        replace(original, text=original.text.replace("31%", "13%")),  # a changed number
        replace(original, text=original.text.replace("was present", "was not present")),  # a negation added
        replace(original, text="Quinine cures nocturnal leg cramps."),  # words not in the passage
        replace(original, text=original.text.split(" (")[0]),  # the numbers cut off
    ]
    tally = Tally()
    kept = verify_bullets([original, *tampered], _passages(), tally)
    assert kept == [original]
    assert (tally.checked, tally.passed, tally.dropped) == (5, 1, 4)


def test_a_bullet_that_drops_a_negation_of_its_sentence_fails() -> None:
    passages = _passages()
    passage = next(p for p in passages.values() if "did not reduce the frequency" in p.text)
    start = passage.text.index("the frequency")
    end = passage.text.index(" compared with placebo (mean")
    cut = Bullet(
        text=passage.text[start:end], citations=(1,), sources=(SourceSpan(passage.identifier, start, end),)
    )
    assert verify_bullet(cut, passages, Tally()) is None


def test_numbers_are_kept_whole() -> None:
    answer = compose(CAUSES, hits_for(CAUSES))
    texts = " ".join(b.text for b in _all_bullets(answer))
    assert (
        "31% of patients with nocturnal leg cramps vs 11% of controls (OR 3.6, 95% CI 2.1-6.2, p < 0.001)"
        in texts
    )


def test_near_identical_statements_merge_and_keep_both_citations() -> None:
    answer = compose(CAUSES, hits_for(CAUSES))
    thiazide = [b for b in _all_bullets(answer) if "thiazide diuretics" in b.text]
    assert len(thiazide) == 1
    cited = {r.number: r.document_id for r in answer.references}
    assert {cited[n] for n in thiazide[0].citations} == {
        "answertest:cramps-cohort",
        "answertest:cramps-cohort-2",
    }


def test_two_wordings_of_one_recommendation_show_once_as_the_fuller_one() -> None:
    short = "Initial therapy for gout flares can be one of several anti-inflammatory agents as listed below."
    full = (
        "Initial therapy for gout flares can be one of several anti-inflammatory agents: colchicine, "
        "naproxen or prednisolone."
    )
    answer = compose("How are gout flares treated?", hits_of_abstracts([("short", short), ("full", full)]))
    assert [b.text for b in _all_bullets(answer)] == [full]


def test_references_are_numbered_by_first_use_strongest_first() -> None:
    answer = compose(CAUSES, hits_for(CAUSES))
    seen: list[int] = []
    for bullet in _all_bullets(answer):
        seen.extend(n for n in bullet.citations if n not in seen)
    assert seen == [r.number for r in answer.references] == list(range(1, len(answer.references) + 1))
    medications = next(s for s in answer.sections if s.key == "medication_causes")
    levels = {r.number: r.evidence_level for r in answer.references}
    first_levels = [levels[b.citations[0]] for b in medications.bullets]
    assert first_levels == sorted(first_levels)
    labels = {r.document_id: r.label for r in answer.references}
    assert labels["answertest:cramps-review"] == "Systematic review"
    assert labels["answertest:cramps-cohort"] == "Observational study"


def test_a_question_outside_the_library_abstains_and_lists_what_was_found() -> None:
    question = "How do I replace the spark plug of a lawn mower engine?"
    hits = hits_for(question) or hits_for(CAUSES)[:3]  # whatever search returned nearest
    answer = compose(question, hits)
    assert answer.abstained
    assert answer.abstain_reason and "too little evidence" in answer.abstain_reason
    assert answer.sections == () and answer.lead == ()
    assert answer.related


def test_a_weak_match_on_a_generic_word_abstains() -> None:
    question = "What is the best treatment for a broken phone screen?"
    answer = compose(question, hits_for(CAUSES))
    assert answer.abstained


def test_a_red_flag_question_leads_with_the_emergency_notice() -> None:
    question = "I have crushing chest pain spreading to my left arm and leg cramps, what causes it?"
    for audience in Audience:
        answer = compose(question, hits_for(question), audience)
        assert answer.emergency_notice and "chest pain" in answer.emergency_notice
    patient = compose(question, hits_for(question), Audience.PATIENT)
    assert "emergency" in (patient.emergency_notice or "").lower()


def test_a_yes_no_question_gets_a_verdict_with_sources_and_levels_per_side() -> None:
    question = "Do statins reduce the risk of dementia?"
    answer = compose(question, hits_for(question))
    assert answer.verdict is not None
    assert answer.verdict.value is VerdictValue.SUPPORTED
    assert (answer.verdict.supporting, answer.verdict.opposing) == (2, 1)
    assert answer.verdict.supporting_levels == (1, 3) and answer.verdict.opposing_levels == (2,)
    assert {s.key for s in answer.sections} <= {"evidence_for", "evidence_against", "other_findings"}


def test_a_statement_that_names_the_subject_but_not_the_effect_asked_about_takes_no_side() -> None:
    question = "Do statins reduce the risk of dementia?"
    answer = compose(question, hits_for(question))
    sides = [b.text for s in answer.sections if s.key.startswith("evidence_") for b in s.bullets]
    context = [b.text for s in answer.sections if s.key == "other_findings" for b in s.bullets]
    assert context == [
        "The association between statin use and dementia was consistent across cohorts of older adults."
    ]
    assert not any("consistent across cohorts" in text for text in sides)


@pytest.mark.parametrize(
    ("question", "on_the_subject", "answering", "sides"),
    [
        (
            "Are tobacco and nicotine products addictive?",
            "Tobacco and nicotine products are sold in many shops across the country.",
            "Nicotine is a highly addictive drug that makes it hard to stop using tobacco.",
            (1, 0),
        ),
        (
            "Does Gilbert's syndrome affect life expectancy?",
            "Gilbert syndrome is estimated to affect 3 to 7 percent of Americans.",
            "Gilbert syndrome does not shorten life expectancy in adults followed for decades.",
            (0, 1),
        ),
    ],
)
def test_a_vote_must_name_what_the_question_asks_of_its_subject(
    question: str, on_the_subject: str, answering: str, sides: tuple[int, int]
) -> None:
    answer = compose(question, hits_of_abstracts([("subject", on_the_subject), ("answer", answering)]))
    assert answer.verdict is not None and (answer.verdict.supporting, answer.verdict.opposing) == sides
    assert [b.text for b in answer.lead] == [answering]


def test_a_yes_no_question_no_statement_answers_has_no_lead_and_says_so() -> None:
    question = "Are statins associated with dementia in women?"  # no source speaks of women
    answer = compose(question, hits_for(question))
    assert answer.verdict is not None and answer.verdict.value is VerdictValue.INSUFFICIENT
    assert (answer.verdict.supporting, answer.verdict.opposing) == (0, 0)
    assert answer.lead == ()
    assert [s.key for s in answer.sections] == ["other_findings"]
    assert "no source found answers the question directly" in to_markdown(answer)


def test_statements_on_the_topic_that_fit_none_of_the_kinds_sections_do_not_lead() -> None:
    question = "What is the treatment of dementia in older adults?"  # the library says nothing on treating it
    answer = compose(question, hits_for(question))
    assert not answer.abstained and answer.lead == ()
    assert [s.key for s in answer.sections] == ["other_findings"]
    assert NO_DIRECT_ANSWER in to_markdown(answer)


def test_a_library_that_names_the_topic_but_not_what_is_asked_of_it_answers_without_a_lead() -> None:
    question = "How long does food poisoning last?"
    hits = hits_of_abstracts(
        [
            ("topic", "Food poisoning is common after eating undercooked chicken at parties."),
            ("other", "Mercury poisoning can cause death in children who swallow thermometers."),
        ]
    )
    answer = compose(question, hits)
    assert not answer.abstained and answer.lead == ()
    shown = [b.text for s in answer.sections for b in s.bullets]
    assert shown == ["Food poisoning is common after eating undercooked chicken at parties."]


def test_a_yes_no_question_without_evidence_on_one_side_is_not_mixed() -> None:
    question = "Is magnesium effective for nocturnal leg cramps?"
    hits = [h for h in hits_for(question) if h.document.identifier == "answertest:cramps-trial"]
    answer = compose(question, hits)
    assert answer.verdict is not None and answer.verdict.value is VerdictValue.NOT_SUPPORTED


def test_advice_against_an_option_and_a_wont_help_are_votes_against_it() -> None:
    question = "Can antibiotics treat the common cold?"
    statements = [
        ("icsi", "The work group does not recommend antibiotics for treatment of the common cold in adults."),
        ("cdc", "To prevent resistance, don't use antibiotics for viruses like the common cold."),
        ("nlm", "Antibiotics won't help the common cold."),
    ]
    answer = _answer_of(question, *statements)
    assert answer.verdict is not None
    assert (answer.verdict.value, answer.verdict.supporting, answer.verdict.opposing) == (
        VerdictValue.NOT_SUPPORTED,
        0,
        3,
    )


def test_a_denial_of_the_opposite_effect_is_no_vote() -> None:
    question = "Does smoking cause lung cancer?"
    statements = [
        ("causes", "Cigarette smoking causes most cases of lung cancer in men and women."),
        ("lower", "Smoking low tar cigarettes does not lower the risk of lung cancer."),
    ]
    answer = _answer_of(question, *statements)
    assert answer.verdict is not None
    assert (answer.verdict.supporting, answer.verdict.opposing) == (1, 0)


def test_an_existence_question_is_answered_no_by_a_statement_that_there_is_none() -> None:
    question = "Are there any specific antidotes for rivaroxaban?"
    statements = [("none", "In 2013 there is no specific antidote for dabigatran, rivaroxaban or apixaban.")]
    answer = _answer_of(question, *statements)
    assert answer.verdict is not None
    assert (answer.verdict.supporting, answer.verdict.opposing) == (0, 1)


def test_a_contagion_question_is_answered_by_how_the_disease_spreads_and_a_denial_says_no() -> None:
    question = "Can you catch shingles from someone?"
    statements = [
        ("signs", "Early signs of shingles include burning pain on one side of the body."),
        ("catch", "You can't catch shingles from someone who has it."),
        ("passed", "Shingles cannot be passed from one person to another."),
    ]
    answer = _answer_of(question, *statements)
    assert answer.verdict is not None
    assert (answer.verdict.supporting, answer.verdict.opposing) == (0, 2)
    assert {b.text for b in answer.lead} == {statements[1][1], statements[2][1]}


def test_a_yes_no_verdict_counts_only_statements_on_what_the_question_asks_about() -> None:
    question = "Does metformin cause vitamin B12 deficiency?"
    elsewhere = [
        ("vegan", "Vitamin B12 deficiency is one of the main complications of a vegan diet."),
        ("if", "A lack of intrinsic factor leads to vitamin B12 deficiency."),
    ]
    assert compose(question, hits_of_abstracts(elsewhere)).abstained
    trial = ("trial", "Long-term metformin treatment increased the risk of vitamin B12 deficiency (RR 2.1).")
    answer = compose(question, hits_of_abstracts([*elsewhere, trial]))
    assert answer.verdict is not None and (answer.verdict.supporting, answer.verdict.opposing) == (1, 0)
    assert all("metformin" in b.text for b in _all_bullets(answer))
    assert answer.follow_ups == (
        "What is the evidence on metformin and vitamin B12 deficiency?",
        "What are the harms of metformin?",
        "What causes vitamin B12 deficiency?",
    )


def test_a_statement_naming_both_options_of_a_comparison_is_head_to_head_evidence() -> None:
    hits = hits_of_abstracts(
        [
            (
                "nice",
                "Consider using either paracetamol or ibuprofen in children with fever who appear distressed.",
            )
        ]
    )
    answer = compose("Is ibuprofen better than paracetamol for fever in children?", hits)
    assert [b.text for b in answer.lead] == [
        "Consider using either paracetamol or ibuprofen in children with fever who appear distressed."
    ]
    assert (
        answer.follow_ups[1]
        == "Which of ibuprofen and paracetamol is recommended first for fever in children?"
    )


def test_a_comparison_with_a_third_option_is_not_head_to_head_and_does_not_lead() -> None:
    third = "Stroke was reduced by apixaban compared with warfarin in patients with atrial fibrillation."
    both = "Survival improved with warfarin and with aspirin in patients with atrial fibrillation."
    question = "Is aspirin better than warfarin for atrial fibrillation?"
    answer = compose(question, hits_of_abstracts([("third", third)]))
    assert answer.lead == () and [b.text for b in _all_bullets(answer)] == [third]
    assert all(s.key != "head_to_head" for s in answer.sections)
    assert _lead_of(question, ("third", third), ("both", both)) == [both]


def test_a_safety_question_is_answered_by_what_statements_say_of_harm() -> None:
    question = "Is lithium safe in pregnancy?"
    risk = "Lithium in pregnancy might be associated with an increased risk of cardiac malformations."
    efficacy = "Lithium prevented relapse of bipolar disorder in pregnancy in a cohort of 200 women."
    answer = compose(question, hits_of_abstracts([("risk", risk), ("efficacy", efficacy)]))
    assert answer.verdict is not None and (answer.verdict.supporting, answer.verdict.opposing) == (0, 1)
    assert [b.text for b in answer.lead] == [risk]
    assert [s.key for s in answer.sections] == ["other_findings"]
    harmless = "There is no evidence that short febrile seizures cause brain damage."
    harm = "Children who have febrile seizures face an increased risk of epilepsy."
    answer = compose("Are febrile seizures harmful?", hits_of_abstracts([("no", harmless), ("yes", harm)]))
    assert answer.verdict is not None and (answer.verdict.supporting, answer.verdict.opposing) == (1, 1)
    assert [b.text for s in answer.sections if s.key == "evidence_against" for b in s.bullets] == [harmless]


def test_a_yes_no_article_shows_only_statements_naming_the_subject_and_what_is_asked_of_it() -> None:
    question = "Does vitamin D supplementation prevent fractures?"
    cheap = ("cheap", "Vitamin D supplements are inexpensive and readily available without a prescription.")
    scores = ("scores", "Fractures were counted at 12 months in women taking vitamin D supplements.")
    mixed = ("mixed", "Trials of vitamin D supplementation for fractures gave inconsistent results.")
    answer = compose(question, hits_of_abstracts([cheap, scores, mixed]))
    assert [b.text for b in _all_bullets(answer)] == [scores[1], mixed[1]]
    answer = compose(question, hits_of_abstracts([cheap]))
    assert answer.lead == () and [b.text for b in _all_bullets(answer)] == [cheap[1]]


def test_contradicting_findings_on_the_same_exposure_are_flagged() -> None:
    question = "How well do statins prevent dementia?"
    answer = compose(question, hits_for(question))
    flagged = [b for b in _all_bullets(answer) if b.contradicts]
    assert any("not" in b.text for b in flagged) and any("not" not in b.text for b in flagged)


def test_findings_about_different_things_are_not_flagged_as_contradicting() -> None:
    answer = compose(CAUSES, hits_for(CAUSES))
    assert not [b.text for b in _all_bullets(answer) if b.contradicts]


def test_a_treatment_question_keeps_to_treatment_sections() -> None:
    question = "How are nocturnal leg cramps treated?"
    answer = compose(question, hits_for(question))
    assert {s.key for s in answer.sections} <= {
        "first_line",
        "alternatives",
        "efficacy",
        "harms",
        "monitoring",
    }
    assert "Quinine" in " ".join(b.text for b in _all_bullets(answer))
    assert not any("Peripheral vascular disease" in b.text for b in _all_bullets(answer))


def test_a_dosing_question_keeps_the_dose_and_its_condition() -> None:
    question = "What is the dose of metformin in chronic kidney disease?"
    answer = compose(question, hits_for(question))
    texts = " ".join(b.text for b in _all_bullets(answer))
    assert "1000 mg when the eGFR is between 30 and 44 mL/min" in texts
    assert "leg cramps" not in texts
    assert "renal impairment" in answer.question.population


def test_a_dosing_question_needs_statements_naming_the_drug() -> None:
    question = "What is the dose of paracetamol for children with fever?"
    elsewhere = (
        "meningitis",
        "Immediate parenteral antibiotics should be considered for children with fever and reduced consciousness.",
    )
    assert compose(question, hits_of_abstracts([elsewhere])).abstained
    dose = ("dose", "Paracetamol 15 mg/kg every 4 to 6 hours is the usual dose for children with fever.")
    answer = compose(question, hits_of_abstracts([elsewhere, dose]))
    assert [b.text for b in _all_bullets(answer)] == [dose[1]]


def test_a_side_effects_question_lists_common_and_serious_effects_of_the_drug_it_names() -> None:
    hits = hits_of_abstracts(
        [
            ("common", "The most common side effects of metformin are diarrhoea and nausea (up to 25%)."),
            ("serious", "Lactic acidosis is a rare but serious adverse effect of metformin."),
            ("other", "Side effects of insulin include weight gain and hypoglycaemia."),
            ("interaction", "Metformin interacts with iodinated contrast agents."),
        ]
    )
    answer = compose("What are the side effects of metformin?", hits)
    assert answer.heading == "Side Effects of Metformin"
    assert "diarrhoea and nausea" in answer.lead[0].text
    assert {s.key: [b.text for b in s.bullets] for s in answer.sections} == {
        "serious": ["Lactic acidosis is a rare but serious adverse effect of metformin."],
        "interactions": ["Metformin interacts with iodinated contrast agents."],
    }
    assert answer.follow_ups[2] == "Who should not take metformin?"


def test_patients_see_patient_information_first_and_plain_headings() -> None:
    patient = compose(CAUSES, hits_for(CAUSES), Audience.PATIENT)
    clinician = compose(CAUSES, hits_for(CAUSES), Audience.CLINICIAN)
    assert patient.references[0].evidence_kind is EvidenceKind.PATIENT_INFORMATION
    assert patient.references[0].label == "Patient information"
    assert "Medicines that can cause it" in [s.heading for s in patient.sections]
    assert "Medication-related causes" in [s.heading for s in clinician.sections]
    assert patient.disclaimer != clinician.disclaimer


def test_follow_ups_come_from_the_kind_and_topic() -> None:
    answer = compose(CAUSES, hits_for(CAUSES))
    assert "How are nocturnal leg cramps treated?" in answer.follow_ups


def test_sections_of_one_web_page_are_one_reference() -> None:
    def page(part: str, text: str) -> Hit:
        document = Document(
            identifier=f"medquad:niddk:causes#{part}",
            source="medquad",
            kind=DocumentKind.PATIENT_INFORMATION,
            title="Causes of Gout",
            sections=[Section("ANSWER", text)],
            url=f"https://example.org/gout/causes#{part}",
        )
        return hits_of_document(document, score=1.0)[0]

    hits = [
        page("diet", "High purine intake from red meat and seafood raises urate and causes gout flares."),
        page("drugs", "Thiazide diuretics raise serum urate and are a common cause of gout flares."),
    ]
    answer = compose("What causes gout flares?", hits)

    assert len(answer.references) == 1
    assert {n for section in answer.sections for b in section.bullets for n in b.citations} | {
        n for b in answer.lead for n in b.citations
    } == {1}


def test_a_documents_title_does_not_lead() -> None:
    title = "Gevokizumab is recommended for resistant uveitis: a pilot study."
    finding = "Gevokizumab treatment of resistant uveitis improved vision."
    document = Document(
        identifier="answertest:uveitis",
        source="answertest",
        kind=DocumentKind.SNIPPETS,
        title=title,
        sections=[Section("TITLE", title), Section("ABSTRACT", finding)],
    )
    answer = compose("How is resistant uveitis treated?", hits_of_document(document, score=1.0))
    assert [b.text for b in answer.lead] == [finding]
    assert title in [b.text for b in _all_bullets(answer)]


def test_the_lead_cites_the_strongest_evidence_first() -> None:
    def hit(key: str, kind: EvidenceKind, text: str, score: float) -> Hit:
        document = Document(
            identifier=f"lead:{key}",
            source="lead",
            kind=DocumentKind.ARTICLE,
            title="",
            sections=[Section("TEXT", text)],
            evidence_kind=kind,
            evidence_source=EvidenceSource.SOURCE,
        )
        return hits_of_document(document, score)[0]

    hits = [
        hit("page", EvidenceKind.PATIENT_INFORMATION, "Obesity raises the risk of gout flares 2-fold.", 3.0),
        hit("other1", EvidenceKind.RESEARCH, "Statins lower cholesterol in adults.", 2.0),
        hit("other2", EvidenceKind.RESEARCH, "Vitamin D deficiency is common in winter.", 1.5),
        hit("guideline", EvidenceKind.GUIDELINE, "Heavy alcohol intake raises the risk of gout flares.", 1.0),
    ]
    answer = compose("What are the risk factors for gout flares?", hits)

    assert answer.references[answer.lead[0].citations[0] - 1].label == "Guideline"


def test_a_side_effects_article_lists_only_statements_that_name_a_harm() -> None:
    hits = hits_of_abstracts(
        [
            ("use", "Oral isotretinoin is recommended for the treatment of severe nodular acne."),
            ("harm", "Isotretinoin causes serious birth defects when taken in early pregnancy."),
        ]
    )
    answer = compose("What are the side effects of isotretinoin?", hits)
    assert [b.text for b in _all_bullets(answer)] == [
        "Isotretinoin causes serious birth defects when taken in early pregnancy."
    ]


def test_advice_about_symptoms_is_not_a_clinical_feature() -> None:
    advice = "Follow usual clinical practice to manage symptoms of Lyme disease, for example pain relief."
    worse = "If symptoms of Lyme disease worsen during treatment, assess for an allergic reaction."
    feature = "Lyme disease may begin with flu-like symptoms such as fever, chills and headaches."
    reduce = "Antibiotics and rest can reduce Lyme disease symptoms in most people within weeks."
    question = "What are the symptoms of Lyme disease?"
    statements = [("advice", advice), ("worse", worse), ("reduce", reduce), ("feature", feature)]
    assert _lead_of(question, *statements) == [feature]


def test_risk_reduction_in_numbers_holds_only_statements_with_numbers() -> None:
    question = "How can neural tube defects be prevented?"
    hits = hits_of_abstracts(
        [
            ("cure", "There is no cure for neural tube defects, and treatment may reduce disability."),
            ("folate", "Folic acid before conception reduces neural tube defects by 70%."),
        ]
    )
    answer = compose(question, hits)
    assert [b.text for b in _all_bullets(answer)] == [
        "Folic acid before conception reduces neural tube defects by 70%."
    ]


def test_what_leads_to_the_topic_is_not_one_of_its_complications() -> None:
    cause = "Find out whether you have a condition that can cause heart failure, such as diabetes."
    complication = "Heart failure can lead to kidney damage and liver damage."
    answer = compose(
        "What are the complications of heart failure?",
        hits_of_abstracts([("cause", cause), ("complication", complication)]),
    )
    assert [b.text for b in _all_bullets(answer)] == [complication]


def test_who_funds_research_on_the_topic_is_not_a_statement() -> None:
    funding = "The NINDS supports a broad range of research on neural tube defects such as spina bifida."
    ongoing = "Research is ongoing for new and better treatments for sarcoidosis of the lung."
    question = "What is sarcoidosis?"
    assert compose(question, hits_of_abstracts([("ongoing", ongoing)])).abstained
    question = "How can neural tube defects be prevented?"
    assert compose(question, hits_of_abstracts([("funding", funding)])).abstained


def test_an_effect_question_is_not_answered_by_a_statement_that_only_names_both_terms() -> None:
    question = "Does smoking cause bladder cancer?"
    listing = ("listing", "Age at diagnosis, obesity, smoking, and molecular subtypes in bladder cancer.")
    unknown = (
        "unknown",
        "The effect of smoking on the incidence of secondary bladder cancer remains unknown.",
    )
    link = ("link", "Current cigarette smoking triples bladder cancer risk relative to never smoking.")
    once = ("once", "Smoking was once thought to cause bladder cancer only in heavy smokers.")
    answer = compose(question, hits_of_abstracts([listing, unknown, once, link]))
    assert answer.verdict is not None and (answer.verdict.supporting, answer.verdict.opposing) == (1, 0)
    assert [b.text for b in answer.lead] == [link[1]]


def test_a_statement_keeps_its_place_when_a_footnote_marker_before_it_is_trimmed() -> None:
    text = "Gout is common in men. 3Although colchicine is old, it is a first-line treatment of acute gout."
    answer = compose("What is the treatment of acute gout?", hits_of_abstracts([("footnote", text)]))
    assert [b.text for b in answer.lead] == [
        "Although colchicine is old, it is a first-line treatment of acute gout."
    ]
    assert answer.verification.dropped == 0


def test_an_article_whose_statements_all_fail_verification_abstains(monkeypatch: pytest.MonkeyPatch) -> None:
    def rejecting(bullet: Bullet, passages: object, tally: Tally) -> None:
        tally.checked += 1
        tally.dropped += 1

    # The verifier is strict by design; here it rejects everything, as it would a corrupted library.
    monkeypatch.setattr(importlib.import_module("medoracle.answer.compose"), "verify_bullet", rejecting)
    question = "What is the treatment of acute gout?"
    text = "Colchicine is the first-line treatment of acute gout in most adults."
    answer = compose(question, hits_of_abstracts([("gout", text)]))
    assert answer.abstained and answer.sections == () and answer.lead == ()
    assert answer.verification.dropped == 1 and "could be verified" in (answer.abstain_reason or "")


def test_a_medicine_is_a_cause_only_where_the_statement_says_it_causes() -> None:
    question = "What is the main cause of heartburn?"
    cause = "Pregnancy, certain foods, alcohol, and some medications can bring on heartburn."
    treatment = "If the heartburn continues, you may need prescription medicines or surgery."
    answer = compose(question, hits_of_abstracts([("treatment", treatment), ("cause", cause)]))
    assert [b.text for b in _all_bullets(answer)] == [cause]


def test_an_article_says_when_no_source_speaks_of_the_population_asked_about() -> None:
    question = "How should community-acquired pneumonia in children be treated?"
    adults = "Offer a 5-day course of amoxicillin to adults with low-severity community-acquired pneumonia."
    answer = compose(question, hits_of_abstracts([("adults", adults)]))
    assert answer.unaddressed_populations == ("children",)
    assert "None of the sources found speaks of children specifically" in to_markdown(answer)
    children = "Offer amoxicillin for 5 days to children with community-acquired pneumonia."
    assert compose(question, hits_of_abstracts([("children", children)])).unaddressed_populations == ()


def test_a_statement_naming_no_other_type_speaks_of_the_numbered_type_asked_about() -> None:
    types = ("types", "The two main types of diabetes are type 1 diabetes and type 2 diabetes.")
    complication = ("complication", "Diabetes can lead to kidney failure, blindness and amputations.")
    question = "What are the complications of type 2 diabetes?"
    assert _lead_of(question, types, complication) == [complication[1]]


def test_a_sentence_pointing_back_at_a_list_before_it_does_not_stand_alone() -> None:
    pointer = ("pointer", "Not everyone with appendicitis has all these symptoms of appendicitis.")
    symptom = ("symptom", "Appendicitis usually presents with pain that moves to the right lower abdomen.")
    assert _lead_of("What are the symptoms of appendicitis?", pointer, symptom) == [symptom[1]]
    offer = "Offer women with any one of these risk factors testing for gestational diabetes."
    answer = compose(
        "What are the risk factors for gestational diabetes?", hits_of_abstracts([("offer", offer)])
    )
    assert offer not in [b.text for b in _all_bullets(answer)]


def test_what_the_topic_has_as_a_cause_is_not_what_it_leads_to() -> None:
    assert not is_consequence(
        "Investigators now believe that migraine has a genetic cause.", frozenset({stem("migraine")})
    )


def test_not_safe_for_is_a_harm() -> None:
    statement = (
        "cigars",
        "Spit tobacco, e-cigarettes, and cigars are not safe for anyone who wants to quit.",
    )
    answer = compose("Are e-cigarettes safe?", hits_of_abstracts([statement]))
    assert answer.verdict is not None and (answer.verdict.supporting, answer.verdict.opposing) == (0, 1)


def test_two_drugs_taken_together_are_not_an_interaction() -> None:
    combination = "Empagliflozin in combination with metformin is an option for treating type 2 diabetes."
    interaction = "Metformin interacts with iodinated contrast agents, so stop it before a contrast scan."
    assert assign(QuestionKind.ADVERSE_EFFECTS, combination).key != "interactions"
    assert assign(QuestionKind.ADVERSE_EFFECTS, interaction).key == "interactions"


def test_a_word_both_options_share_does_not_make_a_statement_head_to_head() -> None:
    question = "Is psoriatic arthritis worse than rheumatoid arthritis?"
    one_side = ("one", "Psoriatic arthritis usually occurs between the ages of 30 and 50.")
    both = ("both", "Psoriatic arthritis is milder than rheumatoid arthritis in most patients.")
    assert _lead_of(question, one_side) == []
    assert _lead_of(question, one_side, both) == [both[1]]


def test_conditions_named_as_one_group_or_by_a_shared_generic_word_are_not_weighed() -> None:
    question = "What is the difference between Crohn's disease and ulcerative colitis?"
    group = ("group", "Vedolizumab is used for ulcerative colitis and Crohn's disease in adults.")
    generic = ("generic", "Ulcerative colitis is one common form of inflammatory bowel disease.")
    apart = (
        "apart",
        "Unlike ulcerative colitis, which affects only the colon, Crohn's disease can affect any part of the gut.",
    )
    assert _lead_of(question, group, generic) == []
    assert _lead_of(question, group, generic, apart) == [apart[1]]
    # One option's name inside the other's is not a group: "essential tremor" names both options.
    essential = ("essential", "Essential tremor is a movement disorder that makes the hands shake.")
    tremors = "What is the difference between tremor and essential tremor?"
    assert _lead_of(tremors, essential) == [essential[1]]


def test_a_statement_saying_next_to_nothing_or_recommending_nothing_does_not_lead() -> None:
    question = "How is knee osteoarthritis treated?"
    neither = ("neither", "The group is unable to recommend for or against a brace for knee osteoarthritis.")
    against = ("against", "The group cannot recommend glucosamine for knee osteoarthritis.")
    advice = ("advice", "The group recommends oral or topical NSAIDs for painful knee osteoarthritis.")
    assert _lead_of(question, neither, against, advice)[0] == advice[1]
    assert assign(QuestionKind.TREATMENT, against[1]).key == "efficacy"
    assert assign(QuestionKind.TREATMENT, advice[1]).key == "first_line"
    question = "What are the risk factors for stroke?"
    empty = ("empty", "Having a risk factor for stroke does not mean you will have a stroke.")
    factor = ("factor", "High blood pressure is the main risk factor for stroke.")
    assert _lead_of(question, empty, factor)[0] == factor[1]


def test_a_statement_restricted_to_a_group_the_question_does_not_name_leads_after_general_ones() -> None:
    question = "What is the dose of colchicine for acute gout?"
    dialysis = (
        "dialysis",
        "In haemodialysis patients with acute gout, prescribe 0.5 mg of colchicine after dialysis.",
    )
    general = ("general", "For acute gout, give colchicine 1.2 mg followed by 0.6 mg one hour later.")
    assert _lead_of(question, dialysis, general)[0] == general[1]
    assert _lead_of(f"{question[:-1]} on haemodialysis?", dialysis, general)[0] == dialysis[1]


def test_a_harm_in_a_prevention_article_does_not_lead() -> None:
    question = "How can abdominal aortic aneurysm be prevented?"
    harm = ("harm", "A large abdominal aortic aneurysm can burst and cause dangerous bleeding or even death.")
    measure = ("measure", "Stopping smoking lowers the risk of abdominal aortic aneurysm.")
    assert _lead_of(question, harm) == []
    assert _lead_of(question, harm, measure) == [measure[1]]


def test_a_prognosis_article_counts_whether_the_condition_can_be_cured_as_its_outcome() -> None:
    question = "What is the life expectancy after a diagnosis of heart failure?"
    cure = ("cure", "Currently, heart failure has no cure, but treatment helps people live longer.")
    check = ("check", "Find any damage to your heart failure patients' hearts and check how well they pump.")
    answer = compose(question, hits_of_abstracts([check, cure]))
    assert [b.text for b in answer.lead] == [cure[1]]
    assert [b.text for b in _all_bullets(answer)] == [cure[1]]


def test_a_source_that_names_the_condition_only_by_its_initials_answers() -> None:
    hits = hits_of_abstracts(
        [
            (
                "tn1",
                "TN occurs most often in people over age 50. A blood vessel pressing on the nerve causes TN.",
            )
        ]
    )
    answer = compose("What causes trigeminal neuralgia?", hits)
    assert not answer.abstained
    assert any(
        "blood vessel" in bullet.text
        for bullet in [*answer.lead, *(b for s in answer.sections for b in s.bullets)]
    )


def test_a_statement_saying_the_opposite_of_what_is_asked_votes_no() -> None:
    question = "Is hepatic mesenchymal hamartoma a malignant tumour?"
    benign = ("benign", "Hepatic mesenchymal hamartoma is a rare benign tumour of the liver in children.")
    answer = _answer_of(question, benign)
    assert answer.verdict is not None and (answer.verdict.supporting, answer.verdict.opposing) == (0, 1)


def test_a_trial_that_did_not_prove_an_effect_and_a_debate_on_whether_vote_no_and_nothing() -> None:
    question = "Is bapineuzumab effective for Alzheimer's disease?"
    failed = ("failed", "In phase III trials bapineuzumab did not prove effective in Alzheimer's disease.")
    debated = (
        "debated",
        "There is still much debate on whether bapineuzumab is effective in Alzheimer's disease.",
    )
    answer = _answer_of(question, failed, debated)
    assert answer.verdict is not None and (answer.verdict.supporting, answer.verdict.opposing) == (0, 1)


def test_a_drug_to_be_avoided_in_pregnancy_answers_whether_it_can_be_used_no() -> None:
    question = "Can valproate be used during pregnancy?"
    avoided = ("avoided", "Valproate should be avoided during pregnancy because of its teratogenicity.")
    answer = _answer_of(question, avoided)
    assert answer.verdict is not None and (answer.verdict.supporting, answer.verdict.opposing) == (0, 1)


def test_no_approved_drug_answers_whether_there_is_an_approved_treatment_no() -> None:
    question = "Is there any approved treatment for NAFLD?"
    common = ("common", "Nonalcoholic fatty liver disease (NAFLD) has an increasing prevalence worldwide.")
    none_approved = ("none", "At present, no specific pharmacotherapy is approved for NAFLD.")
    answer = _answer_of(question, common, none_approved)
    assert answer.verdict is not None and (answer.verdict.supporting, answer.verdict.opposing) == (0, 1)


def test_stretching_and_a_new_drug_name_answer_a_treatment_question() -> None:
    stretch = ("stretch", "Leg cramps require stretching the affected muscle for relief.")
    assert _lead_of("How do I stop cramps in my legs?", stretch) == [stretch[1]]
    drug = ("drug", "Apremilast has been approved for the treatment of psoriasis and psoriatic arthritis.")
    assert _lead_of("How can I get rid of my psoriasis?", drug) == [drug[1]]


def test_a_statement_on_another_named_target_casts_no_vote() -> None:
    question = "Is nivolumab (Opdivo) a PD-L1 checkpoint inhibitor?"
    other = (
        "pd1",
        "Nivolumab (Opdivo) was the first PD-1 immune checkpoint inhibitor approved for lung cancer.",
    )
    answer = _answer_of(question, other)
    assert answer.verdict is None or (answer.verdict.supporting, answer.verdict.opposing) == (0, 0)


def test_one_patients_story_does_not_lead() -> None:
    story = (
        "case",
        "A 6-year-old girl with hypothermia was admitted to our hospital after a fall into a river.",
    )
    stages = ("stages", "Hypothermia is staged by core temperature as mild, moderate or severe.")
    assert _lead_of("What are the stages of hypothermia?", story, stages) == [stages[1]]

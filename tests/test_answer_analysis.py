"""Question analysis: kinds, topic, population, red flags and bad input."""

from __future__ import annotations

import pytest

from medoracle.answer import MAX_QUESTION_CHARS, QuestionError, analyze
from medoracle.answer.analysis import comparison_sides, names_drug, populations, stem
from medoracle.answer.followups import follow_ups, heading
from medoracle.answer.text import stems
from medoracle.domain import QuestionKind


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("What are the causes of nocturnal leg cramps?", QuestionKind.CAUSES),
        ("What are the risk factors for gout?", QuestionKind.CAUSES),
        ("How are nocturnal leg cramps treated?", QuestionKind.TREATMENT),
        ("What is the first-line therapy for hypertension in pregnancy?", QuestionKind.TREATMENT),
        ("How is coeliac disease diagnosed?", QuestionKind.DIAGNOSIS),
        ("What is the prognosis of pancreatic cancer?", QuestionKind.PROGNOSIS),
        ("What is the life expectancy after a diagnosis of heart failure?", QuestionKind.PROGNOSIS),
        ("What are the signs and symptoms Tay-Sachs disease?", QuestionKind.DIAGNOSIS),
        ("What are the red flags for back pain?", QuestionKind.DIAGNOSIS),
        ("What are listeriosis symptoms?", QuestionKind.DIAGNOSIS),
        ("How can migraine be prevented?", QuestionKind.PREVENTION),
        ("What is the dose of amoxicillin for otitis media in children?", QuestionKind.DOSING),
        ("How much paracetamol can I take in a day?", QuestionKind.DOSING),
        ("What are the side effects of metformin?", QuestionKind.ADVERSE_EFFECTS),
        ("What adverse effects do statins cause?", QuestionKind.ADVERSE_EFFECTS),
        ("What drugs interact with warfarin?", QuestionKind.ADVERSE_EFFECTS),
        ('when is gardasil "contra indicated?"', QuestionKind.ADVERSE_EFFECTS),
        ("fluoxetine what mgs are available", QuestionKind.DOSING),
        ("How does a person get meningitis?", QuestionKind.CAUSES),
        ("what is a daily amount of prednisolone eye drops to take", QuestionKind.DOSING),
        ("What happens if Raynaud's goes untreated?", QuestionKind.PROGNOSIS),
        ("What is restless legs syndrome?", QuestionKind.DEFINITION),
        ("Apixaban versus warfarin for atrial fibrillation", QuestionKind.COMPARISON),
        ("Is ibuprofen better than paracetamol for back pain?", QuestionKind.COMPARISON),
        ("How does apixaban compare with warfarin?", QuestionKind.COMPARISON),
        ("Which is safer in pregnancy, labetalol or nifedipine?", QuestionKind.COMPARISON),
        ("Do statins reduce the risk of dementia?", QuestionKind.YES_NO),
        ("Is vitamin D deficiency linked to depression?", QuestionKind.YES_NO),
        ("Hospital visiting hours for the cardiology ward", QuestionKind.OTHER),
        ("What is vomiting a symptom of?", QuestionKind.CAUSES),
        ("What does pain in the jaw indicate?", QuestionKind.CAUSES),
        ("What is the first thing to do for a pulmonary embolism?", QuestionKind.TREATMENT),
        ("How often should you use a Dulera inhaler?", QuestionKind.DOSING),
        ("How to give Toradol IM?", QuestionKind.DOSING),
        ("Is seasonal depression the same as SAD?", QuestionKind.COMPARISON),
        ("What is the fastest way to get rid of molluscum contagiosum?", QuestionKind.TREATMENT),
        ("Should I be worried if my period is irregular?", QuestionKind.OTHER),
        ("What is the best cream for contact dermatitis?", QuestionKind.TREATMENT),
        ("How do I get rid of my stretch marks?", QuestionKind.TREATMENT),
        ("How do you fix dry eyes?", QuestionKind.TREATMENT),
        ("How do you know if you have herpetic whitlow?", QuestionKind.DIAGNOSIS),
        ("Are there any warning signs of a brain aneurysm?", QuestionKind.DIAGNOSIS),
        ("How can I reduce heavy periods?", QuestionKind.TREATMENT),
        ("How does a child get neuroblastoma?", QuestionKind.CAUSES),
        ("How are burns different from scalds?", QuestionKind.COMPARISON),
        ("What helps tinnitus go away?", QuestionKind.TREATMENT),
        ("How do I get my acne away?", QuestionKind.TREATMENT),
    ],
)
def test_each_question_kind_is_recognised(question: str, kind: QuestionKind) -> None:
    assert analyze(question).kind is kind


def test_topic_drops_the_question_frame() -> None:
    analysis = analyze("What are the causes of nocturnal leg cramps?")
    assert analysis.topic == "nocturnal leg cramps"
    assert analysis.concepts == ("nocturnal", "leg", "cramps")


def test_population_qualifiers_are_found() -> None:
    analysis = analyze(
        "Which antibiotics are safe in pregnancy for children or elderly people with kidney disease?"
    )
    assert set(analysis.population) >= {"pregnancy", "children", "older adults", "renal impairment"}


@pytest.mark.parametrize(
    ("text", "older"),
    [
        ("Should statins be used in people over 75?", True),
        ("adults aged 75 years and older", True),
        ("adults aged 40 to 75 years", False),
        ("over 70% of patients", False),
        ("doses over 80 mg", False),
    ],
)
def test_an_age_over_65_names_older_adults_but_a_share_or_a_dose_does_not(text: str, older: bool) -> None:
    assert ("older adults" in populations(text)) is older


@pytest.mark.parametrize(
    ("question", "flag"),
    [
        ("I have crushing chest pain going down my left arm", "chest pain"),
        ("My father's face is drooping and he has slurred speech", "stroke signs"),
        ("I want to kill myself, what should I do", "suicidal intent"),
        ("My throat is swelling after a bee sting, is it anaphylaxis?", "anaphylaxis"),
        ("Heavy bleeding that won't stop after a cut", "severe bleeding"),
    ],
)
def test_red_flags_are_detected(question: str, flag: str) -> None:
    assert flag in analyze(question).red_flags


def test_an_ordinary_question_has_no_red_flag() -> None:
    assert analyze("What causes leg cramps at night?").red_flags == ()


@pytest.mark.parametrize("question", ["", "   \n\t "])
def test_an_empty_question_is_refused(question: str) -> None:
    with pytest.raises(QuestionError, match="empty"):
        analyze(question)


def test_a_10000_character_question_is_refused_naming_the_limit() -> None:
    with pytest.raises(QuestionError, match=f"{MAX_QUESTION_CHARS:,}"):
        analyze("why " * 2_500)


def test_a_question_of_stop_words_only_is_refused() -> None:
    with pytest.raises(QuestionError, match="no content words"):
        analyze("What is it?")


def test_topic_keeps_its_inner_words_and_drops_frame_verbs() -> None:
    assert analyze("How is hypertension treated in pregnancy?").topic == "hypertension in pregnancy"
    assert analyze("What is the genetic basis of the Delayed Sleep-Phase Syndrome (DSPS)?").topic == (
        "genetic basis of the Delayed Sleep-Phase Syndrome (DSPS)"
    )


def test_consequences_are_frame_like_complications() -> None:
    assert analyze("What are the consequences of untreated hypertension?").topic == "hypertension"


def test_playing_a_role_and_acting_as_are_frame_but_playing_sports_is_not() -> None:
    assert analyze("Does TGF-beta play a role in cardiac regeneration?").concepts == (
        "tgfbeta",
        "cardiac",
        "regeneration",
    )
    assert analyze("Can valproic acid act as an activator of AMPK?").concepts == (
        "valproic",
        "acid",
        "activator",
        "ampk",
    )
    assert "play" in analyze("Can kids play sports with asthma?").concepts


def test_suffering_from_is_frame_and_how_do_u_know_asks_for_the_diagnosis() -> None:
    assert analyze("Why do people suffer from post natal depression?").topic == "post natal depression"
    asked = analyze("How do u know if you have whooping cough?")
    assert (asked.kind, asked.topic) == (QuestionKind.DIAGNOSIS, "whooping cough")


def test_a_frame_verb_takes_its_auxiliary_with_it() -> None:
    # The topic is quoted when the library has nothing on it: "antidepressants are during breastfeeding".
    assert analyze("Which antidepressants are safe during breastfeeding?").topic == (
        "antidepressants during breastfeeding"
    )
    assert analyze("Which antibiotic is used for otitis externa?").topic == "antibiotic for otitis externa"


def test_a_yes_no_question_on_a_cure_keeps_the_cure_as_its_last_term() -> None:
    asked = analyze("Can otitis media be cured?")
    assert (asked.topic, asked.concepts) == ("otitis media", ("otitis", "media", "cured"))
    assert follow_ups(asked)[0] == "What causes otitis media?"


def test_a_hepatitis_is_named_by_its_letter() -> None:
    assert analyze("How serious is hepatitis A?").concepts == ("hepatitisa",)
    assert stem("hepatitisa") in stems("Hepatitis A is spread by food.")
    assert stem("hepatitisa") not in stems("Hepatitis C is spread by blood.")


def test_q_fever_is_one_term_not_any_fever() -> None:
    assert analyze("What happens if you have Q fever?").concepts == ("qfever",)


def test_a_vitamin_is_named_by_its_letter() -> None:
    assert analyze("Does vitamin D prevent fractures?").concepts == ("vitamind", "fractures")
    assert analyze("Why is vitamin A important?").concepts[0] == "vitamina"
    assert analyze("What does vitamin A prevent?").topic == "vitamin A"
    assert stem("vitamind") in stems("Vitamin D deficiency is common.")
    assert stem("vitamind") not in stems("Vitamin C deficiency causes scurvy.")


def test_conversational_filler_is_not_a_concept() -> None:
    assert analyze("Can a ganglion cyst go away on its own?").concepts == ("ganglion", "cyst", "away")
    assert analyze("What helps tinnitus go away?").concepts == ("tinnitus",)
    assert analyze("What does rheumatic fever rash look like?").concepts == ("rheumatic", "fever", "rash")
    assert analyze("What triggers acute cholecystitis?").topic == "acute cholecystitis"
    assert analyze("How do u get anal cancer?").topic == "anal cancer"
    assert analyze("Is Tylenol safe in pregnancy?").topic == "Tylenol in pregnancy"


def test_british_and_american_spellings_are_one_term() -> None:
    assert stem("hypoglycaemia") in stems("Hypoglycemia in newborns is common.")
    assert stem("tumor") in stems("The tumour shrank.")


def test_non_before_a_word_is_one_term_as_when_hyphenated() -> None:
    assert analyze("What causes fatty liver disease in non alcoholics?").concepts[-1] == "nonalcoholics"
    assert stem("nonalcoholics") in stems("Non-alcoholic fatty liver disease is common.")


def test_a_topic_keeps_a_names_capital_but_not_the_questions() -> None:
    assert analyze("What is Marfan syndrome?").topic == "Marfan syndrome"
    assert analyze("Nocturnal leg cramps at night?").topic == "nocturnal leg cramps at night"


def test_a_contraction_is_not_part_of_the_topic() -> None:
    assert analyze("What's the treatment for gout?").topic == "gout"


def test_a_drugs_salt_and_quotes_are_not_part_of_the_topic() -> None:
    assert analyze("amlodipine besylate what are the side effects").concepts == ("amlodipine",)
    assert analyze('What is the dose of "metformin hydrochloride"?').topic == "metformin"
    assert analyze("What causes low calcium?").concepts == ("low", "calcium")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What are the symptoms of meningitis?", "Symptoms and Signs of Meningitis"),
        ("How is meningitis diagnosed?", "Diagnosis of Meningitis"),
        ("What are the side effects of metformin?", "Side Effects of Metformin"),
        ("What are the interactions of metformin?", "Interactions: Metformin"),
        ('When is gardasil "contra indicated?"', "Contraindications: Gardasil"),
        ("What does vitamin a prevent?", "Prevention of Vitamin A"),
    ],
)
def test_a_question_on_one_section_is_headed_by_it(question: str, expected: str) -> None:
    assert heading(analyze(question)) == expected


def test_a_numbered_type_is_part_of_the_topic_but_types_of_is_frame() -> None:
    assert analyze("How can type 2 diabetes be prevented?").topic == "type 2 diabetes"
    assert analyze("What causes type II collagen disorders?").topic == "type II collagen disorders"
    assert analyze("What are the types of diabetes?").topic == "diabetes"


def test_follow_ups_of_a_long_narrative_question_use_its_opening_terms() -> None:
    analysis = analyze("I have crushing chest pain radiating to my left arm, what should I do?")
    assert follow_ups(analysis) == (
        "What is crushing chest pain?",
        "What causes crushing chest pain?",
        "How is crushing chest pain treated?",
    )


@pytest.mark.parametrize(
    ("question", "follow_up"),
    [
        # its terms strung together ("antibiotics given acute") name nothing; the condition does
        ("When should antibiotics be given for acute otitis media?", "What is acute otitis media?"),
        ("How long should anticoagulation continue after a first unprovoked DVT?", "What is unprovoked DVT?"),
        (
            "What are the risk factors for venous thromboembolism in patients with cancer receiving chemotherapy?",
            "How is venous thromboembolism diagnosed?",
        ),
        (
            "Is aspirin effective for primary prevention of cardiovascular disease?",
            "What is the dose of aspirin?",
        ),
        ("Can a tooth abscess go away on its own?", "What causes tooth abscess?"),
        ("What are the 3 major criteria of toxic shock syndrome?", "What causes toxic shock syndrome?"),
    ],
)
def test_follow_ups_of_a_long_topic_name_one_thing_in_it(question: str, follow_up: str) -> None:
    assert follow_up in follow_ups(analyze(question))


@pytest.mark.parametrize(
    "question",
    [
        "i need to know how to use this medication ultibro",  # not "What is need?"
        "What deficiency causes tingling in hands and feet?",  # not "How is deficiency causes tingling diagnosed?"
    ],
)
def test_a_long_topic_naming_no_one_thing_gets_no_follow_ups(question: str) -> None:
    assert follow_ups(analyze(question)) == ()


@pytest.mark.parametrize(
    ("question", "first_follow_up"),
    [
        ("What is amlodipine?", "What are the side effects of amlodipine?"),
        ("What is Lipitor?", "What are the side effects of Lipitor?"),
        ("What is morphine?", "What are the side effects of morphine?"),
        ("What is oxycodone?", "What are the side effects of oxycodone?"),
        ("What are beta blockers?", "What are the side effects of beta blockers?"),
        ("What is the Orco protein?", "What is the function of Orco protein?"),
        ("What is Marfan syndrome?", "What causes Marfan syndrome?"),
    ],
)
def test_a_drug_or_a_molecule_gets_follow_ups_of_its_own(question: str, first_follow_up: str) -> None:
    assert follow_ups(analyze(question))[0] == first_follow_up


def test_follow_ups_name_the_population_once_in_any_wording() -> None:
    asked = analyze("Can I take ibuprofen while pregnant?")
    assert (asked.topic, asked.concepts) == ("ibuprofen while pregnant", ("ibuprofen", "pregnant"))
    assert follow_ups(asked)[0] == "What is the evidence on ibuprofen while pregnant?"
    assert follow_ups(analyze("How is asthma treated in pregnancy?"))[0].endswith("asthma in pregnancy?")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What causes gestational diabetes?", "How is gestational diabetes diagnosed?"),
        ("What causes kidney stones?", "How are kidney stones diagnosed?"),
        ("What causes hypoglycaemia in newborns?", "How is hypoglycaemia in newborns diagnosed?"),
    ],
)
def test_follow_up_questions_agree_in_number_with_their_topic(question: str, expected: str) -> None:
    assert expected in follow_ups(analyze(question))


@pytest.mark.parametrize(
    ("question", "first", "second"),
    [
        ("Is ibuprofen better than paracetamol for fever in children?", "ibuprofen", "paracetamol"),
        ("What is the difference between Daptacel and Pentacel?", "Daptacel", "Pentacel"),
        ("Which is safer in pregnancy, labetalol or nifedipine?", "labetalol", "nifedipine"),
        ("Is surgery or radiotherapy better for prostate cancer?", "surgery", "radiotherapy"),
    ],
)
def test_a_comparison_names_its_two_options(question: str, first: str, second: str) -> None:
    sides = comparison_sides(analyze(question))
    assert sides is not None and (sides["first"], sides["second"]) == (first, second)


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("How long do hiccups usually last?", "hiccups"),
        ("What is the major cause of glomerulonephritis?", "glomerulonephritis"),
        ("What is major depression?", "major depression"),
        ("What can suddenly cause low blood pressure?", "low blood pressure"),
        ("What tests are used to diagnose heart failure?", "heart failure"),
        ("How much aspirin should I take for preeclampsia prevention?", "aspirin for preeclampsia"),
        ("What is a person with no skin pigment called?", "no skin pigment"),
        ("What are the 9 symptoms of OCD?", "OCD"),
        ("What are 3 types of strokes?", "strokes"),
        ("What is the first thing to do for a pulmonary embolism?", "pulmonary embolism"),
        (
            "What is the dosage of levofloxacin tablets for bronchitis please",
            "levofloxacin tablets for bronchitis",
        ),
        ("What is the life expectancy of a person with mesothelioma?", "mesothelioma"),
        ("What are the 3 stages of hypothermia?", "hypothermia"),
        ("What is stage 3 breast cancer?", "stage 3 breast cancer"),
        ("What is the best cure for cellulitis?", "cellulitis"),
        ("How serious is pelvic organ prolapse?", "pelvic organ prolapse"),
        ("What is the most common reason for knee pain?", "knee pain"),
        ("How do I know if I've got pleurisy?", "pleurisy"),
        ("What is the fastest way to get rid of molluscum contagiosum?", "molluscum contagiosum"),
        ("What happens if Dupuytren's contracture is left untreated?", "Dupuytren's contracture"),
        ("How serious is hepatitis A?", "hepatitis A"),
        ("What are the warning signs of atrial fibrillation?", "atrial fibrillation"),
        ("What does the first signs of shingles look like?", "shingles"),
        ("Why am I having bleeding between periods?", "bleeding between periods"),
        ("What is the best cream for contact dermatitis?", "contact dermatitis"),
        ("What is first-line treatment for asthma?", "asthma"),
        ("How can falls be prevented in older adults?", "falls in older adults"),
        ("What is the life expectancy of someone with tuberous sclerosis?", "tuberous sclerosis"),
        ("What are some causes of chronic kidney disease?", "chronic kidney disease"),
        ("What are 3 warning signs of schizophrenia?", "schizophrenia"),
        ("What muscle stiffness feels like?", "muscle stiffness"),
        ("How can I reduce heavy periods?", "heavy periods"),
        ("How does a child get neuroblastoma?", "neuroblastoma"),
        ("How do you get a MRSA infection?", "MRSA infection"),
    ],
)
def test_consumers_wording_around_the_topic_is_frame(question: str, topic: str) -> None:
    assert analyze(question).topic == topic


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "Is Cushing syndrome serious?",
            (
                "What causes Cushing syndrome?",
                "How is Cushing syndrome treated?",
                "What is the prognosis of Cushing syndrome?",
            ),
        ),
        ("Does Gilbert's syndrome affect life expectancy?", ("What causes Gilbert's syndrome?",)),
        ("Can you fully recover from a subdural hematoma?", ("What causes subdural hematoma?",)),
        ("Can retinal detachment be cured?", ("What causes retinal detachment?",)),
        ("Is it normal to have a weak ejaculation?", ("What causes weak ejaculation?",)),
        ("Is hepatitis A contagious?", ("What causes hepatitis A?",)),
        ("Is vitamin D a hormone?", ("What are the side effects of vitamin D?",)),
        ("Do statins cause dementia?", ("What is the evidence on statins and dementia?",)),
        ("Is metformin safe in pregnancy?", ("What is the evidence on metformin in pregnancy?",)),
        (
            "Should statins be used in people over 75?",
            ("What are the side effects of statins in older adults?", "What is the dose of statins?"),
        ),
    ],
)
def test_a_yes_no_question_follows_up_on_its_subject_not_on_what_it_asks_of_it(
    question: str, expected: tuple[str, ...]
) -> None:
    assert follow_ups(analyze(question))[: len(expected)] == expected


def test_a_dosing_question_follows_up_on_the_drug_alone() -> None:
    asked = analyze("What is the dosage of levofloxacin tablets for bronchitis please?")
    assert follow_ups(asked) == (
        "What are the side effects of levofloxacin?",
        "What interacts with levofloxacin?",
        "Does the dose of levofloxacin change in kidney disease?",
    )


def test_two_conditions_compared_get_follow_ups_on_each_and_options_on_their_harms() -> None:
    assert follow_ups(analyze("Is TMJ the same as TMD?")) == (
        "What is TMJ?",
        "What is TMD?",
        "How is TMJ diagnosed?",
    )
    options = analyze("Is ibuprofen better than paracetamol for fever in children?")
    assert follow_ups(options)[2] == "Who should not take ibuprofen?"
    assert heading(options) == "Comparison: Ibuprofen vs Paracetamol for Fever in Children"


def test_a_hyphenated_word_is_one_term_but_a_hyphenated_phrase_is_its_words() -> None:
    assert analyze("What is multi-drug resistant TB?").concepts == ("multidrug", "resistant", "tb")
    assert analyze("How long is hand-foot-and-mouth contagious?").concepts[:3] == ("hand", "foot", "mouth")


def test_low_dose_names_a_drug_not_a_dosing_question() -> None:
    analysis = analyze("Can low-dose aspirin prevent preeclampsia?")
    assert analysis.kind is QuestionKind.YES_NO
    assert analyze("What is the dose of aspirin for preeclampsia?").kind is QuestionKind.DOSING


def test_a_question_on_complications_is_on_the_prognosis_and_headed_by_them() -> None:
    analysis = analyze("What are the complications of diabetes?")
    assert (analysis.kind, analysis.topic) == (QuestionKind.PROGNOSIS, "diabetes")
    assert heading(analysis) == "Complications of Diabetes"


def test_a_yes_no_question_on_whether_something_helps_follows_up_on_each_side() -> None:
    assert follow_ups(analyze("Do antibiotics help acute bronchitis?")) == (
        "What is the evidence on antibiotics and acute bronchitis?",
        "What are the harms of antibiotics?",
        "What causes acute bronchitis?",
    )


def test_a_drug_is_told_by_its_names_ending_but_not_an_english_word_with_that_ending() -> None:
    assert all(
        names_drug(word) for word in ("enalapril", "etanercept", "albuterol", "ivermectin", "oxycodone")
    )
    assert not any(names_drug(word) for word in ("April", "concept", "cholesterol", "information"))
    assert all(names_drug(word) for word in ("aspirin", "insulin", "cyclophosphamide", "tacrolimus"))


def test_a_question_is_not_its_own_follow_up() -> None:
    question = "What is the first-line treatment for type 2 diabetes?"
    suggested = follow_ups(analyze(question))
    assert suggested and question not in suggested


def test_a_question_whose_topic_is_a_clause_gets_no_follow_ups() -> None:
    assert follow_ups(analyze("What color is 30mg prednisone?")) == ()
    assert follow_ups(analyze("how does vitamin d help our bodies")) == ()
    assert follow_ups(analyze("blood pressure when on eliquis metoprolol")) == ()
    # not "What are the side effects of fluoxetine what mgs?"
    assert follow_ups(analyze("fluoxetine what mgs are available")) == ()
    assert follow_ups(analyze("what are the side effects and long term consequences of using nicotine")) == ()
    assert analyze("How much urine does an average human bladder hold?").kind is QuestionKind.OTHER


def test_an_interaction_question_is_on_adverse_effects_and_follows_up_on_the_first_drug() -> None:
    asked = analyze("Are there any drug-drug interactions between Gabapentin and hydrocodone?")
    assert (asked.kind, asked.topic) == (QuestionKind.ADVERSE_EFFECTS, "Gabapentin and hydrocodone")
    assert heading(asked) == "Interactions: Gabapentin and Hydrocodone"
    assert follow_ups(asked)[0] == "What is the dose of Gabapentin?"
    assert analyze("How much paracetamol can I take in a day?").topic == "paracetamol"


def test_how_research_questions_ask_is_not_part_of_their_concepts() -> None:
    assert analyze("What is the scope of the OMIA database?").concepts == ("omia", "database")
    assert analyze("What is the link between TADs and GRBs?").concepts == ("tads", "grbs")
    assert analyze("What is the principle of the PAR-CLIP methodology?").concepts == ("parclip",)
    assert analyze("Which is the major function of sororin?").concepts == ("sororin",)
    assert analyze("What is the indication of CPX-351?").concepts == ("cpx351",)
    assert analyze("Has intepirdine been evaluated in clinical trials? (November 2017)").concepts == (
        "intepirdine",
        "clinical",
        "trials",
    )


def test_a_greek_letter_is_read_as_its_name() -> None:
    assert stems("TNF-α and NF-κB") == stems("TNF-alpha and NF-kappaB")
    assert stems("TGF-β") != stems("TGF")


def test_accents_do_not_tell_words_apart_and_trademarks_do_not_join_them() -> None:
    assert stems("Guillain-Barré syndrome in Sjögren's") == stems("Guillain-Barre syndrome in Sjogren's")
    assert stems("Yescarta™") == stems("Yescarta")

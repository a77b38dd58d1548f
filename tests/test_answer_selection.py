"""Sentence selection: what stands alone, what is boilerplate, how sentences are trimmed and merged."""

from __future__ import annotations

from answer_fixtures import hits_of_abstracts, hits_of_document
from medoracle.answer import analyze
from medoracle.answer import text as features
from medoracle.answer.selection import candidates, merge, trim
from medoracle.domain import Document, DocumentKind, Hit, Section

QUESTION = "What causes gout flares?"


def _hits_of(*texts: str) -> list[Hit]:
    return hits_of_abstracts([(f"sel{number}", text) for number, text in enumerate(texts)])


def _texts(text: str, question: str = QUESTION) -> list[str]:
    """The statements selected from one abstract for a question."""
    return [c.text for c in candidates(analyze(question), _hits_of(text), 0.5)]


def test_sentences_that_lean_on_an_antecedent_are_dropped() -> None:
    kept = _texts(
        "Gout flares follow rises in serum urate. This explains why gout flares cluster after feasts. "
        "However, gout flares also occur at normal urate. These gout flares were painful. "
        "In these cases, apply the principles for gout flares. "
        "Are associated with a painful mass, refer gout flares to a rheumatologist. "
        "Mutations in these genes cause early gout flares."
    )
    assert kept == ["Gout flares follow rises in serum urate."]


def test_sentences_that_draw_on_the_one_before_are_dropped() -> None:
    kept = _texts(
        "Gout flares follow rises in serum urate. As such, lowering urate prevents gout flares. "
        "As a result, gout flares recur after feasts. Nevertheless, gout flares also occur at normal urate. "
        "For this reason, gout flares are treated early. In this setting, gout flares last a week. "
        "As such gout flares are common, they are costly."
    )
    assert kept == [
        "Gout flares follow rises in serum urate.",
        "As such gout flares are common, they are costly.",
    ]


def test_guideline_scope_notes_and_pointers_are_dropped() -> None:
    kept = _texts(
        "Note: This guideline does not cover the management of gout flares in children. "
        "To find out why the committee made the recommendations on gout flares, see rationale and impact. "
        "More on gout flares can be read through the following web links: https://example.org/gout. "
        "See NICE's guideline on neutropenic sepsis for people with gout flares in cancer. "
        "See your doctor if gout flares come back. "
        "Watch the video to hear a man discuss living with gout flares. "
        "Watch for signs of infection around joints with gout flares. "
        "Offer colchicine within 24 hours of the onset of gout flares."
    )
    assert sorted(kept) == [
        "Offer colchicine within 24 hours of the onset of gout flares.",
        "See your doctor if gout flares come back.",
        "Watch for signs of infection around joints with gout flares.",
    ]


def test_a_footnote_number_after_the_full_stop_is_trimmed_but_a_decimal_is_not() -> None:
    kept = _texts(
        "In half of people with gout flares, a family member also has gout flares.1\n\n"
        "A person's mean serum urate during gout flares was 8.1"
    )
    assert sorted(kept) == [
        "A person's mean serum urate during gout flares was 8.1",
        "In half of people with gout flares, a family member also has gout flares.",
    ]


def test_what_a_text_presents_is_dropped_but_what_it_asks_of_the_reader_stays() -> None:
    kept = _texts(
        "Ways to prevent gout flares have been listed based on previous reports. "
        "The evidence on diet and gout flares is reviewed. Medical records of gout flares were reviewed. "
        "Colchicine doses for gout flares should be reviewed by a pharmacist. "
        "Gout flares follow a burst of urate crystals that is highlighted by joint swelling."
    )
    assert sorted(kept) == [
        "Colchicine doses for gout flares should be reviewed by a pharmacist.",
        "Gout flares follow a burst of urate crystals that is highlighted by joint swelling.",
    ]


def test_a_sentence_cut_off_before_its_list_is_dropped() -> None:
    kept = _texts(
        "Gout flares have several common causes, including\n- Alcohol intake often triggers gout flares."
    )
    assert kept == ["Alcohol intake often triggers gout flares."]


def test_a_list_item_without_a_full_stop_is_read_only_with_the_line_that_introduces_it() -> None:
    text = (
        "Gout flares can cause:\n- Damage to the joints from gout flares coming back over many years\n"
        "- Kidney stones\nAlcohol often triggers gout flares in older men."
    )
    kept = _texts(text)
    assert "Damage to the joints from gout flares coming back over many years" not in kept
    assert kept[0].startswith("Gout flares can cause: damage to the joints from gout flares")
    assert "Alcohol often triggers gout flares in older men." in kept


def test_a_structured_abstracts_methods_label_drops_its_sentence_and_other_labels_are_trimmed() -> None:
    kept = _texts(
        "STUDY SELECTION Randomised trials that compared colchicine for gout flares with placebo. "
        "CONCLUSION(S) Colchicine shortens gout flares by two days. "
        "B: Patients with gout flares are encouraged to drink less alcohol. "
        "3Although rare, gout flares follow thiazide diuretics. "
        "Subjects were permitted to take paracetamol during gout flares. "
        "The search terms were gout flares, colchicine and allopurinol. "
        "3Disease Browser is a web server that maps gout flares to genes. "
        "RECOMMENDATIONS Gout flares should be treated within a day. "
        "Conclusions In older men, gout flares last longer. "
        "Recommendation 27: Gout flares call for colchicine. "
        "(Grade: strong recommendation) Gout flares respond to low doses."
    )
    assert sorted(kept) == [
        "3Disease Browser is a web server that maps gout flares to genes.",
        "Although rare, gout flares follow thiazide diuretics.",
        "Colchicine shortens gout flares by two days.",
        "Gout flares call for colchicine.",
        "Gout flares respond to low doses.",
        "Gout flares should be treated within a day.",
        "In older men, gout flares last longer.",
        "Patients with gout flares are encouraged to drink less alcohol.",
    ]


def test_a_pointer_to_supplementary_material_is_dropped_but_supplementation_is_a_statement() -> None:
    kept = _texts(
        "Rates of gout flares per arm are given in the supplementary appendix. "
        "Vitamin C supplementation lowered the rate of gout flares in two trials."
    )
    assert kept == ["Vitamin C supplementation lowered the rate of gout flares in two trials."]


def test_a_guidelines_scope_fields_and_pointers_to_elsewhere_are_not_statements() -> None:
    guideline = Document(
        identifier="answertest:scope",
        source="answertest",
        kind=DocumentKind.GUIDELINE,
        title="Gout flares in adults",
        sections=[
            Section("TARGET POPULATION", "Adults with gout flares who are treated in primary care settings"),
            Section("INTERVENTIONS", "Colchicine for gout flares, NSAIDs for gout flares, corticosteroids."),
            Section(
                "MAJOR RECOMMENDATIONS",
                "See Appendix VI in the guideline on gout flares for the quality of each study. "
                "Get more details about tests for gout flares. "
                "To prevent gout flares the following should be considered. "
                "Offer an NSAID or colchicine as first-line treatment for gout flares.",
            ),
        ],
    )
    found = candidates(analyze(QUESTION), hits_of_document(guideline, score=1.0), 0.5)
    assert [c.text for c in found] == [
        "Offer an NSAID or colchicine as first-line treatment for gout flares."
    ]


def test_what_a_study_did_to_its_subjects_and_a_guidelines_notes_are_not_statements() -> None:
    kept = _texts(
        "After a diary of gout flares, each subject underwent ultrasonography of the feet. "
        "Note from the college: the original guideline document covers gout flares in detail. "
        "The result is gout flares in the big toe at night. "
        "Outcome measures included gout flares, pain and uric acid. "
        "And early treatment can shorten gout flares in most people. "
        "The Human Phenotype Ontology provides the following list of signs of gout flares. "
        "For more information on gout flares, please click here. "
        "Alcohol intake often triggers gout flares in older men."
    )
    assert kept == ["Alcohol intake often triggers gout flares in older men."]


def test_aims_and_methods_boilerplate_are_dropped() -> None:
    kept = _texts(
        "We aimed to study gout flares in a cohort. To evaluate gout flares we used a diary. "
        "Gout flares were recorded by 120 patients who gave informed consent. "
        "A gout flare was defined as a painful swollen joint treated by a doctor. "
        "Alcohol intake doubled the risk of gout flares (OR 2.1, 95% CI 1.4-3.2)."
    )
    assert kept == ["Alcohol intake doubled the risk of gout flares (OR 2.1, 95% CI 1.4-3.2)."]


def test_lead_ins_are_trimmed_without_changing_the_statement() -> None:
    text = "In conclusion, diuretics trigger gout flares."
    assert text[slice(*trim(text, 0, len(text)))] == "diuretics trigger gout flares."
    text = "We found that dehydration precedes gout flares."
    assert text[slice(*trim(text, 0, len(text)))] == "dehydration precedes gout flares."
    text = "Gout is common. Importantly, diuretics trigger flares."
    assert text[slice(*trim(text, 16, len(text)))] == "diuretics trigger flares."
    text = "CONCLUSIONS Diuretics trigger flares."
    assert text[slice(*trim(text, 0, len(text)))] == "Diuretics trigger flares."


def test_a_sentence_wholly_in_brackets_loses_them_and_only_then() -> None:
    text = "(High levels of uric acid in the blood can lead to gout.)"
    assert text[slice(*trim(text, 0, len(text)))] == "High levels of uric acid in the blood can lead to gout."
    for kept in ("(see above) and (below)", "Gout (a form of arthritis) hurts."):
        assert kept[slice(*trim(kept, 0, len(kept)))] == kept


def test_a_long_tail_is_cut_only_when_it_holds_no_number_or_negation() -> None:
    head = "Loop and thiazide diuretics raise serum urate and are a frequent trigger of gout flares in older adults"
    plain = f"{head}; the effect is seen across many settings and in many kinds of clinics and wards around the whole world today."
    assert plain[slice(*trim(plain, 0, len(plain)))] == head
    negated = f"{head}; the effect is not seen in people who also take allopurinol every single day as their regular daily dose."
    assert negated[slice(*trim(negated, 0, len(negated)))] == negated


def test_near_identical_statements_merge_but_different_numbers_do_not() -> None:
    found = candidates(
        analyze(QUESTION),
        _hits_of(
            "Alcohol intake doubled the risk of gout flares (OR 2.1).",
            "Alcohol intake doubled the risk of recurrent gout flares (OR 2.1).",
            "Alcohol intake doubled the risk of gout flares (OR 2.4).",
        ),
        0.5,
    )
    merged = merge(found)
    assert len(merged) == 2
    twin = next(c for c in merged if c.also)
    merged_ids = {twin.hit.document.identifier, twin.also[0].hit.document.identifier}
    assert merged_ids == {"answertest:sel0", "answertest:sel1"}


def test_a_statement_naming_only_a_generic_term_is_not_selected() -> None:
    found = _texts(
        "Genetic testing is widely used in oncology clinics. Progeria is caused by LMNA mutations.",
        "What is the genetic basis of progeria?",
    )
    assert found == ["Progeria is caused by LMNA mutations."]


def test_a_short_line_without_a_full_stop_is_not_a_statement() -> None:
    found = _texts(
        "Antipyretic interventions (paracetamol or ibuprofen)\n"
        "Consider using either paracetamol or ibuprofen in children with fever who appear distressed.\n"
        "Paracetamol and ibuprofen reduce fever in children equally, in a snippet cut before its end",
        "Is ibuprofen better than paracetamol for fever in children?",
    )
    assert found == [
        "Consider using either paracetamol or ibuprofen in children with fever who appear distressed.",
        "Paracetamol and ibuprofen reduce fever in children equally, in a snippet cut before its end",
    ]


def test_a_statement_on_another_numbered_type_is_not_selected() -> None:
    found = _texts(
        "Currently there is no way to prevent type 1 diabetes. "
        "Weight loss and exercise prevent type II diabetes in people with prediabetes. "
        "Diabetes prevention programmes lower the risk of diabetes by half.",
        "How can type 2 diabetes be prevented?",
    )
    assert found == [
        "Weight loss and exercise prevent type II diabetes in people with prediabetes.",
        "Diabetes prevention programmes lower the risk of diabetes by half.",
    ]


def test_a_table_row_read_as_one_line_is_not_a_statement() -> None:
    assert _texts("Gout flares | Colchicine 500 micrograms | Review after 48 hours of gout flares.") == []


def test_a_title_case_line_without_a_full_stop_is_a_heading_not_a_statement() -> None:
    found = _texts(
        "PDM: Fruits and Vegetables and Prevention of Type 2 Diabetes\n"
        "Referral to a diabetes prevention programme for adults at high risk of type 2 diabetes",
        "How can type 2 diabetes be prevented?",
    )
    assert found == ["Referral to a diabetes prevention programme for adults at high risk of type 2 diabetes"]


def test_a_footnote_marker_run_into_a_word_is_not_a_number() -> None:
    assert features.numbers("23Although metformin is widely used, 5 of 100 patients stop it.") == ["5", "100"]
    assert features.numbers("1.5Although") == []


def test_a_sentence_naming_the_subject_by_its_bracketed_short_form_is_selected() -> None:
    kept = _texts(
        "Here, we report the discovery of AG-120 (ivosidenib), an inhibitor of mutant IDH1. "
        "AG-120 lowers 2-hydroxyglutarate levels in mutant IDH1 tumour models. "
        "Fanconi anaemia (FA) is a rare inherited disorder. FA cells are hypersensitive to mitomycin C.",
        "What is the mechanism of action of ivosidenib in tumour models?",
    )
    assert kept == ["AG-120 lowers 2-hydroxyglutarate levels in mutant IDH1 tumour models."]


def test_the_questions_own_second_name_for_its_subject_counts_as_naming_it() -> None:
    kept = _texts(
        "The FANCA gene contains 43 exons spanning 80 kb.",
        "What is the genomic structure of the FAA (FANCA) gene?",
    )
    assert kept == ["The FANCA gene contains 43 exons spanning 80 kb."]


def test_study_aims_and_findings_told_by_the_sentence_before_are_dropped() -> None:
    kept = _texts(
        "We therefore designed a retrospective study of gout flares in 26 patients. "
        "The primary objective of this study is to assess gout flares after surgery. "
        "Gout flares in women followed a similar trend. "
        "Gout flares follow rises in serum urate."
    )
    assert kept == ["Gout flares follow rises in serum urate."]


def test_a_source_spelling_out_the_questions_abbreviation_names_it() -> None:
    kept = _texts(
        "Complement activation causes the inflammation of the optic nerve seen in neuromyelitis optica.",
        "What triggers NMO?",
    )
    assert kept == [
        "Complement activation causes the inflammation of the optic nerve seen in neuromyelitis optica."
    ]


def test_statements_that_do_not_name_the_gene_asked_about_go_once_one_does() -> None:
    question = "Where is the protein CLIC1 localized?"
    off_topic = "DeepLoc predicts where a protein is localized in the cell by deep learning."
    assert _texts(f"CLIC1 is localized to the nucleus and the cytoplasm. {off_topic}", question) == [
        "CLIC1 is localized to the nucleus and the cytoplasm."
    ]
    assert _texts(off_topic, question) == [off_topic]  # nothing better: what there is stays


def test_a_compound_written_with_a_hyphen_names_the_questions_words_only_if_it_is_made_of_them() -> None:
    defined = "Immediate-early genes are induced within minutes by growth factors."
    assert _texts(defined, "How are immediate early genes defined?") == [defined]
    assert (
        _texts(
            "Tarsal-carpal coalition syndrome is a rare inherited bone disorder.",
            "What causes carpal syndrome?",
        )
        == []
    )


def test_a_guidelines_numbered_point_label_is_trimmed() -> None:
    assert _texts("CP6 - In gout flares, practitioners should consider colchicine first.") == [
        "In gout flares, practitioners should consider colchicine first."
    ]

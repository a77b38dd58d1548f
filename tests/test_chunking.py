"""Sentence splitting survives biomedical punctuation; passages follow sections and sentences."""

from __future__ import annotations

import pytest

from medoracle.domain import Document, DocumentKind, Section
from medoracle.ingest.chunking import chunk_document
from medoracle.ingest.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Smith et al. reported a 12% reduction in cramps.",
        "Quinine vs. placebo reduced cramps by 28%.",
        "The effect was significant (p < 0.05) and large.",
        "Low-dose agents, i.e. under 50 mg daily, were tolerated.",
        "Diuretics, e.g. Furosemide, were the commonest cause.",
        "Patients took 2.5 mg/kg of magnesium twice daily.",
        "Infection with E. coli was confirmed in 4 patients.",
        "Data came from U.S. hospitals between 2001 and 2010.",
        "Results were similar (Fig. 2) in both arms.",
        "Hazard ratio 0.74 (95% CI 0.61-0.89; p = 0.002) favoured treatment.",
    ],
)
def test_abbreviations_decimals_and_doses_do_not_end_a_sentence(text: str) -> None:
    assert sentences(text) == [text]


def test_real_sentence_ends_are_found_with_offsets() -> None:
    text = "Cramps are common. They affect 37% of adults over 50! Are they dangerous? Rarely."
    assert sentences(text) == [
        "Cramps are common.",
        "They affect 37% of adults over 50!",
        "Are they dangerous?",
        "Rarely.",
    ]


def test_a_unit_before_a_full_stop_ends_the_sentence() -> None:
    text = "Patients received 500 mg. Symptoms resolved within 30 min. No relapse occurred."
    assert len(sentences(text)) == 3


def test_bullet_lines_and_paragraphs_are_separate_sentences_without_their_markers() -> None:
    text = "Recommendations\n- Use statins in adults at risk\n2. Avoid quinine\n\nA new paragraph"
    assert sentences(text) == [
        "Recommendations",
        "Use statins in adults at risk",
        "Avoid quinine",
        "A new paragraph",
    ]


def test_a_heading_or_guideline_tag_line_is_not_glued_to_the_next_sentence() -> None:
    text = "[new 2015]\nRisk Factors\nNote: offer testing to women with a BMI above 30 kg/m2."
    assert sentences(text) == [
        "[new 2015]",
        "Risk Factors",
        "Note: offer testing to women with a BMI above 30 kg/m2.",
    ]


def test_a_date_tag_ending_a_line_is_not_glued_to_the_next_sentence() -> None:
    text = "Offer testing after birth. [new 2015]\nAssess risk using risk factors."
    assert sentences(text) == ["Offer testing after birth.", "[new 2015]", "Assess risk using risk factors."]


def test_a_footnote_number_after_a_full_stop_ends_the_sentence_and_is_left_out() -> None:
    text = (
        "Most adults with diabetes have type 2.1 Many develop it in later life.2 Screening helps. "
        "Regions of 2.2 Mb were lost. The mean was 2.5 mg. It runs in families.3"
    )
    assert sentences(text) == [
        "Most adults with diabetes have type 2.",
        "Many develop it in later life.",
        "Screening helps.",
        "Regions of 2.2 Mb were lost.",
        "The mean was 2.5 mg.",
        "It runs in families.",
    ]


def test_a_structured_abstract_label_glued_to_a_full_stop_starts_a_sentence() -> None:
    text = "Probiotics may help in colorectal cancer.PURPOSE: We reviewed the gut microbiota. Done at 2.5Hz."
    assert sentences(text) == [
        "Probiotics may help in colorectal cancer.",
        "PURPOSE: We reviewed the gut microbiota.",
        "Done at 2.5Hz.",
    ]


def test_a_sentence_glued_to_a_full_stop_starts_a_sentence() -> None:
    text = "Anyone can get meningitis.Inflammation from it varies. Diuretics, e.g.The thiazides, and S.Aureus count."
    assert sentences(text) == [
        "Anyone can get meningitis.",
        "Inflammation from it varies.",
        "Diuretics, e.g.The thiazides, and S.Aureus count.",
    ]
    assert sentences("Ask Cancer.Net (www.cancer.net) for help.") == [
        "Ask Cancer.Net (www.cancer.net) for help."
    ]


def test_a_grade_tag_ending_a_line_is_not_glued_to_the_next_sentence() -> None:
    text = "Offer folic acid before conception. (III-C)\nThe dose is 0.4 mg daily (see below)\nfor all women."
    assert sentences(text) == [
        "Offer folic acid before conception.",
        "(III-C)",
        "The dose is 0.4 mg daily (see below)\nfor all women.",
    ]


def test_wrapped_prose_lines_stay_one_sentence() -> None:
    text = (
        "Nocturnal leg cramps were reported by one in three adults over sixty years of age in\n"
        "Primary care, and by fewer, in a cohort study,\nWithin hospital wards."
    )
    assert len(sentences(text)) == 1


def _document(*sections: Section) -> Document:
    return Document(
        identifier="t:1", source="t", kind=DocumentKind.ARTICLE, title="T", sections=list(sections)
    )


def test_passages_never_cross_sections_and_keep_sentence_spans() -> None:
    doc = _document(
        Section("METHODS", "We enrolled 40 adults. They were followed."), Section("RESULTS", "Cramps fell.")
    )
    passages = chunk_document(doc)

    assert [(p.section, p.text) for p in passages] == [
        ("METHODS", "We enrolled 40 adults. They were followed."),
        ("RESULTS", "Cramps fell."),
    ]
    assert [passages[0].text[a:b] for a, b in passages[0].sentences] == [
        "We enrolled 40 adults.",
        "They were followed.",
    ]
    assert [p.identifier for p in passages] == ["t:1#0", "t:1#1"]


def test_long_sections_are_packed_into_passages_below_the_word_limit() -> None:
    sentence = "Nocturnal leg cramps were reported by many of the older participants in the cohort."
    doc = _document(Section("RESULTS", " ".join([sentence] * 40)))
    passages = chunk_document(doc, max_words=60)

    assert len(passages) > 1
    assert all(len(p.text.split()) <= 60 for p in passages)
    assert " ".join(p.text for p in passages) == doc.sections[0].text

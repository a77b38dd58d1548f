"""British medical spellings take their American form; other words are left alone."""

from __future__ import annotations

import pytest

from medoracle.spelling import american, americanise


@pytest.mark.parametrize(
    ("british", "us"),
    [
        ("hypoglycaemia", "hypoglycemia"),
        ("haemoglobin", "hemoglobin"),
        ("paediatric", "pediatric"),
        ("oedema", "edema"),
        ("oesophagus", "esophagus"),
        ("diarrhoea", "diarrhea"),
        ("aetiology", "etiology"),
        ("foetal", "fetal"),
        ("tumours", "tumors"),
        ("randomised", "randomized"),
    ],
)
def test_a_british_spelling_becomes_american(british: str, us: str) -> None:
    assert american(british) == us
    assert american(us) == us


@pytest.mark.parametrize("word", ["does", "shoes", "hours", "disease", "increase", "paracetamol"])
def test_short_and_ordinary_words_are_left_alone(word: str) -> None:
    assert american(word) == word


def test_a_text_is_indexed_in_american_spelling_with_its_numbers_and_short_words() -> None:
    assert americanise("Anaemia in 2 of 10 foetuses; oedema too.") == "anemia in 2 of 10 fetuses; edema too."

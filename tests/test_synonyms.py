"""A patient's word and a clinician's name the same thing, in search and in the answer's matching."""

from __future__ import annotations

from medoracle.answer.analysis import stem
from medoracle.search.query import parse_query
from medoracle.synonyms import GROUPS, is_drug, synonyms, word_stem


def test_a_word_has_the_other_words_of_its_group_in_any_inflection() -> None:
    assert synonyms("newborns") == ("neonatal", "infant", "baby")
    assert synonyms("paracetamol") == ("acetaminophen", "tylenol")
    assert synonyms("aspirin") == ()


def test_every_word_is_in_one_group_only() -> None:
    stems = [word_stem(word) for group in GROUPS for word in group]
    assert len(stems) == len(set(stems))


def test_a_brand_name_is_its_generic() -> None:
    assert synonyms("lipitor") == ("atorvastatin",)
    assert stem("tylenol") == stem("paracetamol") == stem("acetaminophen")


def test_a_query_gets_synonyms_at_the_weight_of_an_expansion() -> None:
    terms = dict(parse_query("hypoglycaemia in newborns").terms)
    assert terms == {"hypoglycaemia": 1.0, "newborns": 1.0, "neonatal": 0.5, "infant": 0.5, "baby": 0.5}
    assert parse_query("hypoglycaemia in newborns").own_terms == ("hypoglycaemia", "newborns")


def test_synonyms_are_one_concept_for_the_answer() -> None:
    assert stem("newborns") == stem("neonatal")
    assert stem("kidney") == stem("renal")
    assert stem("heart") != stem("renal")


def test_only_drugs_of_the_table_are_drugs() -> None:
    assert is_drug("tylenol") and is_drug("paracetamol") and is_drug("Lipitor".lower())
    assert not is_drug("hepatitis") and not is_drug("kidney") and not is_drug("pregnant")

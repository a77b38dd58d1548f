"""A patient's word and a clinician's name the same thing, in search and in the answer's matching."""

from __future__ import annotations

from medoracle.answer.analysis import stem
from medoracle.search.query import parse_query
from medoracle.synonyms import synonyms


def test_a_word_has_the_other_words_of_its_group_in_any_inflection() -> None:
    assert synonyms("newborns") == ("neonatal", "infant", "baby")
    assert synonyms("paracetamol") == ("acetaminophen",)
    assert synonyms("aspirin") == ()


def test_a_query_gets_synonyms_at_the_weight_of_an_expansion() -> None:
    terms = dict(parse_query("hypoglycaemia in newborns").terms)
    assert terms == {"hypoglycaemia": 1.0, "newborns": 1.0, "neonatal": 0.5, "infant": 0.5, "baby": 0.5}
    assert parse_query("hypoglycaemia in newborns").own_terms == ("hypoglycaemia", "newborns")


def test_synonyms_are_one_concept_for_the_answer() -> None:
    assert stem("newborns") == stem("neonatal")
    assert stem("kidney") == stem("renal")
    assert stem("heart") != stem("renal")

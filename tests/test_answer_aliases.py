"""Second names a text gives in brackets: short forms and other names of one thing."""

from __future__ import annotations

from medoracle.answer.aliases import aliases, hyphenations, initialisms, with_aliases
from medoracle.answer.text import stems


def _pairs(text: str) -> set[tuple[frozenset[str], frozenset[str]]]:
    return set(aliases(text))


def test_a_short_form_is_paired_with_the_fewest_words_that_spell_it() -> None:
    assert _pairs("Cells from patients with Fanconi anaemia (FA) were studied.") == {
        (stems("FA"), stems("Fanconi anaemia"))
    }
    assert _pairs("Plasma N-terminal pro-brain natriuretic peptide (NT-proBNP) rose.") == {
        (stems("NT-proBNP"), stems("N-terminal pro-brain natriuretic peptide"))
    }


def test_a_long_form_in_brackets_and_another_name_are_paired() -> None:
    assert _pairs("What is MINDY (motif interacting with Ub-containing novel DUB family)?") == {
        (stems("MINDY"), stems("motif interacting with Ub-containing novel DUB family"))
    }
    assert _pairs("the discovery of AG-120 (ivosidenib), an inhibitor") == {
        (stems("ivosidenib"), stems("AG-120"))
    }


def test_statistics_counts_and_figure_pointers_in_brackets_are_not_names() -> None:
    assert (
        _pairs(
            "Pain fell (p < 0.05) in 20 patients (n = 20) as shown (Figure 1); rates rose (95% CI 1.1-2.0)."
        )
        == set()
    )


def test_naming_one_name_of_a_thing_names_the_other() -> None:
    defined = aliases("Fanconi anaemia (FA) is rare.")
    assert with_aliases(stems("FA cells are sensitive"), defined) >= stems("Fanconi anaemia")
    assert with_aliases(stems("Fanconi anaemia is rare"), defined) >= stems("FA")
    assert with_aliases(stems("anaemia is common"), defined) == stems("anaemia is common")


def test_a_questions_runs_of_words_give_the_short_forms_sources_use() -> None:
    shorts = {first for first, _ in initialisms("hallmarks of borderline personality disorder", "BPD and HO")}
    assert stems("BPD") in shorts
    assert stems("HO") not in shorts  # "hallmarks of": a stop word breaks the run
    defined = initialisms("post-traumatic stress disorder", "PTSD starts")
    assert with_aliases(stems("PTSD starts at different times"), defined) >= stems(
        "post-traumatic stress disorder"
    )


def test_a_hyphenated_word_is_paired_with_its_parts_but_not_after_a_prefix() -> None:
    assert set(hyphenations("immediate-early genes and anti-inflammatory drugs")) == {
        (stems("immediate-early"), stems("immediate early"))
    }


def test_an_initialism_counts_only_where_the_source_writes_it_in_capitals() -> None:
    assert initialisms("planets of the solar system", "solar-simulated (ss) UV light") == ()
    assert initialisms("planets of the solar system", "the SS was mapped") == (
        (stems("SS"), stems("solar system")),
    )

"""Abstention turns on the question's subject, not on its frame words or words inside web addresses."""

from __future__ import annotations

from answer_fixtures import hits_for, hits_of_abstracts
from medoracle.answer import compose
from medoracle.answer.analysis import analyze

# Biomedical sentences that share the generic words "play" and "major" with many questions.
_MAJOR_ROLE = [
    ("fxr", "The nuclear receptor FXR plays a major role in the control of bile acid metabolism."),
    ("m6p", "M6P receptors play a major role in the transport of lysosomal enzymes in mammalian cells."),
    ("pp", "Peyer's patches play a major role in intestinal mucosal immunity against enteric pathogens."),
    ("mrna", "mRNA stability plays a major role in regulating temperature-specific expression in ciliates."),
    ("il6", "Interleukin 6 plays a major role in the acute phase response to infection and injury."),
]


def test_the_same_passages_answer_a_question_about_what_they_name() -> None:
    answer = compose("What is the role of FXR in bile acid metabolism?", hits_of_abstracts(_MAJOR_ROLE))
    assert not answer.abstained


def test_one_unmatched_term_of_several_does_not_make_the_question_off_library() -> None:
    # Even if "electrolytes" matched no passage, the other three concepts are well covered.
    question = "Do electrolytes cause nocturnal leg cramps?"
    assert not compose(question, hits_for(question)).abstained


def test_a_generic_second_term_need_not_be_named_by_the_statement() -> None:
    hits = hits_of_abstracts(
        [
            (
                "plx",
                "The CSF-1 receptor is a tyrosine kinase that is targetable by small molecule inhibitors such as "
                "PLX3397.",
            )
        ]
    )
    answer = compose("Describe the mechanism of action of the drug PLX3397.", hits)
    assert not answer.abstained
    # Two specific terms still both have to be named: this is no answer about PLX3397 in Iceland.
    assert compose("What is the use of PLX3397 in Iceland?", hits).abstained


def test_a_web_address_is_not_a_mention_of_its_words() -> None:
    hits = hits_of_abstracts(
        [("tool", "The graph kernels package is freely available at https://github.com/example/kernels.")]
    )
    assert compose("What is the difference between HTTP and HTTPS?", hits).abstained


def test_possessives_and_hyphens_do_not_hide_a_concept() -> None:
    concepts = analyze("Is Alzheimer's disease linked to multi-drug use?").concepts
    assert "alzheimer" in concepts and "multidrug" in concepts


def test_question_frame_words_are_not_concepts() -> None:
    assert analyze("What is the best way to learn chess openings?").concepts == ("learn", "chess", "openings")
    assert analyze("What is the history of the Silk Road?").concepts == ("silk", "road")

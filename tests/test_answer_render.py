"""Renderers: JSON that validates against docs/answer-schema.json, Markdown and HTML."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from answer_fixtures import hits_for, hits_of_document
from medoracle.answer import compose
from medoracle.answer.render import to_html, to_json, to_markdown
from medoracle.domain import Answer, Audience, Document, DocumentKind, Section

SCHEMA = json.loads((Path(__file__).parents[1] / "docs" / "answer-schema.json").read_text())

QUESTIONS = [
    "What are the causes of nocturnal leg cramps?",
    "Do statins reduce the risk of dementia?",
    "How do I replace the spark plug of a lawn mower engine?",
    "I have crushing chest pain and leg cramps, what causes it?",
]


def _answer(question: str, audience: Audience = Audience.CLINICIAN) -> Answer:
    return compose(question, hits_for(question) or hits_for(QUESTIONS[0])[:2], audience)


@pytest.mark.parametrize("question", QUESTIONS)
@pytest.mark.parametrize("audience", list(Audience))
def test_json_output_validates_against_the_schema(question: str, audience: Audience) -> None:
    jsonschema.validate(json.loads(to_json(_answer(question, audience))), SCHEMA)


def test_the_schema_rejects_a_bullet_without_citation() -> None:
    document = json.loads(to_json(_answer(QUESTIONS[0])))
    document["sections"][0]["bullets"][0]["citations"] = []
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, SCHEMA)


def test_markdown_puts_the_emergency_notice_before_the_answer() -> None:
    text = to_markdown(_answer(QUESTIONS[3], Audience.PATIENT))
    assert text.index("Emergency") < text.index("##")


def test_markdown_shows_citations_references_and_verdict() -> None:
    text = to_markdown(_answer(QUESTIONS[1]))
    assert (
        "**Verdict: Supported by the evidence** — 2 source(s) in favour (levels 1, 3), 1 against (levels 2)."
        in text
    )
    assert "1. **Systematic review** — Statins and the risk of dementia" in text
    assert "[1]" in text


def test_html_escapes_text_and_links_citations_to_references() -> None:
    html = to_html(_answer(QUESTIONS[0]))
    assert '<a href="#ref-1">1</a>' in html and '<li id="ref-1">' in html
    assert "p &lt; 0.001" in html and "p < 0.001" not in html
    assert html.startswith("<article") and html.endswith("</article>")


def test_an_abstention_renders_what_was_found() -> None:
    text = to_markdown(_answer(QUESTIONS[2]))
    assert "too little evidence" in text and "Closest documents in the library" in text


def test_a_title_ending_in_a_full_stop_is_not_doubled_in_the_reference_line() -> None:
    document = Document(
        identifier="t:nice",
        source="t",
        kind=DocumentKind.GUIDELINE,
        title="Diabetes in pregnancy: management from preconception to the postnatal period.",
        sections=[
            Section("Recommendations", "Offer testing for gestational diabetes to women with a BMI above 30.")
        ],
        journal="NICE",
        year=2015,
    )
    answer = compose(
        "Who should be offered testing for gestational diabetes?", hits_of_document(document, 1.0)
    )
    assert "postnatal period. NICE, 2015" in to_markdown(answer)


def test_an_answer_without_follow_ups_has_no_follow_up_heading() -> None:
    answer = _answer("What color is 30mg prednisone?")
    assert answer.follow_ups == ()
    assert "Follow-up questions" not in to_markdown(answer) and "Follow-up questions" not in to_html(answer)
    jsonschema.validate(json.loads(to_json(answer)), SCHEMA)

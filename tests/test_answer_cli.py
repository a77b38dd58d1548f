"""`medoracle ask` end to end: ingest the fixture library, search it, print the article."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from answer_fixtures import ANSWER_FIXTURES
from medoracle.cli import app

SCHEMA = json.loads((Path(__file__).parents[1] / "docs" / "answer-schema.json").read_text())


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("askdata")
    result = CliRunner().invoke(
        app,
        [
            "--data-dir",
            str(folder),
            "ingest",
            "jsonl",
            str(ANSWER_FIXTURES / "library.jsonl"),
            "--mapping",
            str(ANSWER_FIXTURES / "mapping.json"),
        ],
    )
    assert result.exit_code == 0, result.output
    return folder


def _ask(data_dir: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["--data-dir", str(data_dir), "ask", *args, "--embedder", "none"])
    return result.exit_code, result.stdout


def test_ask_prints_a_json_article_that_validates(data_dir: Path) -> None:
    code, output = _ask(data_dir, "What are the causes of nocturnal leg cramps?", "--format", "json")
    assert code == 0, output
    article = json.loads(output)
    jsonschema.validate(article, SCHEMA)
    assert {"associated_conditions", "medication_causes"} <= {s["key"] for s in article["sections"]}


def test_ask_prints_markdown_for_patients(data_dir: Path) -> None:
    code, output = _ask(data_dir, "What causes leg cramps at night?", "--audience", "patient")
    assert code == 0, output
    assert output.startswith("# What causes leg cramps at night?")
    assert "not medical advice" in output


def test_ask_prints_an_html_fragment(data_dir: Path) -> None:
    code, output = _ask(data_dir, "Do statins reduce the risk of dementia?", "--format", "html")
    assert code == 0, output
    assert '<p class="verdict">' in output


@pytest.mark.parametrize(("question", "message"), [("  ", "empty"), ("x" * 10_000, "2,000")])
def test_ask_refuses_a_bad_question_with_a_clear_error(data_dir: Path, question: str, message: str) -> None:
    result = CliRunner().invoke(app, ["--data-dir", str(data_dir), "ask", question, "--embedder", "none"])
    assert result.exit_code == 2
    assert message in result.output


def test_ask_on_an_empty_library_says_to_ingest_first(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["--data-dir", str(tmp_path), "ask", "What causes gout?", "--embedder", "none"]
    )
    assert result.exit_code == 2
    assert "medoracle ingest" in result.output

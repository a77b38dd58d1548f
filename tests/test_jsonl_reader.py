"""JSON Lines records become documents through a field mapping; bad lines are skipped as file:line."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES, shared_data
from medoracle.cli import app
from medoracle.domain import Document, DocumentKind, EvidenceKind, EvidenceSource, Skip
from medoracle.ingest.base import MAX_DOCUMENT_CHARS, ReaderError, Record
from medoracle.ingest.jsonl import JsonlReader, load_mapping
from medoracle.ingest.pipeline import ingest
from medoracle.library import Library

JSONL = FIXTURES / "jsonl"
NGC_SAMPLE = JSONL / "ngc_sample.jsonl"
NGC_BAD = JSONL / "ngc_bad.jsonl"


def read(path: Path, preset: str | None = "ngc", mapping: Path | None = None) -> list[Record]:
    return list(JsonlReader(path, load_mapping(preset=preset, path=mapping)).read())


def documents(records: list[Record]) -> list[Document]:
    return [r for r in records if isinstance(r, Document)]


def test_ngc_preset_maps_metadata_sections_and_guideline_evidence() -> None:
    cramps, gout = documents(read(NGC_SAMPLE))

    assert cramps.identifier == "ngc:ngc-90001"
    assert cramps.source == "ngc"
    assert cramps.title == "Management of nocturnal leg cramps in adults: a clinical practice guideline."
    assert cramps.journal == "Example Society of Family Medicine - Medical Specialty Society"
    assert cramps.year == 2009
    assert cramps.pmid == "26999999"
    assert cramps.url is None
    assert cramps.keywords == [
        "Muscle cramps, including",
        "Nocturnal leg cramps",
        "Exercise-associated cramps",
    ]
    assert [s.label for s in cramps.sections] == [
        "MAJOR RECOMMENDATIONS",
        "DISEASE/CONDITION",
        "TARGET POPULATION",
        "INTERVENTIONS",
        "EVIDENCE RATING SCHEME",
    ]
    assert (cramps.kind, cramps.evidence_kind) == (DocumentKind.GUIDELINE, EvidenceKind.GUIDELINE)
    assert cramps.evidence_source is EvidenceSource.SOURCE
    # Empty fields give no section and no PMID.
    assert [s.label for s in gout.sections] == [
        "MAJOR RECOMMENDATIONS",
        "DISEASE/CONDITION",
        "TARGET POPULATION",
        "INTERVENTIONS",
    ]
    assert gout.pmid is None


def test_text_is_cleaned_keeping_list_lines_and_repairing_double_encoded_utf8() -> None:
    cramps = documents(read(NGC_SAMPLE))[0]
    sections = {s.label: s.text for s in cramps.sections}

    assert (
        sections["TARGET POPULATION"] == "Adults aged 18 years and older with recurrent nocturnal leg cramps"
    )
    assert sections["MAJOR RECOMMENDATIONS"].startswith(
        "Recommendations\n- Advise calf stretching before sleep (weak recommendation, low-quality evidence).\n- Do"
    )
    assert "likely to change the estimate – confidence is limited." in sections["EVIDENCE RATING SCHEME"]


def test_a_mapping_file_maps_any_record_layout() -> None:
    (leaflet,) = read(JSONL / "leaflets.jsonl", preset=None, mapping=JSONL / "leaflets.mapping.json")

    assert isinstance(leaflet, Document)
    assert leaflet.identifier == "leaflet:17"
    assert leaflet.source == "leaflets"
    assert leaflet.title == "Looking after your feet with diabetes"
    assert [(s.label, s.text) for s in leaflet.sections] == [
        ("SUMMARY", "Check your feet every day."),
        (
            "ADVICE",
            "Wash your feet daily and dry them well.\n- Do not walk barefoot.\n- See a podiatrist once a year.",
        ),
    ]
    assert (leaflet.year, leaflet.journal, leaflet.url) == (
        2020,
        "Example Diabetes Charity",
        "https://leaflets.example.org/17",
    )
    assert leaflet.authors == ["Nurse N", "Podiatrist P"]
    assert leaflet.keywords == ["diabetes", "foot care"]
    assert leaflet.doi is None
    assert (leaflet.kind, leaflet.evidence_kind) == (
        DocumentKind.PATIENT_INFORMATION,
        EvidenceKind.PATIENT_INFORMATION,
    )


def test_each_bad_line_is_skipped_as_file_and_line_with_a_reason_and_the_rest_is_read() -> None:
    reader = JsonlReader(NGC_BAD, load_mapping("ngc", None))
    records = list(reader.read())

    assert reader.total == len(records) == 7  # the empty line is not a record
    assert [d.identifier for d in documents(records)] == ["ngc:ngc-90003", "ngc:ngc-90007"]
    assert documents(records)[1].year == 2017
    skips = [(s.origin, s.reason) for s in records if isinstance(s, Skip)]
    assert [origin for origin, _ in skips] == [f"{NGC_BAD}:{n}" for n in (2, 4, 5, 6, 7)]
    reasons = [reason for _, reason in skips]
    assert reasons[0].startswith("not valid JSON (")
    assert reasons[1:] == [
        "no 'ngc_id'",
        "'title' is a list, expected text",
        "'pmids_in_bibliographic_source' holds an object, expected text",
        "not a JSON object but list",
    ]


def test_an_oversized_field_skips_only_its_line(tmp_path: Path) -> None:
    path = tmp_path / "records.jsonl"
    huge = json.dumps({"ngc_id": "ngc-1", "major_recommendations": "x" * (MAX_DOCUMENT_CHARS + 1)})
    path.write_text(huge + "\n" + json.dumps({"ngc_id": "ngc-2", "title": "Fine."}) + "\n", encoding="utf-8")

    first, second = read(path)
    assert first == Skip(f"{path}:1", "'major_recommendations' is 2,000,001 characters (limit 2,000,000)")
    assert isinstance(second, Document)


def test_bytes_that_are_not_utf8_are_replaced_and_logged_and_the_record_kept(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "records.jsonl"
    path.write_bytes('{"ngc_id": "ngc-2", "title": "Caf\xe9 au lait spots"}\n'.encode("latin-1"))
    with caplog.at_level(logging.WARNING):
        (document,) = read(path)

    assert isinstance(document, Document)
    assert document.title == "Caf\ufffd au lait spots"
    assert f"{path}:1: not UTF-8" in caplog.text


def test_a_file_that_is_not_json_lines_is_one_skip_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "guidelines.csv"
    path.write_text("ngc_id,title\nngc-1,Gout\nngc-2,Asthma\n", encoding="utf-8")

    (skip,) = read(path)
    assert isinstance(skip, Skip)
    assert skip.origin == str(path)
    assert skip.reason.startswith("not JSON Lines (one JSON object per line) (line 1: not valid JSON")


def test_a_missing_file_stops_the_reader_with_a_reader_error(tmp_path: Path) -> None:
    reader = JsonlReader(tmp_path / "gone.jsonl", load_mapping("ngc", None))
    assert reader.total is None
    with pytest.raises(ReaderError, match=r"cannot read .*gone\.jsonl"):
        list(reader.read())


def test_an_unknown_preset_is_named_with_the_known_ones() -> None:
    with pytest.raises(ReaderError, match=r"^unknown preset 'pubmed' \(known: ngc\)$"):
        load_mapping("pubmed", None)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "Invalid JSON"),
        ('{"source": "x", "title": "t"}', "'identifier': Field required"),
        ('{"source": "x", "identifier": "id"}', "map at least 'title' or one of 'sections'"),
        (
            '{"source": "x", "identifier": "id", "title": "t", "titel": "t"}',
            "'titel': Extra inputs are not permitted",
        ),
        ('{"source": "x", "identifier": "id", "sections": [["body"]]}', "'sections.0.1': Field required"),
        ('{"source": "x", "identifier": "id", "title": "t", "kind": "blog"}', "'kind': Input should be"),
        ('{"source": "x y", "identifier": "id", "title": "t"}', "'source': String should match pattern"),
    ],
)
def test_a_bad_mapping_file_is_refused_naming_the_file_and_the_key(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "mapping.json"
    path.write_text(content, encoding="utf-8")

    with pytest.raises(ReaderError) as raised:
        load_mapping(None, path)
    assert str(raised.value).startswith(f"bad mapping file {path}: ")
    assert message in str(raised.value)


def test_guidelines_keep_their_evidence_after_ingest_and_reingest_changes_nothing(library: Library) -> None:
    mapping = load_mapping("ngc", None)
    first = ingest(library, JsonlReader(NGC_SAMPLE, mapping).read(), source="ngc")
    second = ingest(library, JsonlReader(NGC_SAMPLE, mapping).read(), source="ngc")

    assert (first.ingested, second.unchanged, library.count_documents()) == (2, 2, 2)
    stored = library.get_document("ngc:ngc-90001")
    assert stored is not None
    assert (stored.kind, stored.evidence_kind) == (DocumentKind.GUIDELINE, EvidenceKind.GUIDELINE)
    assert stored.evidence_source is EvidenceSource.SOURCE
    assert stored.journal == "Example Society of Family Medicine - Medical Specialty Society"


runner = CliRunner()


def test_cli_ingests_jsonl_with_a_preset(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["--data-dir", str(tmp_path), "ingest", "jsonl", str(NGC_SAMPLE), "--preset", "ngc"]
    )

    assert result.exit_code == 0, result.output
    assert "ngc: 2 ingested, 0 updated, 0 unchanged, 0 skipped" in result.output


def test_cli_refuses_an_unknown_preset(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["--data-dir", str(tmp_path), "ingest", "jsonl", str(NGC_SAMPLE), "--preset", "nice"]
    )

    assert result.exit_code == 2
    assert "unknown preset 'nice' (known: ngc)" in result.output


@pytest.mark.shared_data
def test_every_real_ngc_summary_reads_without_a_skip() -> None:
    path = shared_data("ngc_guideline_summaries", "ngc_guideline_summaries.jsonl")
    records = read(path)

    assert len(records) == 1416
    assert [r for r in records if isinstance(r, Skip)] == []
    identifiers = {r.identifier for r in documents(records)}
    assert len(identifiers) == 1416
    assert all(d.year and d.sections[0].label == "MAJOR RECOMMENDATIONS" for d in documents(records))

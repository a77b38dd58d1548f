"""Readers for the benchmark collections: BEIR, MedQuAD, BioASQ and PubMedQA.

Fixtures in tests/fixtures/collections are small files in each collection's real format, with our own text.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from conftest import FIXTURES, shared_data
from medoracle.domain import Document, DocumentKind, EvidenceKind, EvidenceSource, Skip
from medoracle.ingest.base import Reader, ReaderError, Record
from medoracle.ingest.beir import BeirReader
from medoracle.ingest.bioasq import BioAsqReader
from medoracle.ingest.medquad import MedQuADReader, answer_text
from medoracle.ingest.pipeline import ingest
from medoracle.ingest.pubmedqa import EXPECTED as PUBMEDQA_EXPECTED
from medoracle.ingest.pubmedqa import PubMedQAReader
from medoracle.ingest.sentences import split_sentences
from medoracle.library import Library

COLLECTIONS = FIXTURES / "collections"


def _split(records: Iterable[Record]) -> tuple[dict[str, Document], list[Skip]]:
    documents: dict[str, Document] = {}
    skips: list[Skip] = []
    for record in records:
        if isinstance(record, Skip):
            skips.append(record)
        else:
            assert record.identifier not in documents, f"{record.identifier} yielded twice"
            documents[record.identifier] = record
    return documents, skips


def _reasons(skips: list[Skip]) -> dict[str, str]:
    """Skip reasons by origin, with the fixture folder cut off the origin."""
    return {skip.origin.removeprefix(f"{COLLECTIONS}/"): skip.reason for skip in skips}


# --- BEIR ---


def test_beir_lines_become_articles_named_after_the_dataset_folder_above_beir() -> None:
    reader = BeirReader(COLLECTIONS / "minifact" / "beir")
    documents, skips = _split(reader.read())

    assert reader.source == "minifact"
    assert reader.total == 3
    assert not skips
    assert list(documents) == ["minifact:1001", "minifact:1002", "minifact:1003"]
    trial = documents["minifact:1001"]
    assert trial.kind is DocumentKind.ARTICLE
    assert trial.title.startswith("Magnesium oxide for night-time calf cramps")
    assert [s.label for s in trial.sections] == ["ABSTRACT"]
    assert trial.sections[0].text.startswith("Calf cramps at night disturb sleep")
    assert trial.evidence_source is EvidenceSource.INFERRED  # left for the pipeline to infer


def test_beir_metadata_gives_pmid_doi_url_and_year_and_runs_of_spaces_are_collapsed() -> None:
    documents, _ = _split(BeirReader(COLLECTIONS / "minifact" / "beir" / "corpus.jsonl").read())
    series = documents["minifact:1002"]

    assert (series.pmid, series.doi, series.year) == ("30111222", "10.1000/example.1002", 2019)
    assert series.url == "https://example.org/articles/1002"
    assert "leg cramps. Platelet counts" in series.text
    assert documents["minifact:1003"].title == ""  # a numeric _id and an empty title are fine


def test_beir_source_option_overrides_the_folder_name() -> None:
    documents, _ = _split(BeirReader(COLLECTIONS / "minifact" / "beir", source="trial").read())

    assert {d.source for d in documents.values()} == {"trial"}
    assert "trial:1001" in documents


def test_beir_bad_lines_are_skipped_by_file_and_line_and_the_rest_is_read(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING):
        documents, skips = _split(BeirReader(COLLECTIONS / "beir_bad" / "corpus.jsonl").read())

    assert list(documents) == ["beir_bad:b1", "beir_bad:b6", "beir_bad:b7"]
    reasons = _reasons(skips)
    assert reasons["beir_bad/corpus.jsonl:2"].startswith("not valid JSON")
    assert reasons["beir_bad/corpus.jsonl:3"] == "no '_id'"
    assert reasons["beir_bad/corpus.jsonl:4"] == "'b4' has no 'title' and no 'text'"
    assert reasons["beir_bad/corpus.jsonl:5"] == "'text' is list, expected text"
    # Latin-1 bytes are replaced rather than costing the record, and the replacement is reported.
    assert documents["beir_bad:b6"].title == "Cramps in M\ufffdnster: a survey"
    assert "corpus.jsonl:6: not UTF-8" in caplog.text


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("corpus.csv", "not a BEIR corpus: JSON Lines with one {_id, title, text} object per line (line 1:"),
        ("empty.jsonl", "empty file, expected a BEIR corpus"),
    ],
)
def test_beir_file_in_another_format_or_empty_is_one_skip_naming_it(name: str, reason: str) -> None:
    path = COLLECTIONS / "beir_bad" / name
    records = list(BeirReader(path).read())

    assert len(records) == 1
    assert isinstance(records[0], Skip)
    assert records[0].origin == str(path)
    assert records[0].reason.startswith(reason)


def test_beir_folder_without_a_corpus_is_a_reader_error(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match=r"corpus\.jsonl not found"):
        list(BeirReader(tmp_path).read())


# --- MedQuAD ---


def test_medquad_pairs_of_one_page_become_one_patient_information_document() -> None:
    documents, _ = _split(MedQuADReader(COLLECTIONS / "medquad" / "medquad_answered.jsonl").read())
    page = documents["medquad:CancerGov:0000101_1"]

    assert page.source == "medquad"
    assert page.kind is DocumentKind.PATIENT_INFORMATION
    assert page.evidence_kind is EvidenceKind.PATIENT_INFORMATION
    assert page.evidence_source is EvidenceSource.SOURCE
    assert page.title == "Hairy Cell Leukemia"
    assert page.journal == "National Cancer Institute"
    assert page.url == "https://www.cancer.gov/types/example/patient/hairy-cell-treatment"
    # The treatment pair comes after another page's line in the file and still joins its page.
    assert [s.label for s in page.sections] == ["INFORMATION", "SYMPTOMS", "TREATMENT"]
    assert page.keywords == ["Hairy Cell Leukemia", "Disorders"]


def test_medquad_answer_lists_keep_one_item_per_line() -> None:
    documents, _ = _split(MedQuADReader(COLLECTIONS / "medquad" / "medquad_answered.jsonl").read())
    symptoms = documents["medquad:CancerGov:0000101_1"].sections[1].text

    assert symptoms == (
        "Signs of hairy cell leukemia include tiredness and a feeling of fullness below the ribs. "
        "See a doctor if you have any of the following:\n"
        "- Weakness or feeling tired.\n- Fever or frequent infections.\n- Easy bruising or bleeding.\n"
        "Other conditions may cause the same signs."
    )


def test_medquad_a_list_without_its_colon_gets_one_and_the_text_after_a_list_stands_on_its_own_line() -> None:
    answer = "A clot can cause       - Lung damage     - Low oxygen        If a clot is large, it can kill.   Causes"

    assert (
        answer_text(answer)
        == "A clot can cause:\n- Lung damage\n- Low oxygen\nIf a clot is large, it can kill.\nCauses"
    )


def test_medquad_a_heading_run_into_its_first_sentence_gets_a_line_of_its_own() -> None:
    answer = "Diagnosing Heart Failure There is no single test. Chest X Ray A chest x ray is painless."
    assert answer_text(answer) == (
        "Diagnosing Heart Failure\nThere is no single test.\nChest X Ray\nA chest x ray is painless."
    )
    repeated = (
        "Laser Surgery Laser surgery uses a laser. Preventing Type 2 Diabetes Before people develop it. "
        "Possible Complications Over Time Over time, it can cause"
    )
    assert answer_text(repeated) == (
        "Laser Surgery\nLaser surgery uses a laser.\nPreventing Type 2 Diabetes\nBefore people develop it.\n"
        "Possible Complications Over Time\nOver time, it can cause"
    )
    named = "The National Eye Institute scientists are studying new drugs. It it not believed to spread."
    assert answer_text(named) == named


def test_medquad_a_heading_inside_an_answer_is_a_sentence_apart_from_the_one_it_ran_into() -> None:
    # The line before the heading is long, so the line break alone would not end a sentence.
    text = answer_text(
        "Some cases are mild and go away on their own within a few weeks of rest. "
        "Chest X Ray A chest x ray is a painless test."
    )
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Some cases are mild and go away on their own within a few weeks of rest.",
        "Chest X Ray",
        "A chest x ray is a painless test.",
    ]


def test_medquad_words_that_lost_their_apostrophe_get_it_back() -> None:
    assert answer_text(
        "If the pancreas cant cope, a womans body doesnt. Its cause wont change, thats all."
    ) == ("If the pancreas can't cope, a woman's body doesn't. Its cause wont change, that's all.")


def test_medquad_same_document_id_in_two_sources_gives_two_documents() -> None:
    documents, _ = _split(MedQuADReader(COLLECTIONS / "medquad" / "medquad_answered.jsonl").read())

    assert documents["medquad:GARD:0000004"].title == "Example syndrome"
    assert documents["medquad:GARD:0000004"].journal == "Genetic and Rare Diseases Information Center"
    assert documents["medquad:GHR:0000004"].title == "example condition"


def test_medquad_answer_that_opens_with_its_own_question_loses_that_heading() -> None:
    documents, _ = _split(MedQuADReader(COLLECTIONS / "medquad" / "medquad_answered.jsonl").read())

    assert documents["medquad:GARD:0000004"].sections[0].text == (
        "People with this syndrome may have short stature and hearing loss."
    )


def test_medquad_unanswered_pairs_are_left_out_and_a_page_without_answers_is_one_skip() -> None:
    documents, skips = _split(MedQuADReader(COLLECTIONS / "medquad" / "medquad_answered.jsonl").read())

    assert [s.label for s in documents["medquad:GHR:0000004"].sections] == ["INFORMATION", "FREQUENCY"]
    assert _reasons(skips) == {"medquad/medquad_answered.jsonl:8": "'NINDS:0000555' has no answered question"}


def test_medquad_bad_lines_are_skipped_and_the_page_still_forms() -> None:
    documents, skips = _split(MedQuADReader(COLLECTIONS / "medquad" / "medquad_bad.jsonl").read())

    reasons = _reasons(skips)
    assert reasons["medquad/medquad_bad.jsonl:2"].startswith("not valid JSON")
    assert reasons["medquad/medquad_bad.jsonl:3"] == "no 'doc_id' or 'file'"
    assert reasons["medquad/medquad_bad.jsonl:4"] == "'answer' is list, expected text"
    assert [s.label for s in documents["medquad:GHR:0000004"].sections] == ["INFORMATION", "FREQUENCY"]


def test_medquad_xml_folder_gives_the_same_documents_as_the_jsonl_export() -> None:
    reader = MedQuADReader(COLLECTIONS / "medquad_xml")
    from_xml, skips = _split(reader.read())
    from_jsonl, _ = _split(MedQuADReader(COLLECTIONS / "medquad" / "medquad_answered.jsonl").read())

    assert reader.total == 2
    assert not skips
    assert set(from_xml) == {"medquad:CancerGov:0000101_1", "medquad:GHR:0000004"}
    for identifier, document in from_xml.items():
        assert document == from_jsonl[identifier]


def test_medquad_bad_xml_files_are_skipped_by_name_and_the_others_are_read(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING):
        documents, skips = _split(MedQuADReader(COLLECTIONS / "medquad_xml_bad").read())

    assert set(documents) == {"medquad:NIDDK:0000200", "medquad:NIDDK:0000203"}
    reasons = _reasons(skips)
    assert reasons["medquad_xml_bad/0000201.xml"].startswith("not well-formed XML (")
    assert "line 12" in reasons["medquad_xml_bad/0000201.xml"]
    assert reasons["medquad_xml_bad/0000202.xml"].startswith("root element is <PubmedArticleSet>")
    assert "caf\ufffd visit" in documents["medquad:NIDDK:0000203"].text
    assert "0000203.xml: not UTF-8" in caplog.text


def test_medquad_folder_without_xml_is_a_reader_error(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match=r"no \.xml files"):
        list(MedQuADReader(tmp_path).read())


# --- BioASQ ---


def test_bioasq_snippets_of_one_pmid_from_two_questions_merge_into_one_document() -> None:
    documents, _ = _split(BioAsqReader(COLLECTIONS / "bioasq" / "questions.json").read())
    article = documents["bioasq:11111111"]

    assert set(documents) == {"bioasq:11111111", "bioasq:22222222"}
    assert article.kind is DocumentKind.SNIPPETS
    assert (article.pmid, article.url) == ("11111111", "https://pubmed.ncbi.nlm.nih.gov/11111111/")
    assert article.keywords == []
    # The snippet both questions marked appears once; the one inside a longer snippet is dropped;
    # the order is title, then abstract by offset, then full text.
    assert [(s.label, s.text) for s in article.sections] == [
        ("TITLE", "BRAF V600E in hairy cell leukemia: a whole-exome study"),
        ("ABSTRACT", "BRAF V600E mutation was found in all 47 patients with classic hairy cell leukemia."),
        ("ABSTRACT", "Hairy cell leukemia is a rare chronic B-cell lymphoproliferative disorder."),
        ("ABSTRACT", "Vemurafenib induced responses in relapsed disease."),
    ]
    assert article.title == "BRAF V600E in hairy cell leukemia: a whole-exome study"


def test_bioasq_snippet_markup_and_html_escapes_are_removed_and_a_title_running_into_the_abstract_is_split() -> (
    None
):
    documents, skips = _split(BioAsqReader(COLLECTIONS / "bioasq" / "markup.json").read())

    assert skips == []
    article = documents["bioasq:33333333"]
    assert article.title == "Reslizumab in eosinophilic asthma: a trial."
    assert [(s.label, s.text) for s in article.sections] == [
        ("TITLE", "Reslizumab in eosinophilic asthma: a trial."),
        ("ABSTRACT", "Reslizumab lowers blood eosinophils."),
        (
            "ABSTRACT",
            "Reslizumab (Cinqair®) halved exacerbations.\nRESULTS: Asthma control improved (P < 0.01).",
        ),
    ]


def test_bioasq_article_without_a_title_snippet_has_an_empty_title() -> None:
    documents, _ = _split(BioAsqReader(COLLECTIONS / "bioasq" / "questions.json").read())

    assert documents["bioasq:22222222"].title == ""
    assert documents["bioasq:22222222"].text == "Most patients respond to purine analogues."


def test_bioasq_snippets_without_a_pubmed_url_are_one_skip_for_their_question() -> None:
    _, skips = _split(BioAsqReader(COLLECTIONS / "bioasq" / "questions.json").read())

    assert _reasons(skips) == {
        "bioasq/questions.json: question q0000000000000000000002": "1 of 6 snippets unusable, "
        "e.g. no PubMed document URL ('http://example.org/not-pubmed')"
    }


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("truncated.json", "truncated: the JSON ends before it is complete; expected BioASQ Task B JSON"),
        ("not_bioasq.json", "no 'questions' list; expected BioASQ Task B JSON"),
    ],
)
def test_bioasq_unusable_file_is_one_skip_naming_it(name: str, reason: str) -> None:
    path = COLLECTIONS / "bioasq" / name
    records = list(BioAsqReader(path).read())

    assert len(records) == 1
    assert isinstance(records[0], Skip)
    assert (records[0].origin, records[0].reason[: len(reason)]) == (str(path), reason)


def test_bioasq_folder_instead_of_a_file_is_a_reader_error() -> None:
    with pytest.raises(ReaderError, match="is a folder"):
        list(BioAsqReader(COLLECTIONS / "bioasq").read())


# --- PubMedQA ---


def test_pubmedqa_item_gives_labelled_contexts_conclusion_mesh_and_year_but_not_the_answer() -> None:
    documents, _ = _split(PubMedQAReader(COLLECTIONS / "pubmedqa" / "pqal_sample.json").read())
    item = documents["pubmedqa:30000001"]

    assert item.kind is DocumentKind.SNIPPETS
    assert item.title == "Does magnesium reduce nocturnal leg cramps in older adults?"
    assert [s.label for s in item.sections] == ["BACKGROUND", "METHODS", "RESULTS", "CONCLUSIONS"]
    assert item.sections[-1].text == "Magnesium oxide did not reduce night cramps in older adults."
    assert item.mesh_terms == ["Aged", "Magnesium Oxide", "Muscle Cramp"]
    assert (item.year, item.pmid) == (2017, "30000001")
    assert item.url == "https://pubmed.ncbi.nlm.nih.gov/30000001/"
    assert "maybe" not in item.text and item.keywords == []


def test_pubmedqa_unlabelled_context_is_abstract_and_a_missing_year_is_none() -> None:
    documents, _ = _split(PubMedQAReader(COLLECTIONS / "pubmedqa" / "pqal_sample.json").read())
    item = documents["pubmedqa:30000002"]

    assert [s.label for s in item.sections] == ["ABSTRACT", "CONCLUSIONS"]
    assert item.year is None


def test_pubmedqa_bad_items_are_skipped_by_key_and_the_rest_is_read() -> None:
    documents, skips = _split(PubMedQAReader(COLLECTIONS / "pubmedqa" / "pqal_sample.json").read())

    assert set(documents) == {"pubmedqa:30000001", "pubmedqa:30000002"}
    assert _reasons(skips) == {
        "pubmedqa/pqal_sample.json: 30000003": "no 'CONTEXTS' text",
        "pubmedqa/pqal_sample.json: not-a-pmid": "key 'not-a-pmid' is not a PMID",
        "pubmedqa/pqal_sample.json: 30000005": "not a JSON object but list",
    }


def test_pubmedqa_file_that_is_not_utf8_is_read_with_replacements_and_reported(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING):
        documents, _ = _split(PubMedQAReader(COLLECTIONS / "pubmedqa" / "latin1.json").read())

    assert documents["pubmedqa:30000006"].title == "Is caf\ufffd coffee linked to cramps?"
    assert "latin1.json: not UTF-8" in caplog.text


def test_pubmedqa_empty_file_is_one_skip_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "empty.json"
    path.write_text("\n")

    assert list(PubMedQAReader(path).read()) == [Skip(str(path), f"empty file, expected {PUBMEDQA_EXPECTED}")]


# --- Through the pipeline into the library (SQLite and PostgreSQL) ---

READERS: dict[str, tuple[Callable[[], Reader], int]] = {
    "beir": (lambda: BeirReader(COLLECTIONS / "beir_bad" / "corpus.jsonl"), 3),
    "medquad-jsonl": (lambda: MedQuADReader(COLLECTIONS / "medquad" / "medquad_answered.jsonl"), 3),
    "medquad-xml": (lambda: MedQuADReader(COLLECTIONS / "medquad_xml_bad"), 2),
    "bioasq": (lambda: BioAsqReader(COLLECTIONS / "bioasq" / "questions.json"), 2),
    "pubmedqa": (lambda: PubMedQAReader(COLLECTIONS / "pubmedqa" / "pqal_sample.json"), 2),
}


@pytest.mark.parametrize("name", list(READERS))
def test_collection_ingests_with_its_bad_records_reported_and_a_rerun_changes_nothing(
    library: Library, name: str
) -> None:
    make_reader, expected = READERS[name]
    reader = make_reader()
    first = ingest(library, reader.read(), source=reader.source, batch_size=2)
    second = ingest(library, make_reader().read(), source=reader.source, batch_size=2)

    assert (first.ingested, first.updated, first.unchanged) == (expected, 0, 0)
    assert first.skipped  # every fixture holds some bad input, and it did not stop the batch
    assert (second.ingested, second.updated, second.unchanged) == (0, 0, expected)
    assert library.count_documents() == expected
    assert library.stats().passages == first.passages


def test_medquad_keeps_its_stated_evidence_kind_in_the_library(library: Library) -> None:
    reader = MedQuADReader(COLLECTIONS / "medquad" / "medquad_answered.jsonl")
    ingest(library, reader.read(), source=reader.source)
    stored = library.get_document("medquad:CancerGov:0000101_1")

    assert stored is not None
    assert stored.evidence_kind is EvidenceKind.PATIENT_INFORMATION
    assert stored.evidence_source is EvidenceSource.SOURCE
    assert stored.journal == "National Cancer Institute"
    passages = library.passages_of(stored.identifier)
    assert list(dict.fromkeys(p.section for p in passages)) == ["INFORMATION", "SYMPTOMS", "TREATMENT"]


# --- The real collections in ../shared/data (read only; skipped when absent) ---


@pytest.mark.shared_data
def test_real_scifact_corpus_gives_5183_articles() -> None:
    documents, skips = _split(BeirReader(shared_data("scifact", "beir")).read())

    assert (len(documents), skips) == (5_183, [])
    assert all(d.source == "scifact" and d.sections for d in documents.values())


@pytest.mark.shared_data
def test_real_medquad_gives_5486_pages_from_16407_answered_pairs() -> None:
    documents, skips = _split(MedQuADReader(shared_data("medquad", "medquad_answered.jsonl")).read())

    assert (len(documents), skips) == (5_486, [])
    # 39 answers repeat another answer of the same page word for word and are kept once.
    assert sum(len(d.sections) for d in documents.values()) == 16_407 - 39
    assert sum(d.journal == "National Cancer Institute" for d in documents.values()) == 116
    # Three CDC pages have no focus; their first real question stands in as the title.
    assert all(d.title for d in documents.values())
    assert documents["medquad:CDC:0000423"].title == "What is staphylococcus aureus?"


@pytest.mark.shared_data
def test_real_bioasq_gives_one_document_per_cited_pmid() -> None:
    documents, skips = _split(BioAsqReader(shared_data("bioasq", "bioasq_taskb_questions.json")).read())

    assert (len(documents), skips) == (30_356, [])
    assert all(d.pmid and d.sections for d in documents.values())


@pytest.mark.shared_data
def test_real_pubmedqa_gives_500_documents() -> None:
    documents, skips = _split(PubMedQAReader(shared_data("pubmedqa", "pqal_trainval.json")).read())

    assert (len(documents), skips) == (500, [])
    assert all(d.mesh_terms and d.sections[-1].label == "CONCLUSIONS" for d in documents.values())

"""PubMed XML files become documents; broken files end in a clear skip and never stop the batch."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES
from medoracle.cli import app
from medoracle.domain import Document, EvidenceKind, Section, Skip
from medoracle.ingest.base import Record
from medoracle.ingest.pubmed import PubMedXmlReader

PUBMED = FIXTURES / "pubmed"
EFETCH = PUBMED / "efetch_articles.xml"
EFETCH_PMIDS = ["39100001", "10400002", "38800003", "20300004"]


def read(*paths: Path) -> list[Record]:
    return list(PubMedXmlReader(list(paths)).read())


def documents(records: list[Record]) -> dict[str, Document]:
    return {r.pmid or "": r for r in records if isinstance(r, Document)}


def skips(records: list[Record]) -> list[Skip]:
    return [r for r in records if isinstance(r, Skip)]


@pytest.fixture
def efetch() -> dict[str, Document]:
    return documents(read(EFETCH))


def test_structured_abstract_keeps_labels_and_all_metadata(efetch: dict[str, Document]) -> None:
    trial = efetch["39100001"]

    assert trial.identifier == "pubmed:39100001"
    assert (trial.source, trial.kind) == ("pubmed", "article")
    assert trial.title.endswith("a randomized, double-blind trial of Mg2+ supplementation.")
    assert [s.label for s in trial.sections] == ["BACKGROUND", "METHODS", "RESULTS", "CONCLUSIONS"]
    # The XML's line break and run of spaces are indentation, not text.
    assert trial.sections[0].text == (
        "Nocturnal leg cramps disturb the sleep of many older adults, "
        "and magnesium is widely taken for them although trials disagree."
    )
    assert "Serum Mg2+ rose" in trial.sections[2].text
    assert trial.authors == ["Okafor AN", "Lindqvist P", "Night Cramps Trial Group"]
    assert trial.journal == "Journal of Geriatric Pharmacotherapy"
    assert trial.year == 2024
    # From ELocationID: the DOI in the reference list belongs to a cited article.
    assert trial.doi == "10.5555/jgp.2024.0077"
    assert trial.url == "https://pubmed.ncbi.nlm.nih.gov/39100001/"
    assert trial.mesh_terms == ["Aged", "Magnesium", "Muscle Cramp"]
    assert trial.keywords == ["leg cramps", "magnesium", "sleep"]
    assert trial.publication_types == ["Randomized Controlled Trial", "Research Support, Non-U.S. Gov't"]
    assert trial.evidence_kind is EvidenceKind.OTHER  # tagging is the pipeline's job


def test_unstructured_abstract_medline_date_and_article_id_doi(efetch: dict[str, Document]) -> None:
    review = efetch["10400002"]

    assert review.sections == [Section("ABSTRACT", review.sections[0].text)]
    assert review.sections[0].text.startswith("Muscle cramps are sudden, painful")
    assert review.year == 1998  # MedlineDate "1998 Dec-1999 Jan"
    assert review.journal == "Rev Clin Neurophysiol"  # no Title: the ISO abbreviation
    assert review.doi == "10.5555/rcn.1998.401"
    assert review.authors == ["Moreau JP"]  # the ValidYN="N" misspelling is dropped
    assert review.publication_types == ["Journal Article", "Review"]


def test_empty_title_falls_back_to_vernacular_title_and_year_to_article_date(
    efetch: dict[str, Document],
) -> None:
    survey = efetch["38800003"]

    assert survey.title == "Calambres nocturnos en atención primaria: una encuesta a médicos de familia."
    assert survey.sections == []
    assert survey.year == 2023  # MedlineDate "Winter" has no year; ArticleDate does
    assert survey.authors == ["García-Núñez M"]
    assert survey.keywords == ["calambres", "survey methods"]


def test_book_chapter_is_read_with_its_book_as_journal(efetch: dict[str, Document]) -> None:
    chapter = efetch["20300004"]

    assert chapter.title == "Leg Cramps"
    assert chapter.journal == "Clinical Notes®"
    assert chapter.authors == ["Haddad S"]  # authors, not the book's editors
    assert chapter.year == 2023
    assert chapter.sections == [
        Section(
            "EXCERPT",
            "Leg cramps are common and usually benign. Stretching before bed is the first measure to try.",
        )
    ]
    assert chapter.publication_types == ["Review"]


def test_gzipped_file_reads_like_the_plain_one(tmp_path: Path) -> None:
    gz = tmp_path / "pubmed25n0001.xml.gz"
    gz.write_bytes(gzip.compress(EFETCH.read_bytes()))

    records = read(gz)

    assert not skips(records)
    assert documents(records) == documents(read(EFETCH))


def many_articles(count: int) -> bytes:
    """A <PubmedArticleSet> of ``count`` copies of the first fixture article, PMIDs 1…count."""
    text = EFETCH.read_text(encoding="utf-8")
    head, rest = text.split("<PubmedArticle>", 1)
    article = "<PubmedArticle>" + rest.split("</PubmedArticle>", 1)[0] + "</PubmedArticle>\n"
    copies = (article.replace("39100001", str(pmid)) for pmid in range(1, count + 1))
    return (head + "".join(copies) + "</PubmedArticleSet>\n").encode("utf-8")


def test_truncated_gzip_keeps_the_records_before_the_damage_and_names_the_file(tmp_path: Path) -> None:
    whole = gzip.compress(many_articles(300))
    cut = tmp_path / "cut.xml.gz"
    cut.write_bytes(whole[: len(whole) // 2])

    records = read(cut)

    good = list(documents(records))
    assert 0 < len(good) < 300
    assert good == [str(pmid) for pmid in range(1, len(good) + 1)]
    [skip] = skips(records)
    assert skip.origin == str(cut)
    assert skip.reason.startswith(f"cannot read the file after {len(good)} records: ")


def test_truncated_file_yields_the_records_before_the_break_then_names_the_line(tmp_path: Path) -> None:
    text = EFETCH.read_text(encoding="utf-8")
    truncated = tmp_path / "truncated.xml"
    truncated.write_text(text[: text.index('<PMID Version="1">38800003')], encoding="utf-8")

    records = read(truncated)

    assert list(documents(records)) == EFETCH_PMIDS[:2]
    [skip] = skips(records)
    assert skip.origin == str(truncated)
    assert skip.reason.startswith("not well-formed XML at line ")
    assert "after 2 records" in skip.reason


def test_xml_with_another_root_is_skipped_saying_what_was_expected() -> None:
    [skip] = read(PUBMED / "esearch_result.xml")

    assert isinstance(skip, Skip)
    assert skip.origin == str(PUBMED / "esearch_result.xml")
    assert skip.reason.startswith("not PubMed XML: expected <PubmedArticleSet>")
    assert "found <eSearchResult>" in skip.reason


def test_json_named_xml_is_skipped_as_not_pubmed_xml() -> None:
    [skip] = read(PUBMED / "esearch_json_named.xml")

    assert isinstance(skip, Skip)
    assert skip.reason.startswith("not PubMed XML: expected <PubmedArticleSet>")
    assert "not XML" in skip.reason


def test_record_without_pmid_is_skipped_by_number_and_deletions_are_ignored(
    caplog: pytest.LogCaptureFixture,
) -> None:
    path = PUBMED / "update_with_deletions.xml"
    with caplog.at_level("INFO", logger="medoracle.ingest.pubmed"):
        records = read(path)

    assert list(documents(records)) == ["39900005"]
    assert skips(records) == [Skip(origin=f"{path}: record 2", reason="no PMID")]
    assert "ignoring <DeleteCitation> of 2 PMIDs" in caplog.text


def test_encoding_declared_in_the_xml_is_honoured(tmp_path: Path) -> None:
    text = EFETCH.read_text(encoding="utf-8").replace('<?xml version="1.0" ?>', "")
    latin1 = tmp_path / "latin1.xml"
    latin1.write_bytes(b'<?xml version="1.0" encoding="ISO-8859-1"?>' + text.encode("latin-1"))

    records = documents(read(latin1))

    assert records["38800003"].journal == "Revista de Atención Primaria"


def test_undeclared_non_utf8_bytes_are_reported_with_the_records_before_them(tmp_path: Path) -> None:
    text = EFETCH.read_text(encoding="utf-8").replace("©", "(c)")  # leave é in the third record only
    wrong = tmp_path / "wrong.xml"
    wrong.write_bytes(text.encode("latin-1"))  # no declaration: the parser must assume UTF-8

    records = read(wrong)

    assert list(documents(records)) == EFETCH_PMIDS[:2]
    [skip] = skips(records)
    assert "after 2 records" in skip.reason
    assert "encoding" in skip.reason


def test_folder_is_read_in_name_order_and_bad_files_do_not_stop_it(tmp_path: Path) -> None:
    folder = tmp_path / "baseline"
    (folder / "sub").mkdir(parents=True)
    (folder / "b.xml.gz").write_bytes(gzip.compress((PUBMED / "update_with_deletions.xml").read_bytes()))
    shutil.copy(PUBMED / "esearch_json_named.xml", folder / "a.xml")
    shutil.copy(EFETCH, folder / "sub" / "c.xml")
    (folder / "notes.txt").write_text("not read", encoding="utf-8")

    records = read(folder)

    assert list(documents(records)) == ["39900005", *EFETCH_PMIDS]
    assert [s.origin for s in skips(records)] == [str(folder / "a.xml"), f"{folder / 'b.xml.gz'}: record 2"]


def test_missing_path_and_empty_folder_are_skipped(tmp_path: Path) -> None:
    records = read(tmp_path / "absent.xml", tmp_path)

    assert [(s.origin, s.reason) for s in skips(records)] == [
        (str(tmp_path / "absent.xml"), "no such file or folder"),
        (str(tmp_path), "no .xml or .xml.gz files in this folder"),
    ]


# The command line, end to end.


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    """A runner whose settings come only from the options given (no user config or env)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    for name in ("MEDORACLE_CONFIG", "MEDORACLE_DATABASE_URL", "MEDORACLE_DATA_DIR", "MEDORACLE_BATCH_SIZE"):
        monkeypatch.delenv(name, raising=False)
    return CliRunner()


def test_cli_ingests_good_records_reports_bad_files_and_exits_1(cli: CliRunner, tmp_path: Path) -> None:
    from medoracle.library import Library

    folder = tmp_path / "downloads"
    folder.mkdir()
    shutil.copy(EFETCH, folder / "efetch.xml")
    shutil.copy(PUBMED / "esearch_result.xml", folder / "search.xml")
    data = tmp_path / "data"

    # A relative path (the runner works in tmp_path) keeps the report's lines short enough not to wrap.
    result = cli.invoke(app, ["--data-dir", str(data), "ingest", "pubmed-xml", "downloads"])

    assert result.exit_code == 1, result.output
    summary = " ".join(result.output.split())
    assert "4 ingested, 0 updated, 0 unchanged, 1 skipped" in summary
    assert "skipped downloads/search.xml: not PubMed XML" in summary
    with Library(f"sqlite:///{data / 'library.db'}") as library:
        assert library.count_documents() == 4
        trial = library.get_document("pubmed:39100001")
        assert trial is not None
        assert trial.evidence_kind is EvidenceKind.RANDOMIZED_TRIAL
        assert trial.doi == "10.5555/jgp.2024.0077"


def test_cli_reingesting_the_same_file_reports_it_unchanged(cli: CliRunner, tmp_path: Path) -> None:
    arguments = ["--data-dir", str(tmp_path / "data"), "ingest", "pubmed-xml", str(EFETCH)]

    first = cli.invoke(app, arguments)
    second = cli.invoke(app, arguments)

    assert first.exit_code == 0, first.output
    assert "4 ingested, 0 updated, 0 unchanged, 0 skipped" in " ".join(first.output.split())
    assert second.exit_code == 0, second.output
    assert "0 ingested, 0 updated, 4 unchanged, 0 skipped" in " ".join(second.output.split())

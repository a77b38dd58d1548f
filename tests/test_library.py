"""The library keeps one copy per identifier, commits in whole batches and survives interruption."""

from __future__ import annotations

import contextlib
import multiprocessing
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

from sqlalchemy import text

from factories import article
from medoracle.domain import Document, EvidenceKind, EvidenceLevel, Skip
from medoracle.ingest.base import Record
from medoracle.ingest.pipeline import ingest
from medoracle.library import Library


def test_reingesting_the_same_documents_changes_nothing(library: Library) -> None:
    docs = [article(n) for n in range(7)]
    first = ingest(library, docs, source="test", batch_size=3)
    second = ingest(library, [article(n) for n in range(7)], source="test", batch_size=3)

    assert (first.ingested, first.updated, first.unchanged) == (7, 0, 0)
    assert (second.ingested, second.updated, second.unchanged) == (0, 0, 7)
    assert library.count_documents() == 7
    assert library.stats().passages == first.passages


def test_a_changed_document_is_updated_in_place_with_new_passages(library: Library) -> None:
    ingest(library, [article(1)], source="test")
    revision = library.revision()
    report = ingest(library, [article(1, results="Cramps stopped in 42 of 50 patients.")], source="test")

    assert (report.ingested, report.updated) == (0, 1)
    assert library.count_documents() == 1
    texts = [p.text for p in library.passages_of("test:1")]
    assert "Cramps stopped in 42 of 50 patients." in texts
    assert not any("placebo" in t for t in texts)
    changed, removed = library.changed_since(revision)
    assert changed == ["test:1"] and removed == []


def test_document_round_trips_with_its_metadata_and_evidence(library: Library) -> None:
    ingest(library, [article(3)], source="test")
    stored = library.get_document("test:3")

    assert stored is not None
    assert stored.authors == ["Doe J", "Roe R"]
    assert stored.pmid == "10003"
    assert stored.evidence_kind is EvidenceKind.RANDOMIZED_TRIAL
    assert stored.evidence_level is EvidenceLevel.RANDOMIZED_TRIAL
    assert [s.label for s in stored.sections] == ["BACKGROUND", "RESULTS"]


def _interrupted_after(count: int) -> Iterator[Record]:
    for number in range(count):
        yield article(number)
    raise KeyboardInterrupt


def test_interrupted_ingest_keeps_committed_batches_and_a_rerun_completes_it(library: Library) -> None:
    report = ingest(library, _interrupted_after(25), source="test", batch_size=10)

    assert report.interrupted
    # Batches 0-9 and 10-19 were committed; 20-24 were in flight and rolled back whole.
    assert library.count_documents() == 20
    assert library.stats().passages == 20 * len(library.passages_of("test:0"))

    rerun = ingest(library, [article(n) for n in range(30)], source="test", batch_size=10)
    assert (rerun.ingested, rerun.unchanged) == (10, 20)
    assert library.count_documents() == 30


def test_a_stop_request_ends_the_ingest_between_records_without_the_current_batch(library: Library) -> None:
    stop = threading.Event()

    def records() -> Iterator[Record]:
        for n in range(30):
            if n == 25:
                stop.set()  # as the Ctrl-C handler of `medoracle ingest` does
            yield article(n)

    report = ingest(library, records(), source="test", batch_size=10, stop=stop)

    assert report.interrupted
    assert library.count_documents() == 20


def test_a_failing_batch_leaves_no_half_written_document(library: Library) -> None:
    ingest(library, [article(1)], source="test")
    broken = article(2)
    broken.title = None  # type: ignore[assignment]  # violates NOT NULL mid-batch
    with contextlib.suppress(Exception):
        library.write_batch([(article(5), []), (broken, [])])
    assert library.get_document("test:5") is None
    assert library.count_documents() == 1


def _write_sixty(library_url: str) -> int:
    with Library(library_url) as lib:
        report = ingest(lib, [article(n) for n in range(60)], source="test", batch_size=7)
    return report.ingested + report.unchanged


def test_concurrent_writer_processes_never_duplicate_documents(library_url: str) -> None:
    # Separate processes, as real concurrent ingests are; all open the same new library at once.
    with ProcessPoolExecutor(max_workers=3, mp_context=multiprocessing.get_context("spawn")) as pool:
        results = list(pool.map(_write_sixty, [library_url] * 3))

    assert results == [60, 60, 60]
    with Library(library_url) as lib:
        assert lib.count_documents() == 60
        with lib.engine.connect() as connection:
            duplicates = connection.execute(
                text(
                    "SELECT COUNT(*) FROM (SELECT identifier FROM passages GROUP BY identifier HAVING COUNT(*) > 1) d"
                )
            ).scalar_one()
        assert duplicates == 0
        assert lib.stats().passages == 60 * len(lib.passages_of("test:0"))


def test_skips_and_oversized_records_are_reported_and_the_rest_ingests(library: Library) -> None:
    huge = article(9, title="x" * 10_000)
    records: list[Record] = [article(1), Skip("bad.xml:3", "not well-formed XML"), huge, article(2)]
    report = ingest(library, records, source="test")

    assert report.ingested == 2
    assert [s.origin for s in report.skipped] == ["bad.xml:3", "test:9"]
    assert "title is 10,000 characters" in report.skipped[1].reason
    assert library.get_document("test:9") is None


def test_stats_count_by_source_kind_level_and_year(library: Library) -> None:
    docs: list[Document] = [article(1, year=2001), article(2, year=2001), article(3, year=2019)]
    docs[2].source = "other"
    docs[2].publication_types = ["Practice Guideline"]
    ingest(library, docs, source="test")
    stats = library.stats()

    assert stats.documents == 3
    assert stats.by_source == {"other": 1, "test": 2}
    assert stats.by_kind == {"article": 3}
    assert stats.by_evidence_kind == {"guideline": 1, "randomized_trial": 2}
    assert stats.by_evidence_level == {1: 1, 2: 2}
    assert stats.by_year == {2001: 2, 2019: 1}


def test_deleted_documents_are_reported_as_removed_since_a_revision(library: Library) -> None:
    ingest(library, [article(1), article(2)], source="test")
    revision = library.revision()
    assert library.delete_documents(["test:1", "missing"]) == 1
    changed, removed = library.changed_since(revision)
    assert (changed, removed) == ([], ["test:1"])
    assert library.passages_of("test:1") == []

"""Reader → validation → evidence tagging → chunking → library, in committed batches."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable

from medoracle.domain import Document, IngestReport, Passage, Skip
from medoracle.ingest import evidence
from medoracle.ingest.base import MAX_DOCUMENT_CHARS, MAX_TITLE_CHARS, Record
from medoracle.ingest.chunking import chunk_document
from medoracle.library import Library

log = logging.getLogger(__name__)

Progress = Callable[[int], None]


def problem(document: Document) -> str | None:
    """Why a document cannot go into the library, or None if it can."""
    if not document.identifier.strip():
        return "no identifier"
    if len(document.identifier) > 255:
        return f"identifier is {len(document.identifier)} characters (limit 255)"
    if not document.title.strip() and not any(s.text.strip() for s in document.sections):
        return "no title and no text"
    if len(document.title) > MAX_TITLE_CHARS:
        return f"title is {len(document.title):,} characters (limit {MAX_TITLE_CHARS:,})"
    size = sum(len(s.text) for s in document.sections)
    if size > MAX_DOCUMENT_CHARS:
        return f"text is {size:,} characters (limit {MAX_DOCUMENT_CHARS:,})"
    return None


def prepare(document: Document) -> tuple[Document, list[Passage]]:
    """Tag evidence and cut passages; a document with only a title gets a title passage."""
    evidence.tag(document)
    passages = chunk_document(document)
    if not passages and document.title.strip():
        passages = [
            Passage(
                identifier=f"{document.identifier}#0",
                document_id=document.identifier,
                ordinal=0,
                section="TITLE",
                text=document.title,
                sentences=((0, len(document.title)),),
            )
        ]
    return document, passages


def ingest(
    library: Library,
    records: Iterable[Record],
    *,
    source: str,
    batch_size: int = 500,
    progress: Progress | None = None,
    stop: threading.Event | None = None,
) -> IngestReport:
    """Write every good record to the library, one transaction per batch.

    Bad records are skipped and reported, never fatal. Ctrl-C (KeyboardInterrupt) or setting
    ``stop`` ends the ingest without writing the current batch: what was committed stays, and
    a rerun finishes the rest.
    """
    report = IngestReport(source=source)
    started = time.perf_counter()
    batch: list[tuple[Document, list[Passage]]] = []

    def flush() -> None:
        if not batch:
            return
        counts = library.write_batch(batch)
        report.ingested += counts.ingested
        report.updated += counts.updated
        report.unchanged += counts.unchanged
        report.passages += sum(len(ps) for _, ps in batch)
        if progress:
            progress(len(batch))
        log.info(
            "%s: committed %d documents (%d new, %d updated)",
            source,
            len(batch),
            counts.ingested,
            counts.updated,
        )
        batch.clear()

    try:
        for record in records:
            if stop is not None and stop.is_set():
                raise KeyboardInterrupt
            if isinstance(record, Skip):
                log.warning("skipped %s: %s", record.origin, record.reason)
                report.skipped.append(record)
                if progress:
                    progress(1)
                continue
            reason = problem(record)
            if reason:
                skip = Skip(origin=record.identifier or source, reason=reason)
                log.warning("skipped %s: %s", skip.origin, skip.reason)
                report.skipped.append(skip)
                continue
            batch.append(prepare(record))
            if len(batch) >= batch_size:
                flush()
        flush()
    except KeyboardInterrupt:
        report.interrupted = True
        log.warning("%s: interrupted; the last %d uncommitted documents were rolled back", source, len(batch))
    report.seconds = time.perf_counter() - started
    return report

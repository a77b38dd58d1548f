"""The library: documents and their passages in SQLite (WAL) or PostgreSQL.

Writes go in batches, one transaction each: a batch lands whole or not at all, so a crash
or Ctrl-C mid-ingest leaves every earlier batch in place and nothing half-written, and a
rerun completes the work (unchanged documents are recognised by their content hash).
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.resources import files
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import (
    Connection,
    Engine,
    bindparam,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from medoracle.domain import (
    Document,
    DocumentKind,
    EvidenceKind,
    EvidenceLevel,
    EvidenceSource,
    LibraryStats,
    Passage,
    Section,
)
from medoracle.library.schema import documents, library_state, passages, tombstones

_WRITE_RETRIES = 5
# Rows per IN (...) list: well below SQLite's bound-parameter limit.
_CHUNK = 500


def _chunks(keys: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(keys), _CHUNK):
        yield keys[start : start + _CHUNK]


class LibraryError(Exception):
    """The library cannot be opened or written; the message says which and what to do."""


@dataclass(frozen=True, slots=True)
class BatchCounts:
    ingested: int = 0
    updated: int = 0
    unchanged: int = 0


def content_hash(document: Document, document_passages: Sequence[Passage]) -> str:
    """A digest of everything stored for a document, so unchanged re-ingests write nothing."""
    payload = json.dumps(
        [_document_row(document, "", 0, None), [(p.section, p.text, p.sentences) for p in document_passages]],
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _document_row(document: Document, digest: str, revision: int, now: datetime | None) -> dict[str, Any]:
    row: dict[str, Any] = {
        "identifier": document.identifier,
        "source": document.source,
        "kind": document.kind.value,
        "title": document.title,
        "authors": document.authors,
        "journal": document.journal,
        "year": document.year,
        "pmid": document.pmid,
        "doi": document.doi,
        "url": document.url,
        "mesh_terms": document.mesh_terms,
        "keywords": document.keywords,
        "publication_types": document.publication_types,
        "evidence_kind": document.evidence_kind.value,
        "evidence_level": int(document.evidence_level),
        "evidence_source": document.evidence_source.value,
        "sections": [[s.label, s.text] for s in document.sections],
    }
    if now is not None:
        row.update(content_hash=digest, revision=revision, updated_at=now)
    return row


def _passage_row(passage: Passage) -> dict[str, Any]:
    return {
        "identifier": passage.identifier,
        "document_id": passage.document_id,
        "ordinal": passage.ordinal,
        "section": passage.section,
        "text": passage.text,
        "sentences": [list(span) for span in passage.sentences],
    }


def document_from_row(row: Any) -> Document:
    return Document(
        identifier=row.identifier,
        source=row.source,
        kind=DocumentKind(row.kind),
        title=row.title,
        sections=[Section(label, text) for label, text in row.sections],
        authors=list(row.authors),
        journal=row.journal,
        year=row.year,
        pmid=row.pmid,
        doi=row.doi,
        url=row.url,
        mesh_terms=list(row.mesh_terms),
        keywords=list(row.keywords),
        publication_types=list(row.publication_types),
        evidence_kind=EvidenceKind(row.evidence_kind),
        evidence_level=EvidenceLevel(row.evidence_level),
        evidence_source=EvidenceSource(row.evidence_source),
    )


def passage_from_row(row: Any) -> Passage:
    return Passage(
        identifier=row.identifier,
        document_id=row.document_id,
        ordinal=row.ordinal,
        section=row.section,
        text=row.text,
        sentences=tuple((int(a), int(b)) for a, b in row.sentences),
    )


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide when transactions begin (see _on_begin).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        # busy_timeout first: switching to WAL itself needs a lock another process may hold.
        cursor.execute("PRAGMA busy_timeout=60000")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # Writers take the write lock up front: a deferred transaction that later tries to
        # write fails at once with "database is locked" when another writer got there first.
        mode = "IMMEDIATE" if connection.get_execution_options().get("write") else "DEFERRED"
        connection.exec_driver_sql(f"BEGIN {mode}")


class Library:
    """A handle on one library database. Opening it applies pending migrations."""

    def __init__(self, url: str) -> None:
        self.url = url
        if url.startswith("sqlite"):
            database = url.split("///", 1)[-1]
            if database and database != ":memory:":
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            # One connection per use: SQLite connections are cheap and WAL readers never block.
            self.engine = create_engine(url, poolclass=NullPool)
            _configure_sqlite(self.engine)
        else:
            self.engine = create_engine(url, pool_pre_ping=True)
        try:
            self._migrate()
        except (OperationalError, SQLAlchemyError) as exc:
            raise LibraryError(
                f"cannot open the library at {self.safe_url}: {exc.__class__.__name__}: {exc.orig if hasattr(exc, 'orig') else exc}. "
                "Check MEDORACLE_DATABASE_URL (or MEDORACLE_DATA_DIR) and that the database is reachable."
            ) from exc

    @property
    def safe_url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def _migrate(self) -> None:
        config = Config(str(files("medoracle.library").joinpath("alembic.ini")))
        with self.engine.connect().execution_options(write=True) as connection:
            if self.dialect == "postgresql":
                # Serialise processes that open a new library at once (SQLite's write lock does this there).
                connection.execute(text("SELECT pg_advisory_xact_lock(8317001)"))
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            connection.commit()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------------

    def write_batch(self, batch: Sequence[tuple[Document, Sequence[Passage]]]) -> BatchCounts:
        """Insert new documents, replace changed ones, skip unchanged ones; all or nothing.

        Concurrent writers are serialised by the database; when two insert the same new
        document at once, the loser retries and then sees it as existing.
        """
        latest = {document.identifier: (document, list(ps)) for document, ps in batch}
        for attempt in range(_WRITE_RETRIES):
            try:
                with self.engine.connect().execution_options(write=True) as connection:
                    counts = self._write(connection, latest)
                    connection.commit()
                    return counts
            except IntegrityError:
                if attempt == _WRITE_RETRIES - 1:
                    raise
            except OperationalError as exc:
                # PostgreSQL deadlock/serialisation failures between writers are retryable.
                if attempt == _WRITE_RETRIES - 1 or "deadlock" not in str(exc).lower():
                    raise
            time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")

    def _write(
        self, connection: Connection, latest: dict[str, tuple[Document, list[Passage]]]
    ) -> BatchCounts:
        revision = self._bump_revision(connection)
        digests = {key: content_hash(doc, ps) for key, (doc, ps) in latest.items()}
        existing = self._stored_hashes(connection, list(latest))
        new = [key for key in latest if key not in existing]
        changed = [key for key in latest if key in existing and existing[key] != digests[key]]
        now = datetime.now(UTC)
        if changed:
            for chunk in _chunks(changed):
                connection.execute(delete(passages).where(passages.c.document_id.in_(chunk)))
            updates = [
                {("key" if name == "identifier" else name): value for name, value in row.items()}
                for row in (_document_row(latest[key][0], digests[key], revision, now) for key in changed)
            ]
            connection.execute(update(documents).where(documents.c.identifier == bindparam("key")), updates)
        if new:
            inserts = [
                _document_row(latest[key][0], digests[key], revision, now) | {"ingested_at": now}
                for key in new
            ]
            connection.execute(insert(documents), inserts)
            for chunk in _chunks(new):
                connection.execute(delete(tombstones).where(tombstones.c.document_id.in_(chunk)))
        passage_rows = [_passage_row(p) for key in new + changed for p in latest[key][1]]
        if passage_rows:
            connection.execute(insert(passages), passage_rows)
        return BatchCounts(
            ingested=len(new), updated=len(changed), unchanged=len(latest) - len(new) - len(changed)
        )

    @staticmethod
    def _stored_hashes(connection: Connection, keys: list[str]) -> dict[str, str]:
        stored: dict[str, str] = {}
        for chunk in _chunks(keys):
            query = select(documents.c.identifier, documents.c.content_hash).where(
                documents.c.identifier.in_(chunk)
            )
            stored.update({row.identifier: row.content_hash for row in connection.execute(query)})
        return stored

    @staticmethod
    def _bump_revision(connection: Connection) -> int:
        # The UPDATE takes the row lock first, so concurrent writers get distinct revisions.
        connection.execute(
            update(library_state)
            .where(library_state.c.key == "revision")
            .values(value=library_state.c.value + 1)
        )
        value = connection.execute(
            select(library_state.c.value).where(library_state.c.key == "revision")
        ).scalar_one()
        return int(value)

    def delete_documents(self, identifiers: Iterable[str]) -> int:
        keys = list(identifiers)
        with self.engine.connect().execution_options(write=True) as connection:
            revision = self._bump_revision(connection)
            removed = 0
            for chunk in _chunks(keys):
                present = list(
                    connection.execute(
                        select(documents.c.identifier).where(documents.c.identifier.in_(chunk))
                    ).scalars()
                )
                if not present:
                    continue
                connection.execute(delete(passages).where(passages.c.document_id.in_(present)))
                connection.execute(delete(documents).where(documents.c.identifier.in_(present)))
                connection.execute(delete(tombstones).where(tombstones.c.document_id.in_(present)))
                connection.execute(
                    insert(tombstones), [{"document_id": key, "revision": revision} for key in present]
                )
                removed += len(present)
            connection.commit()
        return removed

    # -- reading -----------------------------------------------------------------------

    def revision(self) -> int:
        """A counter bumped by every write; an index built at an older revision is stale."""
        with self.engine.connect() as connection:
            value = connection.execute(
                select(library_state.c.value).where(library_state.c.key == "revision")
            ).scalar_one()
        return int(value)

    def get_document(self, identifier: str) -> Document | None:
        with self.engine.connect() as connection:
            row = connection.execute(select(documents).where(documents.c.identifier == identifier)).first()
        return document_from_row(row) if row else None

    def get_documents(self, identifiers: Iterable[str]) -> dict[str, Document]:
        keys = list(dict.fromkeys(identifiers))
        found: dict[str, Document] = {}
        with self.engine.connect() as connection:
            for chunk in _chunks(keys):
                rows = connection.execute(select(documents).where(documents.c.identifier.in_(chunk)))
                found.update({row.identifier: document_from_row(row) for row in rows})
        return found

    def passages_of(self, document_id: str) -> list[Passage]:
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(passages).where(passages.c.document_id == document_id).order_by(passages.c.ordinal)
            )
            return [passage_from_row(row) for row in rows]

    def get_passages(self, identifiers: Iterable[str]) -> dict[str, Passage]:
        keys = list(dict.fromkeys(identifiers))
        found: dict[str, Passage] = {}
        with self.engine.connect() as connection:
            for chunk in _chunks(keys):
                rows = connection.execute(select(passages).where(passages.c.identifier.in_(chunk)))
                found.update({row.identifier: passage_from_row(row) for row in rows})
        return found

    def iter_passages(self, since_revision: int = 0, batch_size: int = 2000) -> Iterator[Passage]:
        """Passages of documents changed after ``since_revision``, in a stable order."""
        changed = select(documents.c.identifier).where(documents.c.revision > since_revision)
        last = ""
        while True:
            with self.engine.connect() as connection:
                rows = list(
                    connection.execute(
                        select(passages)
                        .where(passages.c.document_id.in_(changed), passages.c.identifier > last)
                        .order_by(passages.c.identifier)
                        .limit(batch_size)
                    )
                )
            if not rows:
                return
            yield from (passage_from_row(row) for row in rows)
            last = rows[-1].identifier

    def changed_since(self, revision: int) -> tuple[list[str], list[str]]:
        """(documents added or changed, documents removed) after ``revision``."""
        with self.engine.connect() as connection:
            changed = connection.execute(
                select(documents.c.identifier).where(documents.c.revision > revision)
            ).scalars()
            removed = connection.execute(
                select(tombstones.c.document_id).where(tombstones.c.revision > revision)
            ).scalars()
            return list(changed), list(removed)

    def count_documents(self) -> int:
        with self.engine.connect() as connection:
            return int(connection.execute(select(func.count()).select_from(documents)).scalar_one())

    def stats(self) -> LibraryStats:
        with self.engine.connect() as connection:

            def grouped(column: Any) -> dict[Any, int]:
                rows = connection.execute(select(column, func.count()).group_by(column).order_by(column))
                return {key: int(count) for key, count in rows}

            return LibraryStats(
                documents=int(connection.execute(select(func.count()).select_from(documents)).scalar_one()),
                passages=int(connection.execute(select(func.count()).select_from(passages)).scalar_one()),
                by_source=grouped(documents.c.source),
                by_kind=grouped(documents.c.kind),
                by_evidence_kind=grouped(documents.c.evidence_kind),
                by_evidence_level=grouped(documents.c.evidence_level),
                by_year={year: n for year, n in grouped(documents.c.year).items() if year is not None},
            )

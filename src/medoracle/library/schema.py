"""Tables of the library. Alembic migrations in ``migrations/`` create and evolve them."""

from __future__ import annotations

from sqlalchemy import JSON, Column, DateTime, ForeignKey, Index, Integer, MetaData, String, Table, Text

metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("identifier", String(255), primary_key=True),
    Column("source", String(64), nullable=False, index=True),
    Column("kind", String(32), nullable=False),
    Column("title", Text, nullable=False),
    Column("authors", JSON, nullable=False),
    Column("journal", Text),
    Column("year", Integer, index=True),
    Column("pmid", String(32), index=True),
    Column("doi", String(255)),
    Column("url", Text),
    Column("mesh_terms", JSON, nullable=False),
    Column("keywords", JSON, nullable=False),
    Column("publication_types", JSON, nullable=False),
    Column("evidence_kind", String(32), nullable=False),
    Column("evidence_level", Integer, nullable=False, index=True),
    Column("evidence_source", String(32), nullable=False),
    Column("sections", JSON, nullable=False),
    # sha256 of the document's content: an unchanged re-ingest writes nothing.
    Column("content_hash", String(64), nullable=False),
    # The library revision at which this document last changed; indexes catch up from it.
    Column("revision", Integer, nullable=False, index=True),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

passages = Table(
    "passages",
    metadata,
    Column("identifier", String(300), primary_key=True),
    Column(
        "document_id",
        String(255),
        ForeignKey("documents.identifier", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("ordinal", Integer, nullable=False),
    Column("section", String(128), nullable=False),
    Column("text", Text, nullable=False),
    Column("sentences", JSON, nullable=False),
    Index("ix_passages_document_ordinal", "document_id", "ordinal"),
)

# Removed documents, so that an index built at an older revision can drop their passages.
tombstones = Table(
    "tombstones",
    metadata,
    Column("document_id", String(255), primary_key=True),
    Column("revision", Integer, nullable=False, index=True),
)

# One row, key "revision": bumped by every write that changes the library.
library_state = Table(
    "library_state",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Integer, nullable=False),
)

"""Documents, passages, tombstones and the library revision.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("identifier", sa.String(255), primary_key=True),
        sa.Column("source", sa.String(64), nullable=False, index=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("authors", sa.JSON, nullable=False),
        sa.Column("journal", sa.Text),
        sa.Column("year", sa.Integer, index=True),
        sa.Column("pmid", sa.String(32), index=True),
        sa.Column("doi", sa.String(255)),
        sa.Column("url", sa.Text),
        sa.Column("mesh_terms", sa.JSON, nullable=False),
        sa.Column("keywords", sa.JSON, nullable=False),
        sa.Column("publication_types", sa.JSON, nullable=False),
        sa.Column("evidence_kind", sa.String(32), nullable=False),
        sa.Column("evidence_level", sa.Integer, nullable=False, index=True),
        sa.Column("evidence_source", sa.String(32), nullable=False),
        sa.Column("sections", sa.JSON, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False, index=True),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "passages",
        sa.Column("identifier", sa.String(300), primary_key=True),
        sa.Column(
            "document_id",
            sa.String(255),
            sa.ForeignKey("documents.identifier", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("ordinal", sa.Integer, nullable=False),
        sa.Column("section", sa.String(128), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("sentences", sa.JSON, nullable=False),
    )
    op.create_index("ix_passages_document_ordinal", "passages", ["document_id", "ordinal"])
    op.create_table(
        "tombstones",
        sa.Column("document_id", sa.String(255), primary_key=True),
        sa.Column("revision", sa.Integer, nullable=False, index=True),
    )
    state = op.create_table(
        "library_state",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Integer, nullable=False),
    )
    op.bulk_insert(state, [{"key": "revision", "value": 0}])


def downgrade() -> None:
    op.drop_table("library_state")
    op.drop_table("tombstones")
    op.drop_index("ix_passages_document_ordinal", table_name="passages")
    op.drop_table("passages")
    op.drop_table("documents")

"""BM25 over passages, with the document title as a second, boosted field.

Two engines behind one interface: tantivy (the default; the benchmark in docs/search.md chose
it) and SQLite FTS5 (no extra dependency; kept because it is the fallback a user can inspect
with any SQLite tool, and so that the benchmark can be rerun). Both index and query words in
their American spelling, so that "anaemia" and "anemia" find each other.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import tantivy

from medoracle.spelling import american, americanise

Terms = Sequence[tuple[str, float]]  # (lower-case term, weight)
TITLE_BOOST = 0.25  # chosen on SciFact train queries by bench/retrieval.py; see docs/search.md
WRITER_HEAP = 64_000_000


@dataclass(frozen=True, slots=True)
class IndexedPassage:
    passage_id: str
    document_id: str
    title: str
    text: str


class LexicalIndex(Protocol):
    def add(self, passages: Sequence[IndexedPassage]) -> None: ...
    def remove_documents(self, document_ids: Iterable[str]) -> list[str]: ...
    def commit(self) -> None: ...
    def search(self, terms: Terms, k: int) -> list[tuple[str, float]]: ...
    def __len__(self) -> int: ...


class TantivyIndex:
    """A tantivy index in its own folder; English stemming on title and text."""

    def __init__(self, folder: Path, title_boost: float = TITLE_BOOST) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        builder = tantivy.SchemaBuilder()
        builder.add_text_field("passage_id", stored=True, tokenizer_name="raw")
        builder.add_text_field("document_id", stored=True, tokenizer_name="raw")
        builder.add_text_field("title", tokenizer_name="en_stem")
        builder.add_text_field("text", tokenizer_name="en_stem")
        self._index = tantivy.Index(builder.build(), path=str(folder))
        self.title_boost = title_boost
        self._writer: tantivy.IndexWriter | None = None

    def _writing(self) -> tantivy.IndexWriter:
        if self._writer is None:
            # One indexing thread: the machine's other core is embedding at the same time.
            self._writer = self._index.writer(heap_size=WRITER_HEAP, num_threads=1)
        return self._writer

    def add(self, passages: Sequence[IndexedPassage]) -> None:
        writer = self._writing()
        for p in passages:
            writer.add_document(
                tantivy.Document(
                    passage_id=p.passage_id,
                    document_id=p.document_id,
                    title=americanise(p.title),
                    text=americanise(p.text),
                )
            )

    def passages_of(self, document_ids: Iterable[str]) -> list[str]:
        searcher = self._index.searcher()
        found: list[str] = []
        for document_id in document_ids:
            query = tantivy.Query.term_query(self._index.schema, "document_id", document_id)
            result = searcher.search(query, limit=100_000)
            found.extend(str(searcher.doc(address)["passage_id"][0]) for _, address in result.hits)
        return found

    def remove_documents(self, document_ids: Iterable[str]) -> list[str]:
        keys = list(document_ids)
        removed = self.passages_of(keys)
        writer = self._writing()
        for key in keys:
            writer.delete_documents_by_term("document_id", key)
        return removed

    def commit(self) -> None:
        if self._writer is not None:
            self._writer.commit()
            self._writer.wait_merging_threads()
            self._writer = None
        self._index.reload()

    def _query(self, terms: Terms) -> tantivy.Query:
        boosts = {"title": self.title_boost, "text": 1.0}
        clauses = []
        for term, weight in terms:
            query = self._index.parse_query(american(term), ["title", "text"], field_boosts=boosts)
            clauses.append((tantivy.Occur.Should, tantivy.Query.boost_query(query, weight)))
        return tantivy.Query.boolean_query(clauses)

    def search(self, terms: Terms, k: int) -> list[tuple[str, float]]:
        searcher = self._index.searcher()
        result = searcher.search(self._query(terms), limit=k, count=False)
        return [(str(searcher.doc(address)["passage_id"][0]), float(score)) for score, address in result.hits]

    def __len__(self) -> int:
        return int(self._index.searcher().num_docs)


class Fts5Index:
    """SQLite FTS5 with the porter stemmer; bm25() weighs title against text."""

    def __init__(self, path: Path, title_boost: float = TITLE_BOOST) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path)
        self._db.executescript(
            """
            CREATE VIRTUAL TABLE IF NOT EXISTS passages USING fts5(
                passage_id UNINDEXED, document_id UNINDEXED, title, text, tokenize='porter unicode61');
            CREATE TABLE IF NOT EXISTS owners (
                row INTEGER PRIMARY KEY, passage_id TEXT UNIQUE NOT NULL, document_id TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS owners_document ON owners (document_id);
            """
        )
        self.title_boost = title_boost

    def add(self, passages: Sequence[IndexedPassage]) -> None:
        # The owners row gives each passage a rowid, so deleting a document needs no full scan.
        for p in passages:
            row = self._db.execute(
                "INSERT INTO owners (passage_id, document_id) VALUES (?, ?)", (p.passage_id, p.document_id)
            ).lastrowid
            self._db.execute(
                "INSERT INTO passages (rowid, passage_id, document_id, title, text) VALUES (?, ?, ?, ?, ?)",
                (row, p.passage_id, p.document_id, americanise(p.title), americanise(p.text)),
            )

    def remove_documents(self, document_ids: Iterable[str]) -> list[str]:
        removed: list[str] = []
        for key in document_ids:
            rows = list(self._db.execute("SELECT row, passage_id FROM owners WHERE document_id = ?", (key,)))
            self._db.executemany("DELETE FROM passages WHERE rowid = ?", [(row,) for row, _ in rows])
            self._db.execute("DELETE FROM owners WHERE document_id = ?", (key,))
            removed.extend(str(pid) for _, pid in rows)
        return removed

    def commit(self) -> None:
        self._db.commit()

    def search(self, terms: Terms, k: int) -> list[tuple[str, float]]:
        # FTS5 has no per-term weights: every term counts fully; quoting keeps words literal.
        match = " OR ".join('"' + american(term).replace('"', "") + '"' for term, _ in terms)
        rows = self._db.execute(
            "SELECT passage_id, bm25(passages, 0, 0, ?, 1.0) AS rank FROM passages "
            "WHERE passages MATCH ? ORDER BY rank LIMIT ?",
            (self.title_boost, match, k),
        )
        # bm25() is negative, lower is better; flip it so that higher is better as elsewhere.
        return [(str(pid), -float(rank)) for pid, rank in rows]

    def __len__(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM owners").fetchone()[0])

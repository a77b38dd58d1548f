"""BEIR corpora (``corpus.jsonl``: one ``{_id, title, text, metadata?}`` per line) → one article each.

Lines are read one at a time, so a corpus of millions of abstracts streams in constant memory.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from medoracle.domain import Document, DocumentKind, Section, Skip
from medoracle.ingest.base import Parsed, ReaderError, Record, clean_text, parse_year, read_json_lines

CORPUS_FILE = "corpus.jsonl"
EXPECTED = "a BEIR corpus: JSON Lines with one {_id, title, text} object per line"
_PMID = re.compile(r"\d{1,10}")


class BeirReader:
    """One ARTICLE per corpus line; its identifier is ``<source>:<_id>``."""

    def __init__(self, path: Path, source: str | None = None) -> None:
        self.path = path / CORPUS_FILE if path.is_dir() else path
        self.source = source or default_source(self.path)
        self.total: int | None = _count_lines(self.path)

    def read(self) -> Iterator[Record]:
        if not self.path.is_file():
            raise ReaderError(f"{self.path} not found: give a BEIR {CORPUS_FILE} or the folder holding it")
        for line in read_json_lines(self.path, EXPECTED):
            yield line if isinstance(line, Skip) else self._document(line)

    def _document(self, line: Parsed) -> Record:
        record: dict[str, Any] = line.value
        try:
            identifier = _field(record, "_id")
            title, text = _field(record, "title"), _field(record, "text")
        except ValueError as exc:
            return Skip(line.origin, str(exc))
        if not identifier:
            return Skip(line.origin, "no '_id'")
        if not text and not title:
            return Skip(line.origin, f"'{identifier}' has no 'title' and no 'text'")
        metadata = record.get("metadata")
        meta: dict[str, Any] = metadata if isinstance(metadata, dict) else {}
        pmid = str(meta.get("pmid") or meta.get("pubmed_id") or "").strip()
        return Document(
            identifier=f"{self.source}:{identifier}",
            source=self.source,
            kind=DocumentKind.ARTICLE,
            title=title,
            sections=[Section("ABSTRACT", text)] if text else [],
            year=parse_year(meta.get("year")),
            pmid=pmid if _PMID.fullmatch(pmid) else None,
            doi=_optional(meta.get("doi")),
            url=_optional(meta.get("url")),
        )


def default_source(corpus: Path) -> str:
    """The dataset's folder name: ``scifact/corpus.jsonl`` and ``scifact/beir/corpus.jsonl`` are both "scifact"."""
    folder = corpus.resolve().parent
    if folder.name.lower() == "beir" and folder.parent.name:
        folder = folder.parent
    return folder.name.lower() or "beir"


def _field(record: dict[str, Any], name: str) -> str:
    """A text field, cleaned; "" when absent or null. Numbers are accepted for ``_id``."""
    value = record.get(name)
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError(f"'{name}' is {type(value).__name__}, expected text")
    return clean_text(str(value))


def _optional(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return clean_text(value) or None


def _count_lines(path: Path) -> int | None:
    """Records in the file, for the progress bar; None when it cannot be read (read() will say why)."""
    try:
        with path.open("rb") as handle:
            return sum(1 for line in handle if line.strip())
    except OSError:
        return None

"""PubMedQA items (a JSON object PMID → {QUESTION, CONTEXTS, LABELS, MESHES, YEAR, LONG_ANSWER}) → documents.

Each item is an abstract without its conclusion, plus that conclusion as LONG_ANSWER; the question
was made from the article's title, so it stands in as the title. The yes/no/maybe label is the
benchmark's answer key and stays out of the library.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from medoracle.domain import Document, DocumentKind, Section, Skip
from medoracle.ingest.base import Record, clean_text, parse_year, read_json_file
from medoracle.ingest.pubmed import pubmed_url

SOURCE = "pubmedqa"
EXPECTED = "PubMedQA JSON: an object PMID → {QUESTION, CONTEXTS, LABELS, MESHES, YEAR, LONG_ANSWER}"
_PMID = re.compile(r"\d{1,10}")
_NO_LABEL = {"", "UNLABELLED", "UNLABELED"}


class PubMedQAReader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.source = SOURCE
        self.total: int | None = None  # known only once the whole file is parsed

    def read(self) -> Iterator[Record]:
        parsed = read_json_file(self.path, EXPECTED)
        if isinstance(parsed, Skip):
            yield parsed
            return
        if not isinstance(parsed.value, dict):
            yield Skip(str(self.path), f"the top level is {type(parsed.value).__name__}; expected {EXPECTED}")
            return
        for key, item in parsed.value.items():
            origin = f"{self.path}: {key}"
            try:
                yield _document(key, item)
            except ValueError as exc:
                yield Skip(origin, str(exc))


def _document(pmid: str, item: Any) -> Document:
    if not _PMID.fullmatch(pmid):
        raise ValueError(f"key {pmid[:40]!r} is not a PMID")
    if not isinstance(item, dict):
        raise ValueError(f"not a JSON object but {type(item).__name__}")
    contexts = [clean_text(text) for text in _texts(item, "CONTEXTS")]
    if not any(contexts):
        raise ValueError("no 'CONTEXTS' text")
    labels = _texts(item, "LABELS")
    sections = [Section(_label(labels, n), text) for n, text in enumerate(contexts) if text]
    conclusion = clean_text(_text(item, "LONG_ANSWER"))
    if conclusion:
        sections.append(Section("CONCLUSIONS", conclusion))
    return Document(
        identifier=f"{SOURCE}:{pmid}",
        source=SOURCE,
        kind=DocumentKind.SNIPPETS,
        title=clean_text(_text(item, "QUESTION")),
        sections=sections,
        year=parse_year(item.get("YEAR")),
        pmid=pmid,
        url=pubmed_url(pmid),
        mesh_terms=[term for term in map(clean_text, _texts(item, "MESHES")) if term],
    )


def _label(labels: list[str], number: int) -> str:
    label = clean_text(labels[number]).upper() if number < len(labels) else ""
    return "ABSTRACT" if label in _NO_LABEL else label


def _text(item: dict[str, Any], name: str) -> str:
    value = item.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"'{name}' is {type(value).__name__}, expected text")
    return value


def _texts(item: dict[str, Any], name: str) -> list[str]:
    value = item.get(name)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(text, str) for text in value):
        raise ValueError(f"'{name}' is not a list of texts")
    return value

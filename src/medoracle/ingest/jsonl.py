"""JSON Lines records turned into documents through a field mapping (a preset or the user's JSON file)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from medoracle.domain import Document, DocumentKind, EvidenceKind, EvidenceSource, Section, Skip
from medoracle.ingest.base import (
    MAX_DOCUMENT_CHARS,
    MAX_TITLE_CHARS,
    Parsed,
    ReaderError,
    Record,
    clean_text,
    parse_year,
    read_json_lines,
)

# Identifiers are stored in 255 characters, prefix included.
MAX_IDENTIFIER_CHARS = 200


class FieldMapping(BaseModel):
    """Which record field gives each document field, and what every record of the file is.

    A mapping file is a JSON object with these keys; ``sections`` is a list of
    ``[record field, section label]`` pairs, in the order the sections should appear.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    source: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")
    identifier: str = Field(min_length=1)
    identifier_prefix: str | None = Field(default=None, min_length=1, max_length=50)
    title: str | None = None
    sections: tuple[tuple[str, str], ...] = ()
    year: str | None = None
    url: str | None = None
    journal: str | None = None
    authors: str | None = None
    pmid: str | None = None
    doi: str | None = None
    keywords: tuple[str, ...] = ()
    kind: DocumentKind = DocumentKind.DOCUMENT
    evidence_kind: EvidenceKind | None = None

    @model_validator(mode="after")
    def _has_text(self) -> FieldMapping:
        if not self.title and not self.sections:
            raise ValueError("map at least 'title' or one of 'sections'")
        too_long = [label for _, label in self.sections if not 0 < len(label) <= 120]
        if too_long:
            raise ValueError(f"section labels must have 1-120 characters: {too_long[0][:40]!r}")
        return self

    @property
    def prefix(self) -> str:
        return self.identifier_prefix or self.source


PRESETS: dict[str, FieldMapping] = {
    # AHRQ National Guideline Clearinghouse summaries (see ../shared/data/ngc_guideline_summaries/SOURCE.md).
    # guideline.gov is gone, so no URL; clinical_specialty is left out because it runs several
    # specialties together without a separator ("Family Practice Pediatrics Psychiatry").
    "ngc": FieldMapping(
        source="ngc",
        identifier="ngc_id",
        title="title",
        year="date_released",
        journal="developers",
        pmid="pmids_in_bibliographic_source",
        keywords=("disease_conditions",),
        sections=(
            ("major_recommendations", "MAJOR RECOMMENDATIONS"),
            ("disease_conditions", "DISEASE/CONDITION"),
            ("target_population", "TARGET POPULATION"),
            ("interventions_considered", "INTERVENTIONS"),
            ("rating_scheme_evidence", "EVIDENCE RATING SCHEME"),
        ),
        kind=DocumentKind.GUIDELINE,
        evidence_kind=EvidenceKind.GUIDELINE,
    ),
}


def load_mapping(preset: str | None, path: Path | None) -> FieldMapping:
    """A preset by name, or a mapping file; ReaderError says what is wrong with either."""
    if preset is not None:
        if preset not in PRESETS:
            raise ReaderError(f"unknown preset '{preset}' (known: {', '.join(sorted(PRESETS))})")
        return PRESETS[preset]
    if path is None:
        raise ReaderError("give a preset or a mapping file")
    try:
        return FieldMapping.model_validate_json(path.read_bytes())
    except OSError as exc:
        raise ReaderError(f"cannot read mapping file {path}: {exc.strerror or exc}") from exc
    except ValidationError as exc:
        raise ReaderError(f"bad mapping file {path}: {_first_error(exc)}") from exc


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    key = ".".join(str(part) for part in error["loc"])
    more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    return f"{f'{key!r}: ' if key else ''}{error['msg']}{more}"


class _BadRecord(Exception):
    """One record cannot become a document; the message is the reason."""


class JsonlReader:
    """One document per non-empty line; a bad line is skipped as ``file:line`` with the reason."""

    def __init__(self, path: Path, mapping: FieldMapping) -> None:
        self.path = path
        self.mapping = mapping
        self.source = mapping.source
        self.total: int | None = _count_records(path)

    def read(self) -> Iterator[Record]:
        for item in read_json_lines(self.path, expected="JSON Lines (one JSON object per line)"):
            yield item if isinstance(item, Skip) else self._record(item)

    def _record(self, parsed: Parsed) -> Record:
        try:
            return _document(parsed.value, self.mapping)
        except _BadRecord as exc:
            return Skip(parsed.origin, str(exc))


def _count_records(path: Path) -> int | None:
    """The number of non-empty lines, for the progress bar; None if the file cannot be read now."""
    try:
        with path.open("rb") as handle:
            return sum(1 for line in handle if line.strip())
    except OSError:
        return None


def _document(record: dict[str, Any], mapping: FieldMapping) -> Document:
    identifier = _text(record, mapping.identifier, MAX_IDENTIFIER_CHARS)
    if not identifier:
        raise _BadRecord(f"no '{mapping.identifier}'")
    sections = [
        Section(label, text)
        for name, label in mapping.sections
        if (text := _text(record, name, MAX_DOCUMENT_CHARS))
    ]
    evidence = mapping.evidence_kind
    return Document(
        identifier=f"{mapping.prefix}:{identifier}",
        source=mapping.source,
        kind=mapping.kind,
        title=_text(record, mapping.title, MAX_TITLE_CHARS) or "",
        sections=sections,
        authors=_items(record, mapping.authors),
        journal=_text(record, mapping.journal, MAX_TITLE_CHARS),
        year=parse_year(_text(record, mapping.year, MAX_TITLE_CHARS)),
        pmid=_pmid(record, mapping.pmid),
        doi=_text(record, mapping.doi, 255),
        url=_text(record, mapping.url, MAX_TITLE_CHARS),
        keywords=_unique(item for name in mapping.keywords for item in _items(record, name)),
        evidence_kind=evidence or EvidenceKind.OTHER,
        evidence_source=EvidenceSource.SOURCE if evidence else EvidenceSource.INFERRED,
    )


def _text(record: dict[str, Any], name: str | None, limit: int) -> str | None:
    """A scalar field as clean text, or None when unmapped, absent or null."""
    value = record.get(name) if name else None
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise _BadRecord(f"'{name}' is {_type_name(value)}, expected text")
    text = clean_text(_repair_mojibake(str(value)))
    if len(text) > limit:
        raise _BadRecord(f"'{name}' is {len(text):,} characters (limit {limit:,})")
    return text or None


_LIST_MARK = re.compile(r"^-\s+|:$")
_PMID = re.compile(r"\d{1,12}")


def _items(record: dict[str, Any], name: str | None) -> list[str]:
    """A list field, or a text field split into its lines (without list marks)."""
    value = record.get(name) if name else None
    if not isinstance(value, list):
        text = _text(record, name, MAX_DOCUMENT_CHARS) or ""
        return [item for line in text.split("\n") if (item := _LIST_MARK.sub("", line).strip())]
    items = []
    for item in value:
        if isinstance(item, bool) or not isinstance(item, str | int):
            raise _BadRecord(f"'{name}' holds {_type_name(item)}, expected text")
        if len(str(item)) > MAX_TITLE_CHARS:
            raise _BadRecord(f"'{name}' holds an item of {len(str(item)):,} characters")
        if text := clean_text(_repair_mojibake(str(item))):
            items.append(text)
    return items


def _pmid(record: dict[str, Any], name: str | None) -> str | None:
    """The field's PMID, or the first of its list of PMIDs."""
    pmids = _items(record, name)
    if pmids and not _PMID.fullmatch(pmids[0]):
        raise _BadRecord(f"'{name}' is not a PMID: {pmids[0][:20]!r}")
    return pmids[0] if pmids else None


def _unique(items: Iterator[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _type_name(value: object) -> str:
    names = {dict: "an object", list: "a list", bool: "true/false", float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


# UTF-8 bytes that were decoded as Latin-1 somewhere upstream ("â\x80\x93" for "–"); a run that does
# not decode as UTF-8 was real Latin-1 text and stays as it is.
_MOJIBAKE = re.compile(r"[\xc2-\xf4][\x80-\xbf]{1,3}")


def _repair_mojibake(text: str) -> str:
    return _MOJIBAKE.sub(_redecode, text)


def _redecode(match: re.Match[str]) -> str:
    try:
        return match.group().encode("latin-1").decode("utf-8")
    except UnicodeDecodeError:
        return match.group()

"""PubMed/MEDLINE XML → Documents: efetch output and the annual baseline/update files (.xml, .xml.gz).

Files are parsed with ``iterparse`` and each record is cleared once converted, so a
30,000-record baseline file streams in constant memory.
"""

from __future__ import annotations

import gzip
import logging
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from lxml import etree

from medoracle.domain import Document, DocumentKind, Section, Skip
from medoracle.ingest.base import Record, clean_text, parse_year

log = logging.getLogger(__name__)

ROOT = "PubmedArticleSet"
ARTICLE = "PubmedArticle"
BOOK_ARTICLE = "PubmedBookArticle"
DELETE = "DeleteCitation"
EXPECTED = f"expected <{ROOT}> XML as returned by efetch or as in the PubMed baseline files"
_GZIP_MAGIC = b"\x1f\x8b"

Element = etree._Element


class ByteStream(Protocol):
    """What the parser reads from: an open file, a GzipFile, a BytesIO."""

    def read(self, size: int = ..., /) -> bytes: ...


def _is_clean(text: str) -> bool:
    """Whether clean_text would leave the text as it is; most fields (names, MeSH terms) are.

    XML 1.0 allows no control characters but tab, newline and carriage return, so these
    few checks (each a fast scan in C) cover everything clean_text would change.
    """
    return (
        "  " not in text
        and "\n" not in text
        and "\t" not in text
        and "\r" not in text
        and (text == text.strip(" "))
    )


def _clean(text: str) -> str:
    """Text cleaned for the library; line breaks in PubMed fields are indentation, not structure."""
    return text if _is_clean(text) else clean_text(text.replace("\n", " "))


def _xpath(expression: str) -> etree.XPath:
    # Compiled once and evaluated in C: several times faster per record than find()/itertext().
    return etree.XPath(expression, smart_strings=False)


_STRING = _xpath("string()")


def _content(element: Element | None) -> str:
    """All text inside an element, inline markup (<i>, <sup>, …) included, cleaned."""
    if element is None:
        return ""
    text = (element.text or "") if len(element) == 0 else str(_STRING(element))
    return _clean(text)


def _elements(path: etree.XPath, record: Element) -> list[Element]:
    found = path(record)
    return [item for item in found if isinstance(item, etree._Element)] if isinstance(found, list) else []


def _first(paths: tuple[etree.XPath, ...], record: Element) -> str:
    """The first non-empty of several ``string(...)`` expressions (a field and its fallbacks)."""
    for path in paths:
        value = _clean(str(path(record)))
        if value:
            return value
    return ""


@dataclass(frozen=True, slots=True)
class _Layout:
    """Where a kind of record keeps each field; journal articles and book chapters differ."""

    pmid: tuple[etree.XPath, ...]
    title: tuple[etree.XPath, ...]
    abstract: etree.XPath
    authors: etree.XPath
    journal: tuple[etree.XPath, ...]
    year: tuple[etree.XPath, ...]
    doi: tuple[etree.XPath, ...]
    mesh_terms: etree.XPath
    keywords: etree.XPath
    publication_types: etree.XPath


def _strings(*paths: str) -> tuple[etree.XPath, ...]:
    return tuple(_xpath(f"string({path})") for path in paths)


_ARTICLE = "MedlineCitation/Article/"
_LAYOUTS = {
    ARTICLE: _Layout(
        pmid=_strings("MedlineCitation/PMID"),
        title=_strings(_ARTICLE + "ArticleTitle", _ARTICLE + "VernacularTitle"),
        abstract=_xpath(_ARTICLE + "Abstract/AbstractText"),
        authors=_xpath(_ARTICLE + "AuthorList/Author"),
        journal=_strings(_ARTICLE + "Journal/Title", _ARTICLE + "Journal/ISOAbbreviation"),
        year=_strings(
            _ARTICLE + "Journal/JournalIssue/PubDate/Year",
            _ARTICLE + "Journal/JournalIssue/PubDate/MedlineDate",
            _ARTICLE + "ArticleDate/Year",
        ),
        # Not any ArticleId: those in PubmedData/ReferenceList belong to cited articles.
        doi=_strings(
            "PubmedData/ArticleIdList/ArticleId[@IdType='doi']", _ARTICLE + "ELocationID[@EIdType='doi']"
        ),
        mesh_terms=_xpath("MedlineCitation/MeshHeadingList/MeshHeading/DescriptorName"),
        keywords=_xpath("MedlineCitation/KeywordList/Keyword"),
        publication_types=_xpath(_ARTICLE + "PublicationTypeList/PublicationType"),
    ),
    BOOK_ARTICLE: _Layout(
        pmid=_strings("BookDocument/PMID"),
        title=_strings("BookDocument/ArticleTitle", "BookDocument/Book/BookTitle"),
        abstract=_xpath("BookDocument/Abstract/AbstractText"),
        authors=_xpath("BookDocument/AuthorList[@Type='authors']/Author"),  # not the book's editors
        journal=_strings("BookDocument/Book/BookTitle"),
        year=_strings("BookDocument/Book/PubDate/Year", "BookDocument/ContributionDate/Year"),
        doi=_strings(
            "PubmedBookData/ArticleIdList/ArticleId[@IdType='doi']",
            "BookDocument/ArticleIdList/ArticleId[@IdType='doi']",
        ),
        mesh_terms=_xpath("BookDocument/MeshHeadingList/MeshHeading/DescriptorName"),
        keywords=_xpath("BookDocument/KeywordList/Keyword"),
        publication_types=_xpath("BookDocument/PublicationType"),
    ),
}


def _texts(path: etree.XPath, record: Element) -> list[str]:
    return [text for text in (_content(element) for element in _elements(path, record)) if text]


def _sections(path: etree.XPath, record: Element) -> list[Section]:
    sections = []
    for part in _elements(path, record):
        text = _content(part)
        if text:
            label = part.get("Label") or part.get("NlmCategory") or "ABSTRACT"
            sections.append(Section(label.strip().upper(), text))
    return sections


def _author(author: Element) -> str:
    parts = {str(child.tag): child for child in author}
    collective = _content(parts.get("CollectiveName"))
    if collective:
        return collective
    last = _content(parts.get("LastName"))
    initials = _content(parts.get("Initials")) or _content(parts.get("ForeName"))
    return " ".join(part for part in (last, initials) if part)


def _authors(path: etree.XPath, record: Element) -> list[str]:
    # ValidYN="N" marks a misspelt name that an erratum corrected.
    names = (_author(author) for author in _elements(path, record) if author.get("ValidYN") != "N")
    return [name for name in names if name]


def _year(paths: tuple[etree.XPath, ...], record: Element) -> int | None:
    for path in paths:
        year = parse_year(path(record))
        if year:
            return year
    return None


def pubmed_url(pmid: str) -> str:
    return f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/"


def record_document(record: Element) -> Document | None:
    """A <PubmedArticle> or <PubmedBookArticle> as a Document, or None when it has no PMID."""
    layout = _LAYOUTS[str(record.tag)]
    pmid = _first(layout.pmid, record)
    if not pmid:
        return None
    return Document(
        identifier=f"pubmed:{pmid}",
        source="pubmed",
        kind=DocumentKind.ARTICLE,
        title=_first(layout.title, record),
        sections=_sections(layout.abstract, record),
        authors=_authors(layout.authors, record),
        journal=_first(layout.journal, record) or None,
        year=_year(layout.year, record),
        pmid=pmid,
        doi=_first(layout.doi, record) or None,
        url=pubmed_url(pmid),
        mesh_terms=_texts(layout.mesh_terms, record),
        keywords=_texts(layout.keywords, record),
        publication_types=_texts(layout.publication_types, record),
    )


def _convert(record: Element, origin: str, number: int) -> Record:
    where = f"{origin}: record {number}"
    try:
        document = record_document(record)
    except Exception as exc:  # one odd record must not end a 30,000-record file
        return Skip(origin=where, reason=f"cannot read the record: {exc!r}")
    if document is None:
        return Skip(origin=where, reason="no PMID")
    return document


def _release(element: Element) -> None:
    """Free a finished top-level element and the siblings already handled before it."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def _log_deletions(element: Element, origin: str) -> None:
    count = sum(1 for _ in element.iterfind("PMID"))
    log.info("%s: ignoring <DeleteCitation> of %d PMIDs (deletions are not applied)", origin, count)


def _syntax_skip(origin: str, exc: etree.XMLSyntaxError, root_seen: bool, records: int) -> Skip:
    message = exc.msg or str(exc)
    if not root_seen:
        return Skip(origin=origin, reason=f"not PubMed XML: {EXPECTED}, but it is not XML ({message})")
    if "encoding" in message:
        message += " (the bytes do not match the encoding the XML declaration states, UTF-8 by default)"
    return Skip(
        origin=origin,
        reason=f"not well-formed XML at line {exc.lineno} after {records} records: {message}",
    )


def _wrong_root(origin: str, root: Element | None) -> Skip:
    found = f"<{etree.QName(root).localname}>" if root is not None else "no root element"
    return Skip(origin=origin, reason=f"not PubMed XML: {EXPECTED}, found {found}")


def parse_articles(stream: ByteStream, origin: str) -> Iterator[Record]:
    """Every record of a <PubmedArticleSet> byte stream, then a Skip if the stream is broken.

    ``origin`` names the stream in skip messages (a file name, or an efetch batch).
    """
    events = etree.iterparse(
        stream,
        events=("start", "end"),
        tag=(ROOT, ARTICLE, BOOK_ARTICLE, DELETE),
        resolve_entities=False,
        no_network=True,
    )
    root_seen = False
    number = 0
    try:
        for event, element in events:
            if not root_seen:
                root = element.getroottree().getroot()
                if root.tag != ROOT:
                    yield _wrong_root(origin, root)
                    return
                root_seen = True
            if event == "start" or element.tag == ROOT:
                continue
            if element.tag == DELETE:
                _log_deletions(element, origin)
            else:
                number += 1
                yield _convert(element, origin, number)
            _release(element)
    except etree.XMLSyntaxError as exc:
        yield _syntax_skip(origin, exc, root_seen, number)
        return
    if not root_seen:
        # No tag of interest appeared at all: the file is some other XML document.
        yield _wrong_root(origin, events.root)


@contextmanager
def _open(path: Path) -> Iterator[ByteStream]:
    """The file's bytes, decompressed when it is gzip (recognised by content, not name)."""
    with path.open("rb") as handle:
        compressed = handle.read(2) == _GZIP_MAGIC
        handle.seek(0)
        if not compressed:
            yield handle
            return
        with gzip.GzipFile(fileobj=handle, mode="rb") as unzipped:
            yield unzipped


def read_file(path: Path) -> Iterator[Record]:
    """The records of one file; a broken or unreadable file ends in a Skip, never an exception."""
    origin = str(path)
    records = 0
    try:
        with _open(path) as stream:
            for record in parse_articles(stream, origin):
                if isinstance(record, Document):
                    records += 1
                yield record
    except (OSError, EOFError, zlib.error) as exc:
        # A corrupt or truncated .gz fails inside the decompressor, not the XML parser.
        yield Skip(origin=origin, reason=f"cannot read the file after {records} records: {exc}")


def _files(path: Path) -> Iterator[Path | Skip]:
    if path.is_dir():
        found = sorted(p for p in path.rglob("*") if p.is_file() and p.name.endswith((".xml", ".xml.gz")))
        if not found:
            yield Skip(origin=str(path), reason="no .xml or .xml.gz files in this folder")
        yield from found
    elif path.exists():
        yield path
    else:
        yield Skip(origin=str(path), reason="no such file or folder")


class PubMedXmlReader:
    """PubMed/MEDLINE XML files and folders of them (*.xml, *.xml.gz)."""

    source = "pubmed"

    def __init__(self, paths: list[Path]) -> None:
        self.paths = list(paths)

    def read(self) -> Iterator[Record]:
        for path in self.paths:
            for item in _files(path):
                if isinstance(item, Skip):
                    yield item
                else:
                    log.info("reading %s", item)
                    yield from read_file(item)

"""Local documents (PDF, HTML, Markdown, plain text) with optional ``<file>.meta.json`` sidecars.

A document's identifier is ``file:<sidecar id>`` or ``file:<path relative to the folder given>``,
so re-ingesting a folder updates its documents, and moving the folder does not duplicate them.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, ValidationError
from pypdf import PasswordType, PdfReader
from selectolax.lexbor import LexborHTMLParser, LexborNode

from medoracle.domain import Document, DocumentKind, EvidenceKind, EvidenceSource, Section, Skip
from medoracle.ingest.base import Record, clean_text, parse_year, read_text_file

log = logging.getLogger(__name__)

SIDECAR_SUFFIX = ".meta.json"
MAX_FILE_BYTES = 50 * 1024 * 1024
DEFAULT_LABEL = "TEXT"
# The passages table keeps section labels in 128 characters.
MAX_LABEL_CHARS = 120

# A kind the sidecar states implies an evidence kind unless the sidecar also gives one.
_EVIDENCE_OF_KIND = {
    DocumentKind.GUIDELINE: EvidenceKind.GUIDELINE,
    DocumentKind.PATIENT_INFORMATION: EvidenceKind.PATIENT_INFORMATION,
}


class _Unreadable(Exception):
    """One file cannot become a document; the message is the reason shown to the user."""


class Sidecar(BaseModel):
    """The metadata a user may put next to a file, in ``<file>.meta.json``."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    id: str | None = Field(default=None, min_length=1, max_length=200, pattern=r"^\S+$")
    title: str | None = None
    authors: list[str] = []
    organisation: str | None = Field(
        default=None, validation_alias=AliasChoices("organisation", "organization")
    )
    year: int | None = Field(default=None, ge=1800, le=2100)
    url: str | None = None
    doi: str | None = None
    pmid: str | None = Field(default=None, pattern=r"^\d{1,12}$")
    kind: Literal["guideline", "patient_information", "article", "document"] | None = None
    evidence_kind: EvidenceKind | None = None
    keywords: list[str] = []


@dataclass
class _Content:
    """What a file itself says: its text in sections, and a title and year when it has them."""

    sections: list[Section]
    title: str | None = None
    year: int | None = None


@dataclass
class _SectionBuilder:
    """Collects lines under headings; text before the first heading goes under DEFAULT_LABEL."""

    label: str = DEFAULT_LABEL
    first_heading: str | None = None
    sections: list[Section] = field(default_factory=list)
    _lines: list[str] = field(default_factory=list)
    _line: list[str] = field(default_factory=list)

    def text(self, text: str) -> None:
        self._line.append(text)

    def end_line(self) -> None:
        line = clean_text("".join(self._line))
        if line:
            self._lines.append(line)
        self._line.clear()

    def heading(self, text: str) -> None:
        label = clean_text(text).rstrip(":").strip()
        if not label:
            return
        self._close_section()
        self.first_heading = self.first_heading or label
        self.label = label[:MAX_LABEL_CHARS]

    def finish(self) -> list[Section]:
        self._close_section()
        return self.sections

    def _close_section(self) -> None:
        self.end_line()
        text = clean_text("\n".join(self._lines))
        if text:
            self.sections.append(Section(self.label, text))
        self._lines.clear()


# --- plain text and PDF ---------------------------------------------------------------------------

_BULLET = re.compile(r"^[ \t]*(?:[•●▪◦‣∙]|\*(?=[ \t]))[ \t]*", re.MULTILINE)
_LIST_LINE = r"\s*(?:[-•*]|\d{1,2}[.)])\s"
# A line break inside a paragraph of PDF text is layout, not structure: join it unless a list item follows.
_WRAPPED = re.compile(rf"(?<=[^\n])\n(?!{_LIST_LINE}|\s*\n)")
_HYPHENATED = re.compile(r"(?<=[a-z])-\n(?=[a-z])")


# Headings are words and light punctuation; "N_ENTRIES", "X ::= Y" or "{" are code, tables or formulas.
_HEADING_CHARS = re.compile(r"[^\W_]|[\s.,:;/&()'’?!–-]")


def _is_caps_heading(line: str) -> bool:
    """A short line in capitals, like "RECOMMENDATIONS" or "2. DIAGNOSIS:" — not a shouted sentence."""
    return (
        3 <= len(line) <= 80
        and line == line.upper()
        and len(_HEADING_CHARS.findall(line)) == len(line)
        and sum(c.isalpha() for c in line) >= 3
        and len(line.split()) <= 10
        and not line.startswith(("-", "•"))
        and not line.endswith((".", ",", ";"))
    )


def _caps_sections(text: str, unwrap: bool = False) -> _Content:
    builder = _SectionBuilder()
    body: list[str] = []

    def flush() -> None:
        joined = "\n".join(body)
        builder.text(_WRAPPED.sub(" ", _HYPHENATED.sub("", joined)) if unwrap else joined)
        body.clear()

    lines = text.split("\n")
    for line in lines:
        if _is_caps_heading(line.strip()):
            flush()
            builder.heading(line)
        else:
            body.append(line)
    flush()
    # Only a heading that opens the text is its title; a later one is a section's.
    opening = next((line.strip() for line in lines if line.strip()), "")
    return _Content(builder.finish(), title=builder.first_heading if _is_caps_heading(opening) else None)


def _parse_text(path: Path) -> _Content:
    return _caps_sections(_decoded(path))


def _parse_pdf(path: Path) -> _Content:
    try:
        reader = PdfReader(path)
        _unlock(reader)
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
        metadata = reader.metadata
        title = _usable_pdf_title(metadata.title if metadata else None)
        created = metadata.get("/CreationDate") if metadata else None
    except _Unreadable:
        raise
    except Exception as exc:  # pypdf raises many exception types for damaged files; the message says why
        raise _Unreadable(f"not a readable PDF: {exc}") from exc
    if not text.strip():
        raise _Unreadable("no extractable text (scanned PDF?); OCR it first")
    content = _caps_sections(_BULLET.sub("- ", text), unwrap=True)
    content.title = title or content.title
    content.year = _pdf_year(created)
    return content


def _unlock(reader: PdfReader) -> None:
    """Open a PDF encrypted only against editing (empty user password); refuse one that needs a password."""
    if not reader.is_encrypted:
        return
    try:
        unlocked = reader.decrypt("") != PasswordType.NOT_DECRYPTED
    except Exception as exc:  # e.g. AES without the optional 'cryptography' package
        raise _Unreadable(f"encrypted PDF that cannot be opened: {exc}") from exc
    if not unlocked:
        raise _Unreadable("encrypted PDF that needs a password; ingest an unencrypted copy")


_TOOL_TITLE = re.compile(r"^(microsoft \w+ - |untitled)|\.(docx?|pdf|indd|odt|rtf|pptx?)$", re.IGNORECASE)


def _usable_pdf_title(title: object) -> str | None:
    """The metadata title, unless it is an authoring tool's placeholder such as "Microsoft Word - a.docx"."""
    text = clean_text(str(title)) if title else ""
    return text if text and not _TOOL_TITLE.search(text) else None


def _pdf_year(created: object) -> int | None:
    # PDF dates look like "D:20190312120000Z": the year has no word boundary after it.
    match = re.match(r"(?:D:)?(\d{4})", str(created or ""))
    return parse_year(match.group(1)) if match else None


# --- HTML -----------------------------------------------------------------------------------------

_DROPPED_TAGS = ["script", "style", "nav", "header", "footer", "noscript", "template"]
_SECTION_HEADINGS = frozenset({"h1", "h2", "h3"})
_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "form",
        "h4",
        "h5",
        "h6",
        "hr",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "ul",
    ]
)
_CELL_TAGS = frozenset({"td", "th"})


def _parse_html(path: Path) -> _Content:
    tree = LexborHTMLParser(_decoded(path))
    title_node = tree.css_first("title")
    title = clean_text(title_node.text()) if title_node else ""
    tree.strip_tags(_DROPPED_TAGS)
    builder = _SectionBuilder()
    if tree.body is not None:
        try:
            _walk_html(tree.body, builder)
        except RecursionError as exc:
            raise _Unreadable("HTML nested too deeply to read") from exc
    sections = builder.finish()
    return _Content(sections, title=title or builder.first_heading)


def _walk_html(node: LexborNode, out: _SectionBuilder) -> None:
    for child in node.iter(include_text=True):
        tag = child.tag
        if tag == "-text":
            out.text(child.text_content or "")
        elif tag in _SECTION_HEADINGS:
            out.heading(child.text(separator=" "))
        elif tag == "li":
            out.end_line()
            out.text("- ")
            _walk_html(child, out)
            out.end_line()
        elif tag == "br":
            out.end_line()
        elif tag in _BLOCK_TAGS:
            out.end_line()
            _walk_html(child, out)
            out.end_line()
        elif tag in _CELL_TAGS:
            out.text(" ")
            _walk_html(child, out)
            out.text(" ")
        elif child.is_element_node:
            _walk_html(child, out)


# --- Markdown -------------------------------------------------------------------------------------

_MD_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_MD_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_MD_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_MD_INLINE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"^\s{0,3}>\s?"), ""),
    (re.compile(r"^(\s*)[*+]\s+"), r"\1- "),
    (re.compile(r"(\*\*|__)(\S(?:.*?\S)?)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(\S(?:[^*]*?\S)?)\*(?![\w*])"), r"\1"),
    (re.compile(r"`([^`]+)`"), r"\1"),
)


def _markdown_inline(line: str) -> str:
    for pattern, replacement in _MD_INLINE:
        line = pattern.sub(replacement, line)
    return line


def _parse_markdown(path: Path) -> _Content:
    builder = _SectionBuilder()
    in_fence = False
    for line in _MD_COMMENT.sub("", _decoded(path)).split("\n"):
        if _MD_FENCE.match(line):
            in_fence = not in_fence
            continue
        heading = None if in_fence else _MD_HEADING.match(line)
        if heading and len(heading.group(1)) <= 3:
            builder.heading(_markdown_inline(heading.group(2)))
            continue
        if heading:
            line = heading.group(2)
        builder.text(line if in_fence else _markdown_inline(line))
        builder.end_line()
    return _Content(builder.finish(), title=builder.first_heading)


def _decoded(path: Path) -> str:
    text, note = read_text_file(path)
    if note:
        log.warning("%s: %s", path, note)
    return text


_PARSERS: dict[str, Callable[[Path], _Content]] = {
    ".pdf": _parse_pdf,
    ".html": _parse_html,
    ".htm": _parse_html,
    ".md": _parse_markdown,
    ".markdown": _parse_markdown,
    ".txt": _parse_text,
}
SUPPORTED_SUFFIXES = tuple(_PARSERS)


# --- reader ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Entry:
    """A file to read, and the folder its identifier is relative to."""

    path: Path
    base: Path


class FileReader:
    """Documents from files and folders (recursively); hidden files and folders are left out."""

    source = "files"

    def __init__(self, paths: list[Path]) -> None:
        self._entries = list(_entries(paths))
        self.total: int | None = len(self._entries)

    def read(self) -> Iterator[Record]:
        for entry in self._entries:
            yield _record(entry)


def _entries(paths: Iterable[Path]) -> Iterator[_Entry]:
    """Every file to report on once; a sidecar is read with its file, so only orphans appear."""
    seen: set[Path] = set()
    for root in paths:
        found = (
            (_Entry(p, root) for p in sorted(root.rglob("*")) if p.is_file() and not _hidden(p, root))
            if root.is_dir()
            else [_Entry(root, root.parent)]
        )
        for entry in found:
            resolved = entry.path.resolve()
            target = _sidecar_target(entry.path)
            if resolved in seen or (target is not None and target.is_file()):
                continue
            seen.add(resolved)
            yield entry


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _sidecar_target(path: Path) -> Path | None:
    """The file a sidecar describes, or None if the path is not a sidecar."""
    name = path.name
    if name.endswith(SIDECAR_SUFFIX) and len(name) > len(SIDECAR_SUFFIX):
        return path.with_name(name[: -len(SIDECAR_SUFFIX)])
    return None


def _record(entry: _Entry) -> Record:
    origin = str(entry.path)
    try:
        return _document(entry)
    except _Unreadable as exc:
        return Skip(origin, str(exc))
    except OSError as exc:
        return Skip(origin, f"cannot read: {exc.strerror or exc}")


def _document(entry: _Entry) -> Document:
    path = entry.path
    if not path.exists():
        raise _Unreadable("no such file or folder")
    target = _sidecar_target(path)
    if target is not None:
        raise _Unreadable(f"metadata sidecar without its file '{target.name}'")
    parse = _PARSERS.get(path.suffix.lower())
    if parse is None:
        raise _Unreadable(
            f"unsupported file type '{path.suffix or path.name}' (supported: {', '.join(SUPPORTED_SUFFIXES)})"
        )
    _check_size(path)
    meta = _sidecar(path)
    content = parse(path)
    if not content.sections:
        raise _Unreadable("no text found")
    return _build(entry, meta, content)


def _check_size(path: Path) -> None:
    size = path.stat().st_size
    if size == 0:
        raise _Unreadable("empty file")
    if size > MAX_FILE_BYTES:
        raise _Unreadable(f"too large ({size / 1e6:,.0f} MB; limit {MAX_FILE_BYTES / 1e6:,.0f} MB)")


def _sidecar(path: Path) -> Sidecar:
    sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
    if not sidecar.is_file():
        return Sidecar()
    try:
        return Sidecar.model_validate_json(sidecar.read_bytes())
    except ValidationError as exc:
        error = exc.errors()[0]
        key = ".".join(str(part) for part in error["loc"])
        where = f"'{key}': " if key else ""
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise _Unreadable(f"bad metadata in {sidecar.name}: {where}{error['msg']}{more}") from exc


def _build(entry: _Entry, meta: Sidecar, content: _Content) -> Document:
    kind = DocumentKind(meta.kind) if meta.kind else DocumentKind.DOCUMENT
    evidence = meta.evidence_kind or _EVIDENCE_OF_KIND.get(kind)
    name = meta.id or entry.path.relative_to(entry.base).as_posix()
    return Document(
        identifier=f"file:{name}",
        source=FileReader.source,
        kind=kind,
        title=clean_text(meta.title or "") or content.title or entry.path.stem,
        sections=content.sections,
        authors=[a.strip() for a in meta.authors if a.strip()],
        journal=meta.organisation,
        year=meta.year or content.year,
        pmid=meta.pmid,
        doi=meta.doi,
        url=meta.url,
        keywords=[k.strip() for k in meta.keywords if k.strip()],
        evidence_kind=evidence or EvidenceKind.OTHER,
        evidence_source=EvidenceSource.SOURCE if evidence else EvidenceSource.INFERRED,
    )

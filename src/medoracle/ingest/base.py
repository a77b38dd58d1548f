"""The one interface every reader implements, and the helpers readers share."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from medoracle.domain import Document, Skip

Record = Document | Skip

# A field longer than this is a broken or hostile record, not a real title or abstract.
MAX_TITLE_CHARS = 4_000
MAX_DOCUMENT_CHARS = 2_000_000


class Reader(Protocol):
    """Turns one source (a file, a folder, a query) into documents, or skips with a reason.

    A reader never raises for one bad record: it yields a Skip naming the file and the
    record and carries on. It raises ReaderError only when the whole source is unusable.
    """

    source: str

    def read(self) -> Iterator[Record]: ...


class ReaderError(Exception):
    """The whole source cannot be read; the message names it and the fix."""


_SPACE = re.compile(r"[ \t\r\f\v]+")
_BLANK_LINES = re.compile(r"\n\s*\n\s*")


def clean_text(text: str) -> str:
    """Collapse runs of spaces, keep single line breaks (they carry list structure)."""
    lines = (_SPACE.sub(" ", line).strip() for line in text.replace("\x00", "").split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def parse_year(value: object) -> int | None:
    """The first plausible four-digit year in a value, e.g. "2000 Jul (reaffirmed 2014)" → 2000."""
    match = re.search(r"\b(1[89]\d\d|20\d\d)\b", str(value or ""))
    return int(match.group(1)) if match else None


def read_text_file(path: Path) -> tuple[str, str | None]:
    """A text file's content and, when it was not UTF-8, a note saying how it was decoded."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        return raw.decode(
            "cp1252", errors="replace"
        ), f"not UTF-8 (byte {exc.start}); decoded as Windows-1252"

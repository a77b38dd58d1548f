"""The one interface every reader implements, and the helpers readers share."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

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


_BLANK_LINES = re.compile(r"\n\s*\n\s*")


def clean_text(text: str) -> str:
    """Collapse runs of spaces, keep single line breaks (they carry list structure)."""
    # str.split() is several times faster than a regex here, and also folds Unicode spaces.
    lines = (" ".join(line.split()) for line in text.replace("\x00", "").split("\n"))
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


# --- JSON and JSON Lines files (the benchmark collections) ---

log = logging.getLogger(__name__)

# A file whose first lines are none of them JSON objects is in another format, not JSON Lines with bad lines.
PROBE_LINES = 10


@dataclass(frozen=True, slots=True)
class Parsed:
    """A JSON value read from a file, and where it stands: "corpus.jsonl:17" or the file itself."""

    origin: str
    value: Any


def read_json_lines(path: Path, expected: str) -> Iterator[Parsed | Skip]:
    """Each non-empty line of a JSON Lines file as a JSON object; a bad line is a Skip for ``file:line``.

    A file that is empty, or whose first lines are none of them JSON objects, is one Skip naming the
    file and what was ``expected``. Bytes that are not UTF-8 are replaced and logged: one mis-encoded
    character should not cost the record.
    """
    held: list[Skip] = []  # bad lines before the first good one, until we know the format is right
    good = False
    for number, raw in _lines(path):
        line = _json_object(_decode(raw, f"{path}:{number}"), f"{path}:{number}")
        if isinstance(line, Parsed):
            good = True
            yield from held
            held.clear()
            yield line
        elif good:
            yield line
        else:
            held.append(line)
            if len(held) == PROBE_LINES:
                break
    if not good:
        first = f" (line {held[0].origin.rsplit(':', 1)[1]}: {held[0].reason})" if held else ""
        yield Skip(str(path), f"{'not' if held else 'empty file, expected'} {expected}{first}")


def read_json_file(path: Path, expected: str) -> Parsed | Skip:
    """A whole JSON file's value, or one Skip naming the file when it is empty, truncated or not JSON."""
    if path.is_dir():
        raise ReaderError(f"{path} is a folder; expected a file of {expected}")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ReaderError(f"cannot read {path}: {exc.strerror or exc}; expected {expected}") from exc
    text = _decode(raw.removeprefix(b"\xef\xbb\xbf"), str(path))
    if not text.strip():
        return Skip(str(path), f"empty file, expected {expected}")
    try:
        return Parsed(str(path), json.loads(text))
    except json.JSONDecodeError as exc:
        if exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string"):
            return Skip(str(path), f"truncated: the JSON ends before it is complete; expected {expected}")
        where = f"line {exc.lineno} column {exc.colno}"
        return Skip(str(path), f"not {expected}: invalid JSON at {where} ({exc.msg})")


def _lines(path: Path) -> Iterator[tuple[int, bytes]]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise ReaderError(f"cannot read {path}: {exc.strerror or exc}") from exc
    with handle:
        for number, raw in enumerate(handle, start=1):
            if raw.strip():
                yield number, raw.removeprefix(b"\xef\xbb\xbf") if number == 1 else raw


def _decode(raw: bytes, origin: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        log.warning("%s: not UTF-8 (byte %d); undecodable bytes replaced by U+FFFD", origin, exc.start)
        return raw.decode("utf-8", errors="replace")


def _json_object(line: str, origin: str) -> Parsed | Skip:
    try:
        value = json.loads(line)
    except ValueError as exc:
        return Skip(origin, f"not valid JSON ({exc})")
    if not isinstance(value, dict):
        return Skip(origin, f"not a JSON object but {type(value).__name__}")
    return Parsed(origin, value)

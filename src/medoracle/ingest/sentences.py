"""Sentence splitting for biomedical text.

A full stop ends a sentence only when it is followed by space and a plausible sentence
start, and is not part of an abbreviation ("et al.", "vs.", "i.e.", "Dr.", "mg."),
a decimal ("0.05"), an initial ("J. Smith") or a list marker. Line breaks that start a
bullet ("- ", "• ", "1. ") always end a sentence, and so does the line break after a heading
(a short line without final punctuation, such as "Risk Factors") or after a guideline's tag
("... labour. [new 2015]", "... pregnancy. (III-C)"). A sentence's span leaves out its bullet
marker, and a footnote number glued to a full stop ("in later life.2 Babies") belongs to neither
sentence. A structured abstract's label glued to a full stop ("treatment.PURPOSE:") starts one, and
so does a capitalised word glued to a word's full stop ("meningitis.Inflammation from").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# Lower-cased tokens (without their final dot) after which a dot does not end a sentence.
# Units ("mg", "min") are not here: "given 500 mg. Patients..." does end a sentence.
_ABBREVIATIONS = frozenset(
    (
        "al vs v e.g eg i.e ie cf c.f approx ca dr mr mrs ms prof st fig figs tab nos vol pp ref refs "
        "resp inc ltd co corp jr sr dept univ u.s u.k sp spp var ed eds suppl jan feb mar apr jun jul aug "
        "sep sept oct nov dec est avg"
    ).split()
)

# A candidate boundary: sentence-final punctuation, optional closing quote/bracket, whitespace.
_CANDIDATE = re.compile(r"([.!?])([\"')\]]*)(\s+)")
_MARKER = re.compile(r"(?:[-•*▪◦]|\d{1,2}[.)])\s+")  # a bullet or list number before an item
_BULLET_LINE = re.compile(r"\n\s*" + _MARKER.pattern)
_PARAGRAPH = re.compile(r"\n\s*\n")
# A footnote number glued to a sentence's full stop: "in later life.2 Babies", "... life.2" at the end,
# "usually type 2.1 Research"
# (a decimal is not followed by a capitalised word, units such as "2.2 Mb" aside).
_FOOTNOTE = re.compile(
    r"(?<=[a-z%)\]])\.(\d{1,2})(?=\s+[A-Z][a-z]{2,}|\s*$)|(?<=\s\d)\.(\d)(?=\s+[A-Z][a-z]{2,})"
)
# A structured abstract's label glued to the sentence before it: "...treatment.PURPOSE: In this review",
# or a sentence glued to the one before (a lost space): "...get meningitis.Inflammation from...".
# A word of three or more lower-case letters before the dot keeps "e.g.The" and "S.Aureus" whole;
# a bracket after the capitalised word keeps a name such as "Cancer.Net (www.cancer.net)".
_GLUED_START = re.compile(
    r"(?<=[a-z0-9)\]])\.(?=[A-Z]{4,}(?: [A-Z]{2,})*:)|(?<=[a-z]{3})\.(?=[A-Z][a-z]{2,}\s+[^\s(])"
)
_TOKEN_BEFORE = re.compile(r"(\S+)$")
_NEXT_START = re.compile(r"[A-Z0-9\"'(\[¿¡•\-]|[^\x00-\x7f]")
_NEWLINE_BEFORE_START = re.compile(r"\n[ \t]*[A-Z\[]")  # a literal first character: a fast scan
HEADING_WORDS = 12
TAG_CHARS = 40


def _ends_sentence(text: str, dot_index: int, next_index: int) -> bool:
    mark = text[dot_index]
    if next_index >= len(text):
        return True
    if not _NEXT_START.match(text[next_index]):
        return False
    if mark != ".":
        return True
    # A bounded window: searching from 0 made long guideline sections quadratic (minutes per file).
    match = _TOKEN_BEFORE.search(text, max(0, dot_index - 64), dot_index)
    token = match.group(1) if match else ""
    bare = token.lstrip("([\"'").lower()
    if match and bare.isdigit() and _starts_line(text, match.start(1)):
        return False  # a numbered list marker ("2. Avoid quinine")
    if bare in _ABBREVIATIONS:
        # "et al. 2005" and "vs. 12%" continue; "... as shown by Smith et al. We then" is rare
        # enough in abstracts that keeping it together is the better error.
        return False
    # Single-letter initials ("J. Smith", "E. coli") and dotted acronyms ("U.S.") are not ends.
    if len(bare) == 1 and bare.isalpha():
        return False
    return not (re.fullmatch(r"(?:[a-z]\.)+[a-z]", bare) is not None)


def _heading_ends(text: str) -> Iterator[int]:
    """Newlines after a heading or a date tag, before a line starting with a capital or a bracket.

    A heading is a short line that does not end like a sentence or a wrapped clause; longer
    lines are more likely wrapped prose (PDFs).
    """
    for match in _NEWLINE_BEFORE_START.finditer(text):
        newline = match.start()
        line = text[text.rfind("\n", 0, newline) + 1 : newline].rstrip()
        short_heading = line and line[-1] not in ".!?,;:-" and len(line.split()) <= HEADING_WORDS
        # Guidelines end a recommendation with its date or grade tag: "... labour. [new 2015]", "... (III-C)"
        date_tag = line.endswith("]") and len(line) - line.rfind("[") <= TAG_CHARS
        opening = line.rfind("(")
        grade_tag = (
            line.endswith(")") and len(line) - opening <= TAG_CHARS and line[:opening].rstrip().endswith(".")
        )
        if short_heading or date_tag or grade_tag:
            yield newline


def _starts_line(text: str, index: int) -> bool:
    while index > 0 and text[index - 1] in " \t":
        index -= 1
    return index == 0 or text[index - 1] == "\n"


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of each sentence in ``text``, whitespace trimmed."""
    hard_breaks = (
        {m.start() for m in _BULLET_LINE.finditer(text)}
        | {m.start() for m in _PARAGRAPH.finditer(text)}
        | set(_heading_ends(text))
    )
    cuts: list[int] = []
    for match in _CANDIDATE.finditer(text):
        if _ends_sentence(text, match.start(1), match.end()):
            cuts.append(match.end(2))
    cuts.extend(hard_breaks)
    cuts.extend(m.end() for m in _GLUED_START.finditer(text))
    # The sentence ends at the full stop; the footnote number belongs to neither sentence.
    footnotes = {m.start() + 1: m.end() for m in _FOOTNOTE.finditer(text)}
    cuts.extend(footnotes)
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in [*sorted(set(cuts)), len(text)]:
        if cut <= start:
            continue
        span = _trim(text, footnotes.get(start, start), cut)
        if span:
            spans.append(span)
        start = cut
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    if (marker := _MARKER.match(text, start, end)) and marker.end() < end:
        start = marker.end()
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None

"""BioASQ Task B snippets → one SNIPPETS document per PubMed article, merged across all questions.

BioASQ ships no abstracts, only the snippets its experts marked in them; several questions often
cite the same article. The snippets of one PMID are gathered over the whole file, duplicates and
snippets contained in a longer one dropped, and kept in their order within the article.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from medoracle.domain import Document, DocumentKind, Section, Skip
from medoracle.ingest.base import Record, clean_text, read_json_file
from medoracle.ingest.pubmed import pubmed_url

SOURCE = "bioasq"
EXPECTED = 'BioASQ Task B JSON: {"questions": [{id, body, snippets: [{text, document, beginSection}]}]}'
_PMID = re.compile(r"(?:^|/pubmed/|pubmed\.ncbi\.nlm\.nih\.gov/)(\d{1,10})/?$")
_FULL_TEXT_SECTION = re.compile(r"sections\.(\d{1,4})")
_COPYRIGHT = re.compile(r"<CopyrightInformation>.*?(?:</CopyrightInformation>|$)", re.DOTALL)
_BREAK_TAG = re.compile(r"<br\s*/?>|</?AbstractText\b[^<>]{0,200}>", re.IGNORECASE)
_INLINE_TAG = re.compile(r"</?(?:b|i|u|em|strong|sup|sub)>", re.IGNORECASE)


class _Snippet(NamedTuple):
    """Sorts in reading order: title, abstract, then full-text sections, each by offset."""

    rank: int
    offset: int
    label: str
    text: str


Articles = dict[str, dict[str, _Snippet]]  # PMID → snippet text → the snippet's earliest position


class BioAsqReader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.source = SOURCE
        self.total: int | None = None  # articles are known only once every question has been read

    def read(self) -> Iterator[Record]:
        parsed = read_json_file(self.path, EXPECTED)
        if isinstance(parsed, Skip):
            yield parsed
            return
        questions = parsed.value.get("questions") if isinstance(parsed.value, dict) else None
        if not isinstance(questions, list):
            yield Skip(str(self.path), f"no 'questions' list; expected {EXPECTED}")
            return
        articles: Articles = {}
        for number, question in enumerate(questions, start=1):
            skip = _gather(question, articles, f"{self.path}: question {_question_id(question, number)}")
            if skip:
                yield skip
        for pmid, snippets in articles.items():
            yield _document(pmid, snippets.values())


def _gather(question: object, articles: Articles, origin: str) -> Skip | None:
    """Adds a question's snippets to ``articles``; a Skip counts the snippets that could not be used."""
    if not isinstance(question, dict):
        return Skip(origin, f"not a JSON object but {type(question).__name__}")
    snippets = question.get("snippets") or []
    if not isinstance(snippets, list):
        return Skip(origin, f"'snippets' is {type(snippets).__name__}, expected a list")
    problems = [problem for snippet in snippets if (problem := _add(snippet, articles))]
    if not problems:
        return None
    return Skip(origin, f"{len(problems)} of {len(snippets)} snippets unusable, e.g. {problems[0]}")


def _question_id(question: object, number: int) -> str:
    """The question's BioASQ id, or its position in the file when it has none."""
    identifier = question.get("id") if isinstance(question, dict) else None
    return identifier if isinstance(identifier, str) and identifier else f"#{number}"


def _add(snippet: Any, articles: Articles) -> str | None:
    """Files one snippet under its PMID, or says why it cannot be."""
    if not isinstance(snippet, dict):
        return f"a snippet is {type(snippet).__name__}, not a JSON object"
    document = snippet.get("document")
    match = _PMID.search(document.strip()) if isinstance(document, str) else None
    if not match:
        return f"no PubMed document URL ({str(document)[:80]!r})"
    text = snippet.get("text")
    if not isinstance(text, str) or not (text := clean_text(_without_markup(text))):
        return "a snippet without text"
    rank, label = _section(snippet.get("beginSection"))
    offset = snippet.get("offsetInBeginSection")
    pieces = [_Snippet(rank, offset if isinstance(offset, int) else 0, label, text)]
    if label == "TITLE" and "\n" in text:
        # A title snippet that ran on into the abstract: the first line is the title.
        title, abstract = text.split("\n", 1)
        pieces = [_Snippet(rank, 0, label, title.strip()), _Snippet(1, 0, "ABSTRACT", abstract.strip())]
    known = articles.setdefault(match.group(1), {})
    for piece in pieces:
        if piece.text not in known or piece < known[piece.text]:
            known[piece.text] = piece
    return None


def _without_markup(text: str) -> str:
    """Snippet text without the PubMed XML and HTML tags some snippets carry.

    A copyright notice goes with its tag; a section tag (``<AbstractText Label="OBJECTIVE">``) or a
    line break tag becomes a line break; emphasis tags go, their words stay. HTML escapes are read after
    the tags go, so that "P &lt; 0.001" is "P < 0.001" and not the start of a tag.
    """
    text = _COPYRIGHT.sub("", text)
    return html.unescape(_INLINE_TAG.sub("", _BREAK_TAG.sub("\n", text)))


def _section(name: object) -> tuple[int, str]:
    """Reading-order rank and label: "title" → TITLE; "abstract" and full-text "sections.N" → ABSTRACT."""
    if name == "title":
        return 0, "TITLE"
    if name == "abstract":
        return 1, "ABSTRACT"
    match = _FULL_TEXT_SECTION.fullmatch(name) if isinstance(name, str) else None
    return (2 + int(match.group(1)) if match else 10_000), "ABSTRACT"


def _document(pmid: str, snippets: Iterable[_Snippet]) -> Document:
    ordered = sorted(snippets)
    # Questions often mark overlapping spans of one sentence; the longest says all the others say.
    kept = [s for s in ordered if not any(s.text in other.text and s.text != other.text for other in ordered)]
    return Document(
        identifier=f"{SOURCE}:{pmid}",
        source=SOURCE,
        kind=DocumentKind.SNIPPETS,
        title=max((s.text for s in kept if s.label == "TITLE"), key=len, default=""),
        sections=[Section(s.label, s.text) for s in kept],
        pmid=pmid,
        url=pubmed_url(pmid),
    )

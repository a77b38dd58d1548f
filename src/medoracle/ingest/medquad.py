"""MedQuAD question-answer pairs → one NIH patient-information document per MedQuAD document.

Two inputs give the same documents: the upstream XML files (one ``<Document>`` per file, in folders
such as ``1_CancerGov_QA/``) and a JSON Lines export with one answered pair per line
(``medquad_answered.jsonl``). Identifiers are ``medquad:<source>:<file name>``, e.g.
``medquad:GARD:0000004``: MedQuAD's own document ids repeat across its sources (GARD 0000004 and
GHR 0000004 are different pages) and even within CancerGov (``0000013_2`` is the id of seven files,
one per disease), so only the file name within its source names one page.

Each answered pair becomes a section labelled with its question type ("SYMPTOMS", "TREATMENT"), the
title is the page's focus ("Polycythemia Vera"): together they say which passage answers "what are
the symptoms of polycythemia vera" without repeating the templated question in every passage.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from medoracle.domain import Document, DocumentKind, EvidenceKind, EvidenceSource, Section, Skip
from medoracle.ingest.base import ReaderError, Record, clean_text, read_json_lines

log = logging.getLogger(__name__)

SOURCE = "medquad"
EXPECTED_JSONL = "MedQuAD JSON Lines: one {doc_id, source, focus, qtype, question, answer} object per line"
EXPECTED_XML = "a MedQuAD XML file with a <Document> root"

# The NIH (and CDC) sites behind MedQuAD's source names; shown as the organisation in references.
ORGANISATIONS = {
    "CancerGov": "National Cancer Institute",
    "GARD": "Genetic and Rare Diseases Information Center",
    "GHR": "Genetics Home Reference (NLM)",
    "MPlusHealthTopics": "MedlinePlus (NLM)",
    "NIDDK": "National Institute of Diabetes and Digestive and Kidney Diseases",
    "NINDS": "National Institute of Neurological Disorders and Stroke",
    "NIHSeniorHealth": "NIHSeniorHealth (National Institute on Aging and NLM)",
    "NHLBI": "National Heart, Lung, and Blood Institute",
    "CDC": "Centers for Disease Control and Prevention",
    "ADAM": "MedlinePlus (NLM), A.D.A.M. Medical Encyclopedia",
    "MPlusDrugs": "MedlinePlus (NLM)",
    "MPlusHerbsSupplements": "MedlinePlus (NLM)",
}

_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


class MedQuADReader:
    """A ``.jsonl`` export, one upstream ``.xml`` file, or a folder searched recursively for ``.xml`` files."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.source = SOURCE
        self._xml_files = _xml_files(path)
        self.total: int | None = len(self._xml_files) if self._xml_files else None

    def read(self) -> Iterator[Record]:
        if self.path.is_dir():
            if not self._xml_files:
                raise ReaderError(
                    f"no .xml files in {self.path}: expected MedQuAD XML files or a .jsonl export"
                )
            for file in self._xml_files:
                yield _xml_document(file)
        elif self._xml_files:
            yield _xml_document(self.path)
        else:
            yield from _jsonl_documents(self.path)


@dataclass(slots=True)
class _Page:
    """One MedQuAD document while its question-answer pairs are gathered."""

    key: str  # "<source>:<file name>"
    origin: str
    source: str
    focus: str
    url: str
    group: str
    questions: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)

    def add(self, qtype: str, question: str, answer: str) -> None:
        self.questions.append(question)
        text = _without_heading(answer_text(answer), self.focus)
        if text and all(text != section.text for section in self.sections):
            self.sections.append(Section(clean_text(qtype).upper() or "ANSWER", text))


def _document(page: _Page) -> Record:
    if not page.sections:
        return Skip(page.origin, f"'{page.key}' has no answered question")
    return Document(
        identifier=f"{SOURCE}:{page.key}",
        source=SOURCE,
        kind=DocumentKind.PATIENT_INFORMATION,
        title=page.focus or _title_from_questions(page.questions),
        sections=page.sections,
        journal=ORGANISATIONS.get(page.source, page.source or None),
        url=page.url or None,
        keywords=list(dict.fromkeys(term for term in (page.focus, page.group) if term)),
        evidence_kind=EvidenceKind.PATIENT_INFORMATION,
        evidence_source=EvidenceSource.SOURCE,
    )


# Answers run list items together ("...leukemia.    - Fever.    - Bruising.") and end a list, a
# heading or a paragraph with a long run of spaces; both become line breaks so that each item and the
# text after a list stand alone.
_BULLET = re.compile(r"\n?[ \t]{2,}+-[ \t]+")
_BREAK = re.compile(r"[ \t]{3,}+(?=\S)")
# The words that introduce a list: "... a serious condition that can cause" before "- Permanent damage".
_INTRODUCES_LIST = re.compile(r"^(?!- )(.*[\w)])\n(?=- )", re.MULTILINE)


# Some pages lost their apostrophes ("If the pancreas cant produce enough insulin", "a womans hormones");
# these words are never English without one ("wont" and "its" are, and stay).
_LOST_APOSTROPHE = re.compile(
    r"\b([Cc]an|[Dd]on|[Dd]oesn|[Ii]sn|[Aa]ren|[Ss]houldn|[Cc]ouldn|[Ww]ouldn)(t)\b"
    r"|\b([Yy]ou|[Tt]hey)(re)\b"
    r"|\b([Ww]oman|[Bb]ody|[Cc]hild|[Tt]hat|[Ww]hat|[Tt]here)(s)\b"
)


def _apostrophe(match: re.Match[str]) -> str:
    ending = match.lastindex or 0  # each alternative is (word)(ending)
    return f"{match[ending - 1]}'{match[ending]}"


# Some pages run a section heading into its first sentence ("Diagnosing Heart Failure There is not one
# specific test", "Preventing Type 2 Diabetes Before people develop"): a run of capitalised words, then
# a word that opens sentences and a lower-case word; or a heading whose last words its sentence repeats
# ("Laser Surgery Laser surgery uses a laser", "Possible Complications Over Time Over time, high blood
# pressure"). The heading goes on a line of its own.
_HEADING_WORD = r"(?:[A-Z][\w'-]*|\d+|--|and|of|the|to|for|with|or|in|a|on|at)"
_GLUED_HEADING = re.compile(
    rf"(^|[.!?] )([A-Z][\w'-]*(?: {_HEADING_WORD}){{1,7}}) (?=(?:There|The|A|An|If|You|Your|It|Most|Many|Some"
    r"|People|This|These|Once|When|In|For|Although|While|Because|Anyone|Sometimes|Often|About|Each|Every"
    r"|Researchers|Scientists|Before|After|Even|Not) [a-z])"
    r"|(^|[.!?] )((?:[A-Z][\w'-]* ){0,4}([A-Z][a-z'-]{2,}(?: [A-Za-z][a-z'-]*){0,3})) (?=(?i:\5),? [a-z])",
    re.MULTILINE,
)


def answer_text(answer: str) -> str:
    """An answer with its list items and headings on lines of their own ("- item"), the line that
    introduces a list ending with a colon as it is meant to read, runs of spaces collapsed and lost
    apostrophes back."""
    listed = "  -" in answer  # four answers in five have no list; not scanning them saves a third of the time
    if listed:
        answer = _BULLET.sub("\n- ", answer)
    answer = _BREAK.sub("\n", answer)
    if listed:
        answer = _INTRODUCES_LIST.sub(r"\1:\n", answer)
    text = clean_text(answer)
    return _LOST_APOSTROPHE.sub(_apostrophe, _GLUED_HEADING.sub(_own_line, text))


def _own_line(match: re.Match[str]) -> str:
    """The heading on a line of its own: the sentence splitter takes only a short whole line for one."""
    before, heading = (match[1], match[2]) if match[2] else (match[3], match[4])
    return f"{before.rstrip()}\n{heading}\n" if before else f"{heading}\n"


# Most GARD answers open with their own question as a heading ("What causes Example syndrome?").
_LEADING_QUESTION = re.compile(r"[^.?!\n]{3,200}\?\s+")


def _without_heading(text: str, focus: str) -> str:
    """The answer without an opening question about its focus: quoted on its own, it would answer nothing."""
    match = _LEADING_QUESTION.match(text)
    if match and focus and focus.lower() in match.group().lower():
        return text[match.end() :]
    return text


# Questions generated from a template with an empty focus ("What is (are)  ?", "Who is at risk for ? ?").
_EMPTY_TEMPLATE = re.compile(r"\s{2}\?|\s\?\s*\?|\(are\)\s*\?")


def _title_from_questions(questions: list[str]) -> str:
    """A title for the few pages without a focus: their first question that is not an empty template."""
    for question in questions:
        text = clean_text(question)
        if text and not _EMPTY_TEMPLATE.search(question):
            return text[0].upper() + text[1:]
    return ""


# --- JSON Lines: one answered pair per line, grouped into pages ---


def _jsonl_documents(path: Path) -> Iterator[Record]:
    pages: dict[str, _Page] = {}
    for line in read_json_lines(path, EXPECTED_JSONL):
        if isinstance(line, Skip):
            yield line
            continue
        try:
            _add_pair(pages, line.value, line.origin)
        except ValueError as exc:
            yield Skip(line.origin, str(exc))
    for page in pages.values():
        yield _document(page)


def _add_pair(pages: dict[str, _Page], record: dict[str, Any], origin: str) -> None:
    source, doc_id, file = _field(record, "source"), _field(record, "doc_id"), _field(record, "file")
    name = file.removesuffix(".xml") or doc_id
    if not name:
        raise ValueError("no 'doc_id' or 'file'")
    qtype, question, answer = _field(record, "qtype"), _field(record, "question"), _raw_text(record, "answer")
    key = f"{source or 'unknown'}:{name}"
    page = pages.get(key)
    if page is None:
        focus, url, group = _field(record, "focus"), _field(record, "url"), _field(record, "semantic_group")
        page = pages[key] = _Page(key, origin, source, focus, url, group)
    page.add(qtype, question, answer)


def _field(record: dict[str, Any], name: str) -> str:
    return clean_text(_raw_text(record, name))


def _raw_text(record: dict[str, Any], name: str) -> str:
    """A text field as it is; "" when absent or null."""
    value = record.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"'{name}' is {type(value).__name__}, expected text")
    return value


# --- XML: one page per file ---


def _xml_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(file for file in path.rglob("*") if file.suffix.lower() == ".xml" and file.is_file())
    return [path] if path.suffix.lower() == ".xml" else []


def _xml_document(path: Path) -> Record:
    try:
        root = _parse(path)
    except OSError as exc:
        return Skip(str(path), f"cannot read: {exc.strerror or exc}")
    except etree.XMLSyntaxError as exc:
        return Skip(str(path), f"not well-formed XML ({exc.msg}); expected {EXPECTED_XML}")
    if root.tag != "Document":
        return Skip(str(path), f"root element is <{etree.QName(root).localname}>; expected {EXPECTED_XML}")
    source = clean_text(root.get("source") or "")
    focus = _xml_text(root.find("Focus"))
    group = _xml_text(root.find("FocusAnnotations/UMLS/SemanticGroup"))
    page = _Page(f"{source or 'unknown'}:{path.stem}", str(path), source, focus, root.get("url") or "", group)
    for pair in root.iterfind("QAPairs/QAPair"):
        question = pair.find("Question")
        qtype = question.get("qtype") or "" if question is not None else ""
        answer = pair.find("Answer")
        page.add(qtype, _xml_text(question), "".join(answer.itertext()) if answer is not None else "")
    return _document(page)


def _parse(path: Path) -> etree._Element:
    """The file's root element; bytes that are not UTF-8 are replaced (and logged) rather than fatal."""
    raw = path.read_bytes()
    try:
        return etree.fromstring(raw, _XML_PARSER)
    except etree.XMLSyntaxError:
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            log.warning("%s: not UTF-8 (byte %d); undecodable bytes replaced by U+FFFD", path, exc.start)
            return etree.fromstring(raw.decode("utf-8", errors="replace").encode("utf-8"), _XML_PARSER)
        raise


def _xml_text(element: etree._Element | None) -> str:
    return clean_text("".join(element.itertext())) if element is not None else ""

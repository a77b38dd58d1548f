"""Local files become documents with sections and sidecar metadata; bad files are skipped with a reason."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError
from typer.testing import CliRunner

from conftest import FIXTURES
from medoracle.cli import app
from medoracle.domain import Document, DocumentKind, EvidenceKind, EvidenceSource, Skip
from medoracle.ingest import files
from medoracle.ingest.base import Record
from medoracle.ingest.files import FileReader
from medoracle.ingest.pipeline import ingest
from medoracle.library import Library

GOOD = FIXTURES / "files" / "good"
BAD = FIXTURES / "files" / "bad"


def pdf_bytes(pages: list[list[str]], info: dict[str, str] | None = None) -> bytes:
    """A minimal valid PDF: one Helvetica text line per string, an empty page for an empty list."""
    objects: list[bytes] = [
        b"",
        b"",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    kids: list[int] = []
    for lines in pages:
        escaped = (line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in lines)
        content = "\n".join(["BT /F1 11 Tf 14 TL 72 720 Td", *(f"({e}) Tj T*" for e in escaped), "ET"])
        data = content.encode("cp1252") if lines else b""
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(data), data))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
            b"/Contents %d 0 R >>" % len(objects)
        )
        kids.append(len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % kid for kid in kids),
        len(kids),
    )
    trailer_info = b""
    if info:
        objects.append(
            b"<< %s >>" % b" ".join(b"/%s (%s)" % (k.encode(), v.encode()) for k, v in info.items())
        )
        trailer_info = b" /Info %d 0 R" % len(objects)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        trailer_info,
        xref,
    )
    return bytes(out)


CRAMPS_PDF = [
    [
        "BACKGROUND",
        "Nocturnal leg cramps affect many older adults. Cramps",
        "usually last seconds to minutes and wake pa-",
        "tients from sleep.",
    ],
    ["MANAGEMENT", "• Stretch the calves before bed.", "• Do not offer quinine routinely."],
]


def encrypted(pdf: bytes, tmp_path: Path, user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(_write(tmp_path / "plain.pdf", pdf)))
    # RC4 needs no optional dependency; AES would need the 'cryptography' package.
    writer.encrypt(user_password, owner_password="owner", algorithm="RC4-128")
    target = tmp_path / "encrypted.pdf"
    writer.write(target)
    return target.read_bytes()


def _write(path: Path, content: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def read_all(*paths: Path) -> list[Record]:
    return list(FileReader(list(paths)).read())


def read_one(path: Path) -> Document:
    (record,) = read_all(path)
    assert isinstance(record, Document), record
    return record


def labels(document: Document) -> list[str]:
    return [section.label for section in document.sections]


# --- formats --------------------------------------------------------------------------------------


def test_html_gives_title_heading_sections_and_list_items_without_page_chrome(tmp_path: Path) -> None:
    page = shutil.copy(GOOD / "leg-cramps.html", tmp_path / "leg-cramps.html")
    document = read_one(Path(page))

    assert document.identifier == "file:leg-cramps.html"
    assert document.kind is DocumentKind.DOCUMENT
    assert document.title == "Nocturnal leg cramps: assessment and management"
    assert labels(document) == ["Nocturnal leg cramps", "Assessment", "Management", "When to refer"]
    assessment = document.sections[1].text
    assert "Ask about the frequency, duration and triggers of each episode." in assessment
    assert "\n- Review medicines that can cause cramps, such as diuretics and statins." in assessment
    assert document.sections[3].text.startswith("- Cramps with muscle weakness or wasting.\n- Cramps")
    for chrome in ("analytics", "Site search", "Contact us", "Privacy policy", "font-family"):
        assert chrome not in document.text


def test_html_without_a_title_element_takes_its_first_heading(tmp_path: Path) -> None:
    page = _write(tmp_path / "a.htm", "<body><h2>Gout flares</h2><p>Treat early.</p></body>")
    assert read_one(page).title == "Gout flares"


def test_markdown_sections_follow_headings_and_ignore_code_blocks(tmp_path: Path) -> None:
    page = Path(shutil.copy(GOOD / "nice" / "hypertension.md", tmp_path / "hypertension.md"))
    document = read_one(page)

    assert document.title == "Hypertension in adults: diagnosis and management"
    assert labels(document) == ["Hypertension in adults: diagnosis and management", "Diagnosis", "Treatment"]
    diagnosis = document.sections[1].text
    assert diagnosis.startswith("- Measure blood pressure in both arms")
    assert (
        "Offer ambulatory blood pressure monitoring to confirm the diagnosis (see the monitoring section)."
        in (diagnosis)
    )
    treatment = document.sections[2].text
    assert "# not a heading: this line is inside a code block" in treatment
    assert "Note on pregnancy\nDo not offer ACE inhibitors" in treatment


def test_text_with_capital_headings_is_split_into_sections() -> None:
    document = read_one(GOOD / "gout-patient-leaflet.txt")

    assert document.title == "GOUT: A LEAFLET FOR PATIENTS"
    assert labels(document) == ["WHAT IS GOUT?", "WHAT HELPS DURING AN ATTACK", "WHEN TO GET HELP"]
    assert document.sections[1].text.startswith("- Rest the joint and keep it raised.\n- Hold an ice pack")


def test_text_without_headings_is_one_section_titled_by_its_file_name() -> None:
    document = read_one(GOOD / "iron-notes.txt")

    assert document.title == "iron-notes"
    assert labels(document) == ["TEXT"]
    assert document.text.startswith("Iron deficiency in pregnancy is common.")


def test_only_an_opening_heading_titles_a_text_and_code_like_capitals_are_not_headings(
    tmp_path: Path,
) -> None:
    page = _write(
        tmp_path / "clinic-notes.txt",
        "Notes from the renal clinic.\nDOSING\n- 5 mg daily\nMAX_DOSE = 10 MG\n",
    )
    document = read_one(page)

    assert document.title == "clinic-notes"
    assert [(s.label, s.text) for s in document.sections] == [
        ("TEXT", "Notes from the renal clinic."),
        ("DOSING", "- 5 mg daily\nMAX_DOSE = 10 MG"),
    ]


def test_pdf_text_is_unwrapped_into_sections_with_title_and_year_from_its_metadata(tmp_path: Path) -> None:
    info = {"Title": "Leg cramps in primary care", "CreationDate": "D:20190312120000Z"}
    document = read_one(_write(tmp_path / "cramps.pdf", pdf_bytes(CRAMPS_PDF, info)))

    assert document.title == "Leg cramps in primary care"
    assert document.year == 2019
    assert labels(document) == ["BACKGROUND", "MANAGEMENT"]
    assert document.sections[0].text == (
        "Nocturnal leg cramps affect many older adults. Cramps usually last seconds to minutes "
        "and wake patients from sleep."
    )
    assert document.sections[1].text == "- Stretch the calves before bed.\n- Do not offer quinine routinely."


def test_pdf_with_an_authoring_tool_title_is_titled_by_its_opening_heading(tmp_path: Path) -> None:
    pdf = pdf_bytes(
        [["LEG CRAMPS IN OLDER ADULTS", *CRAMPS_PDF[0]]], {"Title": "Microsoft Word - cramps_v3.docx"}
    )
    document = read_one(_write(tmp_path / "cramps.pdf", pdf))

    assert document.title == "LEG CRAMPS IN OLDER ADULTS"
    assert labels(document) == ["BACKGROUND"]


def test_pdf_encrypted_only_against_editing_is_read(tmp_path: Path) -> None:
    pdf = encrypted(pdf_bytes(CRAMPS_PDF), tmp_path, user_password="")
    document = read_one(_write(tmp_path / "docs" / "cramps.pdf", pdf))
    assert labels(document) == ["BACKGROUND", "MANAGEMENT"]


def test_non_utf8_text_is_decoded_and_the_log_says_so(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    page = _write(tmp_path / "old.txt", "Caf\xe9 au lait spots: refer for assessment.".encode("cp1252"))
    with caplog.at_level(logging.WARNING):
        document = read_one(page)

    assert document.text == "Café au lait spots: refer for assessment."
    assert "old.txt: not UTF-8 (byte 3); decoded as Windows-1252" in caplog.text


# --- sidecars and identifiers ---------------------------------------------------------------------


def test_sidecar_metadata_overrides_what_the_file_says() -> None:
    document = read_one(GOOD / "leg-cramps.html")

    assert document.identifier == "file:ehn-leg-cramps"
    assert document.title == "Nocturnal leg cramps in adults (guideline)"
    assert document.authors == ["Rivera A", "Okafor B"]
    assert document.journal == "Example Health Network"
    assert (document.year, document.url) == (2021, "https://guidance.example.org/leg-cramps")
    assert document.keywords == ["leg cramps", "muscle cramp"]
    assert document.kind is DocumentKind.GUIDELINE
    assert (document.evidence_kind, document.evidence_source) == (
        EvidenceKind.GUIDELINE,
        EvidenceSource.SOURCE,
    )


def test_sidecar_year_wins_over_the_pdf_creation_date(tmp_path: Path) -> None:
    pdf = _write(tmp_path / "g.pdf", pdf_bytes(CRAMPS_PDF, {"CreationDate": "D:20100101"}))
    _write(tmp_path / "g.pdf.meta.json", '{"year": 2022, "evidence_kind": "systematic_review"}')
    document = read_one(pdf)

    assert document.year == 2022
    assert document.kind is DocumentKind.DOCUMENT
    assert document.evidence_kind is EvidenceKind.SYSTEMATIC_REVIEW


def test_identifiers_are_relative_to_the_folder_given_so_moving_it_changes_nothing(tmp_path: Path) -> None:
    first = Path(shutil.copytree(GOOD, tmp_path / "guidance"))
    second = Path(shutil.copytree(GOOD, tmp_path / "archive" / "2024" / "guidance"))

    def identifiers(folder: Path) -> list[str]:
        return sorted(r.identifier for r in read_all(folder) if isinstance(r, Document))

    assert (
        identifiers(first)
        == identifiers(second)
        == [
            "file:ehn-leg-cramps",
            "file:gout-patient-leaflet.txt",
            "file:iron-notes.txt",
            "file:nice/hypertension.md",
        ]
    )


def test_a_folder_reports_every_file_once_and_leaves_out_hidden_ones(tmp_path: Path) -> None:
    folder = Path(shutil.copytree(GOOD, tmp_path / "guidance"))
    _write(folder / ".DS_Store", b"\x00\x01")
    _write(folder / ".cache" / "copy.md", "# Copy\n\ntext")
    reader = FileReader([folder, folder / "iron-notes.txt", folder / "leg-cramps.html.meta.json"])

    records = list(reader.read())
    assert reader.total == len(records) == 4
    assert all(isinstance(r, Document) for r in records)


# --- bad input ------------------------------------------------------------------------------------


def test_each_bad_file_in_a_folder_is_skipped_with_a_reason_and_the_good_one_is_read() -> None:
    records = read_all(BAD)
    skips = {Path(r.origin).name: r.reason for r in records if isinstance(r, Skip)}

    assert [r.identifier for r in records if isinstance(r, Document)] == ["file:sepsis.md"]
    assert skips == {
        "asthma.md": "bad metadata in asthma.md.meta.json: 'year': Input should be a valid integer",
        "empty.txt": "empty file",
        "sepsis-checklist.rtf": (
            "unsupported file type '.rtf' (supported: .pdf, .html, .htm, .md, .markdown, .txt)"
        ),
        "vitamin-d.txt": (
            "bad metadata in vitamin-d.txt.meta.json: Invalid JSON: EOF while parsing a value at line 2 column 0"
        ),
        "withdrawn.pdf.meta.json": "metadata sidecar without its file 'withdrawn.pdf'",
    }


@pytest.mark.parametrize(
    ("sidecar", "reason"),
    [
        ('["not", "an object"]', "bad metadata in x.md.meta.json: Input should be an object"),
        ('{"authors": "Doe J"}', "bad metadata in x.md.meta.json: 'authors': Input should be a valid array"),
        ('{"kind": "leaflet"}', "bad metadata in x.md.meta.json: 'kind': Input should be 'guideline', "),
        ('{"evidence_kind": "rct"}', "bad metadata in x.md.meta.json: 'evidence_kind': Input should be "),
        ('{"publisher": "X"}', "bad metadata in x.md.meta.json: 'publisher': Extra inputs are not permitted"),
        ('{"id": "a b"}', "bad metadata in x.md.meta.json: 'id': String should match pattern"),
    ],
)
def test_a_sidecar_with_a_wrong_key_or_type_names_the_sidecar_and_the_key(
    tmp_path: Path, sidecar: str, reason: str
) -> None:
    page = _write(tmp_path / "x.md", "# X\n\ntext")
    _write(tmp_path / "x.md.meta.json", sidecar)

    (skip,) = read_all(page)
    assert isinstance(skip, Skip)
    assert skip.origin == str(page)
    assert skip.reason.startswith(reason)


def _scanned(tmp_path: Path) -> bytes:
    return pdf_bytes([[], []])


def _locked(tmp_path: Path) -> bytes:
    return encrypted(pdf_bytes(CRAMPS_PDF), tmp_path, user_password="secret")


def _truncated(tmp_path: Path) -> bytes:
    return pdf_bytes(CRAMPS_PDF)[:300]


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (_scanned, "no extractable text (scanned PDF?); OCR it first"),
        (_locked, "encrypted PDF that needs a password; ingest an unencrypted copy"),
        (_truncated, "not a readable PDF: "),
    ],
    ids=["scanned", "encrypted", "corrupt"],
)
def test_an_unreadable_pdf_is_skipped_with_the_reason(
    tmp_path: Path, make: Callable[[Path], bytes], reason: str
) -> None:
    pdf = _write(tmp_path / "docs" / "guide.pdf", make(tmp_path))

    (skip,) = read_all(pdf)
    assert isinstance(skip, Skip)
    assert skip.origin == str(pdf)
    assert skip.reason.startswith(reason)


def test_a_corrupt_pdf_is_skipped_with_pypdfs_reason(tmp_path: Path) -> None:
    pdf = _write(tmp_path / "guide.pdf", _truncated(tmp_path))
    with pytest.raises(PdfReadError) as raised:
        PdfReader(pdf)

    assert read_all(pdf) == [Skip(str(pdf), f"not a readable PDF: {raised.value}")]


def test_a_file_over_the_size_limit_is_skipped_as_too_large(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 1_000_000)
    page = _write(tmp_path / "big.txt", "Hydrate well. " * 100_000)

    assert read_all(page) == [Skip(str(page), "too large (1 MB; limit 1 MB)")]


def test_a_missing_path_is_skipped() -> None:
    missing = FIXTURES / "files" / "no-such-folder"
    assert read_all(missing) == [Skip(str(missing), "no such file or folder")]


# --- into the library -----------------------------------------------------------------------------


def test_kind_and_evidence_from_sidecars_survive_ingest_and_reingest_changes_nothing(
    library: Library,
) -> None:
    first = ingest(library, FileReader([GOOD]).read(), source="files")
    second = ingest(library, FileReader([GOOD]).read(), source="files")

    assert (first.ingested, first.skipped) == (4, [])
    assert (second.ingested, second.updated, second.unchanged) == (0, 0, 4)
    assert library.count_documents() == 4
    guideline = library.get_document("file:nice/hypertension.md")
    leaflet = library.get_document("file:gout-patient-leaflet.txt")
    notes = library.get_document("file:iron-notes.txt")
    assert guideline is not None and leaflet is not None and notes is not None
    assert (guideline.kind, guideline.evidence_kind) == (DocumentKind.GUIDELINE, EvidenceKind.GUIDELINE)
    assert guideline.evidence_source is EvidenceSource.SOURCE
    assert (leaflet.kind, leaflet.evidence_kind) == (
        DocumentKind.PATIENT_INFORMATION,
        EvidenceKind.PATIENT_INFORMATION,
    )
    assert (notes.kind, notes.evidence_source) == (DocumentKind.DOCUMENT, EvidenceSource.INFERRED)


def test_bad_files_are_reported_and_the_rest_of_the_batch_ingests(library: Library, tmp_path: Path) -> None:
    folder = Path(shutil.copytree(BAD, tmp_path / "bad"))
    _write(folder / "scanned.pdf", _scanned(tmp_path))
    _write(folder / "cramps.pdf", pdf_bytes(CRAMPS_PDF))
    report = ingest(library, FileReader([folder]).read(), source="files")

    assert report.ingested == 2
    assert sorted(Path(s.origin).name for s in report.skipped) == [
        "asthma.md",
        "empty.txt",
        "scanned.pdf",
        "sepsis-checklist.rtf",
        "vitamin-d.txt",
        "withdrawn.pdf.meta.json",
    ]
    assert library.get_document("file:cramps.pdf") is not None


# --- command line ---------------------------------------------------------------------------------

runner = CliRunner()


def test_cli_ingest_files_exits_0_on_a_clean_folder(tmp_path: Path) -> None:
    result = runner.invoke(app, ["--data-dir", str(tmp_path / "lib"), "ingest", "files", str(GOOD)])

    assert result.exit_code == 0, result.output
    assert "files: 4 ingested, 0 updated, 0 unchanged, 0 skipped" in result.output


def test_cli_ingest_files_exits_1_and_names_what_it_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(BAD, tmp_path / "docs")
    result = runner.invoke(app, ["--data-dir", "lib", "ingest", "files", "docs"])

    assert result.exit_code == 1, result.output
    output = " ".join(result.output.split())
    assert "files: 1 ingested, 0 updated, 0 unchanged, 5 skipped" in output
    assert "skipped docs/empty.txt: empty file" in output
    assert "skipped docs/withdrawn.pdf.meta.json: metadata sidecar without its file 'withdrawn.pdf'" in output

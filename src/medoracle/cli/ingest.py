"""``medoracle ingest``: load documents into the library, one command per source format."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Annotated

import typer

from medoracle.cli.common import console, fail, open_library, progress_bar, state
from medoracle.domain import IngestReport
from medoracle.ingest.base import Reader, ReaderError
from medoracle.ingest.pipeline import ingest

ingest_app = typer.Typer(help="Load documents into the library.", no_args_is_help=True)


def _print_report(report: IngestReport) -> None:
    rate = (report.ingested + report.updated + report.unchanged) / report.seconds if report.seconds else 0.0
    console.print(
        f"[bold]{report.source}[/]: {report.ingested:,} ingested, {report.updated:,} updated, "
        f"{report.unchanged:,} unchanged, {len(report.skipped):,} skipped; {report.passages:,} passages "
        f"in {report.seconds:.1f} s ({rate:,.0f} documents/s)"
    )
    if report.skipped:
        reasons: dict[str, int] = {}
        for skip in report.skipped:
            reasons[skip.reason] = reasons.get(skip.reason, 0) + 1
        for skip in report.skipped[:20]:
            console.print(f"  [yellow]skipped[/] {skip.origin}: {skip.reason}")
        if len(report.skipped) > 20:
            console.print(f"  … and {len(report.skipped) - 20:,} more; by reason:")
            for reason, count in sorted(reasons.items(), key=lambda item: -item[1]):
                console.print(f"    {count:,} × {reason}")
    if report.interrupted:
        console.print(
            "[yellow]interrupted:[/] committed batches are kept; run the same command again to finish."
        )


@contextmanager
def _ctrl_c_sets(stop: threading.Event) -> Iterator[None]:
    """Ctrl-C asks the ingest to stop between records; a second Ctrl-C interrupts at once.

    A KeyboardInterrupt raised wherever the signal lands can be lost (inside a finalizer
    it is only printed), so the first one is turned into a flag the ingest checks.
    """

    def on_sigint(signum: int, frame: FrameType | None) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def run_ingest(reader: Reader) -> IngestReport:
    """Ingest one reader with a progress bar; exits non-zero if anything was skipped."""
    stop = threading.Event()
    with open_library() as library, _ctrl_c_sets(stop), progress_bar() as bar:
        task = bar.add_task(reader.source, total=getattr(reader, "total", None))
        try:
            report = ingest(
                library,
                reader.read(),
                source=reader.source,
                batch_size=state.settings.batch_size,
                progress=lambda n: bar.advance(task, n),
                stop=stop,
            )
        except ReaderError as exc:
            fail(str(exc), code=1)
            raise
    _print_report(report)
    if report.interrupted:
        raise typer.Exit(130)
    if report.skipped:
        raise typer.Exit(1)
    return report


# Readers are imported inside each command so that `medoracle --help` stays fast.

PathsArg = Annotated[list[Path], typer.Argument(help="Files or folders.", exists=True, show_default=False)]


@ingest_app.command("pubmed-xml")
def ingest_pubmed_xml(paths: PathsArg) -> None:
    """PubMed/MEDLINE XML files as returned by efetch or as in the annual baseline (.xml, .xml.gz)."""
    from medoracle.ingest.pubmed import PubMedXmlReader

    run_ingest(PubMedXmlReader(paths))


@ingest_app.command("pubmed")
def ingest_pubmed(
    query: Annotated[str, typer.Option(help="A PubMed search, e.g. 'nocturnal leg cramps[tiab]'.")],
    max_results: Annotated[
        int, typer.Option("--max", min=1, max=100_000, help="At most this many records.")
    ] = 200,
    api_key: Annotated[
        str | None, typer.Option(envvar="MEDORACLE_NCBI_API_KEY", help="NCBI API key (10 req/s).")
    ] = None,
    email: Annotated[
        str | None, typer.Option(envvar="MEDORACLE_NCBI_EMAIL", help="Contact e-mail NCBI asks for.")
    ] = None,
) -> None:
    """Search PubMed through NCBI E-utilities and ingest the records found."""
    from medoracle.ingest.eutils import EUtilsClient, EUtilsReader

    settings = state.settings
    client = EUtilsClient(
        base_url=settings.ncbi_base_url,
        api_key=api_key or settings.ncbi_api_key,
        email=email or settings.ncbi_email,
        tool=settings.ncbi_tool,
    )
    run_ingest(EUtilsReader(client, query=query, max_results=max_results))


@ingest_app.command("beir")
def ingest_beir(
    path: Annotated[Path, typer.Argument(help="A BEIR corpus.jsonl, or the folder holding it.", exists=True)],
    source: Annotated[
        str | None, typer.Option(help="Source name; default: the corpus folder's name.")
    ] = None,
) -> None:
    """A BEIR corpus (corpus.jsonl with _id, title, text), e.g. SciFact."""
    from medoracle.ingest.beir import BeirReader

    run_ingest(BeirReader(path, source=source))


@ingest_app.command("medquad")
def ingest_medquad(
    path: Annotated[
        Path, typer.Argument(help="medquad_answered.jsonl, or a folder of MedQuAD XML files.", exists=True)
    ],
) -> None:
    """MedQuAD question-answer pairs as NIH patient-information documents."""
    from medoracle.ingest.medquad import MedQuADReader

    run_ingest(MedQuADReader(path))


@ingest_app.command("files")
def ingest_files(paths: PathsArg) -> None:
    """PDF, HTML, Markdown and text files; metadata from a sidecar FILE.meta.json when present."""
    from medoracle.ingest.files import FileReader

    run_ingest(FileReader(paths))


@ingest_app.command("jsonl")
def ingest_jsonl(
    path: Annotated[Path, typer.Argument(help="A JSON Lines file, one record per line.", exists=True)],
    preset: Annotated[
        str | None, typer.Option(help="A known field mapping: 'ngc' (NGC guideline summaries).")
    ] = None,
    mapping: Annotated[
        Path | None, typer.Option(help="A JSON file mapping document fields to record fields.", exists=True)
    ] = None,
) -> None:
    """JSON Lines records with a field mapping (a preset, or your own mapping file)."""
    from medoracle.ingest.jsonl import JsonlReader, load_mapping

    if (preset is None) == (mapping is None):
        fail("give exactly one of --preset or --mapping")
    try:
        field_mapping = load_mapping(preset=preset, path=mapping)
    except ReaderError as exc:
        fail(str(exc))
    run_ingest(JsonlReader(path, field_mapping))


@ingest_app.command("bioasq")
def ingest_bioasq(
    path: Annotated[Path, typer.Argument(help="A BioASQ Task B questions JSON file.", exists=True)],
) -> None:
    """BioASQ snippets as PubMed-derived passages, merged per PMID."""
    from medoracle.ingest.bioasq import BioAsqReader

    run_ingest(BioAsqReader(path))


@ingest_app.command("pubmedqa")
def ingest_pubmedqa(
    path: Annotated[Path, typer.Argument(help="A PubMedQA JSON file (PMID → item).", exists=True)],
) -> None:
    """PubMedQA contexts as PubMed-derived passages with their section labels and MeSH terms."""
    from medoracle.ingest.pubmedqa import PubMedQAReader

    run_ingest(PubMedQAReader(path))

"""Ingest throughput of every reader on the shared corpora, each into a fresh SQLite library.

PubMed XML: no PubMed XML ships in ../shared, so the benchmark writes the 500 PubMedQA
abstracts (real PMIDs, structured sections, MeSH, years) in efetch's PubmedArticleSet format,
repeated with fresh PMIDs up to --pubmed-records, into a temporary .xml.gz, and ingests that.

Usage: python bench/ingest.py [--shared ../shared/data] [--only NAME ...] [--json]
"""

from __future__ import annotations

import argparse
import gzip
import json
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

from medoracle.domain import IngestReport
from medoracle.ingest.base import Reader
from medoracle.ingest.pipeline import ingest
from medoracle.library import Library

RESULTS = Path(__file__).parent / "results"


def pubmed_xml_from_pubmedqa(source: Path, target: Path, records: int) -> None:
    items = list(json.loads(source.read_text(encoding="utf-8")).items())
    with gzip.open(target, "wt", encoding="utf-8") as out:
        out.write('<?xml version="1.0" ?>\n<PubmedArticleSet>\n')
        for n in range(records):
            pmid, item = items[n % len(items)]
            pmid = str(int(pmid) + 100_000_000 * (n // len(items)))
            abstract = "".join(
                f'<AbstractText Label="{escape(label)}">{escape(text)}</AbstractText>'
                for label, text in zip(item["LABELS"], item["CONTEXTS"], strict=False)
            )
            mesh = "".join(
                f'<MeshHeading><DescriptorName UI="D0">{escape(m)}</DescriptorName></MeshHeading>'
                for m in item.get("MESHES", [])
            )
            out.write(
                f'<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM"><PMID Version="1">{pmid}</PMID>'
                f"<Article><Journal><JournalIssue><PubDate><Year>{item['YEAR']}</Year></PubDate></JournalIssue>"
                f"<Title>Benchmark Journal</Title></Journal><ArticleTitle>{escape(item['QUESTION'])}</ArticleTitle>"
                f"<Abstract>{abstract}</Abstract><AuthorList><Author><LastName>Doe</LastName><Initials>J</Initials>"
                f'</Author></AuthorList><PublicationTypeList><PublicationType UI="D016428">Journal Article'
                f"</PublicationType></PublicationTypeList></Article><MeshHeadingList>{mesh}</MeshHeadingList>"
                f'</MedlineCitation><PubmedData><ArticleIdList><ArticleId IdType="pubmed">{pmid}</ArticleId>'
                f"</ArticleIdList></PubmedData></PubmedArticle>\n"
            )
        out.write("</PubmedArticleSet>\n")


def readers(shared: Path, scratch: Path, pubmed_records: int) -> dict[str, Callable[[], Reader]]:
    from medoracle.ingest.beir import BeirReader
    from medoracle.ingest.bioasq import BioAsqReader
    from medoracle.ingest.jsonl import JsonlReader, load_mapping
    from medoracle.ingest.medquad import MedQuADReader
    from medoracle.ingest.pubmed import PubMedXmlReader
    from medoracle.ingest.pubmedqa import PubMedQAReader

    def pubmed() -> Reader:
        path = scratch / "pubmed-bench.xml.gz"
        if not path.exists():
            pubmed_xml_from_pubmedqa(shared / "pubmedqa" / "pqal_trainval.json", path, pubmed_records)
        return PubMedXmlReader([path])

    return {
        "pubmed-xml": pubmed,
        "scifact (beir)": lambda: BeirReader(shared / "scifact" / "beir"),
        "ngc (jsonl preset)": lambda: JsonlReader(
            shared / "ngc_guideline_summaries" / "ngc_guideline_summaries.jsonl",
            load_mapping(preset="ngc", path=None),
        ),
        "medquad": lambda: MedQuADReader(shared / "medquad" / "medquad_answered.jsonl"),
        "pubmedqa": lambda: PubMedQAReader(shared / "pubmedqa" / "pqal_trainval.json"),
        "bioasq": lambda: BioAsqReader(shared / "bioasq" / "bioasq_taskb_questions.json"),
    }


def measure(name: str, make_reader: Callable[[], Reader], scratch: Path) -> dict[str, object]:
    reader = make_reader()
    database = scratch / f"{name.split()[0]}.db"
    with Library(f"sqlite:///{database}") as library:
        started = time.perf_counter()
        report: IngestReport = ingest(library, reader.read(), source=reader.source)
        seconds = time.perf_counter() - started
        rerun_started = time.perf_counter()
        rerun = ingest(library, make_reader().read(), source=reader.source)
        rerun_seconds = time.perf_counter() - rerun_started
    documents = report.ingested + report.updated + report.unchanged
    return {
        "documents": documents,
        "passages": report.passages,
        "skipped": len(report.skipped),
        "seconds": round(seconds, 2),
        "documents_per_s": round(documents / seconds, 1),
        "rerun_unchanged": rerun.unchanged,
        "rerun_seconds": round(rerun_seconds, 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=Path(__file__).parents[2] / "shared" / "data")
    parser.add_argument("--pubmed-records", type=int, default=20_000)
    parser.add_argument("--only", nargs="*", help="reader names to run (default: all)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    if not args.shared.is_dir():
        print(f"shared data not found at {args.shared}; pass --shared", file=sys.stderr)
        return 2
    results: dict[str, object] = {"machine": f"{platform.machine()}, {platform.python_version()}"}
    with tempfile.TemporaryDirectory(prefix="medoracle-bench-") as tmp:
        scratch = Path(tmp)
        for name, make_reader in readers(args.shared, scratch, args.pubmed_records).items():
            if args.only and not any(name.startswith(wanted) for wanted in args.only):
                continue
            results[name] = figures = measure(name, make_reader, scratch)
            if not args.json:
                print(
                    f"{name:<20} {figures['documents']:>7,} docs {figures['passages']:>8,} passages "
                    f"{figures['seconds']:>7.1f} s {figures['documents_per_s']:>8,.0f} docs/s "
                    f"skipped {figures['skipped']}; rerun {figures['rerun_seconds']:.1f} s",
                    flush=True,
                )
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "ingest.json").write_text(json.dumps(results, indent=2) + "\n")
    if args.json:
        print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())

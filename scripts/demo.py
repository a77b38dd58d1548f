"""The README's main job: build a library, then answer a question from it.

Offline with ../shared present: the public corpora there. Otherwise: PubMed through NCBI
E-utilities (needs internet). Every step is a real `medoracle` command, printed before it runs.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

MEDORACLE = str(Path(sys.executable).with_name("medoracle"))
QUESTION = "What are the risk factors for gestational diabetes?"


def run(*args: str) -> None:
    print(f"\n$ medoracle {shlex.join(args)}", flush=True)
    code = subprocess.run([MEDORACLE, *args], check=False).returncode
    # An ingest that skipped some records exits 1 after loading the rest: the summary above says
    # which and why, and the demo goes on with what was loaded.
    if code == 1 and args[0] == "ingest":
        print("demo: some records were skipped (see the summary above); continuing")
    elif code != 0:
        sys.exit(f"demo: `medoracle {args[0]} {args[1]}` failed with exit code {code}")


def shared_corpora(data: Path) -> list[tuple[str, ...]]:
    return [
        ("ingest", "beir", str(data / "scifact" / "beir")),
        (
            "ingest",
            "jsonl",
            str(data / "ngc_guideline_summaries" / "ngc_guideline_summaries.jsonl"),
            "--preset",
            "ngc",
        ),
        ("ingest", "medquad", str(data / "medquad" / "medquad_answered.jsonl")),
        ("ingest", "pubmedqa", str(data / "pubmedqa" / "pqal_trainval.json")),
        ("ingest", "bioasq", str(data / "bioasq" / "bioasq_taskb_questions.json")),
    ]


def main() -> None:
    data = Path(os.environ.get("SHARED", "../shared")) / "data"
    print(f"demo library: {os.environ.get('MEDORACLE_DATA_DIR', 'default data dir')}")
    if data.is_dir():
        print(f"source: the public corpora in {data.resolve()} (offline)")
        for command in shared_corpora(data):
            run(*command)
    else:
        print(f"source: PubMed via NCBI E-utilities ({data} not found; this needs internet)")
        run("ingest", "pubmed", "--query", "muscle cramp[MeSH] AND (cause OR etiology)", "--max", "300")
    run("library", "stats")
    run("ask", QUESTION, "--audience", "clinician", "--format", "md")


if __name__ == "__main__":
    main()

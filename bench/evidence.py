"""How well is the evidence kind inferred from wording, where the record says what it is?

Ground truth:
- PubMedQA items carry MeSH headings, and MEDLINE indexers tag study designs with MeSH
  ("Cohort Studies", "Case-Control Studies", "Double-Blind Method", ...). Items with such a
  design heading are compared at evidence level (1-5) and at kind.
- NGC records are clinical practice guidelines: the share inferred as guidelines from their
  title and text alone (ignoring that the source says so).

Usage: python bench/evidence.py [--shared ../shared/data] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from medoracle.domain import LEVEL_OF_KIND, Document, EvidenceKind
from medoracle.ingest.evidence import infer_kind
from medoracle.ingest.jsonl import JsonlReader, load_mapping
from medoracle.ingest.pubmedqa import PubMedQAReader

RESULTS = Path(__file__).parent / "results"

# MeSH design headings → kind; the first match in this order (strongest design first) wins.
DESIGN_MESH: tuple[tuple[str, EvidenceKind], ...] = (
    ("Meta-Analysis as Topic", EvidenceKind.META_ANALYSIS),
    ("Random Allocation", EvidenceKind.RANDOMIZED_TRIAL),
    ("Double-Blind Method", EvidenceKind.RANDOMIZED_TRIAL),
    ("Single-Blind Method", EvidenceKind.RANDOMIZED_TRIAL),
    ("Case-Control Studies", EvidenceKind.CASE_CONTROL),
    ("Cross-Sectional Studies", EvidenceKind.CROSS_SECTIONAL),
    ("Cohort Studies", EvidenceKind.COHORT),
    ("Prospective Studies", EvidenceKind.COHORT),
    ("Retrospective Studies", EvidenceKind.COHORT),
    ("Longitudinal Studies", EvidenceKind.COHORT),
    ("Follow-Up Studies", EvidenceKind.COHORT),
)


def design_from_mesh(mesh_terms: list[str]) -> EvidenceKind | None:
    terms = set(mesh_terms)
    return next((kind for heading, kind in DESIGN_MESH if heading in terms), None)


def pubmedqa_accuracy(path: Path) -> dict[str, object]:
    pairs = []
    false_guidelines = 0
    records = [record for record in PubMedQAReader(path).read() if isinstance(record, Document)]
    for record in records:
        # PubMedQA items are research articles: none is a guideline.
        false_guidelines += infer_kind(record.title, record.text) is EvidenceKind.GUIDELINE
        truth = design_from_mesh(record.mesh_terms)
        if truth is not None:
            pairs.append((truth, infer_kind(record.title, record.text)))
    confusion = Counter((LEVEL_OF_KIND[t].value, LEVEL_OF_KIND[p].value) for t, p in pairs)
    return {
        "records_with_design_mesh": len(pairs),
        "level_accuracy": sum(LEVEL_OF_KIND[t] == LEVEL_OF_KIND[p] for t, p in pairs) / len(pairs),
        "kind_accuracy": sum(t == p for t, p in pairs) / len(pairs),
        "all_items": len(records),
        "inferred_as_guideline_share": false_guidelines / len(records),
        "confusion_true_level_to_inferred_level": {f"{t}->{p}": n for (t, p), n in sorted(confusion.items())},
    }


def ngc_recall(path: Path) -> dict[str, object]:
    inferred = Counter(
        infer_kind(record.title, record.text).value
        for record in JsonlReader(path, load_mapping(preset="ngc", path=None)).read()
        if isinstance(record, Document)
    )
    total = sum(inferred.values())
    return {
        "records": total,
        "inferred_as_guideline": inferred[EvidenceKind.GUIDELINE.value] / total,
        "inferred_level_1": sum(n for k, n in inferred.items() if LEVEL_OF_KIND[EvidenceKind(k)].value == 1)
        / total,
        "inferred_kinds": dict(inferred.most_common()),
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=Path(__file__).parents[2] / "shared" / "data")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    pubmedqa = args.shared / "pubmedqa" / "pqal_trainval.json"
    ngc = args.shared / "ngc_guideline_summaries" / "ngc_guideline_summaries.jsonl"
    if not pubmedqa.exists() or not ngc.exists():
        print(f"shared data not found under {args.shared}; pass --shared", file=sys.stderr)
        return 2
    results = {"pubmedqa_mesh_designs": pubmedqa_accuracy(pubmedqa), "ngc_guidelines": ngc_recall(ngc)}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "evidence.json").write_text(json.dumps(results, indent=2) + "\n")
    if args.json:
        print(json.dumps(results))
    else:
        p, n = results["pubmedqa_mesh_designs"], results["ngc_guidelines"]
        print(
            f"PubMedQA ({p['records_with_design_mesh']} items with a design MeSH heading): "
            f"level accuracy {p['level_accuracy']:.3f}, kind accuracy {p['kind_accuracy']:.3f}; "
            f"of all {p['all_items']} items, {p['inferred_as_guideline_share']:.3f} wrongly inferred as guidelines"
        )
        print(
            f"NGC ({n['records']} guidelines): inferred as guideline {n['inferred_as_guideline']:.3f}, "
            f"as level 1 {n['inferred_level_1']:.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

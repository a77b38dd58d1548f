"""Answer-engine benchmark: BioASQ summary questions, citation support, abstention, verdicts, latency.

    python bench/answers.py [--json] [--limit N] [--embedder none|wordllama|minilm]

(a) each question's own BioASQ snippets are the hits (no search);
(b) the snippets of all 4,217 BioASQ questions, merged per PMID by the product's BioASQ reader, are
    the library, searched by the product's Searcher (k=10).
Both beside a baseline in the same run: the text of the top hit's passage (in (a) the first snippet).
ROUGE definitions: bench/rouge.py. Citation support: the verifier's acceptance share, and an
independent check (every number of the bullet in its cited passage, and >= 80 % of its word tokens).
Abstention: 50 questions far outside a medical library (bench/fixtures/out_of_library.txt), asked of
library (b); and the share of BioASQ summary questions that wrongly abstain in (a) and (b).
Yes/no verdicts: BioASQ's yes/no questions with their exact answers, asked with their own snippets (a)
and of library (b); decisive verdicts ("supported", "not supported") against the gold answer.
Latency: the whole ask path (answer_question: search + compose) in a warm process on library (b).
Data: ../shared/data/bioasq (read-only; skipped with a message when absent).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from medoracle.answer import answer_question, compose
from medoracle.answer.text import numbers
from medoracle.domain import Answer, Document, DocumentKind, Hit, Passage, Section, VerdictValue
from medoracle.ingest.bioasq import BioAsqReader
from medoracle.ingest.pipeline import ingest, prepare
from medoracle.library import Library
from rouge import rouge_2, rouge_su4, tokens

ROOT = Path(__file__).parents[1]
SHARED = Path(os.environ.get("MEDORACLE_SHARED_DATA", ROOT.parent / "shared" / "data"))
QUESTIONS = SHARED / "bioasq" / "bioasq_taskb_questions.json"
OUT_OF_LIBRARY = Path(__file__).parent / "fixtures" / "out_of_library.txt"
# Written after the abstention rules were tuned and never looked at while tuning them.
OUT_OF_LIBRARY_HELDOUT = Path(__file__).parent / "fixtures" / "out_of_library_heldout.txt"
RESULTS = Path(__file__).parent / "results"
K = 10
INDEPENDENT_MIN_OVERLAP = 0.8
# The engine's thresholds and frame words were adjusted while looking at the first 150 summary
# questions (and the 50 out-of-library questions); the others are reported apart as untouched.
TUNED_ON = 150


def article_text(answer: Answer) -> str:
    return " ".join([*(b.text for b in answer.lead), *(b.text for s in answer.sections for b in s.bullets)])


def own_snippet_hits(question: dict[str, Any]) -> list[Hit]:
    """The question's snippets as documents (one per PMID, snippets in given order), as ranked hits."""
    grouped: dict[str, list[str]] = defaultdict(list)
    for snippet in question.get("snippets", []):
        text = " ".join(str(snippet.get("text", "")).split())
        if text and text not in grouped[snippet.get("document", "")]:
            grouped[snippet.get("document", "")].append(text)
    hits: list[Hit] = []
    for number, (url, texts) in enumerate(grouped.items()):
        pmid = url.rstrip("/").rsplit("/", 1)[-1]
        document = Document(
            identifier=f"q{question['id']}:{number}",
            source="bioasq-own",
            kind=DocumentKind.SNIPPETS,
            title="",
            sections=[Section("ABSTRACT", text) for text in texts],
            pmid=pmid if pmid.isdigit() else None,
        )
        document, passages = prepare(document)
        hits.extend(Hit(passage=p, document=document, score=1.0) for p in passages)
    return hits


def independently_supported(text: str, passage: Passage) -> bool:
    """Not the verifier's rule: the bullet's numbers occur in the passage, and most of its words do."""
    words = tokens(text)
    passage_words = set(tokens(passage.text))
    overlap = sum(w in passage_words for w in words) / len(words) if words else 0.0
    return set(numbers(text)) <= set(numbers(passage.text)) and overlap >= INDEPENDENT_MIN_OVERLAP


def _rouge_row(prefix: str, text: str, ideal: Sequence[str]) -> dict[str, float]:
    r2, su4 = rouge_2(text, ideal), rouge_su4(text, ideal)
    return {
        f"{prefix}r2_f": r2.f,
        f"{prefix}r2_recall": r2.recall,
        f"{prefix}su4_f": su4.f,
        f"{prefix}su4_recall": su4.recall,
        f"{prefix}words": len(tokens(text)),
    }


def measure(answer: Answer, hits: Sequence[Hit], ideal: Sequence[str]) -> dict[str, float]:
    """One question's figures: ROUGE of the article, of its lead alone and of the baseline; checks."""
    passages = {h.passage.identifier: h.passage for h in hits}
    independent = [
        independently_supported(bullet.text, passages[source.passage_id])
        for bullet in [*answer.lead, *(b for s in answer.sections for b in s.bullets)]
        for source in bullet.sources
    ]
    return {
        **_rouge_row("", article_text(answer), ideal),
        **_rouge_row("lead_", " ".join(b.text for b in answer.lead), ideal),
        **_rouge_row("base_", hits[0].passage.text if hits else "", ideal),
        "abstained": float(answer.abstained),
        "checked": answer.verification.checked,
        "passed": answer.verification.passed,
        "independent_checked": len(independent),
        "independent_passed": sum(independent),
    }


_COUNTS = ("abstained", "checked", "passed", "independent_checked", "independent_passed")


def summarise(rows: Sequence[dict[str, float]]) -> dict[str, Any]:
    if not rows:
        return {"questions": 0}
    means = {k: round(statistics.fmean(r[k] for r in rows), 4) for k in rows[0] if k not in _COUNTS}
    total = {k: sum(r[k] for r in rows) for k in _COUNTS}
    return {
        "questions": len(rows),
        "rouge": means,
        "su4_f_ratio_to_baseline": round(means["su4_f"] / means["base_su4_f"], 3),
        "su4_recall_ratio_to_baseline": round(means["su4_recall"] / means["base_su4_recall"], 3),
        "lead_su4_f_ratio_to_baseline": round(means["lead_su4_f"] / means["base_su4_f"], 3),
        "wrongly_abstained": round(total["abstained"] / len(rows), 4),
        "verifier_accepted": round(total["passed"] / total["checked"], 4) if total["checked"] else None,
        "bullets_checked": int(total["checked"]),
        "independent_check_accepted": (
            round(total["independent_passed"] / total["independent_checked"], 4)
            if total["independent_checked"]
            else None
        ),
        "citations_checked_independently": int(total["independent_checked"]),
    }


def summaries(rows: Sequence[dict[str, float]]) -> dict[str, Any]:
    """All questions, and those after the first TUNED_ON that thresholds were never looked at with."""
    return {**summarise(rows), "untouched_by_tuning": summarise(rows[TUNED_ON:])}


def run_own_snippets(questions: Sequence[dict[str, Any]]) -> dict[str, Any]:
    rows = []
    compose_ms = []
    for question in questions:
        hits = own_snippet_hits(question)
        started = time.perf_counter()
        answer = compose(question["body"], hits)
        compose_ms.append((time.perf_counter() - started) * 1000)
        rows.append(measure(answer, hits, question["ideal_answer"]))
    return {**summaries(rows), "compose_ms": _percentiles(compose_ms)}


def verdicts(answers: Sequence[tuple[str, Answer]]) -> dict[str, Any]:
    """How the verdicts of yes/no questions agree with BioASQ's exact answers (gold "yes" or "no").

    Decisive verdicts are "supported" (read as yes) and "not supported" (no); beside their accuracy, the
    accuracy that always answering "yes" would have on the same questions, since most gold answers are yes.
    """
    table: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    decided = []
    for gold, answer in answers:
        if answer.abstained:
            outcome = "abstained"
        elif answer.verdict is None:
            outcome = "not read as yes/no"
        else:
            outcome = answer.verdict.value.value
            said = {VerdictValue.SUPPORTED: "yes", VerdictValue.NOT_SUPPORTED: "no"}.get(answer.verdict.value)
            if said is not None:
                decided.append((gold, said))
        table[gold][outcome] += 1
    return {
        "questions": len(answers),
        "outcomes_by_gold_answer": {gold: dict(outcomes) for gold, outcomes in sorted(table.items())},
        "decisive": len(decided),
        "decisive_share": round(len(decided) / len(answers), 4) if answers else None,
        "decisive_accuracy": round(sum(g == s for g, s in decided) / len(decided), 4) if decided else None,
        "always_yes_accuracy_on_decisive": (
            round(sum(g == "yes" for g, _ in decided) / len(decided), 4) if decided else None
        ),
    }


def yes_no_questions(asked: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        q
        for q in asked
        if q["type"] == "yesno" and str(q.get("exact_answer")).lower() in ("yes", "no") and q.get("snippets")
    ]


def build_library(folder: Path) -> Library:
    library = Library(f"sqlite:///{folder / 'library.db'}")
    if library.count_documents() == 0:
        report = ingest(library, BioAsqReader(QUESTIONS).read(), source="bioasq")
        print(f"library: {report.ingested:,} documents, {report.passages:,} passages", file=sys.stderr)
    return library


def run_pooled(
    questions: Sequence[dict[str, Any]],
    yes_no: Sequence[dict[str, Any]],
    folder: Path,
    embedder: str | None,
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    from medoracle.search import Searcher

    library = build_library(folder)
    started = time.perf_counter()
    searcher = Searcher.open(library, folder / f"index-{embedder or 'lexical'}", embedder=embedder)
    print(f"index ready in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    rows = []
    latencies = []
    for question in questions[:5]:
        answer_question(question["body"], searcher, k=K)  # warm caches before timing
    for question in questions:
        started = time.perf_counter()
        hits = searcher.search(question["body"], k=K)
        answer = compose(question["body"], hits)
        latencies.append((time.perf_counter() - started) * 1000)
        rows.append(measure(answer, hits, question["ideal_answer"]))
    abstention = {
        "tuned_on": _abstention(searcher, OUT_OF_LIBRARY),
        "held_out": _abstention(searcher, OUT_OF_LIBRARY_HELDOUT),
    }
    verdict = {
        "a_own_snippets": verdicts(
            [(str(q["exact_answer"]).lower(), compose(q["body"], own_snippet_hits(q))) for q in yes_no]
        ),
        "b_pooled_library": verdicts(
            [(str(q["exact_answer"]).lower(), answer_question(q["body"], searcher, k=K)) for q in yes_no]
        ),
    }
    stats = library.stats()
    library.close()
    summary = {
        **summaries(rows),
        "library": {"documents": stats.documents, "passages": stats.passages},
        "embedder": embedder or "none (lexical only)",
        "ask_latency_ms": _percentiles(latencies),
    }
    return summary, abstention, verdict


def _abstention(searcher: Any, path: Path) -> dict[str, Any]:
    outside = [line.strip() for line in path.read_text().splitlines() if line.strip()]
    abstained = [answer_question(q, searcher, k=K).abstained for q in outside]
    return {
        "file": str(path.relative_to(ROOT)),
        "out_of_library_questions": len(outside),
        "correctly_abstained": round(sum(abstained) / len(outside), 4),
        "answered_anyway": [q for q, a in zip(outside, abstained, strict=True) if not a],
    }


def _percentiles(values: Sequence[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "p50": round(statistics.median(ordered), 1),
        "p95": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 1),
        "max": round(ordered[-1], 1),
        "n": len(ordered),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--limit", type=int, default=None, help="only the first N summary questions")
    parser.add_argument("--embedder", default="none", help="search embedder for (b): none, wordllama, minilm")
    parser.add_argument("--cache", type=Path, default=None, help="folder for library (b) and its index")
    args = parser.parse_args()
    if not QUESTIONS.exists():
        print(f"skipped: BioASQ data not present at {QUESTIONS}")
        return
    asked = json.loads(QUESTIONS.read_text())["questions"]
    questions = [q for q in asked if q["type"] == "summary"]
    questions = [q for q in questions if q.get("ideal_answer") and q.get("snippets")][: args.limit]
    embedder = None if args.embedder == "none" else args.embedder
    cache = args.cache or Path(tempfile.gettempdir()) / "medoracle-bench-answers"
    cache.mkdir(parents=True, exist_ok=True)
    own = run_own_snippets(questions)
    pooled, abstention, verdict = run_pooled(questions, yes_no_questions(asked), cache, embedder)
    results = {
        "data": str(QUESTIONS.relative_to(SHARED.parent))
        if QUESTIONS.is_relative_to(SHARED.parent)
        else str(QUESTIONS),
        "summary_questions": len(questions),
        "a_own_snippets": own,
        "b_pooled_library": pooled,
        "abstention": abstention,
        "yes_no_verdicts": verdict,
        "command": " ".join(["python", "bench/answers.py", *sys.argv[1:]]),
    }
    RESULTS.mkdir(exist_ok=True)
    suffix = f"-{args.embedder}" if embedder else ""
    target = RESULTS / f"answers{suffix}{'-limit' + str(args.limit) if args.limit else ''}.json"
    target.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2) if args.json else _table(results))
    print(f"saved {target.relative_to(ROOT)}", file=sys.stderr)


def _table(results: dict[str, Any]) -> str:
    lines = [f"BioASQ summary questions: {results['summary_questions']}"]
    for name in ("a_own_snippets", "b_pooled_library"):
        r = results[name]
        rouge, untouched = r["rouge"], r["untouched_by_tuning"]
        lines += [
            f"\n{name}",
            f"  article : ROUGE-2 F {rouge['r2_f']:.4f} R {rouge['r2_recall']:.4f} | SU4 F {rouge['su4_f']:.4f} "
            f"R {rouge['su4_recall']:.4f} | {rouge['words']:.0f} words",
            f"  baseline: ROUGE-2 F {rouge['base_r2_f']:.4f} R {rouge['base_r2_recall']:.4f} | SU4 F "
            f"{rouge['base_su4_f']:.4f} R {rouge['base_su4_recall']:.4f} | {rouge['base_words']:.0f} words",
            f"  lead    : ROUGE-2 F {rouge['lead_r2_f']:.4f} R {rouge['lead_r2_recall']:.4f} | SU4 F "
            f"{rouge['lead_su4_f']:.4f} R {rouge['lead_su4_recall']:.4f} | {rouge['lead_words']:.0f} words",
            f"  SU4 ratio to baseline: F {r['su4_f_ratio_to_baseline']} R {r['su4_recall_ratio_to_baseline']}"
            f" (lead alone F {r['lead_su4_f_ratio_to_baseline']}); questions after the first {TUNED_ON}: "
            f"F {untouched.get('su4_f_ratio_to_baseline')} R {untouched.get('su4_recall_ratio_to_baseline')}",
            f"  wrongly abstained {r['wrongly_abstained']} (after the first {TUNED_ON}: "
            f"{untouched.get('wrongly_abstained')}); verifier accepted {r['verifier_accepted']} of "
            f"{r['bullets_checked']}; independent check {r['independent_check_accepted']} of "
            f"{r['citations_checked_independently']}",
        ]
    pooled, abstention = results["b_pooled_library"], results["abstention"]
    lines += [
        f"\nask latency (warm, {pooled['embedder']}): {pooled['ask_latency_ms']}",
        f"compose latency (a): {results['a_own_snippets']['compose_ms']}",
        *(
            f"out-of-library questions correctly abstaining ({name}): {a['correctly_abstained']} "
            f"of {a['out_of_library_questions']}"
            for name, a in abstention.items()
        ),
        *(
            f"yes/no verdicts ({name}, {v['questions']} BioASQ yes/no questions): decisive {v['decisive_share']}, "
            f"accuracy {v['decisive_accuracy']} (always yes: {v['always_yes_accuracy_on_decisive']}); "
            f"{v['outcomes_by_gold_answer']}"
            for name, v in results["yes_no_verdicts"].items()
        ),
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()

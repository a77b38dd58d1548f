"""Renderers of an Answer: JSON (schema in docs/answer-schema.json), Markdown and an HTML fragment."""

from __future__ import annotations

import json
from html import escape
from typing import Any

from medoracle.domain import Answer, Bullet, Reference, Verdict

SCHEMA_VERSION = "1.1"

_VERDICT_WORDS = {
    "supported": "Supported by the evidence",
    "not_supported": "Not supported by the evidence",
    "mixed": "Mixed evidence",
    "insufficient_evidence": "Insufficient evidence",
}
# An article without a lead: what the library holds is near the question but does not answer it.
NO_DIRECT_ANSWER = "No statement found answers the question directly; these are the closest findings."
_REVIEW_STEPS = ("submitted", "under_review", "approved")


def population_note(answer: Answer) -> str | None:
    """Says so when no source speaks of the population the question names."""
    if not answer.unaddressed_populations:
        return None
    named = " or ".join(answer.unaddressed_populations)
    return f"None of the sources found speaks of {named} specifically: what follows may not apply to them."


def _bullet(bullet: Bullet) -> dict[str, Any]:
    return {
        "text": bullet.text,
        "citations": sorted(set(bullet.citations)),
        "contradicts": bullet.contradicts,
        "sources": [
            {"passage_id": s.passage_id, "start": s.start, "end": s.end, "reference": number}
            for s, number in zip(bullet.sources, bullet.citations, strict=True)
        ],
    }


def _reference(reference: Reference) -> dict[str, Any]:
    return {
        "number": reference.number,
        "label": reference.label,
        "document_id": reference.document_id,
        "title": reference.title,
        "source": reference.source,
        "year": reference.year,
        "pmid": reference.pmid,
        "doi": reference.doi,
        "url": reference.url,
        "evidence_kind": reference.evidence_kind.value,
        "evidence_level": int(reference.evidence_level),
    }


def _verdict(verdict: Verdict | None) -> dict[str, Any] | None:
    if verdict is None:
        return None
    return {
        "value": verdict.value.value,
        "supporting": verdict.supporting,
        "opposing": verdict.opposing,
        "supporting_levels": list(verdict.supporting_levels),
        "opposing_levels": list(verdict.opposing_levels),
    }


def to_dict(answer: Answer) -> dict[str, Any]:
    question = answer.question
    return {
        "schema_version": SCHEMA_VERSION,
        "title": answer.title,
        "heading": answer.heading,
        "audience": answer.audience.value,
        "question": {
            "text": question.text,
            "kind": question.kind.value,
            "topic": question.topic,
            "concepts": list(question.concepts),
            "population": list(question.population),
            "red_flags": list(question.red_flags),
        },
        "emergency_notice": answer.emergency_notice,
        "abstained": answer.abstained,
        "abstain_reason": answer.abstain_reason,
        "unaddressed_populations": list(answer.unaddressed_populations),
        "lead": [_bullet(b) for b in answer.lead],
        "sections": [
            {"key": s.key, "heading": s.heading, "bullets": [_bullet(b) for b in s.bullets]}
            for s in answer.sections
        ],
        "verdict": _verdict(answer.verdict),
        "references": [_reference(r) for r in answer.references],
        "related": [_reference(r) for r in answer.related],
        "follow_ups": list(answer.follow_ups),
        "verification": {
            "checked": answer.verification.checked,
            "passed": answer.verification.passed,
            "dropped": answer.verification.dropped,
            "citations_dropped": answer.verification.citations_dropped,
        },
        "review_status": answer.review_status.value,
        "disclaimer": answer.disclaimer,
    }


def to_json(answer: Answer) -> str:
    return json.dumps(to_dict(answer), ensure_ascii=False, indent=2)


def _marks(bullet: Bullet) -> str:
    return ", ".join(str(n) for n in sorted(set(bullet.citations)))


def _reference_line(reference: Reference) -> str:
    parts = [f"**{reference.label}** — {reference.title}"]
    origin = ", ".join(str(p) for p in (reference.source, reference.year) if p)
    if origin:
        parts.append(origin)
    ids = [
        f"PMID {reference.pmid}" if reference.pmid else "",
        f"doi:{reference.doi}" if reference.doi else "",
    ]
    parts.extend(i for i in ids if i)
    if reference.url:
        parts.append(f"<{reference.url}>")
    parts.append(f"evidence level {int(reference.evidence_level)}")
    return ". ".join(parts)


def _verdict_line(verdict: Verdict) -> str:
    head = f"**Verdict: {_VERDICT_WORDS[verdict.value.value]}** — "
    if not verdict.supporting and not verdict.opposing:
        return f"{head}no source found answers the question directly."
    return (
        f"{head}{verdict.supporting} source(s) in favour "
        f"(levels {', '.join(map(str, verdict.supporting_levels)) or '—'}), {verdict.opposing} against "
        f"(levels {', '.join(map(str, verdict.opposing_levels)) or '—'})."
    )


def to_markdown(answer: Answer) -> str:
    lines = [f"# {answer.title}", ""]
    if answer.emergency_notice:
        lines += [f"> **{answer.emergency_notice}**", ""]
    lines += [
        f"*Review status: {answer.review_status.value.replace('_', ' ')}. Educational purpose only.*",
        "",
    ]
    if answer.abstained:
        lines += [f"**{answer.abstain_reason}**", ""]
        if answer.related:
            lines += ["Closest documents in the library:", ""]
            lines += [f"- {_reference_line(r)}" for r in answer.related]
            lines.append("")
    else:
        lines += [f"## {answer.heading}", ""]
        if note := population_note(answer):
            lines += [f"*{note}*", ""]
        if answer.lead:
            lines += [" ".join(f"{b.text} [{_marks(b)}]" for b in answer.lead), ""]
        elif not answer.verdict:
            lines += [f"*{NO_DIRECT_ANSWER}*", ""]
        if answer.verdict:
            lines += [_verdict_line(answer.verdict), ""]
        for section in answer.sections:
            lines += [f"### {section.heading}", ""]
            for bullet in section.bullets:
                flag = " *(contradicting finding)*" if bullet.contradicts else ""
                lines.append(f"- {bullet.text} [{_marks(bullet)}]{flag}")
            lines.append("")
        lines += ["## References", ""]
        lines += [f"{r.number}. {_reference_line(r)}" for r in answer.references]
        lines.append("")
    if answer.follow_ups:
        lines += ["## Follow-up questions", ""] + [f"- {q}" for q in answer.follow_ups] + [""]
    lines += ["---", "", f"*{answer.disclaimer}*", ""]
    return "\n".join(lines)


def _html_bullet(bullet: Bullet) -> str:
    marks = ", ".join(f'<a href="#ref-{n}">{n}</a>' for n in sorted(set(bullet.citations)))
    flag = ' <em class="contradicts">(contradicting finding)</em>' if bullet.contradicts else ""
    return (
        f'<li data-passage="{escape(bullet.passage_id)}" data-span="{bullet.span[0]}-{bullet.span[1]}">'
        f"{escape(bullet.text)} <sup>{marks}</sup>{flag}</li>"
    )


def _html_reference(reference: Reference) -> str:
    origin = ", ".join(escape(str(p)) for p in (reference.source, reference.year) if p)
    link = f' <a href="{escape(reference.url)}">{escape(reference.url)}</a>' if reference.url else ""
    pmid = f" PMID {escape(reference.pmid)}." if reference.pmid else ""
    return (
        f'<li id="ref-{reference.number}"><span class="label">{escape(reference.label)}</span> '
        f"<cite>{escape(reference.title)}</cite> {origin}.{pmid}{link} "
        f'<span class="level">Evidence level {int(reference.evidence_level)}</span></li>'
    )


def _html_status(answer: Answer) -> str:
    steps = "".join(
        f'<li class="{"current" if step == answer.review_status.value else ""}">{step.replace("_", " ").title()}</li>'
        for step in _REVIEW_STEPS
    )
    return f'<ol class="review-status">{steps}</ol>'


def to_html(answer: Answer) -> str:
    parts = [
        f'<article class="answer" data-audience="{answer.audience.value}">',
        f"<h1>{escape(answer.title)}</h1>",
    ]
    if answer.emergency_notice:
        parts.append(f'<div class="emergency" role="alert">{escape(answer.emergency_notice)}</div>')
    parts.append(_html_status(answer))
    if answer.abstained:
        parts.append(f'<p class="abstained">{escape(answer.abstain_reason or "")}</p>')
        if answer.related:
            parts.append('<h2>Closest documents in the library</h2><ol class="related">')
            parts += [_html_reference(r) for r in answer.related]
            parts.append("</ol>")
    else:
        parts.append(f"<h2>{escape(answer.heading)}</h2>")
        if note := population_note(answer):
            parts.append(f'<p class="population"><em>{escape(note)}</em></p>')
        if answer.lead:
            lead = " ".join(f"{escape(b.text)} <sup>{_marks(b)}</sup>" for b in answer.lead)
            parts.append(f'<p class="lead">{lead}</p>')
        elif not answer.verdict:
            parts.append(f'<p class="lead"><em>{NO_DIRECT_ANSWER}</em></p>')
        if answer.verdict:
            parts.append(f'<p class="verdict">{escape(_verdict_line(answer.verdict).replace("**", ""))}</p>')
        for section in answer.sections:
            parts.append(f'<section data-key="{section.key}"><h3>{escape(section.heading)}</h3><ul>')
            parts += [_html_bullet(b) for b in section.bullets]
            parts.append("</ul></section>")
        parts.append('<h2>References</h2><ol class="references">')
        parts += [_html_reference(r) for r in answer.references]
        parts.append("</ol>")
    if answer.follow_ups:
        parts.append('<h2>Follow-up questions</h2><ul class="follow-ups">')
        parts += [f"<li>{escape(q)}</li>" for q in answer.follow_ups]
        parts.append("</ul>")
    parts.append(f'<p class="disclaimer">{escape(answer.disclaimer)}</p></article>')
    return "\n".join(parts)

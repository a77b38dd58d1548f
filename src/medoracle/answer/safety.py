"""What every article says for the reader's safety: the emergency notice and the disclaimer."""

from __future__ import annotations

from medoracle.domain import Audience, QuestionAnalysis

_EMERGENCY = {
    Audience.PATIENT: (
        "Emergency: what you describe ({flags}) can be a sign of a medical emergency. Call your local emergency "
        "number (911 in the US, 112 in Europe, 999 in the UK) or go to the nearest emergency department now. "
        "Do not wait for an online answer."
    ),
    Audience.CLINICIAN: (
        "Red flags: the question describes {flags}. These warrant immediate emergency assessment; the evidence "
        "summary below does not replace urgent evaluation."
    ),
}
_CRISIS_LINE = (
    " If you are thinking about harming yourself, call or text a crisis line now (988 in the US) or your local "
    "emergency number."
)

_DISCLAIMER = {
    Audience.PATIENT: (
        "This article is for general education and is not medical advice. It was put together automatically from "
        "published sources and may be incomplete or out of date. Talk to a doctor, nurse or pharmacist about your "
        "own situation before changing any treatment."
    ),
    Audience.CLINICIAN: (
        "Intended for healthcare professionals. This summary was extracted automatically from the cited sources and "
        "is pending editorial review; verify statements against the primary literature and current guidelines, and "
        "rely on clinical judgement for every decision."
    ),
}


def emergency_notice(analysis: QuestionAnalysis, audience: Audience) -> str | None:
    if not analysis.red_flags:
        return None
    notice = _EMERGENCY[audience].format(flags=", ".join(analysis.red_flags))
    if "suicidal intent" in analysis.red_flags and audience is Audience.PATIENT:
        notice += _CRISIS_LINE
    return notice


def disclaimer(audience: Audience) -> str:
    return _DISCLAIMER[audience]

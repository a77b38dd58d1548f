"""British and American medical spellings as one: "haemoglobin", "oedema", "tumour", "randomised".

A library mixes UK sources (NICE guidelines) with US ones (MedlinePlus, most abstracts); a question in
either spelling must find both. Search indexes and queries, and the answer engine's word matching,
compare words in their American form.
"""

from __future__ import annotations

import re
from functools import lru_cache

MIN_LETTERS = 6  # shorter words are left alone: "does", "shoe", "four", "hours"
_BRITISH = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"(?<=[bcdfghklmnprstvz])ae(?=[a-z])", "e"),  # haem, anaemia, paediatric, leukaemia
        (
            r"^[ao]e(?=[a-z]{3})|(?<=[hrf])oe(?=[a-z])",
            "e",
        ),  # aetiology, oedema, oesophagus, diarrhoea, foetal
        (r"(?<=[a-z]{3})our(s?)$", r"or\1"),  # tumour, behaviour, labour
        (r"(?<=[a-z]{3})is(e|ed|es|ing|ation|ations)$", r"iz\1"),  # randomised, organisation
    )
)
_LONG_WORD = re.compile(rf"\b[^\W\d_]{{{MIN_LETTERS},}}\b")


@lru_cache(maxsize=262_144)
def american(word: str) -> str:
    """The American form of a lower-case word (unchanged if it has none)."""
    if len(word) < MIN_LETTERS:
        return word
    for pattern, replacement in _BRITISH:
        word = pattern.sub(replacement, word)
    return word


def americanise(text: str) -> str:
    """The text with every longer word in its American form, lower-cased (for an index, not for display)."""
    return _LONG_WORD.sub(lambda match: american(match.group(0).lower()), text)

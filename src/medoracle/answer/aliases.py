"""Other names of what a question asks about, so that a statement using one of them names it.

Biomedical writing spells a name out once and uses its short form after ("Fanconi anaemia (FA)"; "FA cells
are hypersensitive to cross-linking agents" speaks of Fanconi anaemia as much as a sentence that spells it
out); sources call "borderline personality disorder" "BPD" without defining it; patients ask about "NMO"
where sources write "neuromyelitis optica"; "immediate-early" and "immediate early" are one word written two
ways. Each name is a set of stems; a pair of them is an Alias.
"""

from __future__ import annotations

import re
from functools import lru_cache

from medoracle.answer.text import stems
from medoracle.search.query import expand_abbreviation

# Two names of one thing, each as its stems.
Alias = tuple[frozenset[str], frozenset[str]]

_BRACKETED = re.compile(r"\(([^()]{2,80})\)")
# One word, as short forms are written: "FA", "NT-proBNP", "ERK1/2", "AG-120".
_ONE_WORD = re.compile(r"[^\W_][\w'/-]*")
_WORD = re.compile(r"[^\W_][\w'-]*")
# A long form starts after the end of a clause: "… were studied; Fanconi anaemia (FA)".
_CLAUSE_END = re.compile(r"[.;:!?()\[\]]")
MAX_LONG_WORDS = 8
_HYPHENATED = re.compile(r"\b[^\W\d_]{2,}(?:-[^\W\d_]{2,})+\b")
# Parts that are not words of their own: "anti-inflammatory" is not "inflammatory".
_PREFIXES = frozenset(
    "anti non pre post co re de un multi inter intra sub super over under self semi".split()
)
MAX_INITIALISM_WORDS = 5


@lru_cache(maxsize=8192)
def aliases(text: str) -> tuple[Alias, ...]:
    """The pairs of names ``text`` defines: a short form with its long form, or two names of one thing."""
    found = []
    for match in _BRACKETED.finditer(text):
        inside = match.group(1).strip()
        clause = _CLAUSE_END.split(text[: match.start()])[-1]
        before = _WORD.findall(clause)[-MAX_LONG_WORDS:]
        if not before:
            continue
        if _ONE_WORD.fullmatch(inside):
            long_form = _long_form(before, inside)
            found.append((stems(inside), stems(" ".join(long_form))))
        elif inside[0].lower() == before[-1][0].lower():
            # The long form in brackets after its short form: "MINDY (motif interacting with …)".
            found.append((stems(before[-1]), stems(inside)))
    return tuple((first, second) for first, second in found if first and second and first != second)


def _long_form(before: list[str], short: str) -> list[str]:
    """The fewest last words that start with the short form's first letter and hold its letters in order
    ("Fanconi anaemia" for "FA", "N-terminal pro-brain natriuretic peptide" for "NT-proBNP"); else the word
    just before, another name: "AG-120 (ivosidenib)"."""
    letters = [c for c in short.lower() if c.isalpha()]
    for count in range(1, len(before) + 1):
        words = before[-count:]
        if letters and words[0][0].lower() == letters[0] and _in_order(letters, "".join(words).lower()):
            return words
    return before[-1:]


def _in_order(letters: list[str], text: str) -> bool:
    remaining = iter(text)
    return all(letter in remaining for letter in letters)


def initialisms(phrase: str, text: str) -> tuple[Alias, ...]:
    """The short forms its runs of words would have that ``text`` writes in capitals: "borderline personality
    disorder" → "BPD", "post-traumatic stress disorder" → "PTSD", for sources that use only the short form
    ("solar system" is not the "(ss)" of "solar-simulated (ss) UV")."""
    return tuple(alias for short, alias in _initialisms(phrase) if re.search(rf"\b{short}s?\b", text))


@lru_cache(maxsize=256)
def _initialisms(phrase: str) -> tuple[tuple[str, Alias], ...]:
    found = []
    for run in _content_runs(phrase):
        for start in range(len(run)):
            for end in range(start + 2, min(start + MAX_INITIALISM_WORDS, len(run)) + 1):
                words = run[start:end]
                short = "".join(part[0] for word in words for part in word.split("-") if part).upper()
                found.append((short, (stems(short), stems(" ".join(words)))))
    return tuple((short, alias) for short, alias in found if all(alias) and short.isalnum())


def _content_runs(phrase: str) -> list[list[str]]:
    """Its words in runs that stop words break: "hallmarks of heart failure" gives "HF", not "HO"."""
    runs: list[list[str]] = [[]]
    for word in _WORD.findall(phrase):
        if stems(word):
            runs[-1].append(word)
        elif runs[-1]:
            runs.append([])
    return runs


def expansions(text: str) -> tuple[Alias, ...]:
    """Its abbreviations with their usual meaning: "Can a UTI cause back pain?" → "urinary tract infection"."""
    found = []
    for word in _WORD.findall(text):
        meaning = expand_abbreviation(word)
        if meaning is not None:
            found.append((stems(word), stems(meaning)))
    return tuple((first, second) for first, second in found if first and second and first != second)


def hyphenations(text: str) -> tuple[Alias, ...]:
    """Its hyphenated words with their parts: "immediate-early" is also written "immediate early"."""
    found = []
    for word in _HYPHENATED.findall(text):
        parts = word.lower().split("-")
        named = stems(" ".join(parts))
        if not _PREFIXES.intersection(parts) and len(named) == len(parts):
            found.append((stems(word), named))
    return tuple(found)


def with_aliases(named: frozenset[str], defined: tuple[Alias, ...]) -> frozenset[str]:
    """What a text names, with the other name of each thing it names by one of its names."""
    extra: set[str] = set()
    for first, second in defined:
        if first <= named:
            extra |= second
        if second <= named:
            extra |= first
    return named | extra if extra else named

"""Small documents written for tests."""

from __future__ import annotations

from medoracle.domain import Document, DocumentKind, Section


def article(
    number: int, *, title: str | None = None, results: str | None = None, year: int = 2020
) -> Document:
    return Document(
        identifier=f"test:{number}",
        source="test",
        kind=DocumentKind.ARTICLE,
        title=title or f"Magnesium for nocturnal leg cramps: trial {number}",
        sections=[
            Section("BACKGROUND", "Nocturnal leg cramps are common in older adults."),
            Section(
                "RESULTS",
                results
                or f"Cramp frequency fell by {number}% vs. placebo (p < 0.05). Smith et al. reported similar results.",
            ),
        ],
        authors=["Doe J", "Roe R"],
        journal="Journal of Tests",
        year=year,
        pmid=str(10_000 + number),
        publication_types=["Randomized Controlled Trial"],
    )

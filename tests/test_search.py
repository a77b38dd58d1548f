"""Search ranks the passage that answers above distractors, and never uses a stale index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from medoracle.cli import app
from medoracle.domain import Document, DocumentKind, Section
from medoracle.ingest.pipeline import ingest
from medoracle.library import Library
from medoracle.search import QueryError, Searcher
from medoracle.search.feedback import wants_feedback
from medoracle.search.hybrid import FusionWeights, best_sentence_per_passage, diversified, fuse_levels
from medoracle.search.index import VECTOR_LEVELS
from medoracle.search.lexical import Fts5Index, IndexedPassage, TantivyIndex
from medoracle.search.query import parse_query


def doc(key: str, title: str, text: str, *, year: int = 2018, types: tuple[str, ...] = ()) -> Document:
    return Document(
        identifier=f"t:{key}",
        source="t",
        kind=DocumentKind.ARTICLE,
        title=title,
        sections=[Section("ABSTRACT", text)],
        year=year,
        pmid=key,
        publication_types=list(types),
    )


CORPUS = [
    doc(
        "1",
        "Low-dose aspirin after myocardial infarction",
        "In 2,400 patients discharged after a myocardial infarction, daily aspirin 75 mg reduced "
        "recurrent infarction and vascular death over two years compared with placebo.",
    ),
    doc(
        "2",
        "Aspirin and colorectal adenoma",
        "Daily aspirin lowered the recurrence of colorectal adenomas in a surveillance cohort; "
        "gastrointestinal bleeding was the main harm.",
    ),
    doc(
        "3",
        "Magnesium for nocturnal leg cramps",
        "Oral magnesium did not reduce the frequency of nocturnal leg cramps in older adults.",
    ),
    doc(
        "4",
        "Statins in chronic kidney disease",
        "Lowering LDL cholesterol with a statin reduced major vascular events in patients with "
        "chronic kidney disease not on dialysis.",
    ),
]


@pytest.fixture
def filled(sqlite_url: str) -> Library:
    library = Library(sqlite_url)
    ingest(library, CORPUS, source="t")
    return library


def test_the_answering_passage_outranks_distractors_lexically(filled: Library, tmp_path: Path) -> None:
    searcher = Searcher.open(filled, tmp_path / "index", embedder=None)

    hits = searcher.search("Does aspirin prevent a second heart attack after myocardial infarction?", k=3)

    assert hits[0].document.identifier == "t:1"
    assert hits[0].score > hits[1].score
    assert hits[0].passage.document_id == "t:1" and "aspirin" in hits[0].passage.text


def test_hybrid_search_with_wordllama_ranks_the_answer_first(filled: Library, tmp_path: Path) -> None:
    searcher = Searcher.open(filled, tmp_path / "index", embedder="wordllama")

    hits = searcher.search("statin therapy for patients with kidney disease", k=4)

    assert hits[0].document.identifier == "t:4"
    assert len(searcher.index.vectors or []) == len(searcher.index.lexical)


def test_a_passage_is_lifted_by_the_score_of_its_whole_document() -> None:
    passages = [("a#0", 2.0), ("b#1", 1.8), ("b#0", 0.0)]
    documents = [("b", 5.0), ("a", 1.0), ("c", 0.5)]

    fused = fuse_levels([(passages, 0.5)], [(documents, 0.5)])

    assert [key for key, _ in fused] == ["b#1", "a#0", "b#0", "c#0"]  # c: found whole only, first passage


def test_a_document_matching_the_question_across_its_passages_ranks_first(
    sqlite_url: str, tmp_path: Path
) -> None:
    library = Library(sqlite_url)
    split = Document(
        identifier="t:split",
        source="t",
        kind=DocumentKind.ARTICLE,
        title="Anticoagulation in atrial fibrillation",
        sections=[
            Section("METHODS", "Warfarin was started in 300 older patients."),
            Section("RESULTS", "Gastrointestinal bleeding occurred in 12 patients."),
        ],
    )
    bleeding = doc("gi", "Gastrointestinal bleeding", "Gastrointestinal bleeding: its causes and treatment.")
    ingest(library, [*CORPUS, split, bleeding], source="t")
    query = parse_query("warfarin gastrointestinal bleeding")
    passages_only = Searcher.open(library, tmp_path / "index", embedder=None, weights=FusionWeights())
    with_documents = Searcher.open(library, tmp_path / "index", embedder=None)

    assert passages_only.rank(query, 1)[0][0] == "t:gi#0"  # no passage has all three words
    assert with_documents.rank(query, 1)[0][0].startswith("t:split#")


NEEDLE = doc(
    "needle",
    "A community cohort of older residents",
    "We enrolled 4,000 residents of twelve towns between 2001 and 2004. Household income, education "
    "and housing were recorded at baseline. Participants completed questionnaires on diet, sleep and "
    "physical activity every year. Loss to follow-up was below five percent. Daily vitamin D supplements "
    "halved hip fractures in women over seventy. Costs of care were analysed separately.",
)
NEAR = doc(
    "near",
    "Bone health in women",
    "Calcium intake, bone density and osteoporosis treatment in older women were reviewed in primary care.",
)


def test_a_passage_with_one_sentence_that_answers_is_found_by_its_sentence_vectors(
    sqlite_url: str, tmp_path: Path
) -> None:
    library = Library(sqlite_url)
    ingest(library, [NEEDLE, NEAR, CORPUS[3]], source="t")
    query = parse_query("Does vitamin D prevent hip fractures in older women?")
    by_passage = Searcher.open(library, tmp_path / "index", embedder="wordllama", weights=FusionWeights(0, 1))
    by_sentence = Searcher.open(
        library, tmp_path / "index", embedder="wordllama", weights=FusionWeights(0, sentence_dense=1)
    )

    # Averaged into one vector, the answering sentence is outweighed by the cohort's description.
    assert by_passage.rank(query, 1)[0][0] == "t:near#0"
    assert by_sentence.rank(query, 1)[0][0] == "t:needle#0"
    assert len(by_sentence.index.sentence_vectors or []) == 6 + 1 + 1


def test_a_sentence_is_embedded_with_its_document_title(sqlite_url: str, tmp_path: Path) -> None:
    library = Library(sqlite_url)
    titled = doc("aspirin", "Aspirin after myocardial infarction", "It halved deaths in the first year.")
    other = doc("hip", "Outcomes of hip surgery", "Deaths halved in the first year.")
    ingest(library, [titled, other], source="t")
    by_sentence = Searcher.open(
        library, tmp_path / "index", embedder="wordllama", weights=FusionWeights(0, sentence_dense=1)
    )

    # Alone, the two sentences say the same; only the title tells what "It" is.
    found = by_sentence.rank(parse_query("Does aspirin reduce deaths after myocardial infarction?"), 2)
    assert [key for key, _ in found] == ["t:aspirin#0", "t:hip#0"]


def test_a_passage_is_scored_by_its_best_sentence() -> None:
    sentences = [("d#1@2", 0.9), ("d#0@0", 0.7), ("d#1@0", 0.5), ("e#0@1", 0.4)]

    assert best_sentence_per_passage(sentences) == [("d#1", 0.9), ("d#0", 0.7), ("e#0", 0.4)]


def test_sentence_vectors_follow_removed_and_changed_documents(filled: Library, tmp_path: Path) -> None:
    searcher = Searcher.open(filled, tmp_path / "index", embedder="wordllama", vectors=["sentences"])
    assert {key.split("#")[0] for key in searcher.index.sentence_vectors.ids()} == {
        d.identifier for d in CORPUS
    }
    changed = doc(
        "3", "Magnesium for nocturnal leg cramps", "Quinine reduced cramp frequency. It caused harms too."
    )
    ingest(filled, [changed], source="t")
    filled.delete_documents(["t:1"])

    reopened = Searcher.open(filled, tmp_path / "index", embedder="wordllama", vectors=["sentences"])

    ids = sorted(reopened.index.sentence_vectors.ids())
    assert [key for key in ids if key.startswith("t:3#")] == ["t:3#0@0", "t:3#0@1"]
    assert not any(key.startswith("t:1#") for key in ids)


def test_only_the_vector_indexes_the_weights_use_are_built(filled: Library, tmp_path: Path) -> None:
    default = Searcher.open(filled, tmp_path / "index", embedder="wordllama").index
    assert len(default.vectors or []) == len(default.lexical)
    assert default.document_vectors is None and default.sentence_vectors is None

    by_sentence = Searcher.open(
        filled, tmp_path / "index", embedder="wordllama", weights=FusionWeights(0, sentence_dense=1)
    ).index

    assert by_sentence.vectors is None and by_sentence.document_vectors is None
    assert len(by_sentence.sentence_vectors or []) >= len(CORPUS)


def test_an_unknown_vector_level_is_refused(filled: Library, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown vector levels"):
        Searcher.open(filled, tmp_path / "index", embedder="wordllama", vectors=["paragraphs"])


def test_an_abbreviation_expands_to_its_meaning() -> None:
    parsed = parse_query("aspirin after MI")

    assert parsed.expansions == (("MI", "myocardial infarction"),)
    assert dict(parsed.terms)["myocardial"] < dict(parsed.terms)["aspirin"]
    assert "myocardial infarction" in parsed.dense_text


def test_words_that_look_like_abbreviations_but_are_english_do_not_expand() -> None:
    assert parse_query("IS aspirin OR warfarin better").expansions == ()
    # HR is ambiguous (hazard ratio, heart rate…) and has no preferred clinical sense.
    assert parse_query("HR in sepsis").expansions == ()


def test_an_expanded_abbreviation_finds_documents_that_spell_it_out(filled: Library, tmp_path: Path) -> None:
    searcher = Searcher.open(filled, tmp_path / "index", embedder=None)

    assert searcher.search("CKD LDL", k=1)[0].document.identifier == "t:4"
    assert searcher.search("MI", k=1)[0].document.identifier == "t:1"


@pytest.mark.parametrize("engine", ["tantivy", "fts5"])
def test_british_and_american_spellings_find_each_other(sqlite_url: str, tmp_path: Path, engine: str) -> None:
    library = Library(sqlite_url)
    british = doc("uk", "Anaemia in pregnancy", "Offer oral iron to pregnant women with anaemia and oedema.")
    american = doc("us", "Tumor markers", "Hemoglobin falls in patients with a colorectal tumor.")
    ingest(library, [british, american, *CORPUS], source="t")
    index = TantivyIndex(tmp_path / "t") if engine == "tantivy" else Fts5Index(tmp_path / "f.db")
    index.add([IndexedPassage(p.identifier, p.document_id, "", p.text) for p in library.iter_passages()])
    index.commit()

    assert index.search([("anemia", 1.0), ("edema", 1.0)], k=1)[0][0].startswith("t:uk")
    assert index.search([("haemoglobin", 1.0), ("tumour", 1.0)], k=1)[0][0].startswith("t:us")


def test_a_patients_word_finds_the_clinical_one(sqlite_url: str, tmp_path: Path) -> None:
    library = Library(sqlite_url)
    neonatal = doc("neo", "Neonatal hypoglycaemia", "Neonatal hypoglycaemia follows maternal diabetes.")
    ingest(library, [neonatal, *CORPUS], source="t")
    searcher = Searcher.open(library, tmp_path / "index", embedder=None)

    assert searcher.search("low blood sugar in newborns", k=1)[0].document.identifier == "t:neo"


def test_a_short_query_also_finds_passages_that_use_the_words_of_its_best_matches(
    sqlite_url: str, tmp_path: Path
) -> None:
    library = Library(sqlite_url)
    texts = {
        "a": "Statins lower LDL cholesterol and prevent cardiovascular events in adults.",
        "b": "Statins reduce LDL cholesterol and cardiovascular events after a stroke.",
        "c": "HMG-CoA reductase inhibitors lower LDL cholesterol and cardiovascular events.",
        "d": "Paracetamol reduces fever in children with influenza.",
    }
    ingest(library, [doc(key, "", text) for key, text in texts.items()], source="t")
    with_feedback = Searcher.open(library, tmp_path / "index", embedder=None, feedback=True)
    without = Searcher.open(library, tmp_path / "index", embedder=None)

    found = [hit.document.identifier for hit in with_feedback.search("statins", k=4)]
    assert (
        found[:2] in (["t:a", "t:b"], ["t:b", "t:a"]) and found[2] == "t:c"
    )  # "t:d" shares "reduce" at most
    assert [hit.document.identifier for hit in without.search("statins", k=4)] in (
        ["t:a", "t:b"],
        ["t:b", "t:a"],
    )


def test_only_one_and_two_word_queries_get_feedback() -> None:
    assert wants_feedback(parse_query("vitamin D"))
    assert wants_feedback(parse_query("What is CKD?"))  # an expansion is not the user's word
    assert not wants_feedback(parse_query("Do statins reduce dementia?"))


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("what is the", "only stop words"),
        ("   ", "empty"),
        ("aspirin " * 1250, "limit is 2,000"),
    ],
)
def test_unusable_queries_raise_a_clear_error(
    filled: Library, tmp_path: Path, query: str, message: str
) -> None:
    searcher = Searcher.open(filled, tmp_path / "index", embedder=None)

    with pytest.raises(QueryError, match=message):
        searcher.search(query)


def test_a_stale_index_is_refreshed_with_added_and_removed_documents(
    library: Library, tmp_path: Path
) -> None:
    ingest(library, CORPUS, source="t")
    searcher = Searcher.open(library, tmp_path / "index", embedder=None)
    assert "t:9" not in {h.document.identifier for h in searcher.search("vitamin D fractures", k=5)}

    ingest(
        library,
        [doc("9", "Vitamin D and fractures", "Vitamin D alone did not prevent hip fractures.")],
        source="t",
    )
    assert searcher.index.is_stale()
    assert searcher.search("vitamin D fractures", k=1)[0].document.identifier == "t:9"
    assert not searcher.index.is_stale()

    library.delete_documents(["t:9", "t:1"])
    reopened = Searcher.open(library, tmp_path / "index", embedder=None)
    found = {h.document.identifier for h in reopened.search("vitamin D fractures aspirin infarction", k=10)}
    assert "t:9" not in found and "t:1" not in found
    assert len(reopened.index.lexical) == sum(len(library.passages_of(d.identifier)) for d in CORPUS[1:])
    assert len(reopened.index.document_lexical) == len(CORPUS) - 1


def test_a_changed_document_replaces_its_old_passages(filled: Library, tmp_path: Path) -> None:
    searcher = Searcher.open(filled, tmp_path / "index", embedder="wordllama", vectors=VECTOR_LEVELS)
    changed = doc(
        "3", "Magnesium for nocturnal leg cramps", "Quinine reduced cramp frequency but caused harms."
    )
    ingest(filled, [changed], source="t")

    assert searcher.search("quinine cramps", k=1)[0].passage.text.startswith("Quinine")
    index = searcher.index
    assert len(index.lexical) == len(index.vectors or []) == 4
    assert len(index.document_lexical) == len(index.document_vectors or []) == 4
    assert index.document_lexical.search([("quinine", 1.0)], 1)[0][0] == "t:3"


def test_the_evidence_prior_lifts_stronger_evidence_among_equal_matches(
    sqlite_url: str, tmp_path: Path
) -> None:
    library = Library(sqlite_url)
    text = "Compression stockings reduced post-thrombotic syndrome after deep vein thrombosis."
    ingest(
        library,
        [
            doc("a", "Compression stockings: a case report", text, year=1995, types=("Case Reports",)),
            doc("b", "Compression stockings: a meta-analysis", text, year=2022, types=("Meta-Analysis",)),
        ],
        source="t",
    )
    plain = Searcher.open(library, tmp_path / "index", embedder=None)
    graded = Searcher.open(library, tmp_path / "index", embedder=None, evidence_prior=True)

    query = "compression stockings post-thrombotic syndrome"  # both match equally
    assert plain.search(query, k=1)[0].document.identifier == "t:a"
    assert graded.search(query, k=1)[0].document.identifier == "t:b"


def _cli(tmp_path: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["--data-dir", str(tmp_path), "search", *args])
    return result.exit_code, result.stdout


def test_cli_prints_hits_as_json(tmp_path: Path) -> None:
    ingest(Library(f"sqlite:///{tmp_path / 'library.db'}"), CORPUS, source="t")

    code, output = _cli(
        tmp_path, "aspirin after myocardial infarction", "--json", "--k", "2", "--embedder", "none"
    )

    assert code == 0
    hits = json.loads(output)["hits"]
    assert [h["rank"] for h in hits] == [1, 2]
    assert hits[0]["document_id"] == "t:1" and hits[0]["pmid"] == "1"
    assert {"score", "section", "text", "title", "source", "evidence_level", "year", "doi"} <= hits[0].keys()


def test_cli_feedback_finds_what_the_short_query_does_not_name(tmp_path: Path) -> None:
    ingest(Library(f"sqlite:///{tmp_path / 'library.db'}"), CORPUS, source="t")

    plain = _cli(tmp_path, "statin", "--json", "--embedder", "none")
    expanded = _cli(tmp_path, "statin", "--json", "--embedder", "none", "--feedback")

    assert plain[0] == expanded[0] == 0
    assert len(json.loads(expanded[1])["hits"]) > len(json.loads(plain[1])["hits"]) == 1


def test_cli_rejects_a_stop_word_query_with_exit_code_2(tmp_path: Path) -> None:
    ingest(Library(f"sqlite:///{tmp_path / 'library.db'}"), CORPUS, source="t")

    code, _ = _cli(tmp_path, "what are the", "--embedder", "none")

    assert code == 2


def test_switching_the_embedder_rebuilds_the_index_instead_of_mixing(filled: Library, tmp_path: Path) -> None:
    Searcher.open(filled, tmp_path / "index", embedder=None)
    (tmp_path / "index" / "notes.txt").write_text("kept")

    searcher = Searcher.open(filled, tmp_path / "index", embedder="wordllama")

    assert len(searcher.index.lexical) == len(searcher.index.vectors or []) == 4
    assert (tmp_path / "index" / "notes.txt").read_text() == "kept"


def test_an_index_written_by_an_older_version_is_rebuilt(filled: Library, tmp_path: Path) -> None:
    Searcher.open(filled, tmp_path / "index", embedder="wordllama", vectors=VECTOR_LEVELS)
    state = tmp_path / "index" / "state.json"
    older = json.loads(state.read_text()) | {"format": 3, "sentences": True}
    del older["vectors"]
    state.write_text(json.dumps(older))

    index = Searcher.open(filled, tmp_path / "index", embedder="wordllama").index

    assert json.loads(state.read_text())["vectors"] == ["passages"]
    assert not (tmp_path / "index" / "sentence-vectors").exists()
    assert len(index.vectors or []) == len(index.lexical) == 4


def test_one_document_fills_at_most_three_results_while_others_are_found() -> None:
    ranking = [("long#0", 9.0), ("long#1", 8.0), ("long#2", 7.0), ("long#3", 6.0), ("other#0", 5.0)]
    assert diversified(ranking, 4, 3) == [("long#0", 9.0), ("long#1", 8.0), ("long#2", 7.0), ("other#0", 5.0)]
    assert diversified(ranking[:4], 4, 3) == ranking[:4]

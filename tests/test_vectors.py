"""The vector index finds nearest passages exactly or through HNSW, updates in place and saves atomically."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from medoracle.search.vectors import VectorIndex, VectorIndexError

DIM = 16


def unit_vectors(count: int, seed: int = 0, dim: int = DIM) -> npt.NDArray[np.float32]:
    matrix = np.random.default_rng(seed).standard_normal((count, dim), dtype=np.float32)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix


def ids_for(count: int) -> list[str]:
    return [f"doc:{n}#0" for n in range(count)]


@pytest.fixture
def index(tmp_path: Path) -> VectorIndex:
    built = VectorIndex.open(tmp_path / "vectors", DIM)
    built.add(ids_for(200), unit_vectors(200))
    return built


def test_the_nearest_neighbour_of_a_stored_vector_is_itself_with_similarity_one(index: VectorIndex) -> None:
    query = unit_vectors(200)[42]

    hits = index.search(query, 5)

    assert hits[0][0] == "doc:42#0"
    assert hits[0][1] == pytest.approx(1.0, abs=1e-5)
    assert [score for _, score in hits] == sorted((score for _, score in hits), reverse=True)
    assert len(hits) == 5


def test_search_many_answers_each_query_in_order(index: VectorIndex) -> None:
    queries = unit_vectors(200)[[3, 150, 7]]

    results = index.search_many(queries, 1)

    assert [hits[0][0] for hits in results] == ["doc:3#0", "doc:150#0", "doc:7#0"]


def test_k_larger_than_the_index_returns_every_passage(tmp_path: Path) -> None:
    small = VectorIndex.open(tmp_path, DIM)
    small.add(ids_for(3), unit_vectors(3))

    assert len(small.search(unit_vectors(1, seed=9)[0], 10)) == 3
    assert VectorIndex.open(tmp_path / "empty", DIM).search(unit_vectors(1)[0], 10) == []


def test_re_adding_an_id_replaces_its_vector(index: VectorIndex) -> None:
    elsewhere = unit_vectors(1, seed=99)

    index.add(["doc:42#0"], elsewhere)

    assert len(index) == 200
    assert index.search(elsewhere[0], 1)[0][0] == "doc:42#0"
    assert "doc:42#0" not in [hit_id for hit_id, _ in index.search(unit_vectors(200)[42], 3)]


def test_removed_ids_are_never_returned(index: VectorIndex) -> None:
    index.remove(["doc:42#0", "doc:7#0", "never-added"])

    hits = index.search_many(unit_vectors(200)[[42, 7]], 200)

    assert len(index) == 198
    assert all(len(row) == 198 for row in hits)
    assert not {"doc:42#0", "doc:7#0"} & {hit_id for row in hits for hit_id, _ in row}
    assert index.search(unit_vectors(200)[199], 1)[0][0] == "doc:199#0"  # the row moved into a freed slot


def test_a_saved_index_reopens_with_the_same_answers(index: VectorIndex, tmp_path: Path) -> None:
    index.remove(["doc:0#0"])
    index.save()

    reopened = VectorIndex.open(tmp_path / "vectors", DIM)

    assert len(reopened) == 199
    query = unit_vectors(1, seed=5)[0]
    assert reopened.search(query, 10) == index.search(query, 10)


def test_saving_again_keeps_only_the_current_generation_of_files(index: VectorIndex, tmp_path: Path) -> None:
    index.save()
    index.add(["new"], unit_vectors(1, seed=3))
    index.save()

    assert sorted(p.name for p in (tmp_path / "vectors").iterdir()) == [
        "ids-2.json",
        "manifest.json",
        "vectors-2.npy",
    ]


def test_opening_with_another_dimension_is_refused(index: VectorIndex, tmp_path: Path) -> None:
    index.save()

    with pytest.raises(VectorIndexError, match=r"dimension 16, not 384.*rebuild"):
        VectorIndex.open(tmp_path / "vectors", 384)


def test_vectors_of_the_wrong_shape_are_refused(index: VectorIndex) -> None:
    with pytest.raises(VectorIndexError, match="dimension 16"):
        index.add(["a", "b"], unit_vectors(2, dim=8))
    with pytest.raises(VectorIndexError, match="twice"):
        index.add(["a", "a"], unit_vectors(2))
    with pytest.raises(VectorIndexError, match=r"shape \(n, 16\)"):
        index.search_many(unit_vectors(2, dim=8), 3)


def test_a_corrupt_manifest_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text("{not json", encoding="utf-8")

    with pytest.raises(VectorIndexError, match=r"manifest\.json: unreadable"):
        VectorIndex.open(tmp_path, DIM)


def test_an_interrupted_save_leaves_the_previous_index_readable(
    index: VectorIndex, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index.save()
    index.remove(ids_for(100))
    index.add(["late"], unit_vectors(1, seed=7))

    def crash(*_: object) -> None:
        raise OSError("power lost")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="power lost"):
        index.save()
    monkeypatch.undo()

    survivor = VectorIndex.open(tmp_path / "vectors", DIM)
    assert len(survivor) == 200
    assert "late" not in survivor
    assert survivor.search(unit_vectors(200)[42], 1)[0][0] == "doc:42#0"


def test_the_ann_path_agrees_with_exact_search_on_the_top_hit(tmp_path: Path) -> None:
    stored, queries = unit_vectors(3000, seed=1), unit_vectors(50, seed=2)
    exact = VectorIndex.open(tmp_path / "exact", DIM)
    ann = VectorIndex.open(tmp_path / "ann", DIM, ann_threshold=100)
    for start in range(0, 3000, 1000):  # crosses the threshold, then grows incrementally
        exact.add(ids_for(3000)[start : start + 1000], stored[start : start + 1000])
        ann.add(ids_for(3000)[start : start + 1000], stored[start : start + 1000])

    assert ann.uses_ann and not exact.uses_ann
    exact_top = [hits[0] for hits in exact.search_many(queries, 10)]
    ann_top = [hits[0] for hits in ann.search_many(queries, 10)]
    assert ann_top == exact_top  # same ids and, being re-scored in float32, the same similarities


def test_the_ann_index_is_saved_updated_and_dropped_below_the_threshold(tmp_path: Path) -> None:
    ann = VectorIndex.open(tmp_path, DIM, ann_threshold=100)
    ann.add(ids_for(300), unit_vectors(300))
    ann.save()

    reopened = VectorIndex.open(tmp_path, DIM, ann_threshold=100)
    assert reopened.uses_ann and (tmp_path / "ann-1.usearch").exists()
    reopened.remove(ids_for(150))
    assert reopened.search(unit_vectors(300)[200], 1)[0][0] == "doc:200#0"
    assert "doc:20#0" not in {hit for hit, _ in reopened.search(unit_vectors(300)[20], 150)}

    reopened.remove(ids_for(250))
    assert not reopened.uses_ann
    reopened.save()
    assert not any(path.suffix == ".usearch" for path in tmp_path.iterdir())

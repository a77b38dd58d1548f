"""Passage vectors stored in a folder, searched exactly below a size threshold and through HNSW above it.

Layout of the folder: ``manifest.json`` names one generation of data files (``ids-N.json``,
``vectors-N.npy`` and, above the threshold, ``ann-N.usearch``). A save writes a new generation and then
replaces the manifest atomically, so a crash at any point leaves the previous generation readable.

The float32 matrix is always kept: exact search uses it directly, and ANN candidates are re-scored with it,
so both paths return the same exact cosine similarities and the ANN index may store lower precision.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

# HNSW settings measured on 2 shared cores with the synthetic vectors of bench/embedders.py: at 60k vectors
# int8 storage built in 35 s against 75 s for f16, with the same recall@10 (0.93); candidates are re-scored
# in float32 anyway. Figures at 1M: bench/results/vector-index-1000000.json.
ANN_THRESHOLD = 50_000
ANN_DTYPE = "i8"
ANN_CONNECTIVITY = 16
ANN_EXPANSION_ADD = 32
# Concurrent insertion builds a different graph each time and now and then leaves a vector poorly
# linked (the ANN test missed a true nearest neighbour in about 1 run of 20): one thread makes the
# index, and so the search results, the same on every build.
ANN_ADD_THREADS = 1
# At 1M vectors (k=100): recall@10 0.59 with 128, 0.80 with 512, 0.90 with 1024, each query p95 under 12 ms.
ANN_EXPANSION_SEARCH = 1024
# Quantised distances blur the order around the k-th place: fetch more candidates, re-score them in float32.
ANN_OVERFETCH = 2
FORMAT = 1
MANIFEST = "manifest.json"
_GENERATION_FILE = re.compile(r"(ids-\d+\.json|vectors-\d+\.npy|ann-\d+\.usearch)")

Vectors = npt.NDArray[np.float32]


class VectorIndexError(ValueError):
    """A vector index folder or the vectors given to it are not what the index expects."""


class VectorIndex:
    """Vectors keyed by passage id, stored in a folder; exact numpy search below a size threshold, usearch HNSW above."""

    def __init__(self, folder: Path, dimension: int, ann_threshold: int, expansion_search: int) -> None:
        self.folder = folder
        self.dimension = dimension
        self.ann_threshold = ann_threshold
        self.expansion_search = expansion_search
        self._matrix: Vectors = np.zeros((0, dimension), dtype=np.float32)  # capacity grows by doubling
        self._count = 0
        self._ids: list[str] = []  # by row
        self._keys = np.zeros(0, dtype=np.uint64)  # by row; the stable key of each row in the ANN index
        self._row_of_id: dict[str, int] = {}
        self._row_of_key: dict[int, int] = {}
        self._next_key = 0
        self._generation = 0
        self._ann: Any = None  # usearch.index.Index while len(self) >= ann_threshold

    @classmethod
    def open(
        cls,
        folder: Path,
        dimension: int,
        *,
        ann_threshold: int = ANN_THRESHOLD,
        expansion_search: int = ANN_EXPANSION_SEARCH,
    ) -> VectorIndex:
        """Open the index stored in folder, or an empty one; expansion_search trades ANN speed for recall."""
        index = cls(folder, dimension, ann_threshold, expansion_search)
        manifest = folder / MANIFEST
        if manifest.exists():
            index._load(_read_manifest(manifest, dimension))
        return index

    def __len__(self) -> int:
        return self._count

    def __contains__(self, passage_id: object) -> bool:
        return passage_id in self._row_of_id

    def ids(self) -> list[str]:
        return list(self._ids)

    @property
    def uses_ann(self) -> bool:
        return self._ann is not None

    def add(self, ids: Sequence[str], vectors: Vectors) -> None:
        """Add vectors (one row per id); an id already present gets its vector replaced."""
        vectors = self._checked(ids, vectors)
        self.remove(passage_id for passage_id in ids if passage_id in self._row_of_id)
        keys = np.arange(self._next_key, self._next_key + len(ids), dtype=np.uint64)
        self._next_key += len(ids)
        self._append_rows(list(ids), keys, vectors)
        if self._ann is not None:
            self._ann.add(keys, vectors, threads=ANN_ADD_THREADS)
        elif self._count >= self.ann_threshold:
            self._build_ann()

    def remove(self, ids: Iterable[str]) -> None:
        """Forget these ids; unknown ids are ignored."""
        removed = [self._remove_row(self._row_of_id[i]) for i in set(ids) if i in self._row_of_id]
        if self._ann is None or not removed:
            return
        if self._count < self.ann_threshold:
            self._ann = None
        else:
            self._ann.remove(np.array(removed, dtype=np.uint64))

    def search(self, query: Vectors, k: int) -> list[tuple[str, float]]:
        """The k passages most similar to one query vector: (passage id, cosine similarity), best first."""
        return self.search_many(np.asarray(query, dtype=np.float32).reshape(1, -1), k)[0]

    def search_many(self, queries: Vectors, k: int) -> list[list[tuple[str, float]]]:
        queries = np.ascontiguousarray(queries, dtype=np.float32)
        if queries.ndim != 2 or queries.shape[1] != self.dimension:
            raise VectorIndexError(f"queries must have shape (n, {self.dimension}), got {queries.shape}")
        k = min(k, self._count)
        if k <= 0:
            return [[] for _ in queries]
        rows = self._candidate_rows(queries, k)
        return [self._ranked(query, candidates, k) for query, candidates in zip(queries, rows, strict=True)]

    def save(self) -> None:
        """Write a new generation of files, then switch the manifest to it atomically."""
        self.folder.mkdir(parents=True, exist_ok=True)
        generation = self._generation + 1
        files = {"ids": f"ids-{generation}.json", "vectors": f"vectors-{generation}.npy"}
        _write_json(
            self.folder / files["ids"], {"ids": self._ids, "keys": self._keys[: self._count].tolist()}
        )
        with open(self.folder / files["vectors"], "wb") as stream:
            np.save(stream, self._matrix[: self._count])
            _sync(stream)
        if self._ann is not None:
            files["ann"] = f"ann-{generation}.usearch"
            self._ann.save(str(self.folder / files["ann"]))
        manifest = {
            "format": FORMAT,
            "dimension": self.dimension,
            "generation": generation,
            "next_key": self._next_key,
            "files": files,
        }
        _write_json(self.folder / f"{MANIFEST}.tmp", manifest)
        os.replace(self.folder / f"{MANIFEST}.tmp", self.folder / MANIFEST)
        _sync_folder(self.folder)
        self._generation = generation
        self._delete_other_generations(set(files.values()))

    def _checked(self, ids: Sequence[str], vectors: Vectors) -> Vectors:
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if vectors.ndim != 2 or vectors.shape != (len(ids), self.dimension):
            raise VectorIndexError(
                f"expected {len(ids)} vectors of dimension {self.dimension}, got an array of shape {vectors.shape}"
            )
        if len(set(ids)) != len(ids):
            raise VectorIndexError("the same passage id appears twice in one add()")
        return vectors

    def _append_rows(self, ids: list[str], keys: npt.NDArray[np.uint64], vectors: Vectors) -> None:
        needed = self._count + len(ids)
        if needed > len(self._matrix):
            capacity = max(needed, 2 * len(self._matrix), 1024)
            self._matrix = _grown(self._matrix, capacity, self._count)
            self._keys = _grown(self._keys, capacity, self._count)
        self._matrix[self._count : needed] = vectors
        self._keys[self._count : needed] = keys
        for offset, (passage_id, key) in enumerate(zip(ids, keys.tolist(), strict=True)):
            self._row_of_id[passage_id] = self._count + offset
            self._row_of_key[key] = self._count + offset
        self._ids.extend(ids)
        self._count = needed

    def _remove_row(self, row: int) -> int:
        """Move the last row into the freed one (O(1), no compaction pass); returns the removed key."""
        last = self._count - 1
        removed_key = int(self._keys[row])
        del self._row_of_id[self._ids[row]]
        del self._row_of_key[removed_key]
        if row != last:
            moved_key = int(self._keys[last])
            self._matrix[row] = self._matrix[last]
            self._keys[row] = moved_key
            self._ids[row] = self._ids[last]
            self._row_of_id[self._ids[row]] = row
            self._row_of_key[moved_key] = row
        self._ids.pop()
        self._count = last
        return removed_key

    def _build_ann(self) -> None:
        self._ann = _new_ann(self.dimension, self.expansion_search)
        if self._count:
            self._ann.add(self._keys[: self._count], self._matrix[: self._count], threads=ANN_ADD_THREADS)

    def _candidate_rows(self, queries: Vectors, k: int) -> list[npt.NDArray[np.intp]]:
        if self._ann is None:
            scores = queries @ self._matrix[: self._count].T
            if k >= self._count:
                return [np.arange(self._count) for _ in queries]
            return list(np.argpartition(-scores, k - 1, axis=1)[:, :k])
        matches = self._ann.search(queries, k * ANN_OVERFETCH)
        # usearch answers a one-row batch with a single Matches (no counts), a larger one with BatchMatches.
        keys = np.atleast_2d(matches.keys)
        counts = getattr(matches, "counts", [len(matches.keys)])
        return [
            np.array([self._row_of_key[key] for key in row[:count].tolist()], dtype=np.intp)
            for row, count in zip(keys, counts, strict=True)
        ]

    def _ranked(self, query: Vectors, rows: npt.NDArray[np.intp], k: int) -> list[tuple[str, float]]:
        scores = self._matrix[rows] @ query
        best = np.argsort(-scores, kind="stable")[:k]
        return [(self._ids[rows[i]], float(scores[i])) for i in best]

    def _load(self, manifest: dict[str, Any]) -> None:
        files: dict[str, str] = manifest["files"]
        stored = json.loads((self.folder / files["ids"]).read_text(encoding="utf-8"))
        matrix = np.load(self.folder / files["vectors"])
        if matrix.shape != (len(stored["ids"]), self.dimension):
            raise VectorIndexError(f"{self.folder}: {files['vectors']} does not match {files['ids']}")
        self._generation = int(manifest["generation"])
        self._next_key = int(manifest["next_key"])
        self._append_rows(stored["ids"], np.array(stored["keys"], dtype=np.uint64), matrix)
        if self._count < self.ann_threshold:
            return
        if "ann" not in files:
            self._build_ann()
            return
        self._ann = _new_ann(self.dimension, self.expansion_search)
        self._ann.load(str(self.folder / files["ann"]))
        self._ann.expansion_search = self.expansion_search  # the file carries the setting it was saved with
        if len(self._ann) != self._count:
            raise VectorIndexError(
                f"{self.folder}: {files['ann']} holds {len(self._ann)} vectors, not {self._count}"
            )

    def _delete_other_generations(self, keep: set[str]) -> None:
        for path in self.folder.iterdir():
            if _GENERATION_FILE.fullmatch(path.name) and path.name not in keep:
                path.unlink(missing_ok=True)


def _read_manifest(path: Path, dimension: int) -> dict[str, Any]:
    try:
        manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise VectorIndexError(f"{path}: unreadable vector index manifest ({exc})") from exc
    if manifest.get("format") != FORMAT:
        raise VectorIndexError(f"{path}: unsupported vector index format {manifest.get('format')!r}")
    if manifest.get("dimension") != dimension:
        raise VectorIndexError(
            f"{path}: the index holds vectors of dimension {manifest.get('dimension')}, not {dimension}; "
            "it was built with another embedder — rebuild it"
        )
    return manifest


def _new_ann(dimension: int, expansion_search: int) -> Any:
    from usearch.index import Index  # imported on first use: small libraries never need it

    return Index(
        ndim=dimension,
        metric="ip",  # rows are unit length, so inner product is cosine similarity
        dtype=ANN_DTYPE,
        connectivity=ANN_CONNECTIVITY,
        expansion_add=ANN_EXPANSION_ADD,
        expansion_search=expansion_search,
    )


def _grown(array: npt.NDArray[Any], capacity: int, used: int) -> npt.NDArray[Any]:
    grown = np.zeros((capacity, *array.shape[1:]), dtype=array.dtype)
    grown[:used] = array[:used]
    return grown


def _write_json(path: Path, payload: object) -> None:
    with open(path, "w", encoding="utf-8") as stream:
        json.dump(payload, stream)
        _sync(stream)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable: without it a power cut may bring back the old manifest entry."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _sync(stream: Any) -> None:
    stream.flush()
    os.fsync(stream.fileno())

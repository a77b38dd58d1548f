"""The persistent library of documents and passages (SQLite by default, PostgreSQL in server mode)."""

from medoracle.library.repository import BatchCounts, Library, LibraryError

__all__ = ["BatchCounts", "Library", "LibraryError"]

"""jieba's prefix dictionary kept on disk and read one word at a time.

jieba needs its whole dictionary (half a million entries) in memory before it can cut
a single word, and unpickling it is the biggest part of the start-up of a one-file
check. A short script only looks up a few thousand strings, so a check starts with
this SQLite-backed view and the tokenizer swaps the full dictionary in once enough
text has been cut for loading it to pay off.

jieba reads its dictionary only through `in`, `[]`, `.get()` and `total`, which is all
this class offers.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Mapping
from pathlib import Path

_MISSING = object()


def write_dictionary(freq: Mapping[str, int], total: int, path: Path) -> None:
    """Store a prefix dictionary (word -> count, 0 for bare prefixes) as SQLite in `path`,
    a new file under a name nobody can guess (cachefiles.temp_file); the caller then
    puts it in place whole, so readers see the whole table or none."""
    db = sqlite3.connect(path)
    try:
        db.execute("CREATE TABLE freq (w TEXT PRIMARY KEY, f INTEGER NOT NULL) WITHOUT ROWID")
        db.executemany("INSERT INTO freq VALUES (?, ?)", freq.items())
        db.execute("CREATE TABLE meta (total INTEGER NOT NULL)")
        db.execute("INSERT INTO meta VALUES (?)", (total,))
        db.commit()
    finally:
        db.close()


class DiskDictionary:
    """A read-only, memoized view of a dictionary written by `write_dictionary`."""

    def __init__(self, path: Path):
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._db.execute("PRAGMA trusted_schema = OFF")  # plain tables only, no functions
        self.total: int = self._db.execute("SELECT total FROM meta").fetchone()[0]
        self._memo: dict[str, int | None] = {}
        self._lock = threading.Lock()

    def get(self, word: str, default: int | None = None) -> int | None:
        got = self._memo.get(word, _MISSING)
        if got is _MISSING:
            with self._lock:
                row = self._db.execute("SELECT f FROM freq WHERE w = ?", (word,)).fetchone()
            got = self._memo[word] = row[0] if row else None
        return default if got is None else got  # type: ignore[return-value]

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.get(word) is not None

    def __getitem__(self, word: str) -> int:
        got = self.get(word)
        if got is None:
            raise KeyError(word)
        return got

    def close(self) -> None:
        self._db.close()

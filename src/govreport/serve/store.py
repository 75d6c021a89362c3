"""Drafts saved on the server: one SQLite database in the ``--data`` folder, with every saved version.

Durability: the database is in WAL mode with ``synchronous=FULL`` and each save is one transaction
(the new version row and the draft's head move together), so once a save has answered, killing the
server at any moment (``kill -9``, power cut after the fsync) loses nothing of it; a save cut short
leaves the previous version intact. A connection is opened per operation: no connection is shared
between threads.

A save whose content equals the latest version adds no version. The history keeps the newest
:data:`KEEP_VERSIONS` versions of each draft.
"""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: Versions kept per draft (older ones are pruned when a new one is saved).
KEEP_VERSIONS = 200

_SCHEMA = """
CREATE TABLE IF NOT EXISTS drafts (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created REAL NOT NULL,
    updated REAL NOT NULL,
    version INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS versions (
    draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    saved REAL NOT NULL,
    content TEXT NOT NULL,
    PRIMARY KEY (draft_id, version)
);
"""


class Conflict(Exception):
    """The draft moved on since the version the client based its save on."""

    def __init__(self, current: int) -> None:
        super().__init__(current)
        self.current = current


@dataclass(frozen=True)
class DraftInfo:
    id: str
    name: str
    created: float
    updated: float
    version: int


@dataclass(frozen=True)
class Draft:
    info: DraftInfo
    content: dict[str, Any]


def _dumps(content: dict[str, Any]) -> str:
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class DraftStore:
    """The drafts database at ``folder / "drafts.sqlite3"`` (the folder is created)."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / "drafts.sqlite3"
        with self._connect() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(_SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            db.execute("PRAGMA synchronous=FULL")
            db.execute("PRAGMA foreign_keys=ON")
            yield db
        finally:
            db.close()

    def create(self, name: str, content: dict[str, Any]) -> DraftInfo:
        draft_id = uuid.uuid4().hex
        now = time.time()
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            db.execute("INSERT INTO drafts VALUES (?, ?, ?, ?, 1)", (draft_id, name, now, now))
            db.execute("INSERT INTO versions VALUES (?, 1, ?, ?)", (draft_id, now, _dumps(content)))
            db.execute("COMMIT")
        return DraftInfo(draft_id, name, now, now, 1)

    def all(self) -> list[DraftInfo]:
        with self._connect() as db:
            rows = db.execute("SELECT id, name, created, updated, version FROM drafts ORDER BY updated DESC")
            return [DraftInfo(*row) for row in rows]

    def info(self, draft_id: str) -> DraftInfo | None:
        with self._connect() as db:
            row = db.execute(
                "SELECT id, name, created, updated, version FROM drafts WHERE id = ?", (draft_id,)
            ).fetchone()
        return DraftInfo(*row) if row else None

    def get(self, draft_id: str, version: int | None = None) -> Draft | None:
        with self._connect() as db:
            db.execute("BEGIN")
            row = db.execute(
                "SELECT id, name, created, updated, version FROM drafts WHERE id = ?", (draft_id,)
            ).fetchone()
            if row is None:
                db.execute("ROLLBACK")
                return None
            info = DraftInfo(*row)
            found = db.execute(
                "SELECT content FROM versions WHERE draft_id = ? AND version = ?",
                (draft_id, info.version if version is None else version),
            ).fetchone()
            db.execute("COMMIT")
        if found is None:
            return None
        content = json.loads(found[0])
        return Draft(info, content)

    def versions(self, draft_id: str) -> list[tuple[int, float]]:
        with self._connect() as db:
            rows = db.execute(
                "SELECT version, saved FROM versions WHERE draft_id = ? ORDER BY version DESC", (draft_id,)
            )
            return [(int(v), float(t)) for v, t in rows]

    def save(
        self, draft_id: str, content: dict[str, Any], *, name: str | None = None, base_version: int | None = None
    ) -> DraftInfo | None:
        """Save ``content`` as the draft's newest version (one transaction); None when there is no such
        draft. With ``base_version``, refuse (:class:`Conflict`) when the draft is no longer at it."""
        text = _dumps(content)
        now = time.time()
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            row = db.execute("SELECT name, version FROM drafts WHERE id = ?", (draft_id,)).fetchone()
            if row is None:
                db.execute("ROLLBACK")
                return None
            old_name, current = str(row[0]), int(row[1])
            if base_version is not None and base_version != current:
                db.execute("ROLLBACK")
                raise Conflict(current)
            latest = db.execute(
                "SELECT content FROM versions WHERE draft_id = ? AND version = ?", (draft_id, current)
            ).fetchone()
            new_name = old_name if name is None else name
            version = current
            if latest is None or latest[0] != text:
                version = current + 1
                db.execute("INSERT INTO versions VALUES (?, ?, ?, ?)", (draft_id, version, now, text))
                db.execute(
                    "DELETE FROM versions WHERE draft_id = ? AND version <= ?", (draft_id, version - KEEP_VERSIONS)
                )
            db.execute(
                "UPDATE drafts SET name = ?, updated = ?, version = ? WHERE id = ?", (new_name, now, version, draft_id)
            )
            db.execute("COMMIT")
            created = db.execute("SELECT created FROM drafts WHERE id = ?", (draft_id,)).fetchone()[0]
        return DraftInfo(draft_id, new_name, float(created), now, version)

    def delete(self, draft_id: str) -> bool:
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            db.execute("DELETE FROM versions WHERE draft_id = ?", (draft_id,))
            gone = db.execute("DELETE FROM drafts WHERE id = ?", (draft_id,)).rowcount
            db.execute("COMMIT")
        return bool(gone)

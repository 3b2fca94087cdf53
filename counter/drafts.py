"""The local draft journal: every completed page of a visit is saved here before anything else.

A small SQLite file beside the settings (not the shared database, which may be unreachable
when the clerk needs the draft most). After a crash or power loss the next start offers the
unfinished visit back with every typed value.
"""
from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from counter import paths


class DraftJournal:
    def __init__(self, path: Path | None = None):
        self.path = path or paths.data_dir() / "drafts.sqlite3"
        with self._connect() as conn:
            conn.execute("CREATE TABLE IF NOT EXISTS drafts (key TEXT PRIMARY KEY, username TEXT NOT NULL,"
                         " saved_at TEXT NOT NULL, parked INTEGER NOT NULL DEFAULT 0, body TEXT NOT NULL)")

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=10)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")  # a draft must survive a power cut
        return conn

    def save(self, username: str, body: dict[str, Any], parked: bool = False) -> None:
        with self._connect() as conn:
            conn.execute("INSERT OR REPLACE INTO drafts VALUES (?, ?, ?, ?, ?)",
                         (body["key"], username, datetime.now(timezone.utc).isoformat(), int(parked),
                          json.dumps(body, ensure_ascii=False, default=str)))

    def discard(self, key: str) -> None:
        with self._connect() as conn:
            conn.execute("DELETE FROM drafts WHERE key = ?", (key,))

    def pending(self, username: str) -> list[dict[str, Any]]:
        """This clerk's unfinished visits, newest first."""
        with self._connect() as conn:
            rows = conn.execute("SELECT body FROM drafts WHERE username = ? ORDER BY saved_at DESC",
                                (username,)).fetchall()
        result = []
        for (body,) in rows:
            try:
                result.append(json.loads(body))
            except json.JSONDecodeError:
                continue  # a torn row from a power cut: skip it, keep the others
        return result

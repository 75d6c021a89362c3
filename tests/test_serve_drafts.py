"""Drafts survive a crash: a server killed with SIGKILL while a clerk saves loses no save it has answered."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
import httpx

from govreport.serve.store import KEEP_VERSIONS, DraftStore
from serve_helpers import Server


def test_store_is_wal_and_keeps_versions(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    info = store.create("甲", {"n": 0})
    for n in range(1, 5):
        store.save(info.id, {"n": n})
    assert [v for v, _t in store.versions(info.id)] == [5, 4, 3, 2, 1]
    draft = store.get(info.id, 2)
    assert draft is not None
    assert draft.content == {"n": 1}
    with sqlite3.connect(store.path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_history_is_bounded(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    info = store.create("甲", {"n": 0})
    for n in range(1, KEEP_VERSIONS + 10):
        store.save(info.id, {"n": n})
    versions = [v for v, _t in store.versions(info.id)]
    assert len(versions) == KEEP_VERSIONS
    assert versions[0] == KEEP_VERSIONS + 10


def test_a_killed_server_loses_no_answered_save(tmp_path: Path) -> None:
    server = Server(tmp_path, "--workers", "0").start()
    answered: list[tuple[int, int]] = []  # (version, n) of every save the server answered
    try:
        draft = httpx.post(server.url + "/api/drafts", json={"content": {"n": 0}}).json()
        path = f"/api/drafts/{draft['id']}"
        url = server.url + path
        stop = threading.Event()
        enough = threading.Event()

        def typing() -> None:  # a clerk typing: a save after every keystroke
            n = 0
            with httpx.Client(timeout=5) as client:
                while not stop.is_set():
                    n += 1
                    try:
                        response = client.put(url, json={"content": {"n": n, "text": "甲" * n}})
                    except httpx.HTTPError:
                        return  # the server is gone
                    if response.status_code == 200:
                        answered.append((response.json()["version"], n))
                        if len(answered) >= 30:
                            enough.set()

        writer = threading.Thread(target=typing)
        writer.start()
        assert enough.wait(60)
        server.kill()  # mid-save: the writer is sending as fast as it can
        stop.set()
        writer.join(10)
    finally:
        server.stop()

    assert len(answered) >= 30
    restarted = Server(tmp_path, "--workers", "0").start()
    try:
        for version, n in answered:
            got = httpx.get(restarted.url + path, params={"version": version}).json()
            assert got["content"] == {"n": n, "text": "甲" * n}
        latest = httpx.get(restarted.url + path).json()
        assert latest["version"] >= answered[-1][0]
    finally:
        restarted.stop()

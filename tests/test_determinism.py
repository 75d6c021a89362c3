"""The same report gives the same bytes in every format, across processes (hash seeds, time zones)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE

FORMATS = ("docx", "html", "pdf")


def _render(out: Path, seed: str, tz: str) -> dict[str, bytes]:
    env = {**os.environ, "PYTHONHASHSEED": seed, "TZ": tz, "PYTHONPATH": str(ROOT / "src")}
    env.pop("SOURCE_DATE_EPOCH", None)
    res = subprocess.run(
        [sys.executable, "-m", "govreport", "render", str(SAMPLE), "-f", ",".join(FORMATS), "-o", str(out)],
        capture_output=True, text=True, env=env, cwd=out.parent, check=False, timeout=120,
    )
    assert res.returncode == 0, res.stderr
    return {p.suffix[1:]: p.read_bytes() for p in out.iterdir()}


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], dict[str, bytes]]:
    base = tmp_path_factory.mktemp("det")
    return _render(base / "a", "1", "UTC"), _render(base / "b", "4242", "Asia/Shanghai")


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_bytes_in_separate_processes(two_runs: tuple[dict[str, bytes], dict[str, bytes]], fmt: str) -> None:
    first, second = two_runs
    assert set(first) == set(FORMATS)
    assert first[fmt] == second[fmt], f"{fmt} differs between runs"

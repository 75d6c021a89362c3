"""Nothing is left behind (issue 16): a batch with PDF leaves no temporary folder, and SIGTERM — what
systemd, docker and ``timeout`` send — is handled like Ctrl-C: exit 143, no staging file, no temporary
folder, no worker left running. Real processes, real signals."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FIXTURES

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGTERM") or sys.platform == "win32", reason="POSIX signals")


def _env(tmp: Path) -> dict[str, str]:
    tmp.mkdir(exist_ok=True)
    return {**os.environ, "TMPDIR": str(tmp), "GOVREPORT_CACHE_DIR": ""}


def _inputs(folder: Path, n: int) -> list[str]:
    folder.mkdir()
    paths = []
    for i in range(n):
        path = folder / f"r{i}.yaml"
        shutil.copy(FIXTURES / "example-gb2021.yaml", path)
        paths.append(str(path))
    return paths


def _descendants(pid: int) -> set[int]:
    """The processes below ``pid`` (from /proc: children of children …)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry.name))
    out: set[int] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.add(child)
            todo.append(child)
    return out


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")
def test_a_batch_with_pdf_leaves_no_temporary_folder(tmp_path: Path) -> None:
    tmp = tmp_path / "tmp"
    inputs = _inputs(tmp_path / "in", 3)
    res = subprocess.run([sys.executable, "-m", "govreport", "render", *inputs, "-f", "pdf", "-o",
                          str(tmp_path / "out"), "-j", "2"], env=_env(tmp), capture_output=True, text=True,
                         timeout=300, check=False)
    assert res.returncode == 0, res.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["r0.pdf", "r1.pdf", "r2.pdf"]
    assert list(tmp.iterdir()) == []


def test_an_api_batch_with_pdf_leaves_no_temporary_folder(tmp_path: Path) -> None:
    tmp = tmp_path / "tmp"
    inputs = _inputs(tmp_path / "in", 2)
    script = ("import govreport, sys; r = govreport.render_many(sys.argv[1:], 'pdf', sys.argv[1] + '.out', workers=2);"
              "assert all(x.ok for x in r)")
    res = subprocess.run([sys.executable, "-c", script, *inputs], env=_env(tmp), capture_output=True, text=True,
                         timeout=300, check=False)
    assert res.returncode == 0, res.stderr
    assert list(tmp.iterdir()) == []


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sigterm_is_handled_like_ctrl_c(tmp_path: Path, jobs: str) -> None:
    tmp = tmp_path / "tmp"
    out = tmp_path / "out"
    inputs = _inputs(tmp_path / "in", 12)
    proc = subprocess.Popen([sys.executable, "-m", "govreport", "render", *inputs, "-f", "pdf,docx", "-o", str(out),
                             "-j", jobs], env=_env(tmp), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    workers: set[int] = set()
    orphans: list[int] = []
    try:
        deadline = time.monotonic() + 120
        # wait until the work is under way: a temporary font folder exists (and, with -j 2, the workers)
        while time.monotonic() < deadline and not (tmp.exists() and any(tmp.rglob("weasyprint-*"))):
            time.sleep(0.05)
        assert proc.poll() is None, proc.communicate()
        workers = _descendants(proc.pid)
        if jobs == "2":
            assert workers
        os.kill(proc.pid, signal.SIGTERM)
        _stdout, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
        time.sleep(0.5)
        orphans = [pid for pid in workers if _alive(pid)]
        for pid in orphans:  # a failing test leaves no orphan behind either
            os.kill(pid, signal.SIGKILL)
    assert proc.returncode == 143, stderr
    assert stderr.strip().splitlines()[-1] == "已中断"
    assert "Traceback" not in stderr
    assert orphans == []
    assert list(tmp.iterdir()) == []
    leftovers = [p.name for p in out.iterdir() if p.name.endswith(".tmp")] if out.exists() else []
    assert leftovers == []

"""Shared by the tests of govreport serve: an app on a temporary data folder, the example reports as
request bodies, and a real server process."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import yaml

ROOT = Path(__file__).resolve().parents[1]
HOST = "http://127.0.0.1:8000"
ROW_NEW = "一、本年新收政府信息公开申请数量"  # 表三's first row, verbatim from the 〔2021〕30号 template


def report_data(name: str = "minimal-gb2021.yaml") -> dict[str, Any]:
    """A fixture as JSON-ready data (dates as text)."""
    data = yaml.safe_load((ROOT / "fixtures" / name).read_text("utf-8"))
    return json.loads(json.dumps(data, default=str, ensure_ascii=False))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """``govreport serve`` in its own process (what a clerk starts), on a free port."""

    def __init__(self, data: Path, *extra: str) -> None:
        self.data = data
        self.extra = extra
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Server:
        env = {**os.environ, "GOVREPORT_LANG": "zh_CN"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "govreport", "serve", "--port", str(self.port), "--data", str(self.data),
             *self.extra],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(self.proc.stderr.read().decode() if self.proc.stderr else "server exited")
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError("the server did not start")

    def kill(self) -> None:
        """SIGKILL: no shutdown handler runs, as in a crash or a power cut of the process."""
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()
        if self.proc is not None and self.proc.stderr is not None:
            self.proc.stderr.close()

"""govreport serve benchmarks — run with:  .venv/bin/python benchmarks/serve.py [--quick] [--json out.json]

Not part of the test suite: it measures, it does not assert. Numbers go to docs/performance.md
("网页填报与 HTTP API"). Everything runs in one go on one machine:

1. warm render latency through the API (``govreport serve --workers 2``, one request at a time)
   against the bare engine (``govreport.render`` in this process) on the same report and fonts;
2. latency of ``POST /api/check`` at 20 concurrent clients (p50, p99, over every request);
3. renders per second through the API with 2 and 4 concurrent clients.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "fixtures" / "example-gb2021.yaml"
sys.path.insert(0, str(ROOT / "src"))

import httpx  # noqa: E402
import yaml  # noqa: E402

import govreport  # noqa: E402


def report_data() -> dict[str, Any]:
    data = yaml.safe_load(REPORT.read_text("utf-8"))
    return dict(json.loads(json.dumps(data, default=str, ensure_ascii=False)))


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(data_dir: str, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "govreport", "serve", "--port", str(port), "--data", data_dir,
         "--workers", str(workers)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _i in range(600):
        try:
            if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.1)
    raise SystemExit("the server did not start")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def side_by_side(url: str, body: dict[str, Any], report: govreport.Report, fmt: str, runs: int) -> dict[str, float]:
    """Median time of a render through the API, of ``govreport.render`` in this process and (PDF) of
    the bare WeasyPrint engine on the same content and fonts (benchmarks/run.py), run alternately so
    that the load of the machine hits them alike."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from run import bare_engine

    contenders: dict[str, Any] = {"in_process": lambda: govreport.render(report, fmt)}
    if fmt == "pdf":
        contenders["bare_engine"] = bare_engine(report)
    samples: dict[str, list[float]] = {"api": [], **{k: [] for k in contenders}}
    with httpx.Client(timeout=120) as client:

        def api() -> None:
            client.post(f"{url}/api/render/{fmt}", json=body).raise_for_status()

        for _i in range(2):  # both workers and this process have rendered this format once
            api()
            for fn in contenders.values():
                fn()
        for _i in range(runs):
            for name, fn in (("api", api), *contenders.items()):
                t0 = time.perf_counter()
                fn()
                samples[name].append(time.perf_counter() - t0)
    return {name: statistics.median(values) for name, values in samples.items()}


async def concurrent(
    url: str, path: str, body: dict[str, Any], clients: int, per_client: int
) -> tuple[list[float], float]:
    latencies: list[float] = []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=300, limits=limits) as client:

        async def one_client(i: int) -> None:
            lang = "en" if i % 2 else "zh_CN"
            for _j in range(per_client):
                t0 = time.perf_counter()
                response = await client.post(f"{path}?lang={lang}", json=body)
                latencies.append(time.perf_counter() - t0)
                response.raise_for_status()

        t0 = time.perf_counter()
        await asyncio.gather(*(one_client(i) for i in range(clients)))
        return latencies, time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--check-only", action="store_true", help="only the concurrent check requests")
    args = parser.parse_args()
    runs = 5 if args.quick else 15
    data = report_data()
    report = govreport.load(data)
    results: dict[str, Any] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "report": REPORT.name,
    }
    print(results["machine"], "·", REPORT.name)

    fmts = () if args.check_only else ("pdf", "docx", "html")
    with tempfile.TemporaryDirectory() as tmp:
        proc, url = start_server(tmp, workers=2)
        try:
            body = {"report": data}
            print("\nwarm render, one request at a time, alternating (median)")
            print(f"{'format':8}{'bare engine':>14}{'in process':>14}{'through API':>14}{'API ÷ bare':>12}"
                  f"{'API ÷ in process':>18}")
            for fmt in fmts:
                times = side_by_side(url, body, report, fmt, runs)
                bare = times.get("bare_engine")
                results[f"render_{fmt}"] = {f"{k}_ms": v * 1000 for k, v in times.items()}
                results[f"render_{fmt}"]["api_vs_in_process"] = times["api"] / times["in_process"]
                if bare:
                    results[f"render_{fmt}"]["api_vs_bare_engine"] = times["api"] / bare
                shown = f"{bare * 1000:>11.1f} ms" if bare else f"{'—':>14}"
                ratio = f"{times['api'] / bare:>12.2f}" if bare else f"{'—':>12}"
                print(f"{fmt:8}{shown}{times['in_process'] * 1000:>11.1f} ms{times['api'] * 1000:>11.1f} ms{ratio}"
                      f"{times['api'] / times['in_process']:>18.2f}")

            per_client = 10 if args.quick else 25
            check_body = {"report": data}
            asyncio.run(concurrent(url, "/api/check", check_body, 20, 2))  # warm
            cpu0, client0 = cpu_seconds(proc.pid), time.process_time()
            latencies, elapsed = asyncio.run(concurrent(url, "/api/check", check_body, 20, per_client))
            server_cpu = (cpu_seconds(proc.pid) - cpu0) / len(latencies) * 1000
            client_cpu = (time.process_time() - client0) / len(latencies) * 1000
            p50, p99 = percentile(latencies, 50) * 1000, percentile(latencies, 99) * 1000
            results["check_20_clients"] = {"requests": len(latencies), "p50_ms": p50, "p99_ms": p99,
                                           "max_ms": max(latencies) * 1000, "per_second": len(latencies) / elapsed,
                                           "server_cpu_ms_per_request": server_cpu,
                                           "client_cpu_ms_per_request": client_cpu}
            print(f"\ncheck, 20 concurrent clients, {len(latencies)} requests: p50 {p50:.1f} ms, p99 {p99:.1f} ms,"
                  f" max {max(latencies) * 1000:.1f} ms, {len(latencies) / elapsed:.0f} requests/s;"
                  f" CPU a request: server {server_cpu:.2f} ms, client {client_cpu:.2f} ms")

            print("\nrenders per second through the API (PDF)")
            for clients in () if args.check_only else (1, 2, 4):
                n = 2 if args.quick else 5
                lat, elapsed = asyncio.run(concurrent(url, "/api/render/pdf", body, clients, n))
                rate = len(lat) / elapsed
                results[f"pdf_per_second_{clients}_clients"] = rate
                print(f"{clients} client(s): {rate:.2f} PDF/s (median latency {statistics.median(lat) * 1000:.0f} ms)")
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(30)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()

"""govreport benchmarks — run with:  .venv/bin/python benchmarks/run.py [--quick] [--json out.json]

Not part of the test suite: it measures, it does not assert. Results go to docs/performance.md by hand,
with the machine they were measured on. Everything is measured in one run on one machine, so the
ratios (against the bare WeasyPrint engine and against LibreOffice) are meaningful.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "fixtures" / "keyuan-2016.yaml"
sys.path.insert(0, str(ROOT / "src"))

import yaml  # noqa: E402

import govreport  # noqa: E402


def median_time(fn: Callable[[], object], runs: int, warmup: int = 1) -> float:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


def rss_mb() -> float:
    with Path("/proc/self/status").open(encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def longer_report(factor: int) -> govreport.Report:
    """The sample with the paragraphs of every section repeated ``factor`` times (same 12 headings)."""
    data = yaml.safe_load(SAMPLE.read_text("utf-8"))
    for section in data["sections"]:
        section["content"] = [copy.deepcopy(block) for _ in range(factor) for block in section["content"]
                              if not (isinstance(block, dict) and "insert" in block)] or section["content"]
    return govreport.load(data)


def page_count(pdf: bytes) -> int:
    import pikepdf

    with pikepdf.open(__import__("io").BytesIO(pdf)) as doc:
        return len(doc.pages)


def bare_engine(report: govreport.Report) -> Callable[[], object]:
    """The bare engine on the same content and fonts: the web HTML (flowing paragraphs, no line
    composition), the same stylesheet and the same ``@font-face`` faces, written by a plain
    ``write_pdf()`` — no checks, no justification, no PDF/A, no metadata, no self-check."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from govreport.renderers.html import stylesheet, to_html
    from govreport.renderers.pdf import _fetcher
    from govreport.renderers.pdf.compose import located_texts, text_by_role
    from govreport.renderers.pdf.faces import FontPlan
    from govreport.style.fonts import resolve_fonts
    from govreport.style.profile import load_profile

    profile = load_profile()
    doc = govreport.to_document(report)
    plan = FontPlan(resolve_fonts(profile), text_by_role(located_texts(doc)))
    fetcher = _fetcher(tuple((f.url, f.path, f.index, f.media_type) for f in plan.faces()))
    fc = FontConfiguration()
    css = CSS(string=plan.font_face_css() + "\n" + stylesheet(profile, plan.families()), font_config=fc,
              url_fetcher=fetcher)
    html = to_html(doc, profile, css="")
    return lambda: HTML(string=html, url_fetcher=fetcher).write_pdf(stylesheets=[css], font_config=fc)


def cold(cmd: list[str], runs: int, env: dict[str, str] | None = None) -> float:
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env)
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="fewer runs and sizes")
    ap.add_argument("--json", type=Path, help="write the results here too")
    args = ap.parse_args()
    runs = 3 if args.quick else 11
    res: dict[str, Any] = {
        "machine": {
            "cpu": next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                         if ln.startswith("model name")), platform.machine()),
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "govreport": govreport.__version__,
        }
    }
    import weasyprint

    res["machine"]["weasyprint"] = weasyprint.__version__
    report = govreport.load(SAMPLE)

    # Warm renders per format and size.
    sizes = [1, 10] if args.quick else [1, 10, 50]
    warm: dict[str, Any] = {}
    for factor in sizes:
        rep = report if factor == 1 else longer_report(factor)
        pdf = govreport.render(rep, "pdf")
        row: dict[str, float] = {"pages": page_count(pdf)}
        n = runs if factor < 50 else max(2, runs // 3)
        for fmt in ("docx", "html"):
            row[fmt] = median_time(lambda fmt=fmt, rep=rep: govreport.render(rep, fmt), n)
        # PDF and the bare engine alternate, so that drift on the machine hits both alike.
        bare = bare_engine(rep)
        bare()
        ours, plain = [], []
        for _ in range(n):
            t0 = time.perf_counter()
            govreport.render(rep, "pdf")
            ours.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            bare()
            plain.append(time.perf_counter() - t0)
        row["pdf"] = statistics.median(ours)
        row["bare_engine_pdf"] = statistics.median(plain)
        row["pdf_vs_bare"] = row["pdf"] / row["bare_engine_pdf"]
        row["pdf_ms_per_page"] = 1000 * row["pdf"] / row["pages"]
        row["bare_engine_ms_per_page"] = 1000 * row["bare_engine_pdf"] / row["pages"]
        warm[f"{factor}x"] = row
        print(f"warm {factor}x: {row}", flush=True)
    res["warm"] = warm
    res["pdf_vs_bare_engine"] = warm["1x"]["pdf"] / warm["1x"]["bare_engine_pdf"]

    # Import time and cold CLI. The CLI and LibreOffice alternate, so that drift hits both alike.
    py = sys.executable
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    res["import_s"] = cold([py, "-c", "import govreport"], runs, env) - cold([py, "-c", "pass"], runs, env)
    res["import_with_model_s"] = (cold([py, "-c", "import govreport; govreport.Report"], runs, env)
                                  - cold([py, "-c", "pass"], runs, env))
    with tempfile.TemporaryDirectory() as tmp:
        cli = [py, "-m", "govreport", "render", str(SAMPLE), "-f", "docx,pdf", "-o", tmp]
        cli_pdf = [py, "-m", "govreport", "render", str(SAMPLE), "-f", "pdf", "-o", tmp]
        # The same command without the entry point's garbage-collection handling (govreport._entry): is it
        # still worth keeping?
        cli_gc = [py, "-c", "import sys; from govreport.cli import main; sys.argv[0] = 'govreport'; main()",
                  "render", str(SAMPLE), "-f", "docx,pdf", "-o", tmp]
        subprocess.run(cli, check=True, capture_output=True, env=env)  # fills the font cache
        docx_path = Path(tmp) / "keyuan-2016.docx"
        soffice = shutil.which("soffice")
        lo_cmd = [soffice or "soffice", "--headless", f"-env:UserInstallation=file://{tmp}/lo", "--convert-to",
                  "pdf", "--outdir", f"{tmp}/lo-out", str(docx_path)]
        if soffice:
            subprocess.run(lo_cmd, check=True, capture_output=True)  # first start creates the profile
        samples: dict[str, list[float]] = {"cli": [], "cli_pdf": [], "cli_gc_on": [], "soffice": []}
        for _ in range(runs):
            samples["cli"].append(cold(cli, 1, env))
            samples["cli_pdf"].append(cold(cli_pdf, 1, env))
            samples["cli_gc_on"].append(cold(cli_gc, 1, env))
            if soffice:
                samples["soffice"].append(cold(lo_cmd, 1))
        res["cold_cli_docx_pdf_s"] = statistics.median(samples["cli"])
        res["cold_cli_pdf_s"] = statistics.median(samples["cli_pdf"])
        res["cold_cli_docx_pdf_gc_on_s"] = statistics.median(samples["cli_gc_on"])
        res["entry_gc_saves_s"] = res["cold_cli_docx_pdf_gc_on_s"] - res["cold_cli_docx_pdf_s"]
        if soffice:
            res["soffice_convert_docx_s"] = statistics.median(samples["soffice"])
            res["cli_vs_soffice"] = res["cold_cli_docx_pdf_s"] / res["soffice_convert_docx_s"]
        gnu_time = Path("/usr/bin/time")
        if gnu_time.exists():  # peak RSS of one CLI run
            out = subprocess.run([str(gnu_time), "-f", "%M", *cli], capture_output=True, text=True, env=env)
            res["cold_cli_peak_rss_mb"] = int(out.stderr.strip().splitlines()[-1]) / 1024
    print(f"import {res['import_s']:.3f}s, cold CLI {res['cold_cli_docx_pdf_s']:.3f}s "
          f"(without the entry point's GC pause {res['cold_cli_docx_pdf_gc_on_s']:.3f}s, "
          f"pdf only {res['cold_cli_pdf_s']:.3f}s), "
          f"soffice {res.get('soffice_convert_docx_s', float('nan')):.3f}s", flush=True)

    # Batch throughput: each configuration is a fresh process rendering the same batch, so that both pay
    # the start-up and the engine's warm-up (in this process, workers=1 would reuse an engine warmed by the
    # measurements above, and the pool's workers would not). The two alternate.
    n_reports = 16 if args.quick else 96
    batch: dict[str, float] = {}
    code = ("import sys, govreport\n"
            "n, out, workers = int(sys.argv[2]), sys.argv[3], int(sys.argv[4])\n"
            "r = govreport.render_many([sys.argv[1]] * n, 'pdf', out, workers=workers)\n"
            "assert all(x.ok for x in r)\n")
    times: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(1 if args.quick else 3):
        for workers in (1, 2):
            with tempfile.TemporaryDirectory() as tmp:
                cmd = [py, "-c", code, str(SAMPLE), str(n_reports), tmp, str(workers)]
                times[workers].append(cold(cmd, 1, env))
    for workers in (1, 2):
        batch[f"{workers}_workers_reports_per_s"] = n_reports / statistics.median(times[workers])
    batch["speedup_2_vs_1"] = batch["2_workers_reports_per_s"] / batch["1_workers_reports_per_s"]
    batch["reports"] = n_reports
    res["render_many"] = batch
    print(f"render_many: {batch}", flush=True)

    # Memory over many renders in one process.
    n_rss = 50 if args.quick else 200
    rss = {"before": rss_mb()}
    for i in range(1, n_rss + 1):
        govreport.render(report, "pdf")
        if i in (10, n_rss // 2, n_rss):
            rss[f"after_{i}"] = rss_mb()
    res["rss_mb"] = rss
    import resource

    res["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"rss: {rss}", flush=True)

    print(json.dumps(res, indent=2, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(res, indent=2, ensure_ascii=False), "utf-8")


if __name__ == "__main__":
    main()

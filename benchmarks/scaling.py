"""How render time grows with the size of a report (issue 16: no quadratic path inside the limits).

    .venv/bin/python benchmarks/scaling.py [--quick]

For each shape (many paragraphs; one long paragraph; a long 统计表) the report is doubled a few times
and each format timed once; a time ratio near 2 per doubling is linear, near 4 quadratic. It measures,
it does not assert (docs/reliability.md quotes the numbers).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import govreport  # noqa: E402

SENTENCE = "本机关坚持以公开为常态、不公开为例外，推进决策、执行、管理、服务、结果公开。"


def many_paragraphs(n: int) -> dict[str, Any]:
    return {"body": "某某街道办事处", "year": 2016, "sections": [{"heading": "概述", "content": [SENTENCE] * n}]}


def long_paragraph(n: int) -> dict[str, Any]:
    text = (SENTENCE * (n // len(SENTENCE) + 1))[:n]
    return {"body": "某某街道办事处", "year": 2016, "sections": [{"heading": "概述", "content": [text]}]}


def long_table(n: int) -> dict[str, Any]:
    rows = [{"指标": f"指标{i}", "单位": "件", "数值": i} for i in range(n)]
    return {"body": "某某街道办事处", "year": 2016, "统计表": {"指标": rows}}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--formats", default="docx,pdf,html")
    args = parser.parse_args()
    shapes = {
        "paragraphs": (many_paragraphs, [500, 1000, 2000] if args.quick else [1000, 2000, 4000, 8000]),
        "paragraph length": (long_paragraph, [2500, 5000, 10000] if args.quick else [5000, 10000, 20000]),
        "table rows": (long_table, [125, 250, 500] if args.quick else [250, 500, 1000]),  # ≤ 1,000 rows
    }
    for shape, (make, sizes) in shapes.items():
        for fmt in args.formats.split(","):
            times = []
            for n in sizes:
                report = govreport.load(make(n))
                t0 = time.perf_counter()
                govreport.render(report, fmt)
                times.append(time.perf_counter() - t0)
            ratios = " ".join(f"×{b / a:.1f}" for a, b in zip(times, times[1:], strict=False))
            cells = "  ".join(f"{n}: {t:.2f}s" for n, t in zip(sizes, times, strict=True))
            print(f"{shape:17} {fmt:5} {cells}   per doubling {ratios}", flush=True)


if __name__ == "__main__":
    main()

"""How fast ``govreport check FOLDER`` audits published reports — run with:

    .venv/bin/python benchmarks/audit.py [--copies 5]

A folder of ``copies`` × the foreign corpus (fixtures/foreign/: DOCX, LibreOffice PDF, portal HTML,
text copies; plus the 淮安 pdftotext file) is audited in one process, as ``govreport check`` does;
files per second are printed overall and per format (each file read and checked, the same body's
previous year paired). Not part of the test suite: it measures, it does not assert.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import govreport  # noqa: E402
from govreport.readers.audit import audit  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=5)
    args = parser.parse_args()
    corpus = sorted((ROOT / "fixtures" / "foreign").iterdir())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for k in range(args.copies):
            sub = folder / f"batch{k}"
            sub.mkdir()
            for path in corpus:
                shutil.copy(path, sub / path.name)
        govreport.load(corpus[0])  # imports and caches warm, as in a long-running audit
        t0 = time.perf_counter()
        rows = audit([folder], base=folder)
        total = time.perf_counter() - t0
        per_kind: dict[str, list[float]] = defaultdict(list)
        for path in corpus:
            kind = "".join(path.suffixes)
            t = time.perf_counter()
            audit([path])
            per_kind[kind].append(time.perf_counter() - t)
    print(f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}")
    print(f"{len(rows)} files in {total:.2f} s: {len(rows) / total:.1f} files/s (one process)")
    for kind, times in sorted(per_kind.items()):
        mean = sum(times) / len(times)
        print(f"  {kind:10} {1 / mean:6.1f} files/s  ({mean * 1000:.0f} ms per file, {len(times)} files)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Loading WeasyPrint fast.

WeasyPrint opens Pango, HarfBuzz, fontconfig … through cffi by trying several names per library
(``libpango-1.0-0``, ``pango-1.0``, …). cffi resolves each name with ``ctypes.util.find_library``,
which on Linux runs ``ldconfig -p`` and, for a miss, ``gcc`` and ``ld``: about twenty subprocesses,
≈ 0.3 s of the ≈ 0.55 s that ``import weasyprint`` costs (measured; see docs/performance.md).

While WeasyPrint is imported, :func:`import_weasyprint` answers ``find_library`` from one reading of
the dynamic linker's cache (the same regular expression ctypes uses, so the same answers for every
library in the cache) and falls back to the standard function for names it cannot answer.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import functools
import os
import re
import shutil
import struct
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType


@functools.lru_cache(maxsize=1)
def _ld_cache() -> str:
    ldconfig = shutil.which("ldconfig") or next(
        (str(p) for p in (Path("/sbin/ldconfig"), Path("/usr/sbin/ldconfig")) if p.exists()), None
    )
    if ldconfig is None:
        return ""
    try:
        return subprocess.run(
            [ldconfig, "-p"], capture_output=True, text=True, check=False, env={"LC_ALL": "C", "LANG": "C"},
            timeout=10,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return ""


def _abi() -> str:
    machine = os.uname().machine + ("-32" if struct.calcsize("l") == 4 else "-64")
    return {
        "x86_64-64": "libc6,x86-64",
        "ppc64-64": "libc6,64bit",
        "sparc64-64": "libc6,64bit",
        "s390x-64": "libc6,64bit",
        "ia64-64": "libc6,IA-64",
    }.get(machine, "libc6")


def _fast_find_library(original: Callable[[str], str | None]) -> Callable[[str], str | None]:
    cache = _ld_cache()
    abi = _abi()

    def find_library(name: str) -> str | None:
        match = re.search(rf"\s+(lib{re.escape(name)}\.[^\s]+)\s+\({re.escape(abi)}", cache)
        if match:
            return match.group(1)
        # Not in the linker cache: a library only on LD_LIBRARY_PATH is still found by the original;
        # anything else is absent, and asking gcc and ld would only confirm it, slowly.
        if os.environ.get("LD_LIBRARY_PATH"):
            return original(name)
        return None

    return find_library


@contextlib.contextmanager
def _patched_find_library() -> Iterator[None]:
    if not sys.platform.startswith("linux") or not _ld_cache():
        yield
        return
    original = ctypes.util.find_library
    ctypes.util.find_library = _fast_find_library(original)  # type: ignore[assignment]
    try:
        yield
    finally:
        ctypes.util.find_library = original


@functools.lru_cache(maxsize=1)
def import_weasyprint() -> ModuleType:
    """``import weasyprint``, with library lookups answered from the linker cache (Linux)."""
    if "weasyprint" in sys.modules:
        return sys.modules["weasyprint"]
    with _patched_find_library():
        import weasyprint
    module: ModuleType = weasyprint
    return module

"""renderers/_engine: the fast library lookup gives the same answers as ctypes, only faster."""

from __future__ import annotations

import ctypes.util
import subprocess
import sys

import pytest

from govreport.renderers import _engine

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="linker cache lookups are Linux only")


@pytest.mark.parametrize("name", ["pango-1.0", "harfbuzz", "harfbuzz-subset", "fontconfig", "gobject-2.0", "c", "m"])
def test_same_answer_as_ctypes(name: str) -> None:
    fast = _engine._fast_find_library(ctypes.util.find_library)
    assert fast(name) == ctypes.util.find_library(name)


def test_absent_library_is_none_without_asking_gcc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LD_LIBRARY_PATH", raising=False)

    def original(name: str) -> str | None:
        raise AssertionError("the slow lookup must not run for a library absent from the cache")

    assert _engine._fast_find_library(original)("harfbuzz-vector-0-does-not-exist") is None


def test_patch_is_undone() -> None:
    before = ctypes.util.find_library
    with _engine._patched_find_library():
        assert ctypes.util.find_library is not before
    assert ctypes.util.find_library is before


def test_import_weasyprint_loads_the_libraries() -> None:
    weasyprint = _engine.import_weasyprint()
    from weasyprint.text import ffi

    assert weasyprint.__name__ == "weasyprint"
    assert ffi.pango is not None
    assert ctypes.util.find_library.__module__ == "ctypes.util"


def test_import_govreport_loads_neither_the_model_nor_the_checks() -> None:
    """The API is imported when first used (PEP 562): a process that only renders a composed document
    never builds the Pydantic model, and ``import govreport`` costs a few milliseconds."""
    code = ("import sys, govreport\n"
            "heavy = [m for m in ('pydantic', 'govreport.model', 'govreport.checks', 'yaml') if m in sys.modules]\n"
            "assert not heavy, heavy\n"
            "assert govreport.Report.__module__.startswith('govreport.model')\n"
            "assert callable(govreport.load) and 'render_many' in dir(govreport)\n"
            "try:\n    govreport.no_such_name\nexcept AttributeError:\n    pass\nelse:\n    raise SystemExit(1)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Property tests: no per-example deadline (a PDF render takes 0.2 s, more on a busy CI machine). In CI
# (CI=true) the examples are derived from each test's source, so a run is reproducible; locally they
# are random, to keep finding new cases.
settings.register_profile("govreport", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("govreport-ci", parent=settings.get_profile("govreport"), derandomize=True,
                          database=None)
settings.load_profile("govreport-ci" if os.environ.get("CI") else "govreport")

# Font metrics are cached on disk (style/metrics.py): keep the tests' cache out of the user's home.
os.environ.setdefault("GOVREPORT_CACHE_DIR", tempfile.mkdtemp(prefix="govreport-test-cache-"))

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
DATA = Path(__file__).resolve().parent / "data"
SAMPLE = FIXTURES / "keyuan-2016.yaml"

# Paragraphs the source split at page breaks (joined again in the fixture).
_JOINS = (("以及", "在各类媒体"), ("扎实做", "好了公开工作"), ("政府", "信息公开申请电话"),
          ("在切实维", "护公众知情权"), ("加大信息", "公开宣传力度"))


def source_paragraphs() -> list[str]:
    """The sample's paragraphs from the source text, page-break splits joined."""
    lines = [ln.strip() for ln in (DATA / "keyuan-2016.txt").read_text("utf-8").splitlines() if ln.strip()]
    out: list[str] = []
    for line in lines:
        if out and any(out[-1].endswith(a) and line.startswith(b) for a, b in _JOINS):
            out[-1] += line
        else:
            out.append(line)
    return out


def squash(text: str) -> str:
    """Text with all whitespace removed (extraction and normalisation differ only in spaces)."""
    return re.sub(r"\s+", "", text)


def source_sentences() -> list[str]:
    sentences: list[str] = []
    for para in source_paragraphs():
        for s in re.split(r"(?<=[。；！？])", squash(para)):
            if s:
                sentences.append(s)
    return sentences


def assert_in_order(sentences: list[str], text: str) -> None:
    pos = 0
    for s in sentences:
        found = text.find(s, pos)
        assert found >= 0, f"sentence missing or out of order: {s[:40]}…"
        pos = found + len(s)


@pytest.fixture(scope="session")
def sample_report():  # type: ignore[no-untyped-def]
    import govreport

    return govreport.load(SAMPLE)


@pytest.fixture(scope="session")
def sample_outputs(tmp_path_factory, sample_report):  # type: ignore[no-untyped-def]
    """The sample rendered once per session in every format: {fmt: Path}."""
    import govreport

    out = tmp_path_factory.mktemp("sample")
    paths = govreport.render_to(sample_report, out, ["docx", "pdf", "html"], stem="keyuan-2016")
    return {p.suffix[1:]: p for p in paths}


# Messages are Chinese in the tests whatever the machine's locale (LANG=en_US.UTF-8 would switch the
# CLI, and the CLI in subprocesses, to English); tests of the English catalog ask for it explicitly.
os.environ["GOVREPORT_LANG"] = "zh_CN"


@pytest.fixture(autouse=True)
def _chinese_messages() -> Iterator[None]:
    from govreport.i18n import set_locale

    set_locale("zh_CN")
    yield
    set_locale("zh_CN")

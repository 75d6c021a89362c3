"""render_many: pools, executors, unique names, failure isolation; the CLI's batch mode."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from typer.testing import CliRunner

import govreport
from conftest import SAMPLE
from govreport.cli import app


def _copy_sample(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(SAMPLE.read_bytes())
    return path


def test_names_unique_and_in_input_order(tmp_path: Path) -> None:
    a = _copy_sample(tmp_path / "a", "report.yaml")
    b = _copy_sample(tmp_path / "b", "report.yaml")
    c = _copy_sample(tmp_path / "c", "REPORT.yaml")
    results = govreport.render_many([a, b, c], ["html"], tmp_path / "out", workers=2)
    assert [r.paths[0].name for r in results] == ["report.html", "report-2.html", "REPORT-3.html"]
    assert all(r.ok for r in results)


def test_one_failure_does_not_stop_the_rest(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("body: x\nyear: not-a-year\n", "utf-8")
    results = govreport.render_many([SAMPLE, bad, tmp_path / "missing.yaml", SAMPLE], ["html"],
                                    tmp_path / "out", workers=1)
    assert [r.ok for r in results] == [True, False, False, True]
    assert [r.exit_code for r in results] == [0, 2, 2, 0]
    assert "年度" in (results[1].error or "")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["keyuan-2016-2.html", "keyuan-2016.html"]


def test_any_executor_and_report_objects(tmp_path: Path, sample_report: govreport.Report) -> None:
    with ThreadPoolExecutor(2) as pool:
        results = govreport.render_many([sample_report, sample_report], "docx", tmp_path, executor=pool)
    stem = sample_report.display_title
    assert [r.paths[0].name for r in results] == [f"{stem}.docx", f"{stem}-2.docx"]
    assert results[0].paths[0].read_bytes() == results[1].paths[0].read_bytes()


def test_process_pool_output_equals_in_process(tmp_path: Path) -> None:
    pooled = govreport.render_many([SAMPLE, SAMPLE], ["docx", "html"], tmp_path / "p", workers=2)
    single = govreport.render_many([SAMPLE], ["docx", "html"], tmp_path / "s", workers=1)
    for fmt in (0, 1):
        assert pooled[0].paths[fmt].read_bytes() == single[0].paths[fmt].read_bytes()


def test_report_with_errors_is_not_rendered(tmp_path: Path) -> None:
    from govreport.checks import Finding, Severity

    def failing_check(report: govreport.Report, previous: govreport.Report | None = None) -> list[Finding]:
        return [Finding(severity=Severity.ERROR, code="TEST", message="测试错误")]

    mp = pytest.MonkeyPatch()
    mp.setattr(govreport, "check", failing_check)
    try:
        results = govreport.render_many([SAMPLE], "html", tmp_path, workers=1)
    finally:
        mp.undo()
    assert results[0].exit_code == 1
    assert not any(tmp_path.iterdir())
    assert [f.code for f in results[0].findings] == ["TEST"]  # the CLI lists them without re-checking
    assert results[0].errors == 1
    assert results[0].warnings == 0


def test_dask_local_cluster(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.Client(processes=False, n_workers=2, threads_per_worker=1, dashboard_address=None) as client:
        results = govreport.render_many([SAMPLE, SAMPLE], "html", tmp_path, executor=client.get_executor())
    assert [r.ok for r in results] == [True, True]
    assert len(list(tmp_path.iterdir())) == 2


def test_cli_folder_and_summary(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    _copy_sample(folder, "a.yaml")
    _copy_sample(folder, "b.yml")
    (folder / "broken.json").write_text("{", "utf-8")
    (folder / "notes.txt").write_text("ignored", "utf-8")
    result = CliRunner().invoke(app, ["render", str(folder), "-f", "html", "-o", str(tmp_path / "out"), "-j", "2"])
    assert result.exit_code == 2
    assert "共 3 份报告：成功 2 份，失败 1 份" in result.stdout
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.html", "b.html"]


def _frozen_in_worker() -> int:
    import gc

    return gc.get_freeze_count()


def test_pool_workers_are_warmed_and_frozen() -> None:
    """Each worker renders a tiny document once, then freezes what is alive (engines, fonts, caches),
    so the collector does not walk it again at every full collection."""
    from govreport.batch import default_executor

    with default_executor(1, ("pdf",)) as pool:
        frozen = pool.submit(_frozen_in_worker).result()
    assert frozen > 10_000


def _fontset_prepared_in_worker(font_dir: str) -> tuple[int, int]:
    from pathlib import Path

    from govreport.renderers import pdf
    from govreport.style.profile import load_profile

    before = pdf._fontset.cache_info().hits
    pdf._fontset(load_profile("gbt9704"), (Path(font_dir).resolve(),))  # as govreport.render loads it
    return pdf._fontset.cache_info().currsize, pdf._fontset.cache_info().hits - before


def test_pool_workers_prepare_the_batch_fonts(tmp_path: Path) -> None:
    """The warm-up loads the fonts the batch asked for (``font_dirs``), not only the system's."""
    from govreport.batch import default_executor
    from govreport.style.fonts import resolve_fonts
    from govreport.style.profile import load_profile

    body = resolve_fonts(load_profile()).roles["body"].path
    (tmp_path / body.name).symlink_to(body)
    with default_executor(1, ("pdf",), "gbt9704", {"font_dirs": [str(tmp_path)]}) as pool:
        size, hits = pool.submit(_fontset_prepared_in_worker, str(tmp_path)).result()
    # (A forked worker also inherits this process's entries, so the cache's size says nothing.)
    assert size >= 1
    assert hits == 1  # the warm-up resolved the fonts with this folder: the report's render finds them ready

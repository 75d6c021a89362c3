"""The seams of the architecture: layering, readers through entry points, structured input errors,
no process-wide state (language per thread), typed renderer options, validated profiles, py.typed."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

import govreport
from conftest import FIXTURES, ROOT, SAMPLE
from govreport.cli import app

SRC = ROOT / "src" / "govreport"
runner = CliRunner()


# --- layering -------------------------------------------------------------------------------------


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
    return {n for n in names if n.startswith("govreport")}


def _modules(package: str) -> list[Path]:
    base = SRC / package
    return sorted(base.rglob("*.py")) if base.is_dir() else [SRC / f"{package}.py"]


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("compose", ("govreport.readers", "govreport.renderers", "govreport.cli", "govreport.output")),
        ("checks", ("govreport.readers", "govreport.renderers", "govreport.cli", "govreport.compose")),
        ("model", ("govreport.readers", "govreport.renderers", "govreport.cli", "govreport.compose",
                   "govreport.checks")),
        ("renderers", ("govreport.model", "govreport.readers", "govreport.cli", "govreport.checks")),
        ("readers", ("govreport.compose", "govreport.renderers", "govreport.cli", "govreport.checks")),
        ("document", ("govreport.model",)),
        ("style", ("govreport.model", "govreport.readers", "govreport.cli")),
    ],
)
def test_layers_import_only_downwards(package: str, forbidden: tuple[str, ...]) -> None:
    for path in _modules(package):
        bad = {name for name in _imports(path) if name.startswith(forbidden)}
        assert not bad, f"{path.relative_to(SRC)} imports {sorted(bad)}"


def test_library_never_imports_the_cli() -> None:
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC)
        if rel.parts[0] in ("cli",) or rel.name in ("_entry.py", "__main__.py"):
            continue
        assert not {n for n in _imports(path) if n.startswith("govreport.cli")}, rel
    for path in _modules("cli"):
        assert "govreport._entry" not in _imports(path), path  # no cycle between the entry point and the CLI


def test_io_and_pdf_process_are_gone() -> None:
    assert not (SRC / "io.py").exists()
    assert not (SRC / "_pdf_process.py").exists()
    assert not (SRC / "cli.py").exists()


def test_py_typed_is_shipped_and_used_by_mypy(tmp_path: Path) -> None:
    from importlib import resources

    assert resources.files("govreport").joinpath("py.typed").is_file()
    consumer = tmp_path / "consumer.py"
    consumer.write_text(
        "import govreport\n\n"
        "report = govreport.load('x.yaml')\n"
        "year: int = report.year\n"
        "wrong: str = report.year\n"  # an error only if govreport's types are seen (not Any)
        "with govreport.language('en'):\n"
        "    findings = govreport.check(report)\n",
        "utf-8",
    )
    proc = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(consumer)],
                          capture_output=True, text=True, cwd=tmp_path, check=False)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    errors = [ln for ln in proc.stdout.splitlines() if ": error:" in ln]
    assert len(errors) == 1, proc.stdout
    assert "consumer.py:5:" in errors[0], proc.stdout
    assert "incompatible types in assignment" in errors[0].lower(), proc.stdout


# --- structured input errors ----------------------------------------------------------------------


def test_every_problem_of_an_input_is_kept(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("overveiw: []\nyear: 20x4\nlevel: 省市级\n", "utf-8")
    with pytest.raises(govreport.InputError) as info:
        govreport.load(bad)
    problems = info.value.problems
    codes = sorted(p.code for p in problems)
    assert codes == ["missing", "unknown-key", "value", "value"], problems
    assert all(p.source == "bad.yaml" for p in problems)
    unknown = next(p for p in problems if p.code == "unknown-key")
    assert unknown.path == "overveiw"
    assert "overview" in unknown.message
    result = runner.invoke(app, ["check", str(bad)])
    assert result.exit_code == 2
    assert len([ln for ln in result.stderr.splitlines() if ln.startswith("错误：bad.yaml：")]) == 4, result.stderr


def test_check_json_prints_problems_for_bad_input(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("body: 某局\nyear: 2024\nfoo: 1\n", "utf-8")
    result = runner.invoke(app, ["check", str(bad), "--format", "json"])
    assert result.exit_code == 2
    payload = json.loads(result.stdout)
    assert payload["readable"] is False
    assert payload["problems"][0]["code"] == "unknown-key"
    assert payload["problems"][0]["path"] == "foo"
    assert payload["problems"][0]["source"] == "bad.yaml"


def test_yaml_syntax_error_names_the_full_width_colon_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("edition: gb2021\nbody: 某局\nlevel: 部门\npublished: 2025-01-20\nyear：2024\noverview:\n- 正文。\n",
                   "utf-8")
    with pytest.raises(govreport.InputError) as info:
        govreport.load(bad)
    problem = info.value.problems[0]
    assert (problem.line, problem.code) == (5, "yaml-syntax")
    assert "全角冒号" in problem.message
    assert "year：2024" in problem.message


# --- readers through the entry point --------------------------------------------------------------

_TINY_READER = '''
from govreport.readers.base import ReadResult

class TinyReader:
    name = "tiny"
    suffixes = (".tiny",)
    binary = False

    def sniff(self, head):
        return head.startswith(b"TINY ")

    def read(self, source, *, name):
        body, year = source.split()[1:3]
        return ReadResult({"body": body, "year": int(year), "sections": [{"heading": "概述", "content": ["正文。"]}]})
'''


@pytest.fixture
def tiny_reader(tmp_path: Path) -> dict[str, str]:
    site = tmp_path / "site"
    site.mkdir()
    (site / "tinyreader.py").write_text(_TINY_READER, "utf-8")
    info = site / "tinyreader-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: tinyreader\nVersion: 0.1\n", "utf-8")
    (info / "entry_points.txt").write_text("[govreport.readers]\ntiny = tinyreader:TinyReader\n", "utf-8")
    (tmp_path / "r.tiny").write_text("TINY 示例街道办事处 2016\n", "utf-8")
    return dict(os.environ, PYTHONPATH=os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]))


def test_reader_from_an_entry_point_is_used_by_load_and_check(tmp_path: Path, tiny_reader: dict[str, str]) -> None:
    code = ("import govreport, sys; r = govreport.load(sys.argv[1]); print(r.body, r.year);"
            "from govreport.readers.base import available_readers; print(available_readers())")
    proc = subprocess.run([sys.executable, "-c", code, str(tmp_path / "r.tiny")], capture_output=True, text=True,
                          env=tiny_reader, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0] == "示例街道办事处 2016"
    assert "tiny" in proc.stdout.splitlines()[1]
    sniffed = tmp_path / "noext"
    sniffed.write_text("TINY 示例镇人民政府 2017\n", "utf-8")
    proc = subprocess.run([sys.executable, "-m", "govreport", "check", str(tmp_path / "r.tiny")],
                          capture_output=True, text=True, env=tiny_reader, check=False)
    assert proc.returncode in (0, 1), proc.stderr
    assert "r.tiny" in proc.stdout
    proc = subprocess.run([sys.executable, "-c", "import govreport,sys; print(govreport.load(sys.argv[1]).body)",
                           str(sniffed)],
                          capture_output=True, text=True, env=tiny_reader, check=False)
    assert proc.stdout.strip() == "示例镇人民政府", proc.stderr  # chosen by sniffing the first bytes


# --- no process-wide state ------------------------------------------------------------------------


def test_two_threads_in_two_languages_do_not_mix(tmp_path: Path) -> None:
    report = govreport.load(FIXTURES / "invalid" / "T3-ROW-TOTAL.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("body: 某局\n", "utf-8")
    barrier = threading.Barrier(2)
    results: dict[str, tuple[list[str], str, bytes]] = {}

    def work(lang: str) -> None:
        with govreport.language(lang):
            barrier.wait()
            messages = []
            for _round in range(20):
                messages += [f.message for f in govreport.check(report)]
                try:
                    govreport.load(bad)
                except govreport.InputError as exc:
                    error = exc.message
            html = govreport.render(govreport.load(SAMPLE), "html")
            results[lang] = (messages, error, html)

    threads = [threading.Thread(target=work, args=(lang,)) for lang in ("zh_CN", "en")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    zh, en = results["zh_CN"], results["en"]
    assert all("总计" in m for m in zh[0] if m)
    assert not any("total" in m.lower() for m in zh[0])
    assert all(not any("\u4e00" <= c <= "\u9fff" and c not in "（）" for c in m[:8]) for m in en[0])
    assert "缺少必填字段" in zh[1]
    assert "required field missing" in en[1]
    assert zh[2] == en[2]  # the document is the report's, whatever the caller's language
    assert govreport.i18n.get_locale() == "zh_CN"  # the main thread kept its own


# --- typed renderer options -----------------------------------------------------------------------


def test_unknown_renderer_option_names_the_valid_ones() -> None:
    report = govreport.load(SAMPLE)
    with pytest.raises(govreport.InputError) as info:
        govreport.render(report, "pdf", font_dir=["/usr/share/fonts"])
    assert "font_dir" in info.value.message
    assert "font_dirs" in info.value.message
    with pytest.raises(govreport.InputError, match="font_dirs"):
        govreport.render(report, "pdf", font_dirs="/")  # a string is not a list of folders
    with pytest.raises(govreport.InputError, match="docx"):
        govreport.render(report, "docx", pdf_variant="pdf/a-3b")


def test_render_many_refuses_an_unknown_option_before_starting(tmp_path: Path) -> None:
    with pytest.raises(govreport.InputError, match="self_chek"):
        govreport.render_many([SAMPLE], ["html", "pdf"], tmp_path, self_chek=False)
    assert not any(tmp_path.iterdir())


def test_render_many_takes_one_path_as_one_report(tmp_path: Path) -> None:
    results = govreport.render_many(str(SAMPLE), "html", tmp_path, workers=1)
    assert len(results) == 1
    assert results[0].ok


# --- validated style profiles ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('extends = "gbt9704"\n[body.font_sise]\nvalue = 16\nunit = "pt"\n', ["body.font_sise", "body.font_size"]),
        ('extends = "self.toml"\n', ["extends 形成循环", "self.toml"]),
        ('extends = "gbt9704"\n[body.font_size]\nvalue = nan\nunit = "pt"\n', ["body.font_size", "有限"]),
        ('extends = "gbt9704"\n[page.margin_top]\nvalue = -3\nunit = "mm"\n', ["page.margin_top", "正数"]),
        ('extends = "gbt9704"\n[body.font_size]\nvalue = "16"\nunit = "pt"\n', ["body.font_size", "应为数字"]),
        ('extends = "gbt9704"\n[body.font_size]\nunit = "pt"\n', ["body.font_size", "缺少数值"]),
        ('[body.font_size]\nvalue = 16\nunit = "pt"\n', ["缺少设置"]),
        ("\x00\x01\x02binary", ["TOML"]),
    ],
)
def test_bad_profile_is_exit_2_naming_key_and_file(tmp_path: Path, text: str, expected: list[str]) -> None:
    profile = tmp_path / "self.toml"
    profile.write_text(text, "utf-8")
    result = runner.invoke(app, ["render", str(SAMPLE), "-f", "html", "-o", str(tmp_path / "out"),
                                 "--profile", str(profile)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "内部错误" not in result.output
    assert "self.toml" in result.stderr
    for piece in expected:
        assert piece in result.stderr, result.stderr
    assert not (tmp_path / "out").exists()


def test_a_good_local_variant_still_loads(tmp_path: Path) -> None:
    from govreport.style.profile import load_profile

    variant = tmp_path / "province.toml"
    variant.write_text('extends = "gbt9704"\n[page.margin_top]\nvalue = 36.5\nunit = "mm"\n', "utf-8")
    assert load_profile(str(variant)).mm("page.margin_top") == 36.5
    assert load_profile(str(variant)).mm("page.margin_left") == 28.0


def test_atomic_writes_never_touch_the_umask(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from govreport import output

    def forbidden(_mask: int) -> int:
        raise AssertionError("os.umask changes the whole process: another thread's files would get its mode")

    old = os.umask(0o027)
    try:
        monkeypatch.setattr(os, "umask", forbidden)
        output.write_atomic(tmp_path / "a.txt", b"x")
        output.write_many([(tmp_path / "b.txt", b"y"), (tmp_path / "c.txt", b"z")])
    finally:
        monkeypatch.undo()
        os.umask(old)
    assert all((tmp_path / n).stat().st_mode & 0o777 == 0o640 for n in ("a.txt", "b.txt", "c.txt"))


def test_report_parts_are_the_six_statutory_parts() -> None:
    report = govreport.load(FIXTURES / "example-gb2021.yaml")
    parts = report.parts()
    assert [p.title for p in parts] == [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
    ]
    assert [p.table_name for p in parts] == [None, "表二", "表三", "表四", None, None]
    assert parts[2].table is report.table3
    assert report.table3 is not None
    assert report.table3.new[-1] == 3119  # 本年新收 总计 of the 淮安 report

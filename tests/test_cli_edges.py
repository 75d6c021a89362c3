"""CLI edges (issue 16): usage errors are one line in the message language; an ASCII-only terminal,
escape codes in file names and a missing $HOME do not break or leak into anything."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import govreport
from conftest import FIXTURES
from govreport.cli import app

runner = CliRunner()
SAMPLE = FIXTURES / "minimal-gb2021.yaml"

USAGE = [
    (["render"], "错误：缺少参数 FILE（用 govreport render --help 查看用法）"),
    (["check", "--bogus", "x.yaml"], "错误：没有这个选项：--bogus（用 govreport check --help 查看用法）"),
    (["render", "x.yaml", "-j", "0"],
     "错误：--jobs / -j 的取值无效：应不小于 1（用 govreport render --help 查看用法）"),
    (["render", "x.yaml", "-o"], "错误：选项 -o 的用法不对（是否缺少取值？）"),
    (["nope"], "错误：没有这个命令：nope"),
    (["schema", "x", "y"], "错误：多余的参数：x y"),
    (["--lang", "xx", "check", "a.yaml"], "错误：不支持的语言：xx（可用：zh_CN、en）"),
]


@pytest.mark.parametrize(("args", "expected"), USAGE, ids=[" ".join(a) for a, _e in USAGE])
def test_usage_errors_are_one_chinese_line(args: list[str], expected: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(expected)
    assert "Usage" not in result.output
    assert "╭" not in result.output


def test_usage_errors_in_english() -> None:
    result = runner.invoke(app, ["--lang", "en", "check", "--bogus", "x.yaml"])
    assert result.exit_code == 2
    assert result.stderr.strip() == "Error: no such option: --bogus (see govreport check --help)"


def _run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "govreport", *args], env=env, cwd=cwd, capture_output=True,
                          timeout=120, check=False)


def test_an_ascii_only_terminal_gets_escapes_not_an_internal_error(tmp_path: Path) -> None:
    env = {**os.environ, "LANG": "C", "LC_ALL": "C", "PYTHONIOENCODING": "ascii"}
    checked = _run(["check", str(SAMPLE)], env, tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert b"\\u672a\\u53d1\\u73b0\\u95ee\\u9898" in checked.stdout  # 未发现问题
    rendered = _run(["render", str(SAMPLE), "-f", "html", "-o", str(tmp_path / "out")], env, tmp_path)
    assert rendered.returncode == 0, rendered.stderr
    assert (tmp_path / "out" / "minimal-gb2021.html").exists()
    refused = _run(["check", str(tmp_path / "missing.yaml")], env, tmp_path)
    assert refused.returncode == 2
    assert b"Traceback" not in refused.stderr


def test_escape_codes_in_file_names_do_not_reach_the_terminal(tmp_path: Path) -> None:
    name = tmp_path / "a\x1b[31m\u202ered.yaml"
    shutil.copy(SAMPLE, name)
    for args in (["check", str(name)], ["render", str(name), "-f", "html", "-o", str(tmp_path / "out")],
                 ["check", str(tmp_path / "missing\x1b[2J.yaml")]):
        result = _run(args, dict(os.environ), tmp_path)
        assert b"\x1b" not in result.stdout + result.stderr, args
        assert "\u202e".encode() not in result.stdout + result.stderr, args
        assert result.returncode in (0, 2)
    assert b"\\u001b[31m" in _run(["check", str(name)], dict(os.environ), tmp_path).stdout


def test_a_missing_home_is_not_created(tmp_path: Path) -> None:
    home = tmp_path / "no-such-home"
    env = {k: v for k, v in os.environ.items() if k not in ("XDG_CACHE_HOME", "GOVREPORT_CACHE_DIR")}
    env["HOME"] = str(home)
    result = _run(["render", str(SAMPLE), "-f", "pdf", "-o", str(tmp_path / "out")], env, tmp_path)
    assert result.returncode == 0, result.stderr
    assert not home.exists()


def test_an_absurd_size_limit_is_refused() -> None:
    for bad in (10**30, 0, -1, True, 1.5):
        with pytest.raises(govreport.InputError, match="大小上限应为 1 到 1073741824 之间的整数"):
            govreport.load(str(SAMPLE), max_bytes=bad)  # type: ignore[arg-type]


def test_a_path_argument_is_always_a_path(tmp_path: Path) -> None:
    names = ["{body: 冒名机关, year: 2024} #.yaml", "a: b.yaml", "line\nbreak.yaml"]
    paths = []
    for name in names:
        shutil.copy(SAMPLE, tmp_path / name)
        paths.append(str(tmp_path / name))
    result = runner.invoke(app, ["render", *paths, "-f", "html", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    written = sorted((tmp_path / "out").iterdir())
    assert len(written) == 3
    for path in written:
        text = path.read_text("utf-8")
        assert "示例县人民政府" in text  # the file's content, not its name
        assert "冒名机关" not in text
    results = govreport.render_many(paths[:1], "html", tmp_path / "api")
    assert results[0].ok
    assert "冒名机关" not in results[0].paths[0].read_text("utf-8")

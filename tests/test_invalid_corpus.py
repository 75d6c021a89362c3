"""fixtures/invalid/: every bad input gives exit 2 (1 for a report with errors), one line, no
traceback, no output file, for ``check`` and for ``render``.

``input-*`` files are the input-layer corpus (tests/data/make_invalid_corpus.py writes them); each
has its expected message fragment below, so a new file must state what it expects. The other files
are named after check codes (``<CODE>.yaml``, with ``<CODE>.previous.yaml`` for cross-year checks):
they load, and give exit 1 for an error code or 0 for a warning code.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import govreport
from conftest import FIXTURES
from govreport.checks import CHECKS
from govreport.checks.finding import Severity
from govreport.cli import app

INVALID = FIXTURES / "invalid"
FILES = sorted(p for p in INVALID.iterdir() if p.is_file())
runner = CliRunner()

EXPECTED: dict[str, str] = {
    "input-attachment-missing-title.yaml": "附件（attachments） → 第1项 → 标题：缺少必填字段",
    "input-bad-date.yaml": "发布日期（published）：「2017-02-30」不是有效的日期：2月没有30日",
    "input-big5.yaml": "无法确定编码",
    "input-binary.yaml": "NUL 字节",
    "input-bool-key.yaml": "键应为文字",
    "input-c1-control.yaml": "第 3 行第 12 列：含有控制字符 U+009B",
    "input-comment-only.yaml": "实际是空文档",
    "input-contact-not-mapping.yaml": "联系方式（contact）：应为键值对",
    "input-contact-template-not-list.yaml": "联系方式（contact） → 格式（template）：应为列表",
    "input-control-char-escaped.yaml": "开头（preamble） → 第1项：第 4 个字符是控制字符或非法字符 U+0007",
    "input-control-char-in-key.json": "含有控制字符",
    "input-control-char.yaml": "第 4 行第 8 列：含有控制字符 U+0007",
    "input-date-wrong-type.yaml": "发布日期（published）：「三月」不是日期；请写成 2025-01-20 或 2025年1月20日",
    "input-edition-unknown.yaml": "版本（edition）：取值不在允许范围内（可选：legacy、gb2019、gb2021）",
    "input-empty.yaml": "实际是空文档",
    "input-heading-empty.yaml": "章节（sections） → 第1项 → 标题（heading）：不能为空",
    "input-huge-integer.json": "无效（整数位数过多）",
    "input-huge-integer.yaml": "第 2 行：取值",
    "input-insert-unknown.yaml": "插入（insert）：取值不在允许范围内（可选：contact）",
    "input-json-deep-nesting.json": "嵌套层次过深",
    "input-json-duplicate-key.json": "键「year」重复",
    "input-json-moderate-nesting.json": "嵌套层次过深（超过 64 层）",
    "input-json-syntax.json": "第 1 行第 20 列：YAML/JSON 格式错误",
    "input-level-unknown.yaml": "机关层级（level）：取值不在允许范围内",
    "input-lone-surrogate.json": "发布机关（body）：第 3 个字符是控制字符或非法字符 U+D800",
    "input-missing-body.yaml": "发布机关：缺少必填字段",
    "input-missing-year.yaml": "年度：缺少必填字段",
    "input-non-string-key.yaml": "键应为文字",
    "input-nul-escaped.json": "发布机关（body）：第 3 个字符是控制字符或非法字符 U+0000",
    "input-paragraph-empty.yaml": "章节（sections） → 第1项「概述」 → 内容（content） → 第1项：不能为空",
    "input-paragraph-nested-list.yaml": "第1项：应为文字或键值对",
    "input-paragraph-number.yaml": "第1项：应为文字或键值对，实际为「123」",
    "input-same-field-twice.yaml": "「body」与「发布机关」是同一个字段",
    "input-section-missing-heading.yaml": "章节（sections） → 第1项 → 标题：缺少必填字段",
    "input-section-not-mapping.yaml": "章节（sections） → 第1项：应为键值对",
    "input-sections-not-list.yaml": "章节（sections）：应为列表",
    "input-signature-date-invalid.yaml": "落款（signature） → 日期（date）：「2017-13-01」不是有效的日期：没有 13 月",
    "input-subsection-unknown-key.yaml": "第1项「小标题」 → contents：不认识的字段",
    "input-top-level-list.yaml": "顶层应为键值对（映射），实际是列表",
    "input-top-level-number.json": "实际是整数",
    "input-top-level-string.yaml": "实际是文字",
    "input-unknown-key.yaml": "bodyy：不认识的字段",
    "input-utf16-no-bom.yaml": "可能是 UTF-16",
    "input-utf8-damaged.yaml": "第 4 行第 15 列：（第 66 字节）不是有效的 UTF-8",
    "input-yaml-alias.yaml": "不支持 YAML 锚点/别名",
    "input-yaml-deep-nesting.yaml": "嵌套层次过深",
    "input-yaml-duplicate-key.yaml": "第 3 行：键「body」重复（第 1 行已有）",
    "input-yaml-merge-alias.yaml": "不支持 YAML 锚点/别名",
    "input-yaml-multiple-documents.yaml": "YAML/JSON 格式错误",
    "input-yaml-python-tag.yaml": "不支持 YAML 标签 tag:yaml.org,2002:python/object",
    "input-yaml-syntax.yaml": "第 2 行第 5 列：YAML/JSON 格式错误",
    "input-yaml-tab-indent.yaml": "第 2 行第 1 列：YAML/JSON 格式错误",
    "input-yaml-unhashable-key.yaml": "unhashable key",
    "input-year-fraction.json": "年度（year）：应为整数（不能有小数）",
    "input-year-infinite.yaml": "年度（year）：应为有限的数",
    "input-year-not-integer.yaml": "年度（year）：应为整数，实际为「二〇一六」",
    "input-year-out-of-range.yaml": "年度（year）：数值太小（不得小于 2008），实际为「1999」",
    "input-amount-tiny-exponent.yaml": "表二（table） → 行政事业性收费：小数位数过多（最多 6 位）",
    "input-amount-negative-tiny-exponent.yaml": "表二（table） → 行政事业性收费：小数位数过多（最多 6 位）",
    "input-amount-huge-exponent.yaml": "表二（table） → 行政事业性收费：数值太大",
    "input-amount-100000-digits.yaml": "表二（table） → 行政事业性收费：太长（100000 字",
    "input-count-too-large.yaml": "表二（table） → 行政许可：数值太大（绝对值不得超过 1000000000000）",
    "input-count-fraction.yaml": "表二（table） → 行政许可：应为整数",
    "input-t3-cell-4400-digits.yaml": "第 5 行：取值「",
    "input-statistics-value-huge-exponent.yaml": "统计表 → 指标 → 第1项 → 数值：数值太大",
    "input-bidi-override.yaml": "开头（preamble） → 第1项：第 9 个字符是双向文字控制符 U+202E",
    "input-bidi-isolate-raw.yaml": "标题（title）：第 5 个字符是双向文字控制符 U+2067",
    "input-invisible-operator.json": "开头（preamble） → 第1项：第 2 个字符是不可见的格式字符 U+2061",
    "input-object-replacement.yaml": "开头（preamble） → 第1项：第 4 个字符是不可见的格式字符 U+FFFC",
    "input-format-char-in-key.json": "键「ti\\u200etle」含有不可见的格式字符 U+200E",
    "input-invisible-duplicate-key.json": "键「title」重复（去掉不可见字符后）",
    "input-paragraph-too-long.yaml": "开头（preamble） → 第1项：太长（20001 字，一段最多 20000 字）",
    "input-too-many-paragraphs.yaml": "段落和标题太多（超过 10000 段）",
    "input-statistics-too-many-rows.yaml": "统计表 → 指标：项数太多（最多 1000 项）",
    "input-yaml-tag-int-empty.yaml": "第 3 行：取值「」无效（应为整数）",
    "input-yaml-tag-bool.yaml": "第 3 行：取值「x」无效（应为 true 或 false）",
    "input-yaml-tag-timestamp.yaml": "发布日期（published）：「abc」不是日期",
}


def _ids(paths: list[Path]) -> list[str]:
    return [p.name for p in paths]


def test_every_input_fixture_states_its_expectation() -> None:
    mine = {p.name for p in FILES if p.name.startswith("input-")}
    assert mine == set(EXPECTED), "add or remove entries in EXPECTED"
    assert len(mine) >= 50


def _assert_one_clean_line(stderr: str) -> str:
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    assert "内部错误" not in stderr
    assert lines[0].startswith("错误：")
    return lines[0]


def _expected_code(path: Path) -> set[int]:
    if path.name.startswith("input-"):
        return {2}
    code = path.name.split(".")[0]
    if path.name.endswith(".previous.yaml") or code not in CHECKS:
        return {0, 1}
    return {1} if CHECKS[code].severity is Severity.ERROR else {0}


def _previous(path: Path) -> list[str]:
    prev = path.with_name(path.name.replace(".yaml", ".previous.yaml"))
    return ["--previous", str(prev)] if prev.exists() and prev != path else []


@pytest.mark.parametrize("path", FILES, ids=_ids(FILES))
def test_check_refuses(path: Path) -> None:
    result = runner.invoke(app, ["check", str(path), *_previous(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in _expected_code(path), result.output
    assert "Traceback" not in result.output
    if path.name.startswith("input-"):
        line = _assert_one_clean_line(result.stderr)
        assert EXPECTED[path.name] in line
        assert path.name in line


@pytest.mark.parametrize("path", FILES, ids=_ids(FILES))
def test_render_refuses_and_writes_nothing(path: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    fmts = "docx,pdf,html" if path.name.startswith("input-") else "html"
    result = runner.invoke(app, ["render", str(path), "-f", fmts, "-o", str(out)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    if path.name.startswith("input-"):
        assert result.exit_code == 2
        assert EXPECTED[path.name] in _assert_one_clean_line(result.stderr)
    else:
        assert result.exit_code in (0, 1), result.output
    if result.exit_code != 0:
        assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize("path", [p for p in FILES if p.name.startswith("input-")], ids=_ids(
    [p for p in FILES if p.name.startswith("input-")]))
def test_api_raises_input_error(path: Path) -> None:
    with pytest.raises(govreport.InputError) as info:
        govreport.load(path)
    assert "\n" not in info.value.message


@pytest.mark.parametrize("name", ["input-yaml-alias.yaml", "input-utf8-damaged.yaml", "input-json-deep-nesting.json",
                                  "input-lone-surrogate.json"])
def test_real_process_exit_2_without_traceback(name: str, tmp_path: Path) -> None:
    for args in (["check", str(INVALID / name)], ["render", str(INVALID / name), "-o", str(tmp_path)]):
        res = subprocess.run([sys.executable, "-m", "govreport", *args], capture_output=True, text=True,
                             check=False, timeout=60)
        assert res.returncode == 2, res.stderr
        assert EXPECTED[name] in _assert_one_clean_line(res.stderr)
    assert not any(tmp_path.iterdir())


def test_debug_shows_the_traceback() -> None:
    res = subprocess.run([sys.executable, "-m", "govreport", "--debug", "check", str(INVALID / "input-empty.yaml")],
                         capture_output=True, text=True, check=False, timeout=60)
    assert res.returncode != 0
    assert "Traceback" in res.stderr


def test_headings_deeper_than_four_levels_are_a_report_error(tmp_path: Path) -> None:
    nested: dict[str, object] = {"heading": "五级", "content": ["正文。"]}
    for level in ("四级", "三级", "二级"):
        nested = {"heading": level, "content": [nested]}
    report = govreport.load({"body": "某机关", "year": 2016, "sections": [{"heading": "一级", "content": [nested]}]})
    with pytest.raises(govreport.ReportInvalidError, match="标题最多四级"):
        govreport.render(report, "html")
    path = tmp_path / "deep.json"
    path.write_text(json.dumps(report.model_dump(mode="json", exclude_none=True)), "utf-8")
    out = tmp_path / "out"
    checked = runner.invoke(app, ["check", str(path)])
    assert checked.exit_code == 1
    assert "HEADING-DEPTH" in checked.stdout
    result = runner.invoke(app, ["render", str(path), "-f", "html,docx", "-o", str(out)])
    assert result.exit_code == 1
    assert "未发现问题" not in result.output
    assert "HEADING-DEPTH" in result.stdout
    assert "未输出" in _assert_one_clean_line(result.stderr)
    assert not out.exists()

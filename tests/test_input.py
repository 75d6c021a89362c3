"""Loading: size limits, encodings, YAML hazards, control characters, messages in the user's terms."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import govreport
from conftest import SAMPLE
from govreport.cli import app
from govreport.cli._common import parse_size
from govreport.model.messages import validation_message
from govreport.readers import DEFAULT_MAX_BYTES, load

runner = CliRunner()
_PAIRS = list(zip("abcdefgh", "bcdefghi", strict=True))
TEXT = SAMPLE.read_text("utf-8")


def _same(a: govreport.Report, b: govreport.Report) -> None:
    assert a.model_dump() == b.model_dump()


# -- encodings ---------------------------------------------------------------------------------


@pytest.mark.parametrize("codec", ["gbk", "gb18030", "utf-8-sig", "utf-16", "utf-16-be-bom"])
def test_other_encodings_read_exactly_like_utf8(tmp_path: Path, codec: str) -> None:
    """No mojibake: the sample saved as GBK (Notepad's "ANSI" on Chinese Windows), GB18030, UTF-8
    with BOM or UTF-16 with BOM loads into exactly the same report as the UTF-8 original."""
    path = tmp_path / "sample.yaml"
    if codec == "utf-16-be-bom":
        path.write_bytes(b"\xfe\xff" + TEXT.encode("utf-16-be"))
    else:
        path.write_bytes(TEXT.encode(codec))
    report = load(path)
    _same(report, load(SAMPLE))
    assert report.body == "张店区人民政府科苑街道办事处"


def test_gb18030_four_byte_characters_are_kept(tmp_path: Path) -> None:
    # 𠀾 (U+2003E, a rare character of a name) exists in GB18030 only as a four-byte sequence
    text = TEXT.replace("body: 张店区人民政府科苑街道办事处", "body: 张店区人民政府科苑街道办事处𠀾")
    path = tmp_path / "gb.yaml"
    path.write_bytes(text.encode("gb18030"))
    assert load(path).body.endswith("𠀾")


def test_damaged_utf8_is_refused_not_read_as_gbk(tmp_path: Path) -> None:
    raw = bytearray(TEXT.encode("utf-8"))
    pos = raw.index("科苑街道严格".encode())
    raw[pos + 1] = 0x41  # break one multi-byte sequence
    path = tmp_path / "damaged.yaml"
    path.write_bytes(bytes(raw))
    with pytest.raises(govreport.InputError, match=r"第 9 行第 5 列.*不是有效的 UTF-8：文件似乎是 UTF-8 但已损坏"):
        load(path)


def test_big5_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big5.yaml"
    path.write_bytes("body: 臺北市政府\nyear: 2016\ntitle: 政府資訊公開年報\n".encode("big5"))
    with pytest.raises(govreport.InputError, match="无法确定编码"):
        load(path)


# -- size ----------------------------------------------------------------------------------------


def test_size_limit_api(tmp_path: Path) -> None:
    assert DEFAULT_MAX_BYTES == 10 * 1024 * 1024
    with pytest.raises(govreport.InputError, match=r"文件过大（\d+ 字节，上限 1000 字节"):
        load(SAMPLE, max_bytes=1000)
    with pytest.raises(govreport.InputError, match="输入过大"):
        load(TEXT, max_bytes=1000)
    load(SAMPLE, max_bytes=SAMPLE.stat().st_size)
    for bad in (0, -1, True):
        with pytest.raises(govreport.InputError, match="大小上限应为 1 到"):
            load(SAMPLE, max_bytes=bad)


def test_default_limit_refuses_eleven_megabytes(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as fh:
        fh.truncate(11 * 1024 * 1024)
    with pytest.raises(govreport.InputError, match="文件过大"):
        load(path)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_endless_device_is_refused_without_reading() -> None:
    with pytest.raises(govreport.InputError, match="不是普通文件"):
        load(Path("/dev/zero"), max_bytes=4096)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_refused_instead_of_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "report.yaml"
    os.mkfifo(fifo)  # nobody writes to it: opening it for reading would block forever
    with pytest.raises(govreport.InputError, match="不是普通文件") as info:
        load(fifo)
    assert info.value.problems[0].code == "not-a-file"
    result = runner.invoke(app, ["check", str(fifo), "--previous", str(fifo)])
    assert result.exit_code == 2


def test_parse_size() -> None:
    assert parse_size("10MB") == 10 * 1024 * 1024
    assert parse_size("512kb") == 512 * 1024
    assert parse_size("2048") == 2048
    assert parse_size("1.5 MB") == int(1.5 * 1024 * 1024)


@pytest.mark.parametrize("command", ["check", "render"])
def test_cli_max_size(command: str, tmp_path: Path) -> None:
    extra = ["-f", "html", "-o", str(tmp_path / "out")] if command == "render" else []
    small = runner.invoke(app, [command, str(SAMPLE), "--max-size", "1KB", *extra])
    assert small.exit_code == 2
    assert "上限 1024 字节" in small.stderr
    assert not (tmp_path / "out").exists()
    ok = runner.invoke(app, [command, str(SAMPLE), "--max-size", "20MB", *extra])
    assert ok.exit_code == 0, ok.output
    bad = runner.invoke(app, [command, str(SAMPLE), "--max-size", "lots", *extra])
    assert bad.exit_code == 2
    assert "无效的大小" in bad.output


# -- files that are not files ------------------------------------------------------------------


def test_unreadable_sources(tmp_path: Path) -> None:
    with pytest.raises(govreport.InputError, match="是目录"):
        load(tmp_path)
    with pytest.raises(govreport.InputError, match="找不到文件"):
        load(tmp_path / "nope.yaml")
    with pytest.raises(govreport.InputError, match=r"文件名无效|找不到文件"):
        load(Path("a\x00b.yaml"))
    long = tmp_path / ("长" * 200 + ".yaml")
    with pytest.raises(govreport.InputError, match=r"无法读取|找不到文件"):
        load(long)


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads everything")
def test_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text(TEXT, "utf-8")
    path.chmod(0)
    with pytest.raises(govreport.InputError, match="无权读取"):
        load(path)


def test_text_and_paths_are_told_apart() -> None:
    assert load("body: 某机关\nyear: 2016").body == "某机关"
    with pytest.raises(govreport.InputError, match="不支持 YAML 标签"):
        load('body: !!python/object/apply:os.system ["echo a/b"]')


# -- YAML hazards ----------------------------------------------------------------------------------


def test_billion_laughs_is_refused_at_once() -> None:
    lol = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n" for p, c in _PAIRS)
    start = time.monotonic()
    with pytest.raises(govreport.InputError, match="锚点/别名"):
        load(lol)
    assert time.monotonic() - start < 1


DEEP = ["[" * 50_000 + "]" * 50_000, "a:\n" + "".join(" " * i + "- \n" for i in range(1, 3000)),
        '{"a": ' * 5000 + "1" + "}" * 5000]


@pytest.mark.parametrize("text", DEEP)
def test_deep_nesting_is_refused_without_recursion_error(text: str) -> None:
    with pytest.raises(govreport.InputError, match=r"嵌套层次过深|YAML/JSON 格式错误"):
        load(text)


def test_duplicate_keys_are_refused() -> None:
    with pytest.raises(govreport.InputError, match="第 3 行：键「year」重复（第 2 行已有）"):
        load("body: 某机关\nyear: 2016\nyear: 2017\n")
    with pytest.raises(govreport.InputError, match="键「year」重复"):
        load('{"body": "某机关", "year": 2016, "year": 2017}')
    with pytest.raises(govreport.InputError, match="「year」与「年度」是同一个字段"):
        load({"body": "某机关", "year": 2016, "年度": 2017})


# -- control characters ----------------------------------------------------------------------------


def test_control_character_position_is_line_and_column() -> None:
    with pytest.raises(govreport.InputError, match=r"第 2 行第 7 列：含有控制字符 U\+001B"):
        load("body: 某机关\nyear: \x1b2016\n")


def test_tab_newline_and_crlf_are_fine() -> None:
    report = load("body: 某机关\r\nyear: 2016\r\npreamble:\r\n  - \"电话 a\\tb\tc\"\r\n")
    assert report.preamble == ["电话 a\tb\tc"]


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x0b", "\x1f", "\x7f", "\x85", "\ud800", "\ufffe"])
def test_escaped_control_characters_are_refused_with_the_field(char: str) -> None:
    data = {"body": "某机关", "year": 2016, "sections": [{"heading": "概述", "content": [f"正文{char}。"]}]}
    where = "章节（sections） → 第1项「概述」 → 内容（content） → 第1项"
    with pytest.raises(govreport.InputError, match=rf"{where}：第 3 个字符.*U\+{ord(char):04X}"):
        load(data)


# -- messages ----------------------------------------------------------------------------------------


def test_field_path_uses_the_users_own_keys() -> None:
    zh = ("发布机关: 某机关\n年度: 2016\n章节:\n  - 标题: 概述\n    内容:\n"
          "      - 标题: 小标题\n        内容: [5, [1]]\n")
    with pytest.raises(govreport.InputError) as info:
        load(zh)
    assert "章节 → 第1项「概述」 → 内容 → 第1项「小标题」 → 内容 → 第1项：应为文字或键值对" in info.value.message
    assert "（另有 1 处错误）" in info.value.message
    en = "body: 某机关\nyear: 2016\nsections:\n  - heading: 概述\n    content:\n      - heading: ''\n"
    with pytest.raises(govreport.InputError) as info:
        load(en)
    where = "章节（sections） → 第1项「概述」 → 内容（content） → 第1项 → 标题（heading）"
    assert f"{where}：不能为空" in info.value.message


def test_validation_message_without_data_still_reads() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError) as info:
        govreport.Report.model_validate({"body": "x", "year": "二〇一六"})
    msg = validation_message(info.value, "报告")
    assert msg.startswith("报告：年度")
    assert "应为整数" in msg


# -- hostile text in file names and messages ------------------------------------------------------------


def test_markup_in_file_names_is_printed_literally(tmp_path: Path) -> None:
    bad = tmp_path / "[bold]x[red].yaml"
    bad.write_text("- 不是报告\n", "utf-8")
    result = runner.invoke(app, ["check", str(bad)])
    assert result.exit_code == 2
    assert "[bold]x[red].yaml" in result.stderr
    good = tmp_path / "[bold]ok.yaml"
    good.write_text(TEXT, "utf-8")
    result = runner.invoke(app, ["check", str(good)])
    assert result.exit_code == 0, result.output
    assert "[bold]ok.yaml" in result.stdout
    # "[/" in a path would be a closing tag to rich: it must not crash the message
    (tmp_path / "a[").mkdir()
    missing = tmp_path / "a[" / "b].yaml"
    for command in ("check", "render"):
        result = runner.invoke(app, [command, str(missing), "-o" if command == "render" else "--format",
                                     str(tmp_path / "o") if command == "render" else "text"])
        assert result.exit_code == 2, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert "a[/b].yaml" in result.stderr


def test_markup_in_report_values_is_printed_literally() -> None:
    with pytest.raises(govreport.InputError) as info:
        load({"body": "某机关", "year": 2016, "[bold red]x[/]": 1})
    assert "[bold red]x[/]" in info.value.message


@pytest.mark.parametrize("sep", ["\u2028", "\u2029", "\n"])
def test_messages_stay_on_one_line(sep: str, tmp_path: Path) -> None:
    """Found by fuzzing: a line separator inside a quoted value split the one-line message."""
    path = tmp_path / "r.json"
    path.write_text(json.dumps({"body": "某机关", "year": 2016, "published": f"{sep}2017-03-20"}), "utf-8")
    with pytest.raises(govreport.InputError) as info:
        load(path)
    assert len(info.value.message.splitlines()) == 1
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1


def test_every_single_report_string_is_normalised() -> None:
    """One mechanism (model.blocks.Text) for every single string: the signature and attachment titles
    were left with the stray space between Chinese characters that headings lose."""
    from _statutory import raw

    data = raw("example-gb2021.yaml")
    data["signature"] = {"署名": "某 局", "日期": "2025-01-20"}
    data["attachments"] = [{"标题": "附 表", "标签": "附 件", "内容": ["x"]}]
    data["contact"] = {"联系单位": "某 局 办公室"}
    report = govreport.load(data)
    assert report.signature is not None
    assert report.signature.body == "某局"
    assert (report.attachments[0].title, report.attachments[0].label) == ("附表", "附件")
    assert report.contact is not None
    assert report.contact.unit == "某局办公室"

"""Messages in two languages: the catalogs are complete, and the language follows --lang or the locale."""

from __future__ import annotations

import ast
import datetime as dt
import re
import runpy
import string
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from typer.testing import CliRunner

from govreport import i18n
from govreport.cli import app

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def _update_catalogs() -> dict[str, Any]:
    return runpy.run_path(str(ROOT / "scripts" / "update_catalogs.py"))


def _read(locale: str) -> Catalog:
    path = i18n.catalog_path(locale)
    assert path.is_file(), f"the {locale} catalog is missing: {path}"
    with path.open("rb") as fh:
        return read_po(fh, locale=locale, domain=i18n.DOMAIN)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def problems(template: Catalog, catalog: Catalog, *, translated: bool) -> list[str]:
    """What is wrong with ``catalog`` against the messages extracted from the source."""
    out: list[str] = []
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id, message.context)
        if found is None:
            out.append(f"missing: {message.id!r}")
            continue
        if not translated:
            continue
        texts = found.string if isinstance(found.string, tuple | list) else (found.string,)
        if found.fuzzy or not all(texts):
            out.append(f"untranslated{' (fuzzy)' if found.fuzzy else ''}: {message.id!r}")
            continue
        ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
        wanted = set().union(*(_fields(i) for i in ids))
        for text in texts:  # a translation may leave a placeholder out, never add one (KeyError)
            if not _fields(text) <= wanted:
                out.append(f"placeholders {sorted(_fields(text))} ⊄ {sorted(wanted)}: {message.id!r}")
    extracted = {m.id if not isinstance(m.id, list) else tuple(m.id) for m in template if m.id}
    out += [f"obsolete (not in the source): {m.id!r}" for m in catalog if m.id and m.id not in extracted]
    return out


@pytest.fixture(scope="module")
def template() -> Catalog:
    catalog: Catalog = _update_catalogs()["extract"]()
    return catalog


def test_messages_are_extracted(template: Catalog) -> None:
    ids = [m.id for m in template if m.id]
    assert len(ids) >= 2
    assert "不支持的语言：{lang}（可用：zh_CN、en）" in ids


def test_english_catalog_is_complete(template: Catalog) -> None:
    found = problems(template, _read("en"), translated=True)
    assert not found, "fix src/govreport/locale/en/LC_MESSAGES/govreport.po " \
        "(python scripts/update_catalogs.py, then translate):\n" + "\n".join(found)


def test_chinese_catalog_exists_and_is_current(template: Catalog) -> None:
    found = problems(template, _read("zh_CN"), translated=False)
    assert not found, "run python scripts/update_catalogs.py:\n" + "\n".join(found)


def test_an_untranslated_message_is_caught() -> None:
    """The completeness check itself: a message added to the source without a translation fails it."""
    en = _read("en")
    added = Catalog(locale=None, domain=i18n.DOMAIN)
    for message in en:
        if message.id:
            added.add(message.id, None, context=message.context)
    added.add("新加的消息：{x}")
    assert problems(added, en, translated=True) == ["missing: '新加的消息：{x}'"]
    en.add("新加的消息：{x}", "")
    assert problems(added, en, translated=True) == ["untranslated: '新加的消息：{x}'"]
    en["新加的消息：{x}"].string = "a new message: {y}"
    assert problems(added, en, translated=True) == ["placeholders ['y'] ⊄ ['x']: '新加的消息：{x}'"]


# --- choosing the language --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [("en", "en"), ("en_US.UTF-8", "en"), ("en-GB", "en"), ("EN_us", "en"), ("zh", "zh_CN"),
     ("zh_CN.UTF-8", "zh_CN"), ("zh-Hans", "zh_CN"), ("zh_TW", "zh_CN"), ("fr_FR", None), ("C", None),
     ("", None)],
)
def test_normalize_locale(name: str, expected: str | None) -> None:
    assert i18n.normalize_locale(name) == expected


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "zh_CN"),
        ({"LANG": "C.UTF-8"}, "zh_CN"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "zh_CN.UTF-8"}, "zh_CN"),
        ({"LANG": "de_DE.UTF-8"}, "zh_CN"),
        ({"LC_MESSAGES": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LC_ALL": "zh_CN.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"}, "zh_CN"),
        ({"LANGUAGE": "en_US:zh_CN", "LC_ALL": "zh_CN.UTF-8"}, "en"),
        ({"LANGUAGE": "", "LANG": "en_US.UTF-8"}, "en"),
        ({"GOVREPORT_LANG": "zh_CN", "LANG": "en_US.UTF-8"}, "zh_CN"),
        ({"GOVREPORT_LANG": "en", "LANG": "zh_CN.UTF-8"}, "en"),
    ],
)
def test_locale_from_env(env: dict[str, str], expected: str) -> None:
    assert i18n.locale_from_env(env) == expected


def test_set_locale_and_translation() -> None:
    msgid = "不支持的语言：{lang}（可用：zh_CN、en）"
    assert i18n.get_locale() == "zh_CN"
    assert i18n._(msgid) == msgid
    with i18n.using_locale("en_US") as name:
        assert name == "en"
        assert i18n._(msgid).format(lang="xx") == "unsupported language: xx (available: zh_CN, en)"
        assert i18n._("没有翻译的文字") == "没有翻译的文字"
    assert i18n.get_locale() == "zh_CN"
    with pytest.raises(ValueError, match="unsupported language"):
        i18n.set_locale("fr")


def test_ngettext_without_catalog_entry_uses_the_source_forms() -> None:
    assert i18n.ngettext("一个", "多个", 1) == "一个"
    assert i18n.ngettext("一个", "多个", 2) == "多个"


def test_dates_and_numbers_through_babel() -> None:
    day = dt.date(2017, 1, 20)
    assert i18n.format_date(day) == "2017年1月20日"
    assert i18n.format_number(Decimal("96171.6")) == "96171.6"
    assert i18n.format_number(Decimal("12.50")) == "12.50"
    assert i18n.format_number(447228) == "447228"
    assert i18n.format_number(-3) == "-3"
    with i18n.using_locale("en"):
        assert i18n.format_date(day) == "January 20, 2017"
        assert i18n.format_number(Decimal("96171.60")) == "96,171.60"
        assert i18n.format_number(447228) == "447,228"


# --- the CLI ----------------------------------------------------------------------------------


def test_cli_rejects_an_unknown_language() -> None:
    result = runner.invoke(app, ["--lang", "fr", "schema"])
    assert result.exit_code == 2
    assert "不支持的语言：fr" in result.output


def test_cli_lang_option_and_environment_select_the_language(monkeypatch: pytest.MonkeyPatch) -> None:
    result = runner.invoke(app, ["--lang", "en", "schema"])
    assert result.exit_code == 0
    assert i18n.get_locale() == "en"
    monkeypatch.delenv("GOVREPORT_LANG", raising=False)
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert runner.invoke(app, ["schema"]).exit_code == 0
    assert i18n.get_locale() == "zh_CN"
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert runner.invoke(app, ["schema"]).exit_code == 0
    assert i18n.get_locale() == "en"
    assert runner.invoke(app, ["--lang", "zh_CN", "schema"]).exit_code == 0
    assert i18n.get_locale() == "zh_CN"


def test_catalogs_are_package_data() -> None:
    for locale in i18n.LOCALES:
        path = i18n.catalog_path(locale)
        assert path.is_file()
        assert re.search(r"/govreport/locale/[^/]+/LC_MESSAGES/govreport\.po$", path.as_posix())


# --- check messages -------------------------------------------------------------------------------

#: One fixture per check code (fixtures/invalid/<CODE>.yaml); the input-* files do not load at all.
INVALID = sorted(p for p in (ROOT / "fixtures" / "invalid").glob("*.yaml") if p.stem.isupper())


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_every_finding_has_an_english_message(path: Path) -> None:
    import govreport

    report = govreport.load(path)
    previous_path = path.with_name(f"{path.stem}.previous.yaml")
    previous = govreport.load(previous_path) if previous_path.exists() else None
    chinese = govreport.check(report, previous)
    with i18n.using_locale("en"):
        english = govreport.check(report, previous)
    assert chinese
    assert [f.code for f in english] == [f.code for f in chinese]
    assert [f.location for f in english] == [f.location for f in chinese]
    for zh, en in zip(chinese, english, strict=True):
        assert re.search(r"[\u4e00-\u9fff]", zh.message), zh.message  # Chinese by default (the API contract)
        assert en.message != zh.message
        assert re.search(r"[A-Za-z]{3,}", en.message), en.message


def test_check_json_carries_the_code_and_the_message_in_the_chosen_language() -> None:
    import json

    path = ROOT / "fixtures" / "invalid" / "T3-BALANCE.yaml"
    zh = runner.invoke(app, ["check", str(path), "--format", "json"])
    en = runner.invoke(app, ["--lang", "en", "check", str(path), "--format", "json"])
    assert zh.exit_code == en.exit_code == 1
    zh_finding = json.loads(zh.stdout)["findings"][0]
    en_finding = json.loads(en.stdout)["findings"][0]
    assert zh_finding["code"] == en_finding["code"] == "T3-BALANCE"
    assert zh_finding["message"].startswith("表三「")
    assert en_finding["message"].startswith("Table 3, column")


def test_check_titles_are_translated() -> None:
    from govreport.checks import CHECKS

    english = i18n.translations("en")
    untranslated = [code for code, info in CHECKS.items() if info.title_zh not in english]
    assert not untranslated, f"mark these titles with N_() in checks/registry.py and translate them: {untranslated}"
    info = CHECKS["T3-BALANCE"]
    assert info.title == info.title_zh
    with i18n.using_locale("en"):
        assert info.title.startswith("Table 3 does not balance")


# --- no message bypasses the catalog ---------------------------------------------------------------

SRC = ROOT / "src" / "govreport"
#: Modules whose messages go through the catalog (the rest still carry "中文 (English)" strings).
#: checks/registry.py holds titles (N_, tested below) and legal citations (data, f-strings allowed);
#: model/templates.py and compose/ write Chinese report content (templates, contact sentences), not
#: messages; their few messages are checked by the catalog test like all others.
MESSAGE_MODULES = sorted(
    [p for p in (SRC / "checks").glob("*.py") if p.name != "registry.py"]
    + [*(SRC / "style").glob("*.py"), *(SRC / "renderers" / "pdf").glob("*.py")]
    + [*(SRC / "cli").glob("*.py")]
    # readers/_statutory.py and readers/export.py write report content (a title, a contact sentence, the YAML
    # an import writes), like compose/ and model/templates.py; their messages are checked by the catalog test.
    + [p for p in (SRC / "readers").glob("*.py") if p.name not in ("_statutory.py", "export.py")]
    + [SRC / name for name in ("output.py", "errors.py", "batch.py", "__init__.py", "i18n.py", "_clihelp.py")]
    + [SRC / "renderers" / "base.py", SRC / "model" / "tables.py", SRC / "model" / "messages.py"]
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_TRANSLATORS = {"_", "N_", "gettext", "ngettext"}
_SINK = re.compile(r"(Error|Problem|BadParameter)$")


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _untranslated(node: ast.AST) -> list[ast.AST]:
    """Chinese literals in ``node`` that are not inside ``_()``/``N_()``/``ngettext()``."""
    if isinstance(node, ast.Call) and _name(node.func) in _TRANSLATORS:
        return [a for a in ast.walk(node) if isinstance(a, ast.JoinedStr) and _CJK.search(ast.unparse(a))]
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and _CJK.search(node.value):
        return [node]
    if isinstance(node, ast.JoinedStr) and _CJK.search(ast.unparse(node)):
        return [node]
    return [bad for child in ast.iter_child_nodes(node) for bad in _untranslated(child)]


def untranslated_messages(source: str, filename: str) -> list[str]:
    """Messages (finding texts, exception and console messages, help) written in Chinese but not
    through the catalog, and f-strings with Chinese (which no catalog can translate)."""
    tree = ast.parse(source, filename)
    out: list[ast.AST] = []
    regex_args: set[int] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "re":
            regex_args.update(id(a) for arg in node.args for a in ast.walk(arg))
            continue
        name = _name(func)
        if name in ("error", "warning") and len(node.args) >= 2:
            out += _untranslated(node.args[1])
        elif _SINK.search(name) or name == "print":
            out += [bad for arg in node.args for bad in _untranslated(arg)]
        out += [bad for kw in node.keywords if kw.arg in ("message", "error", "help")
                for bad in _untranslated(kw.value)]
    for node in ast.walk(tree):  # an f-string with Chinese is never translatable
        if isinstance(node, ast.JoinedStr) and id(node) not in regex_args and _CJK.search(ast.unparse(node)):
            out.append(node)
    found = {(getattr(n, "lineno", 0), ast.unparse(n)[:60]) for n in out}
    return [f"{filename}:{line}: {text}" for line, text in sorted(found)]


def gettext_shadowed(source: str, filename: str) -> list[str]:
    """Assignments to ``_`` in a module that uses ``_()``: ``for key, _ in …`` makes ``_`` a local
    name for the whole function, and the next ``_("…")`` there calls the wrong thing."""
    tree = ast.parse(source, filename)
    if not any(isinstance(n, ast.ImportFrom) and n.module == "govreport.i18n" and any(a.name == "_" for a in n.names)
               for n in ast.walk(tree)):
        return []
    in_comprehension = {id(n) for c in ast.walk(tree) if isinstance(c, ast.comprehension) for n in ast.walk(c.target)}
    return [
        f"{filename}:{n.lineno}"
        for n in ast.walk(tree)
        if isinstance(n, ast.Name) and n.id == "_" and isinstance(n.ctx, ast.Store) and id(n) not in in_comprehension
    ]


def test_gettext_is_never_shadowed() -> None:
    found = [
        problem
        for path in sorted(SRC.rglob("*.py"))
        for problem in gettext_shadowed(path.read_text("utf-8"), path.relative_to(ROOT).as_posix())
    ]
    assert not found, "rename these throwaway variables (not _):\n" + "\n".join(found)
    assert gettext_shadowed("from govreport.i18n import _\nfor k, _ in x: pass\n", "x.py") == ["x.py:2"]
    assert gettext_shadowed("from govreport.i18n import _\ny = [k for k, _ in x]\n", "x.py") == []


def test_no_message_bypasses_the_catalog() -> None:
    found = [
        problem
        for path in MESSAGE_MODULES
        for problem in untranslated_messages(path.read_text("utf-8"), path.relative_to(ROOT).as_posix())
    ]
    assert not found, "wrap these messages in _() (and add their translation):\n" + "\n".join(found)


@pytest.mark.parametrize(
    ("code", "bad"),
    [
        ('raise InputError("找不到文件")', True),
        ('raise InputError(f"找不到文件 {p}")', True),
        ('raise InputError(_("找不到文件 {p}").format(p=p))', False),
        ('raise InputError(_(f"找不到文件 {p}"))', True),
        ('out.append(error("CODE", f"表三「{r}」行"))', True),
        ('out.append(error("CODE", _("表三「{r}」行").format(r=r), table="表三"))', False),
        ('err.print("已写入")', True),
        ('x = re.compile(rf"收到{a}件")', False),
        ('label = f"{a}件"', True),
        ('TABLE = "表三"', False),
    ],
)
def test_untranslated_message_detection(code: str, bad: bool) -> None:
    assert bool(untranslated_messages(code, "x.py")) is bad


# --- the CLI in English ---------------------------------------------------------------------------

INPUTS = sorted((ROOT / "fixtures" / "invalid").glob("input-*"))


@pytest.mark.parametrize("path", INPUTS, ids=[p.name for p in INPUTS])
def test_bad_input_gives_one_english_line(path: Path) -> None:
    zh = runner.invoke(app, ["check", str(path)])
    en = runner.invoke(app, ["--lang", "en", "check", str(path)])
    assert en.exit_code == zh.exit_code == 2
    lines = [ln for ln in en.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, en.stderr
    assert lines[0].startswith("Error: "), lines[0]
    assert lines[0] != zh.stderr.strip()
    # What remains Chinese is quoted from the input or is an official name, never our own wording.
    for word in ("错误", "应为", "缺少", "不能", "第 ", "无效", "文件", "字段", "嵌套", "控制字符"):
        assert word not in lines[0].replace(path.read_text("utf-8", errors="replace"), ""), (word, lines[0])


def test_check_text_output_in_english() -> None:
    path = ROOT / "fixtures" / "invalid" / "T3-BALANCE.yaml"
    result = runner.invoke(app, ["--lang", "en", "check", str(path)], terminal_width=200)
    assert result.exit_code == 1
    assert "check results" in result.stdout
    for column in ("Severity", "Code", "Location", "Message"):
        assert column in result.stdout
    assert "T3-BALANCE" in result.stdout
    assert re.search(r"\d+ error\(s\), \d+ warning\(s\)\.", result.stdout)
    clean = runner.invoke(app, ["--lang", "en", "check", str(ROOT / "fixtures" / "keyuan-2016.yaml")])
    assert clean.stdout.strip() == "keyuan-2016.yaml: no problems found."


def test_help_follows_the_language() -> None:
    zh = runner.invoke(app, ["--help"], terminal_width=200)
    assert "政府信息公开工作年度报告：校验与 GB/T 9704 版式输出" in zh.stdout
    assert "出错时显示完整的 Python 回溯" in zh.stdout
    en = runner.invoke(app, ["--lang", "en", "--help"], terminal_width=200)
    assert "Annual reports on government information disclosure" in en.stdout
    assert "Show the full Python traceback on errors." in en.stdout
    assert "Check a report" in en.stdout  # the list of commands
    assert "出错时" not in en.stdout
    sub = runner.invoke(app, ["--lang", "en", "render", "--help"], terminal_width=200)
    assert "Output formats, comma-separated" in sub.stdout
    assert "A folder of licensed fonts" in sub.stdout
    again = runner.invoke(app, ["render", "--help"], terminal_width=200)  # the msgids were put back
    assert "输出格式，逗号分隔" in again.stdout


def test_english_locale_in_a_real_process(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("GOVREPORT_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env["LANG"] = "en_US.UTF-8"
    env["PYTHONPATH"] = str(ROOT / "src")
    missing = tmp_path / "missing.yaml"
    res = subprocess.run([sys.executable, "-m", "govreport", "check", str(missing)], env=env,
                         capture_output=True, text=True, check=False)
    assert res.returncode == 2
    assert res.stderr.strip() == f"Error: file not found: {missing}"
    env["LANG"] = "zh_CN.UTF-8"
    res = subprocess.run([sys.executable, "-m", "govreport", "check", str(missing)], env=env,
                         capture_output=True, text=True, check=False)
    assert res.stderr.strip() == f"错误：找不到文件 {missing}"


def test_render_many_workers_speak_the_callers_language(tmp_path: Path) -> None:
    import govreport

    bad = ROOT / "fixtures" / "invalid" / "T3-BALANCE.yaml"
    with i18n.using_locale("en"):
        results = govreport.render_many([bad, bad], "html", tmp_path, workers=2)
    assert [r.exit_code for r in results] == [1, 1]
    assert all(r.error is not None and r.error.startswith("the report has") for r in results), results
    results = govreport.render_many([bad, bad], "html", tmp_path, workers=2)
    assert all(r.error is not None and r.error.startswith("报告有") for r in results)


def test_format_number_holds_numbers_beyond_28_digits() -> None:
    from govreport.i18n import format_number, using_locale

    assert format_number(-10**28) == "-1" + "0" * 28
    with using_locale("en"):
        assert format_number(10**30) == "1," + ",".join(["000"] * 10)

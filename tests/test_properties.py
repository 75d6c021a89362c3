"""Property-based tests (hypothesis).

1. Random valid legacy reports render in every format, and every printed string of the document
   is found, in order, in the text extracted from the HTML, the DOCX and the PDF.
2. Random mutations of a valid report (dropped keys, wrong types, junk strings, huge numbers, deep
   nesting, control characters, invalid UTF-8 bytes) give a report, findings, or exit 2 / InputError:
   never an unhandled exception, through the API and through the CLI.

Examples are small and few so that the suite stays fast (a PDF takes about 0.2 s).
"""

from __future__ import annotations

import copy
import json
import os
import string
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import govreport
from conftest import FIXTURES, assert_in_order, squash
from govreport.cli import app
from govreport.errors import GovReportError, InputError
from test_skeleton import docx_text, html_text, pdf_text

runner = CliRunner()
#: GOVREPORT_FUZZ=50 multiplies every example count (a long fuzzing run; the default keeps CI fast).
SCALE = max(1, int(os.environ.get("GOVREPORT_FUZZ", "1")))
FAST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# -- valid reports -------------------------------------------------------------------------------

def _gb2312_level1() -> str:
    """The 3755 common hanzi of GB 2312 level 1 (every CJK font covers them)."""
    return "".join(bytes([hi, lo]).decode("gb2312") for hi in range(0xB0, 0xD8) for lo in range(0xA1, 0xFF)
                   if (hi, lo) < (0xD7, 0xFA))


HAN = _gb2312_level1()
ALPHABET = HAN + "，。；：、（）《》“”？！%" + string.ascii_letters + string.digits + "<>&{}'\"/=*-_"

words = st.text(alphabet=ALPHABET, min_size=1, max_size=30).map(str.strip).filter(bool)
short = st.text(alphabet=HAN + string.ascii_letters + "《》（）", min_size=1, max_size=14).map(str.strip).filter(bool)


def _blocks(depth: int) -> st.SearchStrategy[list[Any]]:
    para = words
    if depth >= 3:  # sections are level 1; sub-headings go to level 4
        return st.lists(para, min_size=1, max_size=3)
    sub = st.fixed_dictionaries({"heading": short, "content": st.deferred(lambda: _blocks(depth + 1))})
    return st.lists(st.one_of(para, para, sub), min_size=1, max_size=3)


reports = st.fixed_dictionaries(
    {
        "body": short,
        "year": st.integers(2008, 2018),
        "preamble": st.lists(words, max_size=2),
        "sections": st.lists(st.fixed_dictionaries({"heading": short, "content": _blocks(1)}), min_size=1,
                             max_size=3),
    },
    optional={
        "published": st.dates().filter(lambda d: 2009 <= d.year <= 2019),
        "contact": st.fixed_dictionaries(
            {"unit": short}, optional={"phone": st.from_regex(r"0[0-9]{3}-[0-9]{7}", fullmatch=True)}
        ),
        "title": words,
    },
)


@settings(FAST, max_examples=12 * SCALE)
@given(data=reports)
def test_valid_reports_round_trip_in_every_format(data: dict[str, Any],
                                                  tmp_path_factory: pytest.TempPathFactory) -> None:
    report = govreport.load(data)
    expected = [squash(t) for t in govreport.to_document(report).iter_text() if squash(t)]
    out = tmp_path_factory.mktemp("prop")
    paths = {p.suffix[1:]: p for p in govreport.render_to(report, out, ["html", "docx", "pdf"], stem="r", force=True)}
    for fmt, extract in (("html", html_text), ("docx", docx_text), ("pdf", pdf_text)):
        assert_in_order(expected, extract(paths[fmt]))


# -- mutations -------------------------------------------------------------------------------------

BASE: dict[str, Any] = {
    "body": "某某街道办事处",
    "year": 2016,
    "published": "2017-03-20",
    "preamble": ["根据《条例》要求，现将2016年度情况报告如下。"],
    "contact": {"unit": "党政办公室", "phone": "0533-1234567", "template": ["联系：{unit}，电话 {phone}。"]},
    "sections": [
        {"heading": "概述", "content": ["正文第一段。", {"heading": "分项情况", "content": ["分项情况下的段落。"]},
                                        {"insert": "contact"}]},
        {"heading": "存在的主要问题及改进情况", "content": ["问题与改进。"]},
    ],
    "attachments": [{"title": "统计表", "content": ["附表说明。"]}],
}

#: The bases mutations start from: a small legacy report and the full gb2021 example (tables).
BASES: list[dict[str, Any]] = [BASE, yaml.safe_load((FIXTURES / "example-gb2021.yaml").read_text("utf-8"))]

junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Co", "Zl", "Zp"]), min_size=1, max_size=4),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
    st.integers(min_value=1, max_value=200).map(lambda n: n * [[]]).map(lambda v: _nest(v[0] if v else [], 0)),
    st.sampled_from(["", " ", "~", "null", "2017-02-30", "gb2030", "9" * 5000, "\x00", "\ud800", "{{ 7*7 }}"]),
    # issue 16: numbers beyond what a report holds, and what people paste
    st.sampled_from(["1e-999999999", "-1e-99999999", "1e999999999", "9" * 4400, "１２", "12,846", "12，846",
                     " 17 ", "1E+3", "0.0000001", "NaN", "-Infinity", "1_000"]),
    st.sampled_from([10**12 + 1, -(10**13), 17.0, 1e300, 2.5]),
)


def _nest(seed: Any, _: int) -> Any:
    value: Any = "深"
    for _i in range(100):
        value = [value]
    return value


def _nodes(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(value, dict):
        for k, v in value.items():
            out.extend(_nodes(v, (*path, k)))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out.extend(_nodes(v, (*path, i)))
    return out


def _get(value: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        value = value[step]
    return value


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    doc = copy.deepcopy(draw(st.sampled_from(BASES)))
    for _ in range(draw(st.integers(1, 3))):
        paths = _nodes(doc)
        path = draw(st.sampled_from(paths))
        op = draw(st.sampled_from(["drop", "replace", "add-key", "control", "stringify"]))
        if not path:
            if op == "replace":
                return draw(junk)  # type: ignore[no-any-return]
            continue
        parent, last = _get(doc, path[:-1]), path[-1]
        if op == "drop":
            del parent[last]
        elif op == "replace":
            parent[last] = draw(junk)
        elif op == "add-key" and isinstance(parent, dict):
            parent[draw(st.one_of(st.text(max_size=8), st.integers()))] = draw(junk)
        elif op == "control" and isinstance(parent[last], str):
            s = parent[last]
            i = draw(st.integers(0, len(s)))
            parent[last] = s[:i] + draw(st.one_of(
                st.sampled_from(["\x00", "\x07", "\x1b", "\x85", "\u2028", "\ufeff", "\u202e", "\u2066"]),
                st.characters(categories=["Cf", "Zl", "Zp", "Zs"]))) + s[i:]
        elif op == "stringify":
            parent[last] = str(parent[last])
    return doc


def _serialise(doc: Any, how: str) -> bytes:
    if how == "json":
        return json.dumps(doc, ensure_ascii=False, default=str).encode("utf-8", errors="surrogatepass")
    try:
        return yaml.safe_dump(doc, allow_unicode=True).encode("utf-8", errors="surrogatepass")
    except (yaml.YAMLError, RecursionError):
        return json.dumps(doc, default=str).encode()


corruption = st.one_of(
    st.just(None),
    st.tuples(st.floats(0, 1), st.sampled_from([b"\xff", b"\xc3", b"\xe4\xb8", b"\x80\x80", b"\x00", b"\xed\xa0\x80"])),
    st.floats(0, 1).map(lambda f: ("truncate", f)),
)


def _corrupt(raw: bytes, how: Any) -> bytes:
    if how is None:
        return raw
    where, what = how
    if where == "truncate":
        return raw[: int(len(raw) * what)]
    i = int(len(raw) * where)
    return raw[:i] + what + raw[i:]


def _api_never_crashes(source: Any) -> None:
    """Only a Report or an InputError from load; then checks and the HTML renderer run, or refuse
    with a report error (1) or an input error (2). Any other exception fails the test."""
    refused: GovReportError | None = None
    try:
        report = govreport.load(source)
    except InputError as exc:
        refused = exc
    if refused is not None:
        assert len(refused.message.splitlines()) == 1  # no \n, \u2028, \x85 …
        assert refused.message.strip()
        return
    govreport.check(report)
    try:
        govreport.render(report, "html")
    except GovReportError as exc:
        refused = exc
    assert refused is None or refused.exit_code in (1, 2)


@settings(FAST, max_examples=300 * SCALE)
@given(doc=mutated())
def test_mutated_dicts_never_crash_the_api(doc: Any) -> None:
    _api_never_crashes(doc if isinstance(doc, dict) else {"body": doc})


@settings(FAST, max_examples=200 * SCALE)
@given(doc=mutated(), how=st.sampled_from(["json", "yaml"]), bad=corruption)
def test_mutated_files_never_crash_the_api(doc: Any, how: str, bad: Any,
                                           tmp_path_factory: pytest.TempPathFactory) -> None:
    path = tmp_path_factory.mktemp("m") / f"r.{how}"
    path.write_bytes(_corrupt(_serialise(doc, how), bad))
    _api_never_crashes(path)


@settings(FAST, max_examples=300 * SCALE)
@given(raw=st.one_of(st.binary(max_size=300),
                     st.text(alphabet="{}[]:,-&*!|>'\"#%@`?\n \t年度body: 2016year\\x0", max_size=80).map(str.encode)))
def test_arbitrary_bytes_never_crash_the_api(raw: bytes, tmp_path_factory: pytest.TempPathFactory) -> None:
    path = tmp_path_factory.mktemp("b") / "r.yaml"
    path.write_bytes(raw)
    _api_never_crashes(path)


def _cli_ok(args: list[str]) -> Any:
    result = runner.invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert "内部错误" not in result.output
    if result.exit_code == 2:
        lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
        assert 1 <= len(lines) <= 21, result.stderr  # every problem on its own line (at most 20, then a count)
        assert all(ln.startswith(("错误：", "……")) for ln in lines), result.stderr
    return result


@settings(FAST, max_examples=60 * SCALE)
@given(doc=mutated(), how=st.sampled_from(["json", "yaml"]), bad=corruption)
def test_mutated_files_through_the_cli(doc: Any, how: str, bad: Any,
                                       tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.mktemp("cli")
    path = folder / f"r.{how}"
    path.write_bytes(_corrupt(_serialise(doc, how), bad))
    checked = _cli_ok(["check", str(path)])
    assert checked.exit_code in (0, 1, 2)
    out = folder / "out"
    rendered = _cli_ok(["render", str(path), "-f", "html,docx", "-o", str(out)])
    assert rendered.exit_code in (0, 1, 2)
    if checked.exit_code == 2:
        assert rendered.exit_code == 2
    written = sorted(p.name for p in out.iterdir()) if out.exists() else []
    assert written == (["r.docx", "r.html"] if rendered.exit_code == 0 else [])


@pytest.mark.parametrize("base", BASES, ids=["legacy", "gb2021"])
def test_base_reports_are_valid(base: dict[str, Any]) -> None:
    report = govreport.load(base)
    assert not [f for f in govreport.check(report) if f.is_error]


_FONTS: list[Any] = []


def _fontset() -> Any:
    if not _FONTS:
        from govreport.style.fonts import resolve_fonts
        from govreport.style.profile import load_profile

        _FONTS.append(resolve_fonts(load_profile("gbt9704")))
    return _FONTS[0]


@settings(FAST, max_examples=150 * SCALE)
@given(chars=st.lists(st.characters(categories=["Cf", "Zl", "Zp", "Zs", "Cc"]), min_size=1, max_size=3),
       field=st.sampled_from(["preamble", "title", "body", "heading", "paragraph"]))
def test_format_and_separator_characters_are_normalised_or_refused(chars: list[str], field: str) -> None:
    """Whatever invisible, separator or control character is typed anywhere: refused naming its code
    point, or gone from the report, and nothing left that no font draws (no box in a PDF)."""
    from govreport.style.fonts import missing_characters

    doc = copy.deepcopy(BASE)
    text = "甲" + "乙".join(chars) + "丙"
    if field == "preamble":
        doc["preamble"] = [text]
    elif field in ("title", "body"):
        doc[field] = text
    elif field == "heading":
        doc["sections"][0]["heading"] = text
    else:
        doc["sections"][0]["content"][0] = text
    try:
        report = govreport.load(doc)
    except InputError as exc:
        message = exc.message
    else:
        message = ""
    if message:
        assert any(f"U+{ord(ch):04X}" in message for ch in chars), message
        return
    printed = list(govreport.to_document(report).iter_text())
    assert not missing_characters({"body": "".join(printed)}, _fontset())


number_text = st.text(alphabet="0123456789０１２３４５６７８９,，.．eE+-－ \u3000", min_size=1, max_size=60)
number_value = st.one_of(number_text, st.integers(), st.floats(), st.decimals(allow_nan=True, allow_infinity=True),
                         st.booleans())


@settings(FAST, max_examples=300 * SCALE)
@given(count=number_value, amount=number_value)
def test_any_number_is_bounded_or_refused_in_one_line(count: Any, amount: Any) -> None:
    """Whatever is typed into a count and an amount: refused with one line, or a value within the
    bounds a report can hold (|x| ≤ 10^12, at most 6 decimals) that the renderers print plainly."""
    from decimal import Decimal

    doc = copy.deepcopy(BASES[1])
    doc["active_disclosure"]["table"]["行政许可"] = count
    doc["active_disclosure"]["table"]["行政事业性收费"] = amount
    try:
        report = govreport.load(doc)
    except InputError as exc:
        message = exc.message
    else:
        message = ""
    if message:
        assert len(message.splitlines()) == 1
        return
    table = report.table2
    assert table is not None
    licensing, fees = table.licensing, table.fees  # type: ignore[union-attr]
    assert licensing is None or (type(licensing) is int and abs(licensing) <= 10**12)
    assert fees is None or (isinstance(fees, Decimal) and fees.is_finite() and abs(fees) <= 10**12)
    if fees is not None:
        assert -6 <= int(fees.as_tuple().exponent) <= 0
    govreport.render(report, "html", force=True)  # a negative number is a finding, not a reason not to print

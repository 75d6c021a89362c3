"""Writes fixtures/invalid/input-*: one bad input per error path of io / model.

Run: python tests/data/make_invalid_corpus.py
"""
import pathlib
import random

out = pathlib.Path(__file__).resolve().parents[2] / "fixtures" / "invalid"
_PAIRS = list(zip("abcdefgh", "bcdefghi", strict=True))
HEAD = "body: 某某街道办事处\nyear: 2016\n"
SEC = "sections:\n  - heading: 概述\n    content:\n      - 本年度工作情况如下。\n"
OK = HEAD + SEC
T21 = "body: 某某县人民政府\nyear: 2023\nactive_disclosure:\n  table:\n"
_rng = random.Random(7)
cases: dict[str, bytes | str] = {
    "input-empty.yaml": "",
    "input-comment-only.yaml": "# 只有注释，没有内容\n",
    "input-top-level-list.yaml": "- body: 某某街道办事处\n- year: 2016\n",
    "input-top-level-string.yaml": "某某街道办事处2016年政府信息公开工作年度报告\n",
    "input-top-level-number.json": "2016\n",
    "input-yaml-syntax.yaml": "body: [某某街道办事处\nyear: 2016\n",
    "input-yaml-tab-indent.yaml": "body: 某某街道办事处\n\tyear: 2016\n",
    "input-json-syntax.json": '{"body": "某某街道办事处" "year": 2016}\n',
    "input-yaml-alias.yaml": "a: &a [\"哈\",\"哈\",\"哈\",\"哈\",\"哈\",\"哈\",\"哈\",\"哈\",\"哈\"]\n"
        + "".join(f"{c}: &{c} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n" for p, c in _PAIRS)
        + HEAD,
    "input-yaml-merge-alias.yaml": "base: &base {year: 2016}\nreport:\n  <<: *base\n  body: 某某街道办事处\n",
    "input-yaml-deep-nesting.yaml": HEAD + "preamble: " + "[" * 200 + "x" + "]" * 200 + "\n",
    "input-json-deep-nesting.json": '{"body": "某某", "year": 2016, "preamble": ' + "[" * 100000 + "]" * 100000 + "}\n",
    "input-json-moderate-nesting.json": '{"body": "某某", "year": 2016, "preamble": ' + "[" * 80 + "]" * 80 + "}\n",
    "input-yaml-python-tag.yaml": HEAD + 'title: !!python/object/apply:os.system ["echo 不应执行"]\n',
    "input-yaml-multiple-documents.yaml": OK + "---\n" + OK,
    "input-yaml-unhashable-key.yaml": HEAD + "? [a, b]\n: c\n",
    "input-yaml-duplicate-key.yaml": HEAD + "body: 另一个机关\n",
    "input-json-duplicate-key.json": '{"body": "某某", "year": 2016, "year": 2017}\n',
    "input-same-field-twice.yaml": HEAD + "发布机关: 某某街道办事处\n",
    "input-bad-date.yaml": HEAD + "published: 2017-02-30\n",
    "input-huge-integer.yaml": "body: 某某\nyear: " + "9" * 5000 + "\n",
    "input-huge-integer.json": '{"body": "某某", "year": ' + "9" * 5000 + "}\n",
    "input-control-char.yaml": HEAD + "preamble:\n  - 本年度\x07工作情况如下。\n",
    "input-control-char-escaped.yaml": HEAD + 'preamble:\n  - "本年度\\x07工作情况如下。"\n',
    "input-nul-escaped.json": '{"body": "某某\\u0000", "year": 2016}\n',
    "input-lone-surrogate.json": '{"body": "某某\\ud800", "year": 2016}\n',
    "input-c1-control.yaml": HEAD + "title: 年度报告\u009b31m\n",
    "input-control-char-in-key.json": '{"body": "某某", "year": 2016, "ti\\u0007tle": "x"}\n',
    "input-utf16-no-bom.yaml": OK.encode("utf-16-le"),
    "input-utf8-damaged.yaml": OK.encode("utf-8").replace("概述".encode(), "概述".encode()[:4] + b"\xff"),
    "input-big5.yaml": ("body: 某某街道辦事處\nyear: 2016\ntitle: 政府資訊公開工作年度報告\n"
                        "preamble:\n  - 本年度政府資訊公開工作情況報告如下。\n").encode("big5"),
    "input-binary.yaml": bytes(_rng.randrange(256) for _ in range(2048)),
    "input-missing-body.yaml": "year: 2016\n" + SEC,
    "input-missing-year.yaml": "body: 某某街道办事处\n" + SEC,
    "input-unknown-key.yaml": HEAD + "bodyy: 拼错的字段\n",
    "input-year-not-integer.yaml": "body: 某某街道办事处\nyear: 二〇一六\n",
    "input-year-out-of-range.yaml": "body: 某某街道办事处\nyear: 1999\n",
    "input-year-fraction.json": '{"body": "某某街道办事处", "year": 2016.5}\n',
    "input-year-infinite.yaml": "body: 某某街道办事处\nyear: .inf\n",
    "input-edition-unknown.yaml": HEAD + "edition: gb2030\n",
    "input-level-unknown.yaml": HEAD + "level: 村\n",
    "input-date-wrong-type.yaml": HEAD + "published: 三月\n",
    "input-sections-not-list.yaml": HEAD + "sections: 概述\n",
    "input-section-not-mapping.yaml": HEAD + "sections:\n  - 概述\n",
    "input-section-missing-heading.yaml": HEAD + "sections:\n  - content:\n      - 正文。\n",
    "input-heading-empty.yaml": HEAD + "sections:\n  - heading: ''\n",
    "input-paragraph-number.yaml": HEAD + "sections:\n  - heading: 概述\n    content:\n      - 123\n",
    "input-paragraph-empty.yaml": HEAD + "sections:\n  - heading: 概述\n    content:\n      - ''\n",
    "input-paragraph-nested-list.yaml": HEAD + "sections:\n  - heading: 概述\n    content:\n      - [一, 二]\n",
    "input-subsection-unknown-key.yaml": HEAD + "sections:\n  - heading: 概述\n    content:\n"
        "      - heading: 小标题\n        contents: [正文。]\n",
    "input-insert-unknown.yaml": HEAD + "sections:\n  - heading: 概述\n    content:\n      - insert: signature\n",
    "input-contact-not-mapping.yaml": HEAD + "contact: 0533-1234567\n",
    "input-contact-template-not-list.yaml": HEAD + "contact:\n  phone: '0533-1234567'\n  template: 电话 {phone}\n",
    "input-non-string-key.yaml": HEAD + "2016: 年度\n",
    "input-bool-key.yaml": HEAD + "yes: 是\n",
    "input-attachment-missing-title.yaml": HEAD + "attachments:\n  - content: [附表内容。]\n",
    "input-signature-date-invalid.yaml": HEAD + "signature:\n  date: 2017-13-01\n",
    # issue 16: one bounded number type (counts and 万元 amounts)
    "input-amount-tiny-exponent.yaml": T21 + "    行政事业性收费: '1e-999999999'\n",
    "input-amount-negative-tiny-exponent.yaml": T21 + "    行政事业性收费: '-1e-99999999'\n",
    "input-amount-huge-exponent.yaml": T21 + "    行政事业性收费: '1e999999999'\n",
    "input-amount-100000-digits.yaml": T21 + "    行政事业性收费: '" + "1" * 100_000 + "'\n",
    "input-count-too-large.yaml": T21 + "    行政许可: 1000000000001\n",
    "input-count-fraction.yaml": T21 + "    行政许可: '3,120.5'\n",
    "input-t3-cell-4400-digits.yaml": T21.replace("active_disclosure", "applications")
        + "    本年新收: [" + "9" * 4400 + ", 0, 0, 0, 0, 0, 0]\n",
    "input-statistics-value-huge-exponent.yaml": HEAD
        + "统计表:\n  指标:\n    - {指标: 收到申请, 单位: 件, 数值: 1e999999999}\n",
    # issue 16: one rule for the characters of a report
    "input-bidi-override.yaml": HEAD + "preamble:\n  - \"本年度共收到申请\\u202e3119\\u202c件。\"\n",
    "input-bidi-isolate-raw.yaml": HEAD + "title: 年度报告\u2067甲乙\u2069\n",
    "input-invisible-operator.json": '{"body": "某某", "year": 2016, "preamble": ["甲\\u2061乙"]}\n',
    "input-object-replacement.yaml": HEAD + "preamble:\n  - 见附图\ufffc。\n",
    "input-format-char-in-key.json": '{"body": "某某", "year": 2016, "ti\\u200etle": "x"}\n',
    "input-invisible-duplicate-key.json": '{"body": "某某", "year": 2016, "title": "x", "ti\\u200btle": "y"}\n',
    # issue 16: explicit YAML tags with values they cannot hold
    "input-yaml-tag-int-empty.yaml": HEAD + 'title: !!int ""\n',
    "input-yaml-tag-bool.yaml": HEAD + "title: !!bool x\n",
    "input-yaml-tag-timestamp.yaml": HEAD + "published: !!timestamp abc\n",
    # issue 16: limits that bound the work of a render
    "input-paragraph-too-long.yaml": HEAD + "preamble:\n  - " + "字" * 20_001 + "\n",
    "input-too-many-paragraphs.yaml": HEAD + "preamble:\n" + "  - 段。\n" * 10_001,
    "input-statistics-too-many-rows.yaml": HEAD + "统计表:\n  指标:\n"
        + "    - {指标: 收到申请, 单位: 件, 数值: 1}\n" * 1_001,
}
for name, content in cases.items():
    data = content.encode("utf-8") if isinstance(content, str) else content
    (out / name).write_bytes(data)
print(len(cases))

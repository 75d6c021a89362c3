"""``govreport schema`` accepts what the loader accepts (Chinese and English keys), in Chinese.

Why (issue 14): the schema rejected the Chinese keys that the template, the docs and every fixture
use (additionalProperties false with only the English names), so editor completion marked every
table as an error.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

import govreport
from _statutory import FIXTURES, clone, raw
from govreport.cli import app
from govreport.model.templates import EDITIONS, new_report_yaml

runner = CliRunner()


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _plain(data: Any) -> Any:
    """What a YAML file is as JSON (dates as the text written)."""
    return json.loads(json.dumps(data, ensure_ascii=False, default=str))


REPORT_FILES = sorted(
    [*FIXTURES.glob("*.yaml"), *(p for p in (FIXTURES / "invalid").glob("*.yaml") if not p.name.startswith("input-"))]
)


@pytest.mark.parametrize("path", REPORT_FILES, ids=[p.name for p in REPORT_FILES])
def test_every_fixture_validates(path: Path, validator: jsonschema.protocols.Validator) -> None:
    govreport.load(path)  # the loader takes it …
    errors = [e.message for e in validator.iter_errors(_plain(yaml.safe_load(path.read_text("utf-8"))))]
    assert errors == []  # … and so does the schema


@pytest.mark.parametrize("edition", EDITIONS)
def test_new_templates_validate(edition: str, validator: jsonschema.protocols.Validator) -> None:
    text = new_report_yaml(edition)
    govreport.load(text)
    assert list(validator.iter_errors(_plain(yaml.safe_load(text)))) == []


def test_carried_template_validates(validator: jsonschema.protocols.Validator) -> None:
    text = new_report_yaml(previous=govreport.load(FIXTURES / "example-gb2021.yaml"))
    assert list(validator.iter_errors(_plain(yaml.safe_load(text)))) == []


@pytest.mark.parametrize(
    "change",
    [
        {"bodyy": "某机关"},  # unknown key
        {"发布机关": "某机关"},  # body given twice (English and Chinese)
        {"year": "二〇二四"},
    ],
)
def test_what_the_loader_refuses_the_schema_refuses(change: dict[str, Any],
                                                    validator: jsonschema.protocols.Validator) -> None:
    data = _plain(raw("minimal-gb2021.yaml")) | change
    with pytest.raises(govreport.InputError):
        govreport.load(data)
    assert list(validator.iter_errors(data))


def test_a_row_of_eight_numbers_is_refused_by_both(validator: jsonschema.protocols.Validator) -> None:
    data = _plain(clone(raw("minimal-gb2021.yaml")))
    data["applications"]["table"]["本年新收"] = [1, 2, 3, 4, 5, 6, 7, 8]
    with pytest.raises(govreport.InputError):
        govreport.load(data)
    assert list(validator.iter_errors(data))


def test_chinese_keys_official_labels_and_short_rows(validator: jsonschema.protocols.Validator) -> None:
    data = _plain(clone(raw("minimal-gb2021.yaml")))
    t3 = data["applications"]["table"]
    t3["一、本年新收政府信息公开申请数量"] = t3.pop("本年新收")[:6]
    data["发布日期"] = "2024年2月5日"
    del data["published"]
    govreport.load(data)
    assert list(validator.iter_errors(data)) == []


def test_titles_and_descriptions_are_chinese() -> None:
    schema = json.loads(runner.invoke(app, ["schema"]).stdout)
    assert schema["title"] == "政府信息公开工作年度报告"
    assert schema["properties"]["body"]["title"] == "发布机关"
    assert schema["properties"]["发布机关"]["title"] == "发布机关"
    t3 = schema["$defs"]["Table3"]
    assert t3["description"].startswith("表三 收到和处理政府信息公开申请情况")
    assert "一、本年新收政府信息公开申请数量" in t3["properties"]


def test_pasted_rows_validate(validator: jsonschema.protocols.Validator) -> None:
    data = _plain(clone(raw("minimal-gb2021.yaml")))
    data["applications"]["table"]["本年新收"] = "10\t2\t0\t0\t0\t0"
    data["applications"]["table"]["上年结转"] = ["1，0，0，0，0，0"]
    govreport.load(data)
    assert list(validator.iter_errors(data)) == []
    data["applications"]["table"]["上年结转"] = "一些文字"
    with pytest.raises(govreport.InputError):
        govreport.load(data)
    assert list(validator.iter_errors(data))

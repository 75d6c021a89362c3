"""The statutory fixtures: the examples pass, and every check code has a fixture that trips it
(fixtures/invalid/<CODE>.yaml, with <CODE>.previous.yaml for the cross-year checks) and fixtures
that pass it."""

from __future__ import annotations

from pathlib import Path

import pytest

from _statutory import FIXTURES, codes, load
from govreport.checks import CHECKS, run_checks
from govreport.model.report import Report

INVALID = FIXTURES / "invalid"


def _invalid(code: str) -> tuple[Report, Report | None]:
    previous = INVALID / f"{code}.previous.yaml"
    # a reading code (READ-*) has a document, not a report file: text copied from a web page
    name = f"invalid/{code}.yaml" if (INVALID / f"{code}.yaml").exists() else f"invalid/{code}.txt"
    return load(name), load(f"invalid/{previous.name}") if previous.exists() else None


PASSING: list[tuple[str, str | None]] = [
    ("minimal-gb2021.yaml", None),
    ("example-gb2021.yaml", None),
    ("example-gb2019.yaml", "example-gb2019-previous.yaml"),
    ("example-gb2019-previous.yaml", None),
]


def test_every_fixture_is_named_after_a_code() -> None:
    # input-* files are the input-layer corpus (tests/test_invalid_corpus.py)
    names = {p.name.split(".")[0] for p in INVALID.iterdir()
             if p.suffix in (".yaml", ".txt") and not p.name.startswith("input-")}
    assert names == set(CHECKS)


@pytest.mark.parametrize("code", sorted(CHECKS))
def test_fixture_trips_its_code_and_nothing_else(code: str) -> None:
    report, previous = _invalid(code)
    findings = run_checks(report, previous)
    assert code in codes(findings)
    assert codes(findings) == {code}
    for finding in findings:
        assert finding.severity is CHECKS[code].severity
        assert finding.message  # Chinese, quoting what is wrong
        assert str(finding.location) or code in {"REPEATED-TEXT"}


@pytest.mark.parametrize("code", sorted(CHECKS))
def test_code_has_passing_fixtures(code: str) -> None:
    passing = []
    for name, previous in PASSING:
        found = run_checks(load(name), load(previous) if previous else None)
        if code not in codes(found):
            passing.append(name)
    assert passing, code
    # the same kind of report as the failing fixture passes: the minimal gb2021 report, or (cross-year)
    # the gb2019 example checked against its previous year
    assert "minimal-gb2021.yaml" in passing
    assert "example-gb2019.yaml" in passing


def test_minimal_report_has_no_findings() -> None:
    assert run_checks(load("minimal-gb2021.yaml")) == []


def test_huaian_passes_every_hard_check() -> None:
    findings = run_checks(load("example-gb2021.yaml"))
    assert [f for f in findings if f.is_error] == []
    # its 总体情况 is 1275 字 (over the “原则上不超过一千字”): the one warning, and a true one
    assert codes(findings) == {"OVERVIEW-LENGTH"}


def test_gb2019_example_and_previous_year_are_clean() -> None:
    assert run_checks(load("example-gb2019.yaml"), load("example-gb2019-previous.yaml")) == []
    assert run_checks(load("example-gb2019-previous.yaml")) == []


def test_gb2019_example_is_the_2019_form() -> None:
    report = load("example-gb2019.yaml")
    assert report.applications is not None
    assert report.applications.table is not None
    assert not report.applications.table.has_other_subrows
    assert len(report.applications.table.data_rows()) == 23


@pytest.mark.parametrize(
    "path", sorted(p for p in FIXTURES.rglob("*.yaml") if "invalid" not in p.parts), ids=lambda p: p.name
)
def test_statutory_fixtures_load(path: Path) -> None:
    report = load(str(path.relative_to(FIXTURES)))
    assert report.edition.statutory or report.sections

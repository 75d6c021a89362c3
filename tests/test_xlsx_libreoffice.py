"""LibreOffice opens every generated workbook and computes the same totals as the values stored in it.

LibreOffice is made to recalculate every formula on load (tests/lo.py), and the values stored in the
converted copies are first overwritten with 999 — so the CSV shows what LibreOffice computed, which must
equal the values the workbook stores (read with openpyxl) and the sums of the cells, added up here.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

import govreport
from govreport.workbook import export_workbook, template_workbook
from lo import LibreOfficeMissing, libreoffice_to_csv, soffice

ROOT = Path(__file__).resolve().parents[1]

try:
    soffice()
except LibreOfficeMissing:  # pragma: no cover
    pytest.skip("LibreOffice is not installed", allow_module_level=True)

pytestmark = pytest.mark.slow


def _poison(data: bytes) -> bytes:
    """The workbook with every stored formula result replaced by 999 (text results by "?")."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            raw = src.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                raw = re.sub(rb"(<f>[^<]*</f><v>)[^<]*(</v>)", rb"\g<1>999\g<2>", raw)
            dst.writestr(info, raw)
    return out.getvalue()


def _csv(path: Path) -> list[list[str]]:
    return list(csv.reader(path.read_text(encoding="utf-8").splitlines()))


def _stored(data: bytes, sheet: str) -> list[list[object]]:
    ws = openpyxl.load_workbook(io.BytesIO(data), data_only=True)[sheet]
    return [[c.value for c in row] for row in ws.iter_rows()]


def _int(text: str) -> int:
    return int(text) if text.strip() else 0


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[bytes, Path]]:
    folder = tmp_path_factory.mktemp("xlsx-lo")
    fixtures = sorted((ROOT / "fixtures").glob("*.yaml"))
    books: dict[str, bytes] = {p.stem: export_workbook(govreport.load(p)) for p in fixtures}
    books |= {f"template-{e}": template_workbook(e) for e in ("gb2021", "gb2019", "legacy")}
    paths = []
    for stem, data in books.items():
        path = folder / f"{stem}.xlsx"
        path.write_bytes(_poison(data))
        paths.append(path)
    out = folder / "csv"
    libreoffice_to_csv(paths, out)
    return {stem: (data, out) for stem, data in books.items()}


def test_libreoffice_opens_every_workbook(converted: dict[str, tuple[bytes, Path]]) -> None:
    for stem, (_data, out) in converted.items():
        sheets = {p.name.removeprefix(f"{stem}-").removesuffix(".csv") for p in out.glob(f"{stem}-*.csv")}
        assert {"基本信息", "正文"} <= sheets, stem


def test_libreoffice_computes_the_stored_totals_of_table3(converted: dict[str, tuple[bytes, Path]]) -> None:
    checked = 0
    for stem, (data, out) in converted.items():
        path = out / f"{stem}-表三.csv"
        if not path.exists():
            continue
        rows = _csv(path)
        stored = _stored(data, "表三")
        for r, row in enumerate(rows):
            if r < 3 or len(row) < 11 or not row[3].strip() or row[0].startswith("勾稽"):
                continue
            parts, total = [_int(x) for x in row[3:9]], _int(row[9])
            assert total == sum(parts), (stem, row)  # LibreOffice's 总计 adds up the six columns
            assert total == (stored[r][9] or 0), (stem, row)  # and is the value the workbook stores
            assert row[10] == "正确", (stem, row)
            checked += 1
        # （七）总计 row: LibreOffice's column sums equal the sum of the result rows above it.
        seven = next(i for i, row in enumerate(rows) if "（七）总计" in row[:3])
        first = next(i for i, row in enumerate(rows) if row[0] == "三、本年度办理结果")
        for c in range(3, 10):
            assert _int(rows[seven][c]) == sum(_int(rows[i][c]) for i in range(first, seven)), (stem, c)
        balance = next(row for row in rows if row[0].startswith("勾稽：一"))
        assert balance[3:10] == ["正确"] * 7, stem
    assert checked >= 5 * 25


def test_libreoffice_computes_the_stored_totals_of_table4(converted: dict[str, tuple[bytes, Path]]) -> None:
    data, out = converted["example-gb2021"]
    rows = _csv(out / "example-gb2021-表四.csv")
    numbers = [_int(x) for x in rows[3][:15]]
    assert numbers == [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20]  # 淮安市 2024 表四
    assert rows[3][15:18] == ["正确"] * 3
    assert [v or 0 for v in _stored(data, "表四")[3][:15]] == numbers

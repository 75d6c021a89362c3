"""Derived numbers: the 总计 a clerk may leave out, computed from the cells they sum.

A 总计 cell left blank (``null``, ``~``, or a row of 表三 written with its six applicant columns only)
is the sum of the cells it totals, when at least one of those is given:

* every row of 表三: 总计 = 自然人 + … + 其他;
* 表三 （七）总计, each column: the sum of the result rows （一）…（六） (an omitted （七）总计 row is
  computed whole);
* every group of 表四: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.

A total that *is* given is never replaced: if it is wrong, the arithmetic checks say so. What was
computed is recorded (:class:`Computed`) and reported by the checks (``TOTAL-COMPUTED``, info).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from govreport.model.tables import (
    T3_COLUMNS,
    T3_OTHER_SINGLE,
    T3_TOTAL,
    T4_COLUMNS,
    Count,
    OtherProcessing,
    RowSpec,
    Table3,
    Table4,
)


@dataclass(frozen=True, slots=True)
class Computed:
    """One total computed because it was left blank: table, row (official label), column, value, and
    where it is in the data (``("applications", "table", "new", 6)``)."""

    table: str
    row: str
    column: str
    value: int
    path: tuple[str | int, ...] = ()


def _row_total(cells: tuple[Count, ...]) -> tuple[tuple[Count, ...], bool]:
    *parts, total = cells
    if total is not None or all(c is None for c in parts):
        return cells, False
    return (*parts, sum(c or 0 for c in parts)), True


def fill_table3(t3: Table3) -> tuple[Table3, list[Computed]]:
    """``t3`` with its blank 总计 cells computed, and what was computed."""
    done: list[Computed] = []

    def fill(spec: RowSpec, cells: tuple[Count, ...]) -> tuple[Count, ...]:
        new, changed = _row_total(cells)
        if changed:
            where = ("other",) if spec is T3_OTHER_SINGLE else spec.path
            done.append(Computed("表三", spec.label, T3_COLUMNS[-1], int(new[-1] or 0),
                                 ("applications", "table", *where, len(T3_COLUMNS) - 1)))
        return new

    top: dict[str, Any] = {}
    groups: dict[str, dict[str, Any]] = {}
    for spec, cells in t3.data_rows():
        if spec is T3_TOTAL:
            continue
        new = fill(spec, cells)
        if new == cells:
            continue
        if spec is T3_OTHER_SINGLE and not isinstance(t3.other, OtherProcessing):
            top["other"] = new
        elif spec.parent:
            groups.setdefault(spec.parent, {})[spec.key] = new
        else:
            top[spec.key] = new
    for parent, rows in groups.items():
        top[parent] = getattr(t3, parent).model_copy(update=rows)
    filled = t3.model_copy(update=top) if top else t3

    # （七）总计: each blank cell is the sum of the result rows in its column
    leaves = [cells for _spec, cells in filled.result_leaves()]
    total = list(filled.total)
    for c, column in enumerate(T3_COLUMNS):
        column_cells = [row[c] for row in leaves]
        if total[c] is None and any(v is not None for v in column_cells):
            total[c] = sum(v or 0 for v in column_cells)
            done.append(Computed("表三", T3_TOTAL.label, column, int(total[c] or 0),
                                 ("applications", "table", "total", c)))
    if total[-1] is None and any(v is not None for v in total[:-1]):
        total[-1] = sum(v or 0 for v in total[:-1])
        done.append(Computed("表三", T3_TOTAL.label, T3_COLUMNS[-1], int(total[-1] or 0),
                             ("applications", "table", "total", len(T3_COLUMNS) - 1)))
    if tuple(total) != filled.total:
        filled = filled.model_copy(update={"total": tuple(total)})
    return filled, done


def fill_table4(t4: Table4) -> tuple[Table4, list[Computed]]:
    """``t4`` with its blank group 总计 computed, and what was computed."""
    done: list[Computed] = []
    update: dict[str, Any] = {}
    for spec, cells in t4.groups():
        new, changed = _row_total(cells)
        if changed:
            update[spec.key] = new
            label = f"{spec.group}（{spec.label}）" if spec.group else spec.label
            done.append(Computed("表四", label, T4_COLUMNS[-1], int(new[-1] or 0),
                                 ("review_litigation", "table", spec.key, len(T4_COLUMNS) - 1)))
    return (t4.model_copy(update=update) if update else t4), done

"""The three table sections of a gb2019 / gb2021 report: optional paragraphs plus the table.

In YAML::

    主动公开:            # 二、主动公开政府信息情况
      内容: [……]         # optional paragraphs printed before the table
      表二: {……}
"""

from __future__ import annotations

from pydantic import ConfigDict, Field

from govreport.model.blocks import WithContent
from govreport.model.tables import Table2, Table3, Table4

_MODEL = ConfigDict(extra="forbid", populate_by_name=True)


class _TableSection(WithContent):
    model_config = _MODEL


class ActiveDisclosure(_TableSection):
    """二、主动公开政府信息情况: paragraphs (optional) and 表二."""

    table: Table2 | None = Field(default=None, alias="表二")


class Applications(_TableSection):
    """三、收到和处理政府信息公开申请情况: paragraphs (optional) and 表三."""

    table: Table3 | None = Field(default=None, alias="表三")


class ReviewLitigation(_TableSection):
    """四、政府信息公开行政复议、行政诉讼情况: paragraphs (optional) and 表四."""

    table: Table4 | None = Field(default=None, alias="表四")

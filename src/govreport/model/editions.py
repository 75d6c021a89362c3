"""The editions of the statutory report and which report years they apply to."""

from __future__ import annotations

from enum import StrEnum

from govreport.i18n import N_


class Edition(StrEnum):
    """Format edition of a 政府信息公开工作年度报告."""

    LEGACY = "legacy"
    """Before 2019: free-form sections (2007 条例 第三十二条), optional 附表 统计表."""

    GB2019 = "gb2019"
    """国办公开办函〔2019〕60号 试行格式: report years 2019 and 2020."""

    GB2021 = "gb2021"
    """国办公开办函〔2021〕30号: report years 2021 onward."""

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def statutory(self) -> bool:
        """True for the national formats with six fixed sections and three tables."""
        return self is not Edition.LEGACY


_LABELS = {
    Edition.LEGACY: N_("2019年以前的自由格式"),
    Edition.GB2019: N_("国办公开办函〔2019〕60号（试行）"),
    Edition.GB2021: N_("国办公开办函〔2021〕30号"),
}


def edition_for_year(year: int) -> Edition:
    """The edition that applies to reports *for* ``year``."""
    if year >= 2021:
        return Edition.GB2021
    if year >= 2019:
        return Edition.GB2019
    return Edition.LEGACY

"""Every check code, with its severity, Chinese title and legal basis (the source of docs/checks.md).

Codes are stable: a code is never reused for another meaning. Severity ``error`` means the report
contradicts its own tables or the statutory format; ``warning`` flags something a person should look at.
"""

from __future__ import annotations

from dataclasses import dataclass

from govreport.checks.finding import Severity
from govreport.i18n import N_, _


@dataclass(frozen=True, slots=True)
class CheckInfo:
    severity: Severity
    title_zh: str
    basis: str

    @property
    def title(self) -> str:
        """The title in the current language (:mod:`govreport.i18n`)."""
        return _(self.title_zh)


_E = Severity.ERROR
_W = Severity.WARNING

_FMT = "国办公开办函〔2019〕60号、〔2021〕30号 格式模板"

CHECKS: dict[str, CheckInfo] = {
    # --- arithmetic (the tables' own rules) ---
    "T3-ROW-TOTAL": CheckInfo(_E, N_("表三某行的总计不等于各类申请人之和"), f"{_FMT} 表三“总计”列"),
    "T3-RESULT-TOTAL": CheckInfo(
        _E, N_("表三（七）总计不等于（一）至（六）各项之和"), f"{_FMT} 表三“三、本年度办理结果”"
    ),
    "T3-BALANCE": CheckInfo(
        _E,
        N_("表三勾稽关系不成立：第一项加第二项之和不等于第三项加第四项之和"),
        f"{_FMT} 表三表头注：“本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和”",
    ),
    "T4-GROUP-TOTAL": CheckInfo(
        _E, N_("表四某组的总计不等于结果维持、结果纠正、其他结果、尚未审结之和"), f"{_FMT} 表四"
    ),
    "NEGATIVE": CheckInfo(_E, N_("表中出现负数（表二“本年增/减”除外）"), f"{_FMT}（件数、金额不能为负）"),
    "BLANK-CELL": CheckInfo(_W, N_("表格有空白格（按 0 处理、按 0 印出）"), f"{_FMT}（无数据的格应填 0）"),
    # --- statutory (sections, tables, edition, deadline) ---
    "SECTION-MISSING": CheckInfo(
        _E, N_("缺少法定的六部分之一"), "《政府信息公开条例》第五十条；" + _FMT + "“一”至“六”"
    ),
    "TABLE-MISSING": CheckInfo(_E, N_("缺少表二、表三或表四"), _FMT),
    "TABLE-EDITION": CheckInfo(
        _E, N_("表格的格式与报告的版本不一致"), "国办公开办函〔2021〕30号（此前的格式随之停用）"
    ),
    "T3-OLD-FORMAT": CheckInfo(
        _E,
        N_("2021年及以后的报告表三缺少“（六）其他处理”的三个分项"),
        "国办公开办函〔2021〕30号 格式模板 表三",
    ),
    "EDITION-FIELDS": CheckInfo(
        _E,
        N_("报告内容与版本不符（法定格式版本使用了自由章节，或2019年以前的报告使用了法定表格）"),
        "国办公开办函〔2019〕60号、〔2021〕30号；《政府信息公开条例》（2007）第三十二条",
    ),
    "HEADING-DEPTH": CheckInfo(
        _E, N_("小标题嵌套超过四级（一、（一）1.（1））"), "GB/T 9704-2012 7.3.3 结构层次序数"
    ),
    "EDITION-MISMATCH": CheckInfo(
        _W,
        N_("指定的版本与报告年度适用的版本不一致"),
        "国办公开办函〔2019〕60号（2019、2020年度）、〔2021〕30号（2021年度起）",
    ),
    "DEADLINE": CheckInfo(
        _W,
        N_("发布日期晚于本级机关的法定发布期限"),
        "《政府信息公开条例》第四十九条；国办公开办函〔2021〕30号“报告方式及时间”；《政府信息公开条例》（2007）第三十一条",
    ),
    "OTHER-SHARE": CheckInfo(
        _W,
        N_("“（六）其他处理”占办理结果的比例偏高"),
        "国办公开办函〔2019〕60号：对“其他处理”数量偏高的行政机关，要了解情况",
    ),
    # --- narrative (text against tables, years, length, fees) ---
    "OVERVIEW-LENGTH": CheckInfo(
        _W, N_("“总体情况”超过一千字"), "国办公开办函〔2021〕30号：篇幅原则上不超过一千字"
    ),
    "FEE-NOT-REPORTED": CheckInfo(
        _W,
        N_("“其他需要报告的事项”未报告收取信息处理费的情况"),
        "国办公开办函〔2021〕30号：收取信息处理费的情况，在此处专门报告；《政府信息公开信息处理费管理办法》",
    ),
    "NARRATIVE-MISMATCH": CheckInfo(
        _W, N_("正文中引用的数字与表格不一致"), "《政府信息公开条例》第五十条；〔2021〕30号：重在数据准确"
    ),
    "PERIOD-YEAR": CheckInfo(
        _W, N_("统计期限的年份与报告年度不一致"), "报告惯例：统计期限为报告年度1月1日至12月31日"
    ),
    "YEAR-SUSPECT": CheckInfo(
        _W,
        N_("正文中的年份可疑（如把下一年度的打算写成本年度，或沿用上一年度的文字）"),
        "国办公开办函〔2021〕30号“工作要求”（内容准确）",
    ),
    # --- cross-year (with last year's report) ---
    "CARRYOVER-MISMATCH": CheckInfo(
        _W,
        N_("表三“上年结转”与上一年度报告的“结转下年度继续办理”不一致"),
        f"{_FMT} 表三（行的含义）",
    ),
    "REPEATED-TEXT": CheckInfo(
        _W,
        N_("正文与上一年度报告大量雷同"),
        "国办公开办函〔2019〕60号、〔2021〕30号：不得出现敷衍了事甚至年年雷同现象",
    ),
    "PREVIOUS-MISMATCH": CheckInfo(
        _W,
        N_("作为上一年度报告给出的，不是同一机关上一年度的报告"),
        "跨年度核对的前提（表三“上年结转”、表二“现行有效件数”）",
    ),
    "T2-CONTINUITY": CheckInfo(
        _W,
        N_("表二“现行有效件数”与上一年度报告不衔接（上年现行有效＋本年制发－本年废止≠本年现行有效）"),
        "国办公开办函〔2021〕30号 格式模板 表二第二十条第（一）项（各项数据核定时间点为报告年度的12月31日）",
    ),
    # --- reading (a document read by govreport.readers: DOCX, PDF, HTML, text) ---
    "READ-CORRECTED": CheckInfo(
        _W, N_("读入时按官方标签认定了与之不完全相同的行标签（错字、漏字、改写）"), f"{_FMT}（官方行标签）"
    ),
    "READ-INFERRED": CheckInfo(
        _W,
        N_("读入时推断的内容（机关层级、表格格式、连写数字的拆分），请核对"),
        "《政府信息公开条例》第四十九条（机关层级决定发布期限）；" + _FMT,
    ),
    "READ-LEVEL-UNSET": CheckInfo(
        _W,
        N_("读入时无法从机关名称确定机关层级，发布期限未检查"),
        "《政府信息公开条例》第四十九条；国办公开办函〔2021〕30号“报告方式及时间”",
    ),
}

"""The page's own words (labels, buttons, notices), marked for the catalogs and translated per request."""

from __future__ import annotations

from govreport.i18n import N_, _

UI: dict[str, str] = {
    "app_title": N_("政府信息公开工作年度报告 填报"),
    "drafts": N_("草稿"),
    "new_draft": N_("新建报告"),
    "edition": N_("版本"),
    "open": N_("打开"),
    "no_drafts": N_("还没有草稿。"),
    "updated": N_("保存于"),
    "version": N_("版本号"),
    "back": N_("返回草稿列表"),
    "identity": N_("基本信息"),
    "body": N_("发布机关"),
    "level": N_("机关层级"),
    "year": N_("报告年度"),
    "published": N_("发布日期"),
    "title": N_("标题（可省略）"),
    "preamble": N_("开头段落（每行一段）"),
    "contact": N_("联系方式"),
    "contact_unit": N_("联系单位"),
    "contact_phone": N_("电话"),
    "contact_email": N_("电子邮箱"),
    "contact_address": N_("地址"),
    "contact_postcode": N_("邮编"),
    "add_paragraph": N_("＋段落"),
    "add_heading": N_("＋小标题"),
    "remove": N_("删除"),
    "heading_level": N_("小标题层级"),
    "untitled_heading": N_("（小标题）"),
    "run_in": N_("接排"),
    "contact_insert": N_("（此处插入联系方式）"),
    "summary_ok": N_("未发现问题。"),
    "summary": N_("{errors} 个错误，{warnings} 个警告"),
    "checking": N_("正在校验……"),
    "saved": N_("已保存"),
    "saving": N_("正在保存……"),
    "save_failed": N_("保存失败，稍后重试"),
    "offline": N_("无法连接服务器，输入保留在本页，恢复连接后自动保存"),
    "download": N_("下载"),
    "preview": N_("预览 PDF"),
    "import": N_("导入报告（填入表单）"),
    "import_previous": N_("上年报告（用于跨年度核对）"),
    "from_last_year": N_("从上年报告开始……"),
    "previous_loaded": N_("已载入上年报告"),
    "render_blocked": N_("报告有错误，请先改正（或勾选“仍然输出”）"),
    "force": N_("仍然输出"),
    "computed": N_("按其他格计算"),
    "not_integer": N_("请填写整数"),
    "not_number": N_("请填写数字"),
    "paste_hint": N_("可从 Excel 复制一块单元格，粘贴到任一格"),
    "history": N_("历史版本"),
    "restore": N_("恢复此版本"),
    "legacy_note": N_("2019年以前的自由格式报告请用 YAML 编写；本页填报〔2019〕60号和〔2021〕30号格式。"),
    "lang_switch": N_("English"),
    "problems": N_("输入有误"),
}


def ui_text() -> dict[str, str]:
    """:data:`UI` in the current language."""
    return {key: _(text) for key, text in UI.items()}

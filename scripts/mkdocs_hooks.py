"""mkdocs hooks: generated parts of the documentation.

``<!-- govreport:profile-table -->`` in a page is replaced by the table of every number of the
GB/T 9704 style profile (``styles/gbt9704.toml``), and ``<!-- govreport:font-table -->`` by its
font roles, so the page can never disagree with the profile. ``tests/test_docs.py`` checks that
every key of the profile appears in the built table.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

PROFILE_MARKER = "<!-- govreport:profile-table -->"
FONT_MARKER = "<!-- govreport:font-table -->"

#: Chinese names of the profile's numbers. A key missing here is still listed (with its note), so a
#: new key in the profile never breaks the docs build; add its name here when you can.
NAMES = {
    "page.width": "纸张宽度",
    "page.height": "纸张高度",
    "page.margin_top": "天头（上白边）",
    "page.margin_left": "订口（左白边）",
    "page.margin_bottom": "下白边",
    "page.margin_right": "右白边",
    "page.type_width": "版心宽度",
    "page.type_height": "版心高度",
    "body.font_size": "正文字号（3号）",
    "body.line_pitch": "行距（每页 22 行）",
    "body.letter_spacing": "字间距（每行 28 字）",
    "body.chars_per_line": "每行字数",
    "body.lines_per_page": "每页行数",
    "body.first_line_indent": "段首缩进",
    "title.font_size": "标题字号（2号）",
    "title.line_spacing": "标题行距",
    "title.max_chars_per_line": "标题每行最多字数",
    "title.space_after": "标题下空行",
    "heading.indent": "各级标题缩进",
    "signature.space_before": "落款上空行",
    "signature.right_indent": "署名右空",
    "signature.date_shift": "成文日期右移",
    "page_number.font_size": "页码字号（4号）",
    "page_number.offset": "页码距版心下边缘",
    "page_number.side_indent": "页码左右空",
    "page_number.dash_rise": "一字线上沿高出基线",
    "page_number.line_height": "页码行高（DOCX 页脚）",
    "page_number.rotated_length": "横排页上转向页码框的长度",
    "attachment.title_line": "附件标题所在行",
    "table.font_size": "表格字号",
    "table.line_height": "表格行高",
    "table.border_width": "表格线宽",
    "table.cell_padding": "单元格内边距",
    "docx.exact_baseline": "固定行高时基线的位置（DOCX）",
    "docx.narrow_advance": "半角数字、字母的宽度（估算落款日期宽度）",
}

ROLE_NAMES = {
    "title": "标题",
    "body": "正文",
    "heading1": "一级标题",
    "heading2": "二级标题",
    "heading3": "三级标题",
    "page_number": "页码",
    "table_header": "表头",
    "table": "表格",
    "fallback": "后备",
}


def _profile(name: str = "gbt9704") -> Any:
    try:
        from govreport.style.profile import load_profile
    except ImportError:  # mkdocs run outside the project's environment: use the source tree
        sys.path.insert(0, str(ROOT / "src"))
        from govreport.style.profile import load_profile
    return load_profile(name)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def profile_table(name: str = "gbt9704") -> str:
    """A Markdown table of every number of the profile: key, meaning, value, unit, clause, strength, note."""
    profile = _profile(name)
    rows = [
        "| 配置键 | 含义 | 数值 | 单位 | 条款 | 性质 | 说明 |",
        "|---|---|---:|---|---|---|---|",
    ]
    for key, q in profile.items():
        clause = f"GB/T 9704 {q.clause}" if q.clause and q.clause[0].isdigit() else q.clause
        rows.append(
            f"| `{key}` | {NAMES.get(key, '')} | {_number(q.value)} | {q.unit} | {_cell(clause)} "
            f"| {q.strength} | {_cell(q.note)} |"
        )
    return "\n".join(rows)


def font_table(name: str = "gbt9704") -> str:
    """A Markdown table of the profile's font roles: DOCX name, PDF candidates, clause."""
    profile = _profile(name)
    rows = [
        "| 配置键 | 角色 | DOCX 中的字体名 | 西文字体 | PDF 候选字体（依次查找） | 条款 |",
        "|---|---|---|---|---|---|",
    ]
    for role, font in profile.font_roles.items():
        candidates = " → ".join(font.pdf)
        clause = f"GB/T 9704 {font.clause}" if font.clause else ""
        rows.append(
            f"| `fonts.{role}` | {ROLE_NAMES.get(role, '')} | {_cell(font.docx)} | {_cell(font.latin)} "
            f"| {_cell(candidates)} | {clause} |"
        )
    return "\n".join(rows)


def on_page_markdown(markdown: str, **_kwargs: Any) -> str:
    if PROFILE_MARKER in markdown:
        markdown = markdown.replace(PROFILE_MARKER, profile_table())
    if FONT_MARKER in markdown:
        markdown = markdown.replace(FONT_MARKER, font_table())
    return markdown

"""Commented fill-in templates for ``govreport new``."""

from __future__ import annotations

from govreport.errors import InputError

_LEGACY = """\
# 政府信息公开工作年度报告（2019年以前的自由格式，legacy）
# 填写后运行：govreport check 本文件.yaml ；govreport render 本文件.yaml -f docx,pdf
edition: legacy
body: 某某区人民政府某某街道办事处      # 发布机关（全称）
level: 乡镇街道                         # 机关层级：部门、乡镇街道、县级、地市级、省级
year: 2018                              # 报告年度
published: 2019-03-20                   # 发布日期（落款日期），可省略
# title: 可省略，默认为「{发布机关}{年度}年政府信息公开工作年度报告」
preamble:                               # 开头段落
  - 根据《中华人民共和国政府信息公开条例》要求，现将2018年度政府信息公开工作情况报告如下。
contact:                                # 联系方式；正文中写 "- insert: contact" 可指定位置
  unit: 某某街道办事处党政办公室
  phone: 0000-0000000
  email: example@example.gov.cn
  address: 某某市某某区某某路1号
sections:                               # 章节：一、二、……由程序编号，不要手写序号
  - heading: 概述
    content:
      - 正文段落，每段一项。
      - heading: 小标题                 # 二级标题（（一））由程序编号
        content:
          - 小标题下的段落。
  - heading: 主动公开政府信息情况
    content:
      - 正文段落。
  - heading: 政府信息依申请公开办理情况
    content:
      - 正文段落。
  - heading: 政府信息公开的收费及减免情况
    content:
      - 正文段落。
  - heading: 因政府信息公开申请行政复议、提起行政诉讼的情况
    content:
      - 正文段落。
  - heading: 政府信息公开工作存在的主要问题及改进情况
    content:
      - 正文段落。
  - heading: 其他需要报告的事项
    content:
      - 正文段落。
"""

_TEMPLATES = {"legacy": _LEGACY}


def new_report_yaml(edition: str) -> str:
    """A commented YAML template of ``edition`` that loads and passes the hard checks once filled."""
    try:
        return _TEMPLATES[edition]
    except KeyError:
        raise InputError(f"暂不支持的版本：{edition} (no template for this edition)") from None

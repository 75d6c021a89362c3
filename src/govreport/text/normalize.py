"""Text normalisation applied to every string of a report when it is loaded.

* the character rule of :mod:`govreport.text.chars` (line separators → newline, odd spaces → space,
  invisible characters removed);
* NFC (so that the same character always has the same code points);
* line ends unified, surrounding whitespace stripped;
* stray spaces between Chinese characters removed, and between a Chinese character or a full-width
  punctuation mark and a digit (PDF extraction and hurried typing leave them: "现将 2016 年度");
  spaces between Chinese and Latin words are kept ("电子邮箱 a@b.cn").
"""

from __future__ import annotations

import re
import unicodedata

from govreport.text.chars import clean_text

# Han ideographs (BMP + the supplementary planes), CJK symbols and punctuation, full-width forms.
_CJK = (
    r"\u2E80-\u2FDF\u3000-\u303F\u3040-\u30FF\u3100-\u312F\u31A0-\u31BF\u31F0-\u31FF\u3200-\u33FF"
    r"\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF\U00020000-\U0003FFFF"
    r"\u2014\u2018\u2019\u201C\u201D\u2026\u00B7"
)
_SPACE = r"[ \t\u00A0\u3000]+"
_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}]){_SPACE}(?=[{_CJK}])")
_CJK_DIGIT = re.compile(rf"(?<=[{_CJK}]){_SPACE}(?=[0-9])")
_DIGIT_CJK = re.compile(rf"(?<=[0-9%]){_SPACE}(?=[{_CJK}])")
_MULTI_SPACE = re.compile(r"[ \t\u00A0]{2,}")

def normalize_text(value: str) -> str:
    """Normalise one paragraph (or label) of report text."""
    text = unicodedata.normalize("NFC", clean_text(value))
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    text = _BETWEEN_CJK.sub("", text)
    text = _CJK_DIGIT.sub("", text)
    text = _DIGIT_CJK.sub("", text)
    return _MULTI_SPACE.sub(" ", text)



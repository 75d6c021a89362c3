"""Layout geometry several renderers share, computed from the profile (never a number of their own)."""

from __future__ import annotations

from govreport.style.profile import Profile
from govreport.text.zh import is_wide


def estimated_width_pt(profile: Profile, text: str) -> float:
    """Estimated advance of ``text`` in the body font, without reading the font: 字 at the tightened
    pitch, half-width characters ``docx.narrow_advance`` em (a renderer that has the font's advances
    measures instead)."""
    narrow = (profile.quantity("docx.narrow_advance").value * profile.pt("body.font_size")
              + profile.pt("body.letter_spacing"))
    return sum(profile.char_pitch_pt if is_wide(ch) else narrow for ch in text)


def signature_padding(profile: Profile, name_width: float, date_width: float) -> tuple[float, float]:
    """The right padding of the 署名 line and of the 成文日期 line (both set flush right), 7.3.5.2: the
    name 右空二字 and the date's first character two 字 right of the name's; when the date is longer
    than the name, the date 右空二字 and the name's right padding grows to keep that offset."""
    right = profile.pt("signature.right_indent")
    shift = profile.pt("signature.date_shift")
    if date_width <= name_width:
        return right, max(0.0, right + name_width - shift - date_width)
    return right + date_width + shift - name_width, right

"""Font resolution, coverage and the fontconfig file (needs the fonts scripts/setup.sh installs)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

from govreport.errors import EnvironmentProblem, InputError
from govreport.style import fonts
from govreport.style.fonts import (
    HARFBUZZ_SUBSET_WARNING,
    FontSet,
    ensure_covered,
    harfbuzz_subset_available,
    missing_characters,
    resolve_fonts,
    write_fontconfig,
)
from govreport.style.profile import FontRole, Profile, load_profile

SAMPLE = Path(__file__).parent / "data" / "keyuan-2016.txt"
RARE = "\U0002A6A5"  # 𪚥, CJK Extension B: in no font that ships with Debian's CJK packages


def _profile(**roles: FontRole) -> Profile:
    return Profile("test", {}, roles)


@pytest.fixture(scope="module")
def fontset() -> FontSet:
    return resolve_fonts(load_profile("gbt9704"))


def test_body_resolves_to_fandolfang_and_is_marked_substituted(fontset: FontSet) -> None:
    body = fontset["body"]
    assert body.family == "FandolFang"
    assert body.path.name == "FandolFang-Regular.otf"
    assert body.substituted
    assert body.requested == "仿宋_GB2312"
    assert body.describe() == "仿宋_GB2312 → FandolFang（替代）"
    assert "仿宋_GB2312" in body.aliases
    assert "FangSong" in body.aliases
    assert "body: 仿宋_GB2312 → FandolFang（替代）" in fontset.report_lines()


def test_every_role_resolves_to_a_free_face(fontset: FontSet) -> None:
    families = {role: face.family for role, face in fontset.roles.items()}
    assert families["heading1"] == "FandolHei"
    assert families["heading2"] == "FandolKai"
    assert families["page_number"] == "FandolSong"
    title = fontset["title"]
    assert (title.family, title.bold) == ("Noto Serif CJK SC", True)
    assert "Bold" in title.path.name
    assert fontset["heading1"].path.name == "FandolHei-Regular.otf"
    assert [f.family for f in fontset.fallback][:2] == ["Noto Serif CJK SC", "Noto Sans CJK SC"]
    assert {s.role for s in fontset.substitutions()} >= {"body", "title", "heading1"}


def test_noto_cjk_collection_face_is_simplified_chinese(fontset: FontSet) -> None:
    for face in (fontset["title"], *fontset.fallback):
        if face.path.suffix.lower() != ".ttc":
            continue
        collection = TTCollection(str(face.path), lazy=True)
        name = collection.fonts[face.index]["name"].getBestFamilyName()
        assert name.endswith(" SC"), (face, name)


def test_collection_in_a_user_folder_picks_the_sc_face(tmp_path: Path, fontset: FontSet) -> None:
    ttc = fontset.fallback[0].path
    (tmp_path / ttc.name).symlink_to(ttc)
    role = FontRole(docx="宋体", latin="宋体", pdf=("Noto Serif CJK SC",))
    resolved = resolve_fonts(_profile(body=role), [tmp_path])["body"]
    assert resolved.source == str(tmp_path.resolve())
    assert resolved.path.parent == tmp_path.resolve()
    assert resolved.index == 2
    assert "SC" in TTCollection(str(ttc), lazy=True).fonts[resolved.index]["name"].getBestFamilyName()


def test_font_in_user_folder_is_chosen_before_fontconfig(tmp_path: Path, fontset: FontSet) -> None:
    shutil.copy(fontset["body"].path, tmp_path / "copy.otf")
    role = FontRole(docx="仿宋_GB2312", latin="Times New Roman", pdf=("仿宋_GB2312", "FandolFang"))
    resolved = resolve_fonts(_profile(body=role), [tmp_path])["body"]
    assert resolved.path == (tmp_path / "copy.otf").resolve()
    assert resolved.family == "FandolFang"
    assert resolved.substituted


def _renamed_subset(source: Path, target: Path, family: str, psname: str, text: str) -> None:
    font = TTFont(str(source))
    options = subset.Options()
    options.name_IDs = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    name = font["name"]
    for record in list(name.names):
        if record.nameID in (1, 4, 16):
            name.setName(family, record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 6:
            name.setName(psname, 6, record.platformID, record.platEncID, record.langID)
    font.save(str(target))


def test_licensed_font_in_user_folder_is_used_under_its_official_name(tmp_path: Path,
                                                                      fontset: FontSet) -> None:
    source = fontset["body"].path
    _renamed_subset(source, tmp_path / "fs.otf", "仿宋_GB2312", "FangSong_GB2312", "政府信息公开")
    resolved = resolve_fonts(load_profile("gbt9704"), [tmp_path])
    body = resolved["body"]
    assert body.path == (tmp_path / "fs.otf").resolve()
    assert body.family == "仿宋_GB2312"
    assert not body.substituted
    assert body.describe() == "仿宋_GB2312"
    assert resolved["heading1"].family == "FandolHei"  # other roles unaffected
    # The subset lacks most characters: the fallback chain covers them.
    assert missing_characters({"body": "政府信息公开工作年度报告"}, resolved) == []


def test_rare_character_is_reported_with_its_role(fontset: FontSet) -> None:
    text = f"张店区{RARE}街道\n"
    missing = missing_characters({"body": text, "heading1": "一、概述"}, fontset)
    assert len(missing) == 1
    glyph = missing[0]
    assert (glyph.char, glyph.codepoint, glyph.role) == (RARE, 0x2A6A5, "body")
    assert glyph.label == "U+2A6A5"
    assert RARE in glyph.where
    assert "张店区" in glyph.where
    with pytest.raises(EnvironmentProblem) as info:
        ensure_covered({"body": text}, fontset)
    assert info.value.exit_code == 3
    assert "U+2A6A5" in info.value.message


def test_sample_report_is_fully_covered(fontset: FontSet) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    roles = ("body", "title", "heading1", "heading2", "table", "table_header")
    assert missing_characters(dict.fromkeys(roles, text), fontset) == []
    assert missing_characters({"page_number": "— 1234567890 —"}, fontset) == []
    ensure_covered({"body": text}, fontset)


def test_layout_whitespace_and_variation_selectors_are_not_reported(fontset: FontSet) -> None:
    assert missing_characters({"body": " \t\n\u3000\u00a0\ufe0f"}, fontset) == []


def test_separators_and_format_characters_are_checked_like_letters(fontset: FontSet) -> None:
    # none of these is in the fonts: were they skipped, each would print as a .notdef box
    found = {m.char for m in missing_characters({"body": "甲\u2028乙\u2029丙\u1680丁\u202e戊\u2061己\ufffc"}, fontset)}
    assert found == {"\u2028", "\u2029", "\u1680", "\u202e", "\u2061", "\ufffc"}


def test_cmap_is_the_face_coverage(fontset: FontSet) -> None:
    face = fontset.fallback[0]  # a ≈ 20 MB Noto CJK collection
    cmap = fonts._cmap(face.path, face.index)
    assert fonts._cmap(face.path, face.index) is cmap  # read once per process
    assert ord("政") in cmap
    assert len(cmap) > 30000


def test_role_without_installed_candidate_is_an_environment_problem() -> None:
    role = FontRole(docx="无此字体", latin="x", pdf=("No Such Font 12345", "另一个不存在的字体"))
    with pytest.raises(EnvironmentProblem) as info:
        resolve_fonts(_profile(body=role))
    assert "body" in info.value.message
    assert "No Such Font 12345" in info.value.message


def test_missing_font_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        resolve_fonts(load_profile("gbt9704"), [tmp_path / "nope"])


def test_harfbuzz_subset_probe() -> None:
    assert harfbuzz_subset_available()  # scripts/setup.sh installs libharfbuzz-subset0
    assert "libharfbuzz-subset0" in HARFBUZZ_SUBSET_WARNING
    assert "13" in HARFBUZZ_SUBSET_WARNING
    assert "不可复现" in HARFBUZZ_SUBSET_WARNING
    from govreport.i18n import _, using_locale

    with using_locale("en"):
        assert "reproducible" in _(HARFBUZZ_SUBSET_WARNING)


def _fc_match(conf: Path, pattern: str) -> str:
    env = dict(os.environ, FONTCONFIG_FILE=str(conf))
    out = subprocess.run(["fc-match", "--format", "%{file}", pattern], env=env, capture_output=True,
                         text=True, check=True)
    return Path(out.stdout.strip()).name


@pytest.mark.skipif(shutil.which("fc-match") is None, reason="fontconfig tools not installed")
def test_fontconfig_file_maps_official_names(tmp_path: Path, fontset: FontSet) -> None:
    conf = write_fontconfig(fontset, tmp_path / "fonts.conf")
    text = conf.read_text(encoding="utf-8")
    assert "<include" in text
    assert "/etc/fonts/fonts.conf" in text
    assert _fc_match(conf, "仿宋_GB2312") == "FandolFang-Regular.otf"
    assert _fc_match(conf, "FangSong") == "FandolFang-Regular.otf"
    assert _fc_match(conf, "黑体") == "FandolHei-Regular.otf"
    assert _fc_match(conf, "SimHei") == "FandolHei-Regular.otf"
    assert _fc_match(conf, "黑体:bold") == "FandolHei-Bold.otf"
    assert _fc_match(conf, "宋体") == "FandolSong-Regular.otf"
    assert _fc_match(conf, "楷体_GB2312") == "FandolKai-Regular.otf"
    assert _fc_match(conf, "方正小标宋简体") == "NotoSerifCJK-Bold.ttc"
    # Without our file, fontconfig picks FandolHei's Bold file for a plain request (both say weight 400).
    assert _fc_match(conf, "FandolHei") == "FandolHei-Regular.otf"


def test_fontconfig_file_from_a_profile_lists_user_folders(tmp_path: Path) -> None:
    folder = tmp_path / "licensed"
    folder.mkdir()
    conf = write_fontconfig(load_profile("gbt9704"), tmp_path / "fc" / "fonts.conf", [folder])
    assert f"<dir>{folder.resolve()}</dir>" in conf.read_text(encoding="utf-8")

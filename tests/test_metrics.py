"""style/metrics: per-face advances, read with fontTools once, then from the disk cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from govreport.style import metrics
from govreport.style.fonts import resolve_fonts
from govreport.style.profile import load_profile


@pytest.fixture
def body_face() -> tuple[Path, int]:
    font = resolve_fonts(load_profile()).roles["body"]
    return font.path, font.index


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GOVREPORT_CACHE_DIR", str(tmp_path / "cache"))
    metrics.face_advances.cache_clear()
    yield tmp_path / "cache"
    metrics.face_advances.cache_clear()


def test_advances_match_fonttools(body_face: tuple[Path, int], cache: Path) -> None:
    upem, units = metrics._read_font(*body_face)
    adv = metrics.face_advances(*body_face)
    assert adv.keys() == units.keys()
    assert adv[ord("政")] == units[ord("政")] / upem == 1.0
    assert 0 < adv[ord("1")] < 1.0


def test_second_process_reads_the_cache(body_face: tuple[Path, int], cache: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    first = dict(metrics.face_advances(*body_face))
    assert len(list(cache.glob("*.metrics"))) == 1
    metrics.face_advances.cache_clear()  # as in a new process

    def no_font_reading(path: Path, index: int) -> tuple[int, dict[int, int]]:
        raise AssertionError("the font file must not be parsed again")

    monkeypatch.setattr(metrics, "_read_font", no_font_reading)
    assert dict(metrics.face_advances(*body_face)) == first


def test_corrupt_cache_is_rebuilt(body_face: tuple[Path, int], cache: Path) -> None:
    first = dict(metrics.face_advances(*body_face))
    (cached,) = cache.glob("*.metrics")
    cached.write_bytes(b"GRM1 garbage")
    metrics.face_advances.cache_clear()
    assert dict(metrics.face_advances(*body_face)) == first
    assert metrics._decode(cached.read_bytes()) is not None


def test_cache_can_be_switched_off(body_face: tuple[Path, int], tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVREPORT_CACHE_DIR", "")
    metrics.face_advances.cache_clear()
    try:
        assert metrics.cache_dir() is None
        assert ord("政") in metrics.face_advances(*body_face)
    finally:
        metrics.face_advances.cache_clear()


def test_unwritable_cache_is_not_an_error(body_face: tuple[Path, int], tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("GOVREPORT_CACHE_DIR", str(blocker / "sub"))
    metrics.face_advances.cache_clear()
    try:
        assert ord("政") in metrics.face_advances(*body_face)
    finally:
        metrics.face_advances.cache_clear()


@pytest.fixture
def title_face() -> tuple[Path, int]:
    font = resolve_fonts(load_profile()).roles["title"]
    if font.path.suffix.lower() not in {".ttc", ".otc"}:
        pytest.skip("the title face is not in a collection here")
    return font.path, font.index


def test_a_face_cut_from_a_collection_is_cached_and_checked(title_face: tuple[Path, int], cache: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from govreport.renderers.pdf import faces

    path, index = title_face
    fresh = faces._cut_from_collection(path.read_bytes(), index)
    assert faces.face_bytes(path, index) == fresh
    (cached,) = cache.glob("*.sfnt")
    assert cached.read_bytes() == fresh

    def no_cutting(data: bytes, i: int) -> bytes:
        raise AssertionError("the cached cut must be used")

    with monkeypatch.context() as m:
        m.setattr(faces, "_cut_from_collection", no_cutting)
        assert faces.face_bytes(path, index) == fresh
    # A damaged copy (same size, another directory; or cut short) is not used: the face is cut again.
    damaged = bytearray(fresh)
    damaged[20] ^= 0xFF
    for bad in (bytes(damaged), fresh[:-4]):
        cached.write_bytes(bad)
        assert faces.face_bytes(path, index) == fresh
        assert cached.read_bytes() == fresh


def test_collection_face_names_are_cached(title_face: tuple[Path, int], cache: Path) -> None:
    from govreport.style import fonts

    path, _ = title_face
    fonts._collection_face_families.cache_clear()
    first = fonts._collection_face_families(path)
    assert any("Noto Serif CJK SC" in names for names in first)
    (cached,) = cache.glob("*.families-v1.json")
    cached.write_bytes(b'{"not": "a list"}')
    fonts._collection_face_families.cache_clear()
    assert fonts._collection_face_families(path) == first
    fonts._collection_face_families.cache_clear()
    assert fonts._collection_face_families(path) == first  # read back from the repaired cache


def test_a_changed_font_file_replaces_its_cache_entries(body_face: tuple[Path, int], cache: Path,
                                                        tmp_path: Path) -> None:
    import os
    import shutil

    copy = tmp_path / body_face[0].name
    shutil.copy(body_face[0], copy)
    first = dict(metrics.face_advances(copy, 0))
    assert len(list(cache.glob("*.metrics"))) == 1
    st = copy.stat()
    os.utime(copy, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))  # the font is updated
    metrics.face_advances.cache_clear()
    assert dict(metrics.face_advances(copy, 0)) == first
    assert len(list(cache.glob("*.metrics"))) == 1  # the entry of the old file is gone

"""Atomic, staged writing of output files, and file names safe on every system.

Every file is written to a temporary file beside its target, flushed to disk and renamed into place
only when complete; several files of one report are renamed only when all of them were written. The
process umask is never touched: a new file gets its mode from the kernel (``0o666`` less the umask)
and a replaced file keeps the mode it had.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

# -- output file names ---------------------------------------------------------------------------

_UNSAFE = re.compile(r'[\\/:*?"<>|]+')
_WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", *(f"{p}{n}" for p in ("COM", "LPT") for n in "0123456789¹²³")}
)
#: Upper bound (UTF-8 bytes) of a file name stem; with an extension and the temporary-file affixes
#: the name stays well under the 255 bytes most file systems allow.
MAX_STEM_BYTES = 150


def safe_filename(stem: str, default: str = "report", max_bytes: int = MAX_STEM_BYTES) -> str:
    """A file name stem derived from report content, safe on Linux, macOS and Windows.

    No path separators or characters Windows forbids, no control or invisible format characters
    (e.g. U+202E, which can disguise an extension), no ``..``, no leading dot or dash, no reserved
    Windows device name (CON, NUL, COM1 …), at most ``max_bytes`` bytes of UTF-8.
    """
    name = unicodedata.normalize("NFC", str(stem))
    name = "".join("_" if unicodedata.category(c)[0] in ("C", "Z") and c != " " else c for c in name)
    name = _UNSAFE.sub("_", name)
    name = re.sub(r"\.{2,}", "_", name)
    name = re.sub(r"_{2,}", "_", name).strip(" ._-")
    cut = name.encode("utf-8")[:max_bytes].decode("utf-8", errors="ignore")
    name = cut.rstrip(" ._")
    if not name:
        return default
    if name.split(".", 1)[0].strip().upper() in _WINDOWS_RESERVED:
        name = f"_{name}"
    return name


# -- atomic writes -------------------------------------------------------------------------------


def _existing_mode(path: Path) -> int | None:
    """The mode of the file the output replaces, if there is one."""
    with contextlib.suppress(OSError):
        return stat.S_IMODE(path.stat().st_mode)
    return None


def _stage(path: Path) -> tuple[int, str]:
    """A new temporary file beside ``path``, created with mode 0o666 (the kernel applies the umask)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    prefix = "." + path.name.encode("utf-8")[:40].decode("utf-8", errors="ignore") + "."
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    for _attempt in range(100):
        tmp = str(path.parent / f"{prefix}{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no temporary name free beside {path}")  # pragma: no cover


@contextlib.contextmanager
def _staged(path: Path) -> Iterator[tuple[IO[bytes], str]]:
    """A temporary file beside ``path`` for the block to write: then flushed to disk and given the mode a
    new ``path`` would have. Removed if the block fails; the caller renames (or removes) it."""
    mode = _existing_mode(path)
    fd, tmp = _stage(path)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh, tmp
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            Path(tmp).chmod(mode)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(tmp).unlink()
        raise


@contextlib.contextmanager
def atomic_writer(path: Path) -> Iterator[IO[bytes]]:
    """Write to a temporary file beside ``path`` and rename it over ``path`` only on success.

    On any failure the temporary file is removed and an existing ``path`` is left untouched.
    """
    path = Path(path)
    with _staged(path) as (fh, tmp):
        yield fh
    try:
        Path(tmp).replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(tmp).unlink()
        raise


def write_atomic(path: Path, data: bytes) -> None:
    """Write one file atomically (see :func:`atomic_writer`)."""
    with atomic_writer(path) as fh:
        fh.write(data)


def write_many(outputs: Sequence[tuple[Path, bytes]]) -> None:
    """Write several files as one step: all are staged as temporary files first and renamed into
    place only when every one was written, so a failure (a full disk) leaves none of them behind and
    every existing file untouched."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in outputs:
            with _staged(Path(path)) as (fh, tmp):
                fh.write(data)
            staged.append((tmp, Path(path)))
        for tmp, path in staged:
            Path(tmp).replace(path)
    except BaseException:
        for tmp, _target in staged:
            with contextlib.suppress(FileNotFoundError):
                Path(tmp).unlink()
        raise


"""Exceptions with the exit codes the CLI maps them to, and the structured problems of an input.

Every message is one line, produced through the catalogs (:mod:`govreport.i18n`): Chinese by
default, English inside ``govreport.language("en")``.
"""

from __future__ import annotations

import errno as _errno
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from govreport.i18n import N_


class Terminated(KeyboardInterrupt):
    """SIGTERM (what systemd, docker and ``timeout`` send), raised by the command's signal handler
    (:mod:`govreport._entry`) where the process is, so that it unwinds exactly like Ctrl-C: staging
    files and temporary folders are removed, a batch's workers are stopped, the command exits with 143."""


class GovReportError(Exception):
    """Base class of every error govreport raises on purpose."""

    exit_code: int = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Problem:
    """One problem found in an input.

    ``message`` says what is wrong without naming the source; ``source`` (a file name, or 输入),
    ``line``/``column`` (1-based, where the format has them) and ``path`` (the field in the user's own
    words, e.g. 依申请公开 → 表三 → 本年新收) say where. ``code`` is a stable identifier
    (``yaml-syntax``, ``encoding``, ``unknown-key``, ``missing``, ``type``, ``value``, ``size``,
    ``not-found`` …) for programs; it never changes with the language.
    """

    message: str
    code: str = "input"
    source: str | None = None
    line: int | None = None
    column: int | None = None
    path: str | None = None

    def text(self) -> str:
        """The problem as one line: ``source：第 3 行第 5 列：path：message`` (the parts that are known)."""
        from govreport.i18n import _

        parts: list[str] = []
        if self.source:
            parts.append(self.source)
        if self.line is not None:
            if self.column is not None:
                parts.append(_("第 {line} 行第 {column} 列").format(line=self.line, column=self.column))
            else:
                parts.append(_("第 {line} 行").format(line=self.line))
        if self.path:
            parts.append(self.path)
        parts.append(self.message)
        return _("：").join(parts)

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready mapping (``check --format json``, the HTTP API's 422 answers)."""
        return {
            "code": self.code,
            "message": self.message,
            "source": self.source,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "text": self.text(),
        }


class InputError(GovReportError):
    """The input could not be read or is not a report (exit code 2).

    ``problems`` holds every problem found (at least one); ``message`` is the first as one line, with
    the number of further problems.
    """

    exit_code = 2

    def __init__(
        self,
        message: str | Problem | Sequence[Problem],
        *,
        code: str = "input",
        source: str | None = None,
        line: int | None = None,
        column: int | None = None,
        path: str | None = None,
    ) -> None:
        if isinstance(message, str):
            problems: tuple[Problem, ...] = (Problem(message, code, source, line, column, path),)
        elif isinstance(message, Problem):
            problems = (message,)
        else:
            problems = tuple(message)
            if not problems:
                raise ValueError("InputError needs at least one problem")
        self.problems = problems
        super().__init__(self._summary())

    def _summary(self) -> str:
        from govreport.i18n import ngettext

        first = self.problems[0].text()
        n = len(self.problems) - 1
        if n:
            first += ngettext("（另有 {n} 处错误）", "（另有 {n} 处错误）", n).format(n=n)
        return first

    def with_source(self, source: str) -> InputError:
        """The same error with ``source`` filled in where a problem does not name one."""
        return InputError([p if p.source else replace(p, source=source) for p in self.problems])

    @classmethod
    def merge(cls, errors: Iterable[InputError]) -> InputError:
        """One error holding the problems of several."""
        return cls([p for e in errors for p in e.problems])


class ReportInvalidError(GovReportError):
    """The report was read but has errors that stop rendering (exit code 1).

    ``findings`` holds what the checks found (errors and warnings) when the checks refused it.
    """

    exit_code = 1

    def __init__(self, message: str, findings: Sequence[object] = ()) -> None:
        super().__init__(message)
        self.findings = tuple(findings)


class EnvironmentProblem(GovReportError):
    """Rendering is impossible on this machine: a missing font, glyph or library (exit code 3)."""

    exit_code = 3


class RenderError(GovReportError):
    """A renderer failed for a reason that is neither the input nor the environment."""

    exit_code = 3


_OS_ERRORS = {
    _errno.ENOSPC: N_("磁盘已满"),
    _errno.EDQUOT: N_("超出磁盘配额"),
    _errno.EACCES: N_("没有权限"),
    _errno.EPERM: N_("不允许的操作"),
    _errno.EROFS: N_("文件系统是只读的"),
    _errno.ENOENT: N_("找不到文件或目录"),
    _errno.EEXIST: N_("文件已存在"),
    _errno.EISDIR: N_("是一个目录"),
    _errno.ENOTDIR: N_("路径中有一部分不是目录"),
    _errno.ENAMETOOLONG: N_("文件名太长"),
    _errno.EIO: N_("读写错误"),
    _errno.EMFILE: N_("打开的文件太多"),
    _errno.EXDEV: N_("不能跨文件系统改名"),
    _errno.EBUSY: N_("文件正被占用"),
}


def os_error_text(exc: OSError) -> str:
    """What went wrong in a file operation, in the current language, without the C library's English
    text: "磁盘已满", "没有权限" … or "错误号 28" for the rare rest."""
    from govreport.i18n import _

    text = _OS_ERRORS.get(exc.errno or -1)
    return _(text) if text else _("错误号 {errno}").format(errno=exc.errno)

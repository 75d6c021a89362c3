"""Exceptions with the exit codes the CLI maps them to.

Every message is one line, produced through the catalogs (:mod:`govreport.i18n`): Chinese by
default, English when the current language is English.
"""

from __future__ import annotations


class GovReportError(Exception):
    """Base class of every error govreport raises on purpose."""

    exit_code: int = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(GovReportError):
    """The input could not be read or is not a report (exit code 2)."""

    exit_code = 2


class ReportInvalidError(GovReportError):
    """The report was read but has errors that stop rendering (exit code 1)."""

    exit_code = 1


class EnvironmentProblem(GovReportError):
    """Rendering is impossible on this machine: a missing font, glyph or library (exit code 3)."""

    exit_code = 3


class RenderError(GovReportError):
    """A renderer failed for a reason that is neither the input nor the environment."""

    exit_code = 3

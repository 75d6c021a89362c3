"""Renders off the event loop: a process pool warmed at start (engines imported, fonts loaded), or —
with ``workers=0`` — a thread of this process (tests, small machines)."""

from __future__ import annotations

import asyncio
import concurrent.futures
from dataclasses import dataclass
from typing import Any

from govreport.errors import GovReportError
from govreport.i18n import _

FORMATS = ("docx", "pdf", "html")


@dataclass(frozen=True)
class Outcome:
    data: bytes | None
    message: str = ""
    exit_code: int = 0


def render_job(report: Any, fmt: str, locale: str) -> Outcome:
    """Render ``report`` (a :class:`govreport.Report`) as ``fmt``; never raises."""
    import govreport

    with govreport.language(locale):
        try:
            return Outcome(govreport.render(report, fmt))
        except GovReportError as exc:
            return Outcome(None, exc.message, exc.exit_code)
        except Exception as exc:  # a renderer bug must not take the worker down
            return Outcome(None, _("内部错误：{error}").format(error=type(exc).__name__), 3)


def _ping() -> bool:
    return True


class RenderPool:
    """``workers`` processes (0: a thread of this process)."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: concurrent.futures.Executor | None = None
        self._restart = asyncio.Lock()

    def start(self) -> None:
        """Start and warm the workers: each imports the engines and loads the fonts before its first
        render (:func:`govreport.batch.default_executor`)."""
        if self.workers > 0:
            from govreport.batch import default_executor

            pool = default_executor(self.workers, FORMATS)
            for fut in [pool.submit(_ping) for _n in range(self.workers)]:
                fut.result()
            self._pool = pool
        else:
            self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=2, thread_name_prefix="govreport-render")

    async def render(self, report: Any, fmt: str, locale: str) -> Outcome:
        if self._pool is None:
            await asyncio.to_thread(self.start)
        pool = self._pool
        assert pool is not None
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(pool, render_job, report, fmt, locale)
        except concurrent.futures.BrokenExecutor:  # a worker died (killed, out of memory): start afresh, once
            async with self._restart:
                if self._pool is pool:
                    pool.shutdown(wait=False, cancel_futures=True)
                    self._pool = None
                    await asyncio.to_thread(self.start)
            assert self._pool is not None
            return await loop.run_in_executor(self._pool, render_job, report, fmt, locale)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

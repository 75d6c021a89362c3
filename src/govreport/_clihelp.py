"""CLI help in the current language.

Typer stores help texts when the commands are declared, before ``--lang`` is parsed. The help texts
are therefore written as msgids (``help=N_("…")``) and translated when the help is printed: these
command classes swap every help text of the command (and of a group's subcommands) for its
translation while the help is formatted, then put the msgids back.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from typer.core import TyperCommand, TyperGroup

from govreport.i18n import gettext


@contextlib.contextmanager
def translated_help(command: Any) -> Iterator[None]:
    """Within the block, ``command``'s help texts (its own, its parameters', its subcommands') are
    in the current language."""
    saved: list[tuple[Any, str, str]] = []

    def swap(obj: Any, attr: str) -> None:
        value = getattr(obj, attr, None)
        if isinstance(value, str) and value:
            saved.append((obj, attr, value))
            setattr(obj, attr, gettext(value))

    commands = [command, *getattr(command, "commands", {}).values()]
    for cmd in commands:
        swap(cmd, "help")
        swap(cmd, "short_help")
        for param in getattr(cmd, "params", ()):
            swap(param, "help")
    try:
        yield
    finally:
        for obj, attr, value in reversed(saved):
            setattr(obj, attr, value)


class TranslatedCommand(TyperCommand):
    """A typer command whose ``--help`` is printed in the current language."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        with translated_help(self):
            super().format_help(ctx, formatter)


class TranslatedGroup(TyperGroup):
    """A typer group whose ``--help`` (and its list of commands) is printed in the current language."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        with translated_help(self):
            super().format_help(ctx, formatter)

"""Messages in two languages: Chinese by default, English on request.

Every message a user reads (CLI output, errors, check findings) is written in Chinese in the source,
wrapped in :func:`_`; the Chinese text is the msgid. The catalogs live in
``govreport/locale/<lang>/LC_MESSAGES/govreport.po`` (``zh_CN`` and ``en``) and are read with
Babel's ``read_po`` on first use, once per process — no compile step, so a source checkout and a
wheel behave alike.

The current language is a :class:`contextvars.ContextVar` and starts as ``zh_CN``: the library's
contract is Chinese messages (``Finding.message``). ``with govreport.language("en"):`` changes it
for the code inside the block, in this thread or asyncio task only, so a server answering two people
at once in two languages never mixes them. :func:`set_locale` sets it for the current context (the
CLI does this once, from ``--lang`` or the environment, :func:`locale_from_env`). A message is
translated when it is produced, so choose the language before loading, checking or rendering.

Placeholders use ``str.format`` names, translated first and filled after::

    raise InputError(_("找不到文件 {path}").format(path=path))

Text that is defined before the language is known (module constants, CLI help) is marked with
:func:`N_` and translated with :func:`_` where it is shown.
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import datetime as dt
import decimal
import functools
import gettext as gettext_module
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from importlib import resources
from pathlib import Path

#: The language when nothing else is asked for.
DEFAULT_LOCALE = "zh_CN"
#: The languages with a catalog.
LOCALES = ("zh_CN", "en")
DOMAIN = "govreport"

#: Environment variables consulted by :func:`locale_from_env`, in order (``GOVREPORT_LANG`` first,
#: then the gettext order).
ENV_VARS = ("GOVREPORT_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_locale: contextvars.ContextVar[str] = contextvars.ContextVar("govreport_locale", default=DEFAULT_LOCALE)


def normalize_locale(name: str) -> str | None:
    """The catalog for a locale name: ``en``, ``en_US.UTF-8``, ``en-GB`` → ``en``; ``zh``, ``zh_CN``,
    ``zh-Hans`` → ``zh_CN``; anything else → None."""
    tag = name.strip().split(":")[0].split(".")[0].split("@")[0].replace("-", "_").lower()
    if tag == "en" or tag.startswith("en_"):
        return "en"
    if tag == "zh" or tag.startswith("zh_"):
        return "zh_CN"
    return None


def locale_from_env(environ: Mapping[str, str] | None = None) -> str:
    """The language the environment asks for: the first non-empty of ``GOVREPORT_LANG``,
    ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``; English when it begins with "en",
    otherwise Chinese (``C``, ``POSIX`` and unknown languages included)."""
    env = os.environ if environ is None else environ
    for var in ENV_VARS:
        value = env.get(var, "")
        if value:
            return normalize_locale(value) or DEFAULT_LOCALE
    return DEFAULT_LOCALE


def _checked(name: str) -> str:
    locale = normalize_locale(name)
    if locale is None:
        raise ValueError(f"unsupported language {name!r}; choose one of {', '.join(LOCALES)}")
    return locale


def set_locale(name: str) -> str:
    """Make ``name`` (``zh_CN``, ``en``, or a name :func:`normalize_locale` accepts) the language of
    the messages produced from now on in the current context (thread or task, and the threads and
    tasks it starts afterwards); returns the catalog name. Prefer :func:`language` in a library."""
    locale = _checked(name)
    _locale.set(locale)
    return locale


def get_locale() -> str:
    """The current language (``zh_CN`` or ``en``)."""
    return _locale.get()


@contextlib.contextmanager
def language(name: str) -> Iterator[str]:
    """Produce messages in ``name`` inside the ``with`` block (this thread or task only), then restore
    the previous language::

        with govreport.language("en"):
            findings = govreport.check(report)   # English messages
    """
    token = _locale.set(_checked(name))
    try:
        yield _locale.get()
    finally:
        _locale.reset(token)


using_locale = language  # the former name


def catalog_path(locale: str) -> Path:
    """The ``.po`` file of ``locale`` (inside the installed package)."""
    return Path(str(resources.files("govreport").joinpath("locale", locale, "LC_MESSAGES", f"{DOMAIN}.po")))


@dataclasses.dataclass(frozen=True)
class _Catalog:
    messages: dict[str, str]
    plurals: dict[tuple[str, str], tuple[str, ...]]
    plural: Callable[[int], int]


@functools.cache
def _catalog(locale: str) -> _Catalog:
    """The translated, non-fuzzy messages of ``locale``'s catalog (read once per process).

    Chinese is the source language: its msgids are the text, so its catalog is not read at all (as
    gettext does for a program's own language), which spares every Chinese run ≈ 40 ms of parsing.
    """
    path = catalog_path(locale)
    if locale == DEFAULT_LOCALE or not path.is_file():
        return _Catalog({}, {}, lambda n: int(n != 1))
    from babel.messages.pofile import read_po

    with path.open("rb") as fh:
        catalog = read_po(fh, locale=locale, domain=DOMAIN)
    messages: dict[str, str] = {}
    plurals: dict[tuple[str, str], tuple[str, ...]] = {}
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, tuple | list):
            forms = tuple(str(s) for s in message.string or ())
            if all(forms):
                plurals[(str(message.id[0]), str(message.id[1]))] = forms
        elif message.string:
            messages[str(message.id)] = str(message.string)
    return _Catalog(messages, plurals, gettext_module.c2py(catalog.plural_expr))


def translations(locale: str) -> dict[str, str]:
    """The translated messages of ``locale`` (msgid → text)."""
    return dict(_catalog(locale).messages)


def gettext(message: str) -> str:
    """``message`` (Chinese, the msgid) in the current language; itself when not translated."""
    return _catalog(_locale.get()).messages.get(message, message)


_ = gettext


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of ``singular``/``plural`` for ``n`` in the current language (Chinese has one)."""
    catalog = _catalog(_locale.get())
    forms = catalog.plurals.get((singular, plural))
    if forms is None:
        return singular if n == 1 else plural
    return forms[min(catalog.plural(n), len(forms) - 1)]


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it (translate later with :func:`_`)."""
    return message


def format_date(date: dt.date) -> str:
    """A date for a message: 2017年1月20日 in Chinese, January 20, 2017 in English (Babel, CLDR)."""
    from babel.dates import format_date as babel_format_date

    return str(babel_format_date(date, format="long", locale=_locale.get()))


def format_number(value: int | Decimal | float) -> str:
    """A number for a message, with exactly the decimals it was written with (万元 amounts:
    ``Decimal("12.50")`` → 12.50). Chinese: no digit grouping, as in the reports; English: 1,234."""
    from babel.numbers import format_decimal

    number = value if isinstance(value, Decimal) else Decimal(str(value))
    exponent = number.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    grouped = _locale.get() != "zh_CN"
    pattern = ("#,##0" if grouped else "0") + ("." + "0" * places if places else "")
    with decimal.localcontext() as context:  # Babel's arithmetic must hold every digit (28 by default)
        context.prec = max(context.prec, len(number.as_tuple().digits) + places + 2)
        return str(format_decimal(number, format=pattern, locale=_locale.get(), decimal_quantization=False))


def format_percent(ratio: float) -> str:
    """A share for a message, whole percent: 0.45 → 45% (Babel, CLDR)."""
    from babel.numbers import format_percent as babel_format_percent

    return str(babel_format_percent(ratio, format="#,##0%", locale=_locale.get()))


def join(items: Iterable[str]) -> str:
    """Items of an enumeration in a message: 甲、乙、丙 in Chinese, "甲, 乙, 丙" in English."""
    return _("、").join(items)

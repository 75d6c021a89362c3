"""The numbers of a report's tables: one bounded type for counts (件, 个…) and one for money (万元).

Both accept what people type and paste — full-width digits (``１２``), thousands separators
(``"12,846"``, ``"12，846"``), surrounding spaces, a whole-number ``Decimal``/``float`` as a count
(``Decimal("17")``, ``17.0``) — and both are bounded to what a report can hold, so that no cell can
make a renderer print 100,000 digits or a check do arithmetic on ``1e999999999``:

* a count is a whole number with ``|n| ≤`` :data:`MAX_VALUE`;
* an amount is a finite decimal with ``|x| ≤`` :data:`MAX_VALUE` and at most :data:`MAX_PLACES`
  decimal places (trailing zeros beyond them are dropped, ``1E+3`` becomes ``1000``).

The bounds are checked on the digits before any arithmetic, so a hostile value costs nothing.
Negative numbers pass (本年增/减 may be negative; elsewhere a negative count is a finding).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, TypeAlias

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

#: Largest magnitude of a count or an amount (a trillion: more than any report can hold).
MAX_VALUE = 10**12
#: Most decimal places of an amount (万元 to the 分 needs 6; real reports print 24252.311082).
MAX_PLACES = 6
#: Longest number text considered at all (digits, separators, sign, point, exponent).
MAX_TEXT = 40

_MINUS = str.maketrans({"\u2212": "-", "\u2012": "-", "\u2013": "-", "\ufe63": "-", "\uff0d": "-"})
_PLAIN = re.compile(r"[+-]?\d+")
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+")
_DECIMAL = re.compile(r"[+-]?(?:\d+|\d{1,3}(?:,\d{3})+)?(?:\.\d*)?(?:[eE][+-]?\d+)?")
_QUANTUM = Decimal(1).scaleb(-MAX_PLACES)


def _too_large() -> PydanticCustomError:
    return PydanticCustomError("number_too_large", "number too large", {"max": str(MAX_VALUE)})


def _clean(text: str) -> str:
    """Full-width forms → ASCII, the Chinese comma → ",", surrounding spaces removed."""
    return unicodedata.normalize("NFKC", text).translate(_MINUS).replace("，", ",").strip()


def _text(value: str, kind: str) -> str:
    if len(value) > MAX_TEXT * 4 or len(cleaned := _clean(value)) > MAX_TEXT:
        raise PydanticCustomError("number_too_long", "number too long", {"max": MAX_TEXT})
    if not cleaned:
        raise PydanticCustomError(f"{kind}_parsing", "not a number")
    return cleaned


def parse_count(value: Any) -> Any:
    """A count from what was typed: ``12``, ``"１２"``, ``"12,846"``, ``" 12 "``, ``Decimal("17")``, ``17.0``."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise PydanticCustomError("count_parsing", "not a whole number")
    if isinstance(value, int):
        number = value
    elif isinstance(value, str):
        cleaned = _text(value, "count")
        if _PLAIN.fullmatch(cleaned) or _GROUPED.fullmatch(cleaned):
            number = int(cleaned.replace(",", ""))
        else:
            amount = _amount_of(cleaned)  # "17.0", "1.2e3": a whole number written as a decimal
            if amount is None or amount != amount.to_integral_value():
                raise PydanticCustomError("count_parsing", "not a whole number")
            number = int(amount)
    elif isinstance(value, (float, Decimal)):
        amount = _bounded_decimal(Decimal(str(value)) if isinstance(value, float) else value)
        if amount != amount.to_integral_value():
            raise PydanticCustomError("count_parsing", "not a whole number")
        number = int(amount)
    else:
        raise PydanticCustomError("count_parsing", "not a whole number")
    if abs(number) > MAX_VALUE:
        raise _too_large()
    return number


def _amount_of(cleaned: str) -> Decimal | None:
    if not _DECIMAL.fullmatch(cleaned) or not any(ch.isdigit() for ch in cleaned):
        return None
    mantissa = cleaned.split("e", 1)[0].split("E", 1)[0]
    if "," in mantissa and not _GROUPED.fullmatch(mantissa.split(".", 1)[0]):
        return None
    try:
        return _bounded_decimal(Decimal(cleaned.replace(",", "")))
    except InvalidOperation:
        return None


def _bounded_decimal(number: Decimal) -> Decimal:
    """``number`` within the bounds (checked on its exponent and digits, before any arithmetic)."""
    if not number.is_finite():
        raise PydanticCustomError("finite_number", "not finite")
    if number.is_zero():
        exponent = int(number.as_tuple().exponent)
        return abs(number) if -MAX_PLACES <= exponent <= 0 else Decimal(0)
    if number.adjusted() > 12:  # 10**13 or more: its size says so without computing it
        raise _too_large()
    exponent = int(number.as_tuple().exponent)
    if exponent < -MAX_PLACES:
        if number.adjusted() < -MAX_PLACES - 1 or number != number.quantize(_QUANTUM):
            raise PydanticCustomError("amount_places", "too many decimal places", {"max": MAX_PLACES})
        number = number.quantize(_QUANTUM)  # 12.50000000 → 12.500000: the places beyond 6 were zeros
    elif exponent > 0:
        number = number.quantize(Decimal(1))
    if abs(number) > MAX_VALUE:
        raise _too_large()
    return number


def parse_amount(value: Any) -> Any:
    """An amount from what was typed: ``126.35``, ``"１２６．３５"``, ``"12,846.5"``, ``Decimal("1E+3")``."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise PydanticCustomError("decimal_parsing", "not a number")
    if isinstance(value, int):
        if abs(value) > MAX_VALUE:
            raise _too_large()
        return Decimal(value)
    if isinstance(value, float):
        return _bounded_decimal(Decimal(repr(value)))
    if isinstance(value, Decimal):
        return _bounded_decimal(value)
    if isinstance(value, str):
        amount = _amount_of(_text(value, "decimal"))
        if amount is None:
            raise PydanticCustomError("decimal_parsing", "not a number")
        return amount
    raise PydanticCustomError("decimal_type", "not a number")


Count: TypeAlias = Annotated[int | None, BeforeValidator(parse_count)]
"""A count (件, 个…), bounded; ``None`` = blank."""

Amount: TypeAlias = Annotated[Decimal | None, BeforeValidator(parse_amount)]
"""A money amount (万元 / 元), bounded, decimals kept as typed (at most 6); ``None`` = blank."""

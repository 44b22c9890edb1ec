"""Numbers the Swedish way: decimal comma and a narrow no-break space between thousands
("1 250", "3,5"), in pages, e-mails, PDFs and exports alike."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

THOUSANDS = "\u202f"  # narrow no-break space: a thin space that never breaks a number over two lines


def swedish_number(value, decimals: int | None = None) -> str:
    """``1250`` → "1 250", ``Decimal("3.50")`` → "3,5", ``-0.25`` → "-0,25" (with ``decimals``: fixed places).

    Anything that is not a number is returned as text unchanged (a template never fails on it)."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return str(value)
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    if not number.is_finite():
        return str(value)
    if decimals is not None:
        number = number.quantize(Decimal(1).scaleb(-decimals))
        text = f"{abs(number):f}"
    else:
        text = f"{abs(number).normalize():f}"
    whole, _dot, fraction = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = THOUSANDS.join(groups) + ("," + fraction if fraction else "")
    return ("-" if number < 0 else "") + result

"""Numbers written the French way, for pages, charts, imports and terminals."""

from decimal import ROUND_HALF_UP, Decimal

NARROW_NBSP = "\u202f"  # French thousands separator and space before "%"
NBSP = "\u00a0"  # the charts' separator (resources/charts.py)


def format_number(value, decimals=None, space=NARROW_NBSP):
    """16 000 ; 1 200 000,5 ; 12,50 — `space` between thousands, a comma before decimals.

    With `decimals=None`, trailing zeros are dropped (16 000, 12,5); otherwise the value is
    rounded half up to that many decimals, which are all shown (0,50)."""
    if isinstance(value, int) and decimals is None:  # the common case, kept cheap for charts
        return f"{value:,}".replace(",", space)
    value = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if decimals is None:
        if value == value.to_integral_value():
            value = value.quantize(Decimal(1))
        else:
            value = value.normalize()
    else:
        value = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    whole, _, fraction = f"{abs(value):f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", space)
    return sign + grouped + ("," + fraction if fraction else "")

"""How the report's numbers read on the screen: thousands with a space, shares as percent,
durations as ч:мм:сс, a minus sign for negatives."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from ric_desk.reports.names import SHARES

NBSP = "\u00a0"  # a thousands separator that never breaks a number in two
MINUS = "\u2212"
PERCENT = SHARES
DURATION = frozenset({"duration", "avg_duration"})


def number(value: float) -> str:
    """12345 -> "12 345"; -53 -> "−53"; a fraction to one decimal with a comma."""
    if isinstance(value, float) and not value.is_integer():
        text = f"{abs(value):,.1f}".replace(",", NBSP).replace(".", ",")
    else:
        text = f"{abs(int(value)):,}".replace(",", NBSP)
    return (MINUS + text) if value < 0 else text


def duration(seconds: float) -> str:
    """3725 -> "1:02:05" (hours may pass 24: a month's total is still read in hours)."""
    total = round(abs(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{hours}:{minutes:02d}:{secs:02d}"
    return (MINUS + text) if seconds < 0 else text


def percent(share: float) -> str:
    """0.4251 -> "42,5 %"; half up, as Excel's 0.0% and the quality screens round
    (0.8125 -> "81,3 %", not the float formatting's "81,2 %")."""
    rounded = Decimal(repr(share * 100)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return f"{rounded:.1f}".replace(".", ",") + NBSP + "%"


def measure_text(measure: str, value: int | float | None) -> str:
    if value is None:
        return ""
    if measure in PERCENT:
        return percent(value)
    if measure in DURATION:
        return duration(value)
    return number(value)

"""Derived progress of an indicator: never stored, always computed from its measurements."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from tongwen.agreements.models import Indicator, Measurement

# Progress may lag the calendar by this share before the indicator counts as at risk.
TOLERANCE = Decimal("0.10")


class Standing(models.TextChoices):
    ACHIEVED = "achieved", _("achieved")
    ON_TRACK = "on_track", _("on track")
    AT_RISK = "at_risk", _("at risk")
    MISSED = "missed", _("missed")
    NO_DATA = "no_data", _("no measurements yet")
    NO_TARGET = "no_target", _("tracked without a target")


@dataclass(frozen=True)
class Progress:
    latest: Measurement | None
    fraction: Decimal | None  # 0..1 of the way from baseline to target
    expected: Decimal | None  # share of the period elapsed on ``today``
    standing: Standing

    @property
    def percent(self) -> int | None:
        return None if self.fraction is None else int(self.fraction * 100)


def _elapsed(indicator: Indicator, today: dt.date) -> Decimal | None:
    start, end = indicator.period_start, indicator.period_end
    if not (start and end) or end <= start:
        return None
    share = Decimal((today - start).days) / Decimal((end - start).days)
    return min(max(share, Decimal(0)), Decimal(1))


def _met(indicator: Indicator, value: Decimal) -> bool:
    assert indicator.target is not None
    if indicator.comparator == Indicator.Comparator.AT_MOST:
        return value <= indicator.target
    if indicator.comparator == Indicator.Comparator.EXACTLY:
        return value == indicator.target
    return value >= indicator.target


def indicator_progress(
    indicator: Indicator, measurements: list[Measurement], *, today: dt.date
) -> Progress:
    """Where ``indicator`` stands on ``today`` given its ``measurements`` (any order)."""
    latest = max(measurements, key=lambda m: (m.measured_on, m.pk or 0), default=None)
    expected = _elapsed(indicator, today)
    if indicator.target is None:
        return Progress(latest, None, expected, Standing.NO_TARGET)
    if latest is None:
        past_deadline = indicator.period_end is not None and today > indicator.period_end
        return Progress(
            None, None, expected, Standing.MISSED if past_deadline else Standing.NO_DATA
        )
    baseline = indicator.baseline or Decimal(0)
    span = indicator.target - baseline
    if indicator.comparator == Indicator.Comparator.AT_MOST:
        fraction = Decimal(1) if latest.value <= indicator.target else Decimal(0)
    elif span > 0:
        fraction = min(max((latest.value - baseline) / span, Decimal(0)), Decimal(1))
    else:
        fraction = Decimal(1) if latest.value >= indicator.target else Decimal(0)
    if _met(indicator, latest.value):
        return Progress(latest, fraction, expected, Standing.ACHIEVED)
    if indicator.period_end is not None and today > indicator.period_end:
        return Progress(latest, fraction, expected, Standing.MISSED)
    if expected is not None and fraction + TOLERANCE < expected:
        return Progress(latest, fraction, expected, Standing.AT_RISK)
    return Progress(latest, fraction, expected, Standing.ON_TRACK)

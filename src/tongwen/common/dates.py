"""Dates as the sources give them: a day and month whose year may be unstated or inferred."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class YearStatus(models.TextChoices):
    STATED = "stated", gettext_lazy("stated in the source")
    INFERRED = "inferred", gettext_lazy("inferred")
    UNSTATED = "unstated", gettext_lazy("not stated")


class DatePrecision(models.TextChoices):
    DAY = "day", gettext_lazy("day")
    MONTH = "month", gettext_lazy("month")
    YEAR = "year", gettext_lazy("year")


def check_day(year: int | None, month: int | None, day: int | None, *, field: str) -> None:
    """Reject 30 February and friends; a missing year is checked against a leap year."""
    if month is None:
        if day is not None:
            raise ValidationError({field: _("A day needs a month.")}, code="invalid_date")
        return
    try:
        dt.date(year if year is not None else 2000, month, day or 1)
    except ValueError:
        raise ValidationError(
            {field: _("%(day)s/%(month)s is not a date.") % {"day": day, "month": month}},
            code="invalid_date",
        ) from None

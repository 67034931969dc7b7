"""Template helpers for language maps, pinyin, signing dates and progress bars."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from tongwen.agreements.progress import Progress
from tongwen.common import langmap
from tongwen.common.dates import DatePrecision, YearStatus

register = template.Library()

# Django's language codes are lower case; content tags follow BCP 47.
_CONTENT_TAG = {"zh-hans": "zh-Hans", "en": "en"}


def _reader_language() -> str:
    code = get_language() or "zh-hans"
    return _CONTENT_TAG.get(code, code)


@register.simple_tag
def lm(value: langmap.LanguageMap | None) -> SafeString:
    """The best value of a language map for the reader, marked with its language."""
    language = _reader_language()
    text = langmap.best(value, language)
    if not text:
        return mark_safe("")
    return format_html('<span lang="{}">{}</span>', langmap.best_tag(value, language), text)


@register.filter
def lmtext(value: langmap.LanguageMap | None) -> str:
    """The best value of a language map as plain text, for attributes such as ``alt``."""
    return langmap.best(value, _reader_language())


@register.filter
def pinyin(value: Any) -> str:
    """Pinyin of a language map (its stored romanisation) or of plain Chinese text."""
    if isinstance(value, dict):
        if value.get(langmap.PINYIN_TAG):
            return str(value[langmap.PINYIN_TAG])
        for tag in langmap.CHINESE_TAGS:
            if value.get(tag):
                return langmap.to_pinyin(value[tag])
        return ""
    return langmap.to_pinyin(str(value or ""))


@register.filter
def other_languages(value: langmap.LanguageMap | None) -> list[tuple[str, str]]:
    """All (tag, text) pairs of a language map, for pages that show every name."""
    return list((value or {}).items())


def _date_text(year: int | None, month: int | None, day: int | None) -> str:
    """A date as precise as it is known: '29 April 2021', '29 April', 'April 2021', '2021'."""
    months = [
        pgettext("month name in a date", "January"),
        pgettext("month name in a date", "February"),
        pgettext("month name in a date", "March"),
        pgettext("month name in a date", "April"),
        pgettext("month name in a date", "May"),
        pgettext("month name in a date", "June"),
        pgettext("month name in a date", "July"),
        pgettext("month name in a date", "August"),
        pgettext("month name in a date", "September"),
        pgettext("month name in a date", "October"),
        pgettext("month name in a date", "November"),
        pgettext("month name in a date", "December"),
    ]
    values = {
        "year": year,
        "month": month,
        "day": day,
        "month_name": months[month - 1] if month and 1 <= month <= 12 else "",
    }
    if month and day and year:
        return _("%(day)s %(month_name)s %(year)s") % values
    if month and day:
        return _("%(day)s %(month_name)s") % values
    if month and year:
        return _("%(month_name)s %(year)s") % values
    if year:
        return pgettext("a year on its own", "%(year)s") % values
    return ""


@register.simple_tag
def signed_date(agreement: Any) -> str:
    """'29 April 2021', with a marker when the year is inferred or not stated."""
    text = _date_text(agreement.signed_year, agreement.signed_month, agreement.signed_day)
    if not text:
        return _("date unknown")
    if agreement.signed_year_status == YearStatus.INFERRED:
        text = _("%(date)s (inferred)") % {"date": text}
    elif agreement.signed_year_status == YearStatus.UNSTATED:
        text = _("%(date)s (year not stated)") % {"date": text}
    return text


@register.simple_tag
def partial_date(value: dt.date | None, precision: str = DatePrecision.DAY) -> str:
    """A stored date shown only as precisely as it is known (a year, a month, or a day)."""
    if value is None:
        return "…"
    if precision == DatePrecision.YEAR:
        return _date_text(value.year, None, None)
    if precision == DatePrecision.MONTH:
        return _date_text(value.year, value.month, None)
    return _date_text(value.year, value.month, value.day)


@register.inclusion_tag("portal/_progress.html")
def progress_bar(progress: Progress | None) -> dict[str, Any]:
    percent = progress.percent if progress is not None else None
    expected = (
        int(progress.expected * 100)
        if progress is not None and progress.expected is not None
        else None
    )
    return {"progress": progress, "percent": percent, "expected": expected}

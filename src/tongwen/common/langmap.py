"""Language maps: one value per BCP 47 language tag, the way IIIF Presentation 3.0 labels work.

See docs/decisions/0001-language-maps.md. A language map is a plain ``dict[str, str]``
such as ``{"zh-Hans": "国家图书馆", "en": "National Library of China"}``. Chinese values get
their Hanyu Pinyin under ``zh-Latn-pinyin`` automatically.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import langcodes
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pypinyin import Style, lazy_pinyin

LanguageMap = dict[str, str]

PINYIN_TAG = "zh-Latn-pinyin"
CHINESE_TAGS = ("zh-Hans", "zh", "zh-Hant")
MAX_VALUE_LENGTH = 4000


def _fallbacks(language: str) -> list[str]:
    preferred = "zh-Hans" if language.lower().startswith("zh") else language
    order = [preferred, "zh-Hans", "zh", "zh-Hant", "en"]
    return list(dict.fromkeys(order))


def best(value: LanguageMap | None, language: str = "zh-Hans") -> str:
    """The value to show a reader of ``language``; falls back through Chinese and English."""
    if not value:
        return ""
    for tag in _fallbacks(language):
        if value.get(tag):
            return value[tag]
    for tag, text in value.items():
        if tag != PINYIN_TAG and text:
            return text
    return value.get(PINYIN_TAG, "")


def best_tag(value: LanguageMap | None, language: str = "zh-Hans") -> str:
    """The tag of the value :func:`best` picks, so templates can mark its ``lang``."""
    if not value:
        return ""
    for tag in _fallbacks(language):
        if value.get(tag):
            return tag
    return next(iter(value), "")


@lru_cache(maxsize=4096)
def to_pinyin(text: str) -> str:
    """Tone-marked Hanyu Pinyin, syllables separated by spaces; non-Han text kept as is.

    Cached: bulk imports and harvests repeat names and titles, and the reading is a pure
    function of the text (a tenth of a millisecond and more for a title).
    """
    return " ".join(lazy_pinyin(text, style=Style.TONE, errors="default")).strip()


def with_pinyin(value: LanguageMap) -> LanguageMap:
    if PINYIN_TAG in value:
        return value
    for tag in CHINESE_TAGS:
        if value.get(tag):
            return {**value, PINYIN_TAG: to_pinyin(value[tag])}
    return value


@lru_cache(maxsize=1024)
def _standard_tag(tag: str) -> str | None:
    """The standard form of a valid BCP 47 tag, or None; cached, as bulk imports repeat tags."""
    return langcodes.standardize_tag(tag) if langcodes.tag_is_valid(tag) else None


def clean(value: Any, *, required: bool = True, max_length: int = MAX_VALUE_LENGTH) -> LanguageMap:
    """Validate a language map from untrusted input and return it normalised.

    Raises ``ValidationError`` naming the bad tag or value; never returns a half-valid map.
    """
    if value is None or value == {}:
        if required:
            raise ValidationError(_("Give a value in at least one language."), code="required")
        return {}
    if not isinstance(value, dict):
        raise ValidationError(
            _('Expected an object of language tags to text, such as {"en": "…"}.'),
            code="invalid",
        )
    cleaned: LanguageMap = {}
    for tag, text in value.items():
        standard = _standard_tag(tag) if isinstance(tag, str) else None
        if standard is None:
            raise ValidationError(
                _("“%(tag)s” is not a valid language tag."), code="invalid_tag", params={"tag": tag}
            )
        if not isinstance(text, str):
            raise ValidationError(
                _("The value for “%(tag)s” must be text."), code="invalid", params={"tag": tag}
            )
        text = text.strip()
        if len(text) > max_length:
            raise ValidationError(
                _("The value for “%(tag)s” is longer than %(max)d characters."),
                code="max_length",
                params={"tag": tag, "max": max_length},
            )
        if text:
            cleaned[standard] = text
    if required and not any(tag != PINYIN_TAG for tag in cleaned):
        raise ValidationError(_("Give a value in at least one language."), code="required")
    return with_pinyin(cleaned)

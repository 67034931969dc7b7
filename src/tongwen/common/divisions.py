"""China's administrative divisions (GB/T 2260), from the GB2260 registry package.

Codes are kept on records; names are looked up here, never typed by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from gb2260_v2 import GB2260, InvalidCode

from tongwen.common.langmap import LanguageMap, to_pinyin


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    path: tuple[str, ...]  # names from province down to this division

    @property
    def label(self) -> LanguageMap:
        full = "".join(dict.fromkeys(self.path))
        return {"zh-Hans": full, "zh-Latn-pinyin": to_pinyin(full)}


@lru_cache(maxsize=1)
def _registry() -> GB2260:
    return GB2260()


@lru_cache(maxsize=4096)
def lookup(code: str) -> Division | None:
    registry = _registry()
    try:
        division = registry.get(code)
    except (InvalidCode, ValueError, KeyError):
        return None
    if division is None:
        return None
    path = []
    for upper in (division.province, division.prefecture):
        if upper is not None and upper.code != division.code:
            path.append(upper.name)
    path.append(division.name)
    return Division(code=division.code, name=division.name, path=tuple(path))


def validate_code(code: str) -> None:
    if code and lookup(code) is None:
        raise ValidationError(
            _("“%(code)s” is not a GB/T 2260 administrative division code."),
            code="unknown_division",
            params={"code": code},
        )

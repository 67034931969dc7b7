"""China's county-level divisions with coordinates: the candidate county libraries.

Coordinates come from the ``cpca`` package's ``resources/adcodes.csv`` (12-digit adcodes with
longitude and latitude of each division's seat), read as a plain file: importing ``cpca``
would pull in pandas. Names come from GB/T 2260 (:mod:`tongwen.common.divisions`): a county
is a six-digit code not ending in ``00`` that both cpca and GB/T 2260 know.
"""

from __future__ import annotations

import csv
import importlib.metadata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pypinyin import Style, lazy_pinyin

from tongwen.common import divisions
from tongwen.programs.planning.geo import province_of

#: Endings of county-level names and their English words, longest first.
_SUFFIXES = (
    ("自治县", "Autonomous County"),
    ("自治旗", "Autonomous Banner"),
    ("特区", "Special District"),
    ("林区", "Forestry District"),
    ("新区", "New District"),
    ("县", "County"),
    ("区", "District"),
    ("市", "City"),
    ("旗", "Banner"),
)


@dataclass(frozen=True)
class County:
    code: str
    name: str  # GB/T 2260 name, e.g. 德清县
    path: tuple[str, ...]  # province, prefecture, county names
    latitude: float
    longitude: float

    @property
    def province_code(self) -> str:
        return province_of(self.code)

    @property
    def english_name(self) -> str:
        """Pinyin of the name with the kind of division in English: ``Deqing County``."""
        for suffix, word in _SUFFIXES:
            if self.name.endswith(suffix) and len(self.name) > len(suffix):
                stem = self.name[: -len(suffix)]
                return f"{_pinyin_word(stem)} {word}"
        return _pinyin_word(self.name)


def _pinyin_word(text: str) -> str:
    return "".join(lazy_pinyin(text, style=Style.NORMAL, errors="default")).capitalize()


def adcodes_path() -> Path:
    located = importlib.metadata.distribution("cpca").locate_file("cpca/resources/adcodes.csv")
    return Path(str(located))


@lru_cache(maxsize=1)
def _coordinates() -> dict[str, tuple[float, float]]:
    """Six-digit code → (latitude, longitude), for every division cpca lists."""
    found: dict[str, tuple[float, float]] = {}
    with adcodes_path().open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            adcode = row["adcode"]
            if len(adcode) != 12 or not adcode.endswith("000000"):
                continue
            try:
                found[adcode[:6]] = (float(row["latitude"]), float(row["longitude"]))
            except ValueError:
                continue
    return found


def coordinates(code: str) -> tuple[float, float] | None:
    """(latitude, longitude) of a division's seat, or of its nearest listed upper division."""
    table = _coordinates()
    for candidate in (code, code[:4] + "00", code[:2] + "0000"):
        if candidate in table:
            return table[candidate]
    return None


@lru_cache(maxsize=1)
def county_registry() -> tuple[County, ...]:
    """Every county-level division known to both cpca and GB/T 2260, ordered by code."""
    counties = []
    for code, (latitude, longitude) in sorted(_coordinates().items()):
        if code.endswith("00"):
            continue
        division = divisions.lookup(code)
        if division is None:
            continue
        counties.append(
            County(
                code=code,
                name=division.name,
                path=division.path,
                latitude=latitude,
                longitude=longitude,
            )
        )
    return tuple(counties)


def county(code: str) -> County | None:
    return _by_code().get(code)


@lru_cache(maxsize=1)
def _by_code() -> dict[str, County]:
    return {c.code: c for c in county_registry()}

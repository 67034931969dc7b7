"""Chinese periods and reign eras, and a reader for dates as catalogue records write them.

A record keeps its date as written ("清乾隆四十年", "明萬曆間", "19th century") and, beside it,
a normalised year range and a period code that search and facets use. This module holds the
vocabulary (:data:`PERIODS`, :data:`ERAS`) and :func:`parse_written_date`, which turns the
written form into a :class:`ParsedDate` or gives ``None`` when it cannot tell: it never guesses.

Years are *historical* years: there is no year 0, ``-91`` is 91 BCE and ``-1`` (1 BCE) is
followed by ``1`` (1 CE). Era arithmetic ("year N of an era") steps over the missing zero.

Period ranges follow the conventions of Chinese chronology tables (Xia–Shang–Zhou Chronology
Project dates for the earliest ones; Qing 1644–1911). A transition year belongs to both
dynasties; :func:`period_for_year` gives it to the newer one.

Reign-era coverage: all eras of Ming (with Southern Ming) and Qing (with Later Jin), Tang
(without the Wu Zhou eras), Northern and Southern Song, Liao, Jin and Yuan; Western Han from
Emperor Wu, Xin, Eastern Han, the Three Kingdoms, Western and Eastern Jin, Sui; a selection of
the Southern and Northern dynasties and Former Qin; and Republican year counting (民国N年).
Liu Song's 大明 is left out on purpose: in catalogues 大明 means the Ming dynasty.

Traditional characters are folded to simplified ones through a small explicit table
(:data:`_FOLD`) that covers the characters of the names here; it is no general converter.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType

__all__ = [
    "ERAS",
    "PERIODS",
    "Era",
    "ParsedDate",
    "Period",
    "parse_written_date",
    "period_for_year",
    "period_label",
]

# --------------------------------------------------------------------------------------------
# Years


def _astronomical(year: int) -> int:
    return year if year > 0 else year + 1


def _historical(astronomical: int) -> int:
    return astronomical if astronomical > 0 else astronomical - 1


def _add_years(year: int, count: int) -> int:
    """``year`` moved by ``count`` years, stepping over the missing year 0."""
    return _historical(_astronomical(year) + count)


def _span(year_from: int, year_to: int) -> int:
    """How many years ``year_from``..``year_to`` covers, both included."""
    return _astronomical(year_to) - _astronomical(year_from) + 1


def _this_year() -> int:
    return dt.date.today().year


# --------------------------------------------------------------------------------------------
# Traditional → simplified fold: the characters the names here and dates around them need, each
# pair traditional then simplified. The same pairs write era names in traditional characters.

_FOLD_PAIRS = (
    "萬万 曆历 啓启 禎祯 樂乐 統统 順顺 慶庆 紹绍 聰聪 豐丰 緒绪 貞贞 觀观 顯显 龍龙 總总 儀仪 "
    "調调 開开 寶宝 應应 廣广 興兴 長长 會会 寧宁 紀纪 復复 鳳凤 節节 陽阳 鴻鸿 綏绥 壽寿 漢汉 "
    "義义 黃黄 烏乌 璽玺 聖圣 監监 龜龟 業业 雲云 極极 冊册 贊赞 祿禄 輔辅 國国 攝摄 後后 間间 "
    "約约 歲岁 載载 閏闰 臘腊 葉叶 時时 華华 兩两 戰战 東东 晉晋 齊齐 陳陈 遼辽 吳吴 孫孙 劉刘 "
    "蕭萧 際际"
)
# Other traditional or variant forms met in sources; they fold but are never written out.
_FOLD_VARIANTS = "歷历 啟启 寳宝 熈熙 煕熙 佑祐 徵征 閒间"
_FOLD: Mapping[int, str] = MappingProxyType(
    {
        ord(pair[0]): pair[1]
        for pair in (_FOLD_PAIRS + " " + _FOLD_VARIANTS).split()
        if pair[0] != pair[1]
    }
)
_UNFOLD: Mapping[str, str] = MappingProxyType(
    {pair[1]: pair[0] for pair in _FOLD_PAIRS.split() if pair[0] != pair[1]}
)


def _fold(text: str) -> str:
    return text.translate(_FOLD)


def _to_traditional(text: str) -> str:
    return "".join(_UNFOLD.get(ch, ch) for ch in text)


# --------------------------------------------------------------------------------------------
# Periods


@dataclass(frozen=True)
class Period:
    """A dynasty or period. ``year_to`` is ``None`` while it lasts; ``parent`` groups periods
    (Northern Song under Song) and is no claim that the child's years lie inside the parent's."""

    code: str
    zh_hans: str
    zh_hant: str
    en: str
    pinyin: str
    year_from: int
    year_to: int | None
    parent: str = ""

    def label(self, language: str) -> str:
        tag = language.lower()
        if tag.startswith("zh-latn"):
            return self.pinyin
        if tag.startswith("zh-hant") or tag in ("zh-tw", "zh-hk", "zh-mo"):
            return self.zh_hant
        if tag.startswith("zh"):
            return self.zh_hans
        return self.en


# code, zh-Hans, zh-Hant, en, pinyin, from, to, parent — in chronological order.
# fmt: off
_PERIOD_ROWS: tuple[tuple[str, str, str, str, str, int, int | None, str], ...] = (
    ("xia", "夏", "夏", "Xia", "Xià", -2070, -1600, ""),
    ("shang", "商", "商", "Shang", "Shāng", -1600, -1046, ""),
    ("zhou", "周", "周", "Zhou", "Zhōu", -1046, -256, ""),
    ("western-zhou", "西周", "西周", "Western Zhou", "Xī Zhōu", -1046, -771, "zhou"),
    ("eastern-zhou", "东周", "東周", "Eastern Zhou", "Dōng Zhōu", -770, -256, "zhou"),
    ("spring-autumn", "春秋", "春秋", "Spring and Autumn", "Chūnqiū", -770, -476, "eastern-zhou"),
    ("warring-states", "战国", "戰國", "Warring States", "Zhànguó", -475, -221, "eastern-zhou"),
    ("qin", "秦", "秦", "Qin", "Qín", -221, -207, ""),
    ("han", "汉", "漢", "Han", "Hàn", -202, 220, ""),
    ("western-han", "西汉", "西漢", "Western Han", "Xī Hàn", -202, 8, "han"),
    ("xin", "新", "新", "Xin", "Xīn", 9, 23, ""),
    ("eastern-han", "东汉", "東漢", "Eastern Han", "Dōng Hàn", 25, 220, "han"),
    ("three-kingdoms", "三国", "三國", "Three Kingdoms", "Sānguó", 220, 280, ""),
    ("cao-wei", "曹魏", "曹魏", "Cao Wei", "Cáo Wèi", 220, 266, "three-kingdoms"),
    ("shu-han", "蜀汉", "蜀漢", "Shu Han", "Shǔ Hàn", 221, 263, "three-kingdoms"),
    ("eastern-wu", "东吴", "東吳", "Eastern Wu", "Dōng Wú", 222, 280, "three-kingdoms"),
    ("jin", "晋", "晉", "Jin (266–420)", "Jìn", 266, 420, ""),
    ("western-jin", "西晋", "西晉", "Western Jin", "Xī Jìn", 266, 316, "jin"),
    ("eastern-jin", "东晋", "東晉", "Eastern Jin", "Dōng Jìn", 317, 420, "jin"),
    ("sixteen-kingdoms", "十六国", "十六國", "Sixteen Kingdoms", "Shíliù Guó", 304, 439, ""),
    ("former-qin", "前秦", "前秦", "Former Qin", "Qián Qín", 351, 394, "sixteen-kingdoms"),
    ("southern-northern", "南北朝", "南北朝", "Northern and Southern dynasties", "Nán-Běi Cháo",
     420, 589, ""),
    ("southern-dynasties", "南朝", "南朝", "Southern dynasties", "Nán Cháo",
     420, 589, "southern-northern"),
    ("liu-song", "刘宋", "劉宋", "Liu Song", "Liú Sòng", 420, 479, "southern-dynasties"),
    ("southern-qi", "南齐", "南齊", "Southern Qi", "Nán Qí", 479, 502, "southern-dynasties"),
    ("liang", "南梁", "南梁", "Liang", "Nán Liáng", 502, 557, "southern-dynasties"),
    ("chen", "南陈", "南陳", "Chen", "Nán Chén", 557, 589, "southern-dynasties"),
    ("northern-dynasties", "北朝", "北朝", "Northern dynasties", "Běi Cháo",
     386, 581, "southern-northern"),
    ("northern-wei", "北魏", "北魏", "Northern Wei", "Běi Wèi", 386, 534, "northern-dynasties"),
    ("eastern-wei", "东魏", "東魏", "Eastern Wei", "Dōng Wèi", 534, 550, "northern-dynasties"),
    ("western-wei", "西魏", "西魏", "Western Wei", "Xī Wèi", 535, 557, "northern-dynasties"),
    ("northern-qi", "北齐", "北齊", "Northern Qi", "Běi Qí", 550, 577, "northern-dynasties"),
    ("northern-zhou", "北周", "北周", "Northern Zhou", "Běi Zhōu", 557, 581, "northern-dynasties"),
    ("sui", "隋", "隋", "Sui", "Suí", 581, 618, ""),
    ("tang", "唐", "唐", "Tang", "Táng", 618, 907, ""),
    ("five-dynasties-ten-kingdoms", "五代十国", "五代十國", "Five Dynasties and Ten Kingdoms",
     "Wǔdài Shíguó", 907, 979, ""),
    ("liao", "辽", "遼", "Liao", "Liáo", 916, 1125, ""),
    ("song", "宋", "宋", "Song", "Sòng", 960, 1279, ""),
    ("northern-song", "北宋", "北宋", "Northern Song", "Běi Sòng", 960, 1127, "song"),
    ("southern-song", "南宋", "南宋", "Southern Song", "Nán Sòng", 1127, 1279, "song"),
    ("western-xia", "西夏", "西夏", "Western Xia", "Xī Xià", 1038, 1227, ""),
    ("jurchen-jin", "金", "金", "Jin (Jurchen)", "Jīn", 1115, 1234, ""),
    ("yuan", "元", "元", "Yuan", "Yuán", 1271, 1368, ""),
    ("ming", "明", "明", "Ming", "Míng", 1368, 1644, ""),
    ("southern-ming", "南明", "南明", "Southern Ming", "Nán Míng", 1644, 1662, "ming"),
    ("later-jin", "后金", "後金", "Later Jin (1616–1636)", "Hòu Jīn", 1616, 1636, "qing"),
    ("qing", "清", "清", "Qing", "Qīng", 1644, 1911, ""),
    ("republic-of-china", "中华民国", "中華民國", "Republic of China", "Zhōnghuá Mínguó",
     1912, 1949, ""),
    ("prc", "中华人民共和国", "中華人民共和國", "People's Republic of China",
     "Zhōnghuá Rénmín Gònghéguó", 1949, None, ""),
)
# fmt: on

PERIODS: Mapping[str, Period] = MappingProxyType({row[0]: Period(*row) for row in _PERIOD_ROWS})
"""Every period by code, in chronological order (a sub-period follows the period it belongs
to: Northern Song after Song)."""

# Which period a bare Gregorian year belongs to: each entry runs until the next one starts.
# Overlaps go to the line of the standard chronology tables (Song until 1278, then Yuan);
# "" marks years no dynasty held (Chu–Han contention, the Gengshi emperor).
# fmt: off
_MAIN_LINE: tuple[tuple[int, str], ...] = (
    (-2070, "xia"), (-1600, "shang"), (-1046, "western-zhou"), (-770, "spring-autumn"),
    (-475, "warring-states"), (-221, "qin"), (-206, ""), (-202, "western-han"), (9, "xin"),
    (24, ""), (25, "eastern-han"), (220, "three-kingdoms"), (266, "western-jin"),
    (317, "eastern-jin"), (420, "southern-northern"), (581, "sui"), (618, "tang"),
    (907, "five-dynasties-ten-kingdoms"), (960, "northern-song"), (1127, "southern-song"),
    (1279, "yuan"), (1368, "ming"), (1644, "qing"), (1912, "republic-of-china"), (1949, "prc"),
)
# fmt: on
_MAIN_STARTS = tuple(start for start, _ in _MAIN_LINE)


def period_for_year(year: int) -> str:
    """The code of the main-line dynasty for a historical ``year`` ("" before Xia, in the
    years between Qin and Han or Xin and Eastern Han, and after the current year).

    Transition years go to the newer dynasty (1644 is Qing); regional regimes such as Liao,
    Jin or Western Xia are never the answer.
    """
    if year == 0:
        raise ValueError("There is no year 0 in historical year numbering.")
    if year > _this_year():
        return ""
    index = bisect_right(_MAIN_STARTS, year) - 1
    return _MAIN_LINE[index][1] if index >= 0 else ""


def period_label(code: str, language: str = "zh-Hans") -> str:
    """The name of the period ``code`` in ``language``: "zh-Hans", "zh-Hant", "en" or
    "zh-Latn-pinyin" (other Chinese tags fall back to the nearest, anything else to English).

    An empty code gives ""; an unknown one raises :class:`KeyError`.
    """
    if not code:
        return ""
    return PERIODS[code].label(language)


def _ancestry(code: str) -> list[str]:
    chain = []
    while code:
        chain.append(code)
        code = PERIODS[code].parent
    return chain


def _common_period(codes: Iterable[str]) -> str:
    chains = [_ancestry(code) for code in codes]
    if not chains or any(not chain for chain in chains):
        return ""
    for code in chains[0]:
        if all(code in chain for chain in chains[1:]):
            return code
    return ""


def _period_end(period: Period) -> int:
    return period.year_to if period.year_to is not None else _this_year()


def _period_covering(year_from: int, year_to: int) -> str:
    """The main-line period of a single year, or the narrowest period holding a range."""
    if year_from == year_to:
        return period_for_year(year_from)
    holding = [
        p for p in PERIODS.values() if p.year_from <= year_from and year_to <= _period_end(p)
    ]
    if not holding:
        return ""
    return min(holding, key=lambda p: _span(p.year_from, _period_end(p))).code


# --------------------------------------------------------------------------------------------
# Reign eras


@dataclass(frozen=True)
class Era:
    """A reign era (年号). ``name`` is in simplified characters and ``name_hant`` in traditional
    ones; ``last_count`` is the highest year number sources use, which can run past the era's
    end (洪武三十五年 after Jianwen's eras were abolished)."""

    name: str
    name_hant: str
    period: str
    year_from: int
    year_to: int
    last_count: int
    pinyin: str = ""

    @property
    def last_year(self) -> int:
        return _add_years(self.year_from, self.last_count - 1)

    def year(self, count: int) -> int:
        """The historical year of year ``count`` (元年 is 1) of this era."""
        return _add_years(self.year_from, count - 1)


# fmt: off
_ERA_TABLE: tuple[tuple[str, tuple[tuple[str, int, int], ...]], ...] = (
    ("western-han", (
        ("建元", -140, -135), ("元光", -134, -129), ("元朔", -128, -123), ("元狩", -122, -117),
        ("元鼎", -116, -111), ("元封", -110, -105), ("太初", -104, -101), ("天汉", -100, -97),
        ("太始", -96, -93), ("征和", -92, -89), ("始元", -86, -80), ("元凤", -80, -75),
        ("元平", -74, -74), ("本始", -73, -70), ("地节", -69, -66), ("元康", -65, -61),
        ("神爵", -61, -58), ("五凤", -57, -54), ("甘露", -53, -50), ("黄龙", -49, -49),
        ("初元", -48, -44), ("永光", -43, -39), ("建昭", -38, -34), ("竟宁", -33, -33),
        ("建始", -32, -28), ("河平", -28, -25), ("阳朔", -24, -21), ("鸿嘉", -20, -17),
        ("永始", -16, -13), ("元延", -12, -9), ("绥和", -8, -7), ("建平", -6, -3), ("元寿", -2, -1),
        ("元始", 1, 5), ("居摄", 6, 8), ("初始", 8, 8),
    )),
    ("xin", (("始建国", 9, 13), ("天凤", 14, 19), ("地皇", 20, 23))),
    ("eastern-han", (
        ("建武", 25, 56), ("建武中元", 56, 57), ("永平", 58, 75), ("建初", 76, 84),
        ("元和", 84, 87), ("章和", 87, 88), ("永元", 89, 105), ("元兴", 105, 105),
        ("延平", 106, 106), ("永初", 107, 113), ("元初", 114, 120), ("永宁", 120, 121),
        ("建光", 121, 122), ("延光", 122, 125), ("永建", 126, 132), ("阳嘉", 132, 135),
        ("永和", 136, 141), ("汉安", 142, 144), ("建康", 144, 144), ("永嘉", 145, 145),
        ("本初", 146, 146), ("建和", 147, 149), ("和平", 150, 150), ("元嘉", 151, 153),
        ("永兴", 153, 154), ("永寿", 155, 158), ("延熹", 158, 167), ("永康", 167, 167),
        ("建宁", 168, 172), ("熹平", 172, 178), ("光和", 178, 184), ("中平", 184, 189),
        ("初平", 190, 193), ("兴平", 194, 195), ("建安", 196, 220), ("延康", 220, 220),
    )),
    ("cao-wei", (
        ("黄初", 220, 226), ("太和", 227, 233), ("青龙", 233, 237), ("景初", 237, 239),
        ("正始", 240, 249), ("嘉平", 249, 254), ("正元", 254, 256), ("甘露", 256, 260),
        ("景元", 260, 264), ("咸熙", 264, 265),
    )),
    ("shu-han", (
        ("章武", 221, 223), ("建兴", 223, 237), ("延熙", 238, 257), ("景耀", 258, 263),
        ("炎兴", 263, 263),
    )),
    ("eastern-wu", (
        ("黄武", 222, 229), ("黄龙", 229, 231), ("嘉禾", 232, 238), ("赤乌", 238, 251),
        ("太元", 251, 252), ("神凤", 252, 252), ("建兴", 252, 253), ("五凤", 254, 256),
        ("太平", 256, 258), ("永安", 258, 264), ("元兴", 264, 265), ("甘露", 265, 266),
        ("宝鼎", 266, 269), ("建衡", 269, 271), ("凤凰", 272, 274), ("天册", 275, 276),
        ("天玺", 276, 276), ("天纪", 277, 280),
    )),
    ("western-jin", (
        ("泰始", 265, 274), ("咸宁", 275, 280), ("太康", 280, 289), ("太熙", 290, 290),
        ("永熙", 290, 290), ("永平", 291, 291), ("元康", 291, 299), ("永康", 300, 301),
        ("永宁", 301, 302), ("太安", 302, 303), ("永安", 304, 304), ("建武", 304, 304),
        ("永兴", 304, 306), ("光熙", 306, 306), ("永嘉", 307, 313), ("建兴", 313, 317),
    )),
    ("eastern-jin", (
        ("建武", 317, 318), ("太兴", 318, 321), ("永昌", 322, 323), ("太宁", 323, 326),
        ("咸和", 326, 334), ("咸康", 335, 342), ("建元", 343, 344), ("永和", 345, 356),
        ("升平", 357, 361), ("隆和", 362, 363), ("兴宁", 363, 365), ("太和", 366, 371),
        ("咸安", 371, 372), ("宁康", 373, 375), ("太元", 376, 396), ("隆安", 397, 401),
        ("元兴", 402, 404), ("义熙", 405, 418), ("元熙", 419, 420),
    )),
    ("former-qin", (("建元", 365, 385),)),
    ("liu-song", (
        ("永初", 420, 422), ("景平", 423, 424), ("元嘉", 424, 453), ("孝建", 454, 456),
        ("泰始", 465, 471), ("升明", 477, 479),
    )),
    ("southern-qi", (
        ("建元", 479, 482), ("永明", 483, 493), ("建武", 494, 498), ("永元", 499, 501),
    )),
    ("liang", (
        ("天监", 502, 519), ("普通", 520, 527), ("大通", 527, 529), ("中大通", 529, 534),
        ("大同", 535, 546), ("中大同", 546, 547), ("太清", 547, 549),
    )),
    ("chen", (
        ("永定", 557, 559), ("天嘉", 560, 566), ("太建", 569, 582), ("至德", 583, 586),
        ("祯明", 587, 589),
    )),
    ("northern-wei", (
        ("太平真君", 440, 451), ("太和", 477, 499), ("景明", 500, 503), ("正始", 504, 508),
        ("永平", 508, 512), ("延昌", 512, 515), ("熙平", 516, 518), ("神龟", 518, 520),
        ("正光", 520, 525), ("孝昌", 525, 527), ("永熙", 532, 534),
    )),
    ("eastern-wei", (
        ("天平", 534, 537), ("元象", 538, 539), ("兴和", 539, 542), ("武定", 543, 550),
    )),
    ("western-wei", (("大统", 535, 551),)),
    ("northern-qi", (
        ("天保", 550, 559), ("河清", 562, 565), ("天统", 565, 569), ("武平", 570, 576),
    )),
    ("northern-zhou", (("保定", 561, 565), ("天和", 566, 572), ("建德", 572, 578))),
    ("sui", (("开皇", 581, 600), ("仁寿", 601, 604), ("大业", 605, 618))),
    ("tang", (
        ("武德", 618, 626), ("贞观", 627, 649), ("永徽", 650, 655), ("显庆", 656, 661),
        ("龙朔", 661, 663), ("麟德", 664, 665), ("乾封", 666, 668), ("总章", 668, 670),
        ("咸亨", 670, 674), ("上元", 674, 676), ("仪凤", 676, 679), ("调露", 679, 680),
        ("永隆", 680, 681), ("开耀", 681, 682), ("永淳", 682, 683), ("弘道", 683, 683),
        ("垂拱", 685, 688), ("神龙", 705, 707), ("景龙", 707, 710), ("景云", 710, 711),
        ("太极", 712, 712), ("先天", 712, 713), ("开元", 713, 741), ("天宝", 742, 756),
        ("至德", 756, 758), ("乾元", 758, 760), ("上元", 760, 761), ("宝应", 762, 763),
        ("广德", 763, 764), ("永泰", 765, 766), ("大历", 766, 779), ("建中", 780, 783),
        ("兴元", 784, 784), ("贞元", 785, 805), ("永贞", 805, 805), ("元和", 806, 820),
        ("长庆", 821, 824), ("宝历", 825, 827), ("大和", 827, 835), ("开成", 836, 840),
        ("会昌", 841, 846), ("大中", 847, 860), ("咸通", 860, 874), ("乾符", 874, 879),
        ("广明", 880, 881), ("中和", 881, 885), ("光启", 885, 888), ("文德", 888, 888),
        ("龙纪", 889, 889), ("大顺", 890, 891), ("景福", 892, 893), ("乾宁", 894, 898),
        ("光化", 898, 901), ("天复", 901, 904), ("天祐", 904, 907),
    )),
    ("liao", (
        ("神册", 916, 922), ("天赞", 922, 926), ("天显", 926, 938), ("会同", 938, 947),
        ("大同", 947, 947), ("天禄", 947, 951), ("应历", 951, 969), ("保宁", 969, 979),
        ("乾亨", 979, 983), ("统和", 983, 1012), ("开泰", 1012, 1021), ("太平", 1021, 1031),
        ("景福", 1031, 1032), ("重熙", 1032, 1055), ("清宁", 1055, 1064), ("咸雍", 1065, 1074),
        ("大康", 1075, 1084), ("大安", 1085, 1094), ("寿昌", 1095, 1101), ("乾统", 1101, 1110),
        ("天庆", 1111, 1120), ("保大", 1121, 1125),
    )),
    ("northern-song", (
        ("建隆", 960, 963), ("乾德", 963, 968), ("开宝", 968, 976), ("太平兴国", 976, 984),
        ("雍熙", 984, 987), ("端拱", 988, 989), ("淳化", 990, 994), ("至道", 995, 997),
        ("咸平", 998, 1003), ("景德", 1004, 1007), ("大中祥符", 1008, 1016), ("天禧", 1017, 1021),
        ("乾兴", 1022, 1022), ("天圣", 1023, 1032), ("明道", 1032, 1033), ("景祐", 1034, 1038),
        ("宝元", 1038, 1040), ("康定", 1040, 1041), ("庆历", 1041, 1048), ("皇祐", 1049, 1054),
        ("至和", 1054, 1056), ("嘉祐", 1056, 1063), ("治平", 1064, 1067), ("熙宁", 1068, 1077),
        ("元丰", 1078, 1085), ("元祐", 1086, 1094), ("绍圣", 1094, 1098), ("元符", 1098, 1100),
        ("建中靖国", 1101, 1101), ("崇宁", 1102, 1106), ("大观", 1107, 1110), ("政和", 1111, 1118),
        ("重和", 1118, 1119), ("宣和", 1119, 1125), ("靖康", 1126, 1127),
    )),
    ("southern-song", (
        ("建炎", 1127, 1130), ("绍兴", 1131, 1162), ("隆兴", 1163, 1164), ("乾道", 1165, 1173),
        ("淳熙", 1174, 1189), ("绍熙", 1190, 1194), ("庆元", 1195, 1200), ("嘉泰", 1201, 1204),
        ("开禧", 1205, 1207), ("嘉定", 1208, 1224), ("宝庆", 1225, 1227), ("绍定", 1228, 1233),
        ("端平", 1234, 1236), ("嘉熙", 1237, 1240), ("淳祐", 1241, 1252), ("宝祐", 1253, 1258),
        ("开庆", 1259, 1259), ("景定", 1260, 1264), ("咸淳", 1265, 1274), ("德祐", 1275, 1276),
        ("景炎", 1276, 1278), ("祥兴", 1278, 1279),
    )),
    ("jurchen-jin", (
        ("收国", 1115, 1116), ("天辅", 1117, 1123), ("天会", 1123, 1137), ("天眷", 1138, 1140),
        ("皇统", 1141, 1149), ("天德", 1149, 1153), ("贞元", 1153, 1156), ("正隆", 1156, 1161),
        ("大定", 1161, 1189), ("明昌", 1190, 1196), ("承安", 1196, 1200), ("泰和", 1201, 1208),
        ("大安", 1209, 1211), ("崇庆", 1212, 1213), ("至宁", 1213, 1213), ("贞祐", 1213, 1217),
        ("兴定", 1217, 1222), ("元光", 1222, 1223), ("正大", 1224, 1232), ("开兴", 1232, 1232),
        ("天兴", 1232, 1234),
    )),
    ("yuan", (
        ("中统", 1260, 1264), ("至元", 1264, 1294), ("元贞", 1295, 1297), ("大德", 1297, 1307),
        ("至大", 1308, 1311), ("皇庆", 1312, 1313), ("延祐", 1314, 1320), ("至治", 1321, 1323),
        ("泰定", 1324, 1328), ("致和", 1328, 1328), ("天顺", 1328, 1328), ("天历", 1328, 1330),
        ("至顺", 1330, 1333), ("元统", 1333, 1335), ("至元", 1335, 1340), ("至正", 1341, 1368),
    )),
    ("ming", (
        ("洪武", 1368, 1398), ("建文", 1399, 1402), ("永乐", 1403, 1424), ("洪熙", 1425, 1425),
        ("宣德", 1426, 1435), ("正统", 1436, 1449), ("景泰", 1450, 1457), ("天顺", 1457, 1464),
        ("成化", 1465, 1487), ("弘治", 1488, 1505), ("正德", 1506, 1521), ("嘉靖", 1522, 1566),
        ("隆庆", 1567, 1572), ("万历", 1573, 1620), ("泰昌", 1620, 1620), ("天启", 1621, 1627),
        ("崇祯", 1628, 1644),
    )),
    ("southern-ming", (
        ("弘光", 1645, 1645), ("隆武", 1645, 1646), ("绍武", 1646, 1646), ("永历", 1647, 1662),
    )),
    ("later-jin", (("天命", 1616, 1626), ("天聪", 1627, 1636))),
    ("qing", (
        ("崇德", 1636, 1643), ("顺治", 1644, 1661), ("康熙", 1662, 1722), ("雍正", 1723, 1735),
        ("乾隆", 1736, 1795), ("嘉庆", 1796, 1820), ("道光", 1821, 1850), ("咸丰", 1851, 1861),
        ("同治", 1862, 1874), ("光绪", 1875, 1908), ("宣统", 1909, 1911),
    )),
    ("republic-of-china", (("民国", 1912, 1949),)),
)
# fmt: on

# (name, first year): the highest year number in use when it is past the era's length.
_LAST_COUNTS: Mapping[tuple[str, int], int] = MappingProxyType(
    {
        ("洪武", 1368): 35,  # Yongle abolished Jianwen's eras and counted 洪武 to 1402
        ("天祐", 904): 20,  # kept by Jin (Hedong), Wu and others until 923
        ("至正", 1341): 30,  # kept by the Northern Yuan until 1370
        ("永历", 1647): 37,  # kept by the Zheng regime on Taiwan until 1683
        ("民国", 1912): _this_year() - 1911,  # Republican years still count on Taiwan
    }
)

# Pinyin of the eras English-language records name without characters ("Qianlong period").
# fmt: off
_ERA_PINYIN: Mapping[str, str] = MappingProxyType({
    "洪武": "Hongwu", "建文": "Jianwen", "永乐": "Yongle", "洪熙": "Hongxi", "宣德": "Xuande",
    "正统": "Zhengtong", "景泰": "Jingtai", "天顺": "Tianshun", "成化": "Chenghua",
    "弘治": "Hongzhi", "正德": "Zhengde", "嘉靖": "Jiajing", "隆庆": "Longqing",
    "万历": "Wanli", "泰昌": "Taichang", "天启": "Tianqi", "崇祯": "Chongzhen",
    "弘光": "Hongguang", "隆武": "Longwu", "绍武": "Shaowu", "永历": "Yongli",
    "天命": "Tianming", "天聪": "Tiancong", "崇德": "Chongde", "顺治": "Shunzhi",
    "康熙": "Kangxi", "雍正": "Yongzheng", "乾隆": "Qianlong", "嘉庆": "Jiaqing",
    "道光": "Daoguang", "咸丰": "Xianfeng", "同治": "Tongzhi", "光绪": "Guangxu",
    "宣统": "Xuantong", "贞观": "Zhenguan", "开元": "Kaiyuan", "天宝": "Tianbao",
})
# fmt: on


def _build_eras() -> tuple[Era, ...]:
    eras = []
    for period, rows in _ERA_TABLE:
        for name, year_from, year_to in rows:
            count = _LAST_COUNTS.get((name, year_from), _span(year_from, year_to))
            eras.append(
                Era(
                    name=name,
                    name_hant=_to_traditional(name),
                    period=period,
                    year_from=year_from,
                    year_to=year_to,
                    last_count=count,
                    pinyin=_ERA_PINYIN.get(name, ""),
                )
            )
    return tuple(sorted(eras, key=lambda era: era.year_from))


ERAS: tuple[Era, ...] = _build_eras()
"""Every reign era covered, in chronological order; names are in simplified characters."""

# Written forms besides the name, mapped to (name, first year) of the era meant.
_ERA_ALIASES = (("后至元", ("至元", 1335)), ("中华民国", ("民国", 1912)))


def _era_forms() -> Mapping[str, tuple[Era, ...]]:
    forms: dict[str, list[Era]] = {}
    for era in ERAS:
        forms.setdefault(era.name, []).append(era)
    for alias, (name, year_from) in _ERA_ALIASES:
        forms[alias] = [e for e in ERAS if (e.name, e.year_from) == (name, year_from)]
    return MappingProxyType({form: tuple(eras) for form, eras in forms.items()})


_ERA_FORMS = _era_forms()
_ERA_FORMS_LONGEST_FIRST = tuple(sorted(_ERA_FORMS, key=len, reverse=True))
_ERAS_BY_PINYIN: Mapping[str, tuple[Era, ...]] = MappingProxyType(
    {
        pinyin.lower(): tuple(e for e in ERAS if e.pinyin == pinyin)
        for pinyin in {e.pinyin for e in ERAS if e.pinyin}
    }
)

# --------------------------------------------------------------------------------------------
# Names of periods as written (simplified, after folding). The first code is what the name
# means alone; the others are what it can also mean before an era (宋元嘉 is Liu Song).
# 后汉 is Eastern Han, as in 后汉书; the Later Han of the Five Dynasties is not covered.

# fmt: off
_EXTRA_NAMES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("殷", ("shang",)), ("殷商", ("shang",)), ("宋", ("song", "liu-song")),
    ("齐", ("southern-qi", "northern-qi")), ("梁", ("liang",)), ("陈", ("chen",)),
    ("魏", ("cao-wei", "northern-wei", "eastern-wei", "western-wei")),
    ("周", ("zhou", "northern-zhou")), ("秦", ("qin", "former-qin")), ("吴", ("eastern-wu",)),
    ("蜀", ("shu-han",)), ("孙吴", ("eastern-wu",)), ("三国魏", ("cao-wei",)),
    ("三国蜀", ("shu-han",)), ("三国吴", ("eastern-wu",)), ("前汉", ("western-han",)),
    ("后汉", ("eastern-han",)), ("两汉", ("han",)), ("新莽", ("xin",)), ("两晋", ("jin",)),
    ("五胡十六国", ("sixteen-kingdoms",)), ("南朝宋", ("liu-song",)), ("南朝齐", ("southern-qi",)),
    ("萧齐", ("southern-qi",)), ("南朝梁", ("liang",)), ("萧梁", ("liang",)), ("南朝陈", ("chen",)),
    ("元魏", ("northern-wei",)), ("五代", ("five-dynasties-ten-kingdoms",)), ("两宋", ("song",)),
    ("民国", ("republic-of-china",)), ("大唐", ("tang",)), ("大宋", ("song",)), ("大辽", ("liao",)),
    ("大金", ("jurchen-jin",)), ("大元", ("yuan",)), ("大明", ("ming",)), ("皇明", ("ming",)),
    ("大清", ("qing",)),
)
# fmt: on


def _names() -> Mapping[str, tuple[str, ...]]:
    names: dict[str, tuple[str, ...]] = {p.zh_hans: (p.code,) for p in PERIODS.values()}
    names.update(_EXTRA_NAMES)
    return MappingProxyType(names)


_NAMES = _names()
_NAMES_LONGEST_FIRST = tuple(sorted(_NAMES, key=len, reverse=True))


def _plain_latin(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def _english_names() -> Mapping[str, str]:
    names: dict[str, str | None] = {}
    extra = (
        ("former han", "western-han"),
        ("jurchen jin", "jurchen-jin"),
        ("spring and autumn period", "spring-autumn"),
        ("warring states period", "warring-states"),
        ("southern and northern dynasties", "southern-northern"),
        ("five dynasties", "five-dynasties-ten-kingdoms"),
        ("republican", "republic-of-china"),
        ("minguo", "republic-of-china"),
        ("prc", "prc"),
    )
    for period in PERIODS.values():
        for key in (period.en.lower(), _plain_latin(period.pinyin).replace("-", " ")):
            names[key] = period.code if names.get(key, period.code) == period.code else None
    names.update(extra)
    return MappingProxyType({key: code for key, code in names.items() if code})


_EN_NAMES = _english_names()

# --------------------------------------------------------------------------------------------
# Parsed dates


@dataclass(frozen=True)
class ParsedDate:
    """A written date read as a range of historical years (negative is BCE, no year 0).

    ``approximate`` is true when the text states no year or year range of its own — a dynasty,
    an era, a century, a part of one — or hedges (约, circa, ?). ``ambiguous`` is true when the
    text fits several eras alike (建元二年): the range then spans them all and ``period`` is
    what they share, or "".
    """

    year_from: int
    year_to: int
    period: str
    era: str
    approximate: bool
    ambiguous: bool = False


_Readings = list[ParsedDate]

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff〇]")
_CN_DIGIT: Mapping[str, int] = MappingProxyType(
    {"〇": 0, "零": 0, **{ch: i for i, ch in enumerate("一二三四五六七八九", start=1)}}
)
_UNIT_NUMERAL = re.compile(
    r"(?=.)(?:[一二三四五六七八九]?千)?(?:[一二三四五六七八九]百)?[零〇]?"
    r"(?:[一二三四五六七八九]?十|廿|卅|卌)?[一二三四五六七八九]?"
)
_NUM = r"[〇零一二三四五六七八九十廿卅卌百千]+|[0-9]{1,3}"
_GANZHI = r"[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_DAY = (
    r"(?:(?:初[一二三四五六七八九十]|二十[一二三四五六七八九]?|三十|十[一二三四五六七八九]?"
    r"|廿[一二三四五六七八九]?|卅|[一二三四五六七八九]|[0-9]{1,2})日|朔日?|望日?|既望|晦日?)"
)
_MONTH = r"(?:闰?(?:正|十[一二]?|[一二三四五六七八九]|冬|腊|[0-9]{1,2})月)"
_SEASON = r"(?:[孟仲季]?[春夏秋冬])"
_MONTH_DAY = rf"{_SEASON}?{_MONTH}?{_DAY}?"
_YEAR_TAIL = re.compile(
    rf"(?:(?P<n>元|{_NUM})[年载](?:岁次|岁在)?(?P<gz1>{_GANZHI})?年?"
    rf"|(?:岁次)?(?P<gz2>{_GANZHI})年?){_MONTH_DAY}"
)


def _cn_number(text: str) -> int | None:
    if text.isascii() and text.isdigit():
        return int(text)
    if not _UNIT_NUMERAL.fullmatch(text):
        return None
    total, digit = 0, 0
    units = {"十": 10, "百": 100, "千": 1000}
    for ch in text:
        if ch in _CN_DIGIT:
            digit = _CN_DIGIT[ch]
        elif ch in units:
            total += (digit or 1) * units[ch]
            digit = 0
        else:  # 廿 卅 卌
            total += {"廿": 20, "卅": 30, "卌": 40}[ch]
    return total + digit


def _positional(text: str) -> int | None:
    """Chinese digits written place by place (一九三六)."""
    if not text or any(ch not in _CN_DIGIT for ch in text):
        return None
    return int("".join(str(_CN_DIGIT[ch]) for ch in text))


def _ganzhi(year: int) -> str:
    index = (_astronomical(year) - 4) % 60
    return _STEMS[index % 10] + _BRANCHES[index % 12]


# Brackets and marks NFKC leaves alone: ○ for 〇, lenticular and tortoise-shell brackets.
_MARKS = str.maketrans("○〔〕【】〜", "〇[][]~")


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_MARKS)
    text = _fold(text).lower().strip().rstrip("。")
    if _CJK.search(text):
        return re.sub(r"\s+", "", text)
    return re.sub(r"\s+", " ", text)


# --------------------------------------------------------------------------------------------
# Readers. Each takes normalised text and returns its readings, or [] when it does not apply.

_Reader = Callable[[str, int], _Readings]


def _exact(year: int, *, period: str = "", era: str = "") -> ParsedDate:
    return ParsedDate(year, year, period or period_for_year(year), era, approximate=False)


def _gregorian_range(year_from: int, year_to: int, *, approximate: bool) -> _Readings:
    """A Gregorian year or range; a span (a century, a decade) stops at the current year."""
    if approximate:
        year_to = min(year_to, _this_year())
    if year_from == 0 or year_to == 0 or year_from > year_to or year_to > _this_year():
        return []
    return [ParsedDate(year_from, year_to, _period_covering(year_from, year_to), "", approximate)]


_BCE = r"(?:bce|bc|b\.c\.e\.|b\.c\.)"
_CE = r"(?:ce|ad|a\.d\.|c\.e\.)"
# fmt: off
_ORDINAL_WORDS = (
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth", "twentieth", "twenty-first",
)
# fmt: on
_GREGORIAN_YEAR = (
    re.compile(r"(?:公元|西元)?(?P<y>[0-9]{3,4})年?"),
    re.compile(r"(?:公元|西元)(?P<y>[0-9]{1,4})年?"),
    re.compile(r"(?P<bce>公元前|西元前|前)(?P<y>[0-9]{1,4})年?"),
    re.compile(r"(?:公元|西元)?(?P<cy>[〇零一二三四五六七八九]{4})年?"),
    re.compile(r"(?P<bce>公元前|西元前)(?P<cn>[一二三四五六七八九十百千〇零]+)年"),
    re.compile(r"(?:公元|西元)(?P<cn>[一二三四五六七八九十百千〇零]+)年"),
    re.compile(rf"(?:ad|a\.d\.) ?(?P<y>[0-9]{{1,4}})|(?P<y2>[0-9]{{1,4}}) ?{_CE}"),
    re.compile(rf"(?P<y>[0-9]{{1,4}}) ?(?P<bce>{_BCE})"),
)
_DECADE = re.compile(r"(?P<d>[0-9]{3})0(?:'?s|年代)")
_CN_DECADE = re.compile(
    r"(?P<c>[0-9]{1,2}|[一二三四五六七八九十]+)世纪(?P<d>[0-9]0|[一二三四五六七八九]?十|[〇零])年代"
)
_CN_CENTURY = re.compile(
    r"(?P<bce>公元前|前)?(?:公元)?(?P<c>[0-9]{1,2}|[一二三四五六七八九十]+)世纪"
)
_EN_CENTURY = re.compile(
    rf"(?:(?P<c>[0-9]{{1,2}})(?:st|nd|rd|th)|(?P<w>[a-z-]+))"
    rf"[ -](?:century|cent\.?|c\.)(?: (?P<bce>{_BCE})| {_CE})?"
)


def _century(number: int, *, bce: bool) -> tuple[int, int]:
    if bce:
        return -number * 100, -(number - 1) * 100 - 1
    return (number - 1) * 100 + 1, number * 100


def _gregorian(s: str, depth: int) -> _Readings:
    for pattern in _GREGORIAN_YEAR:
        m = pattern.fullmatch(s)
        if not m:
            continue
        groups = m.groupdict()
        raw = groups.get("y") or groups.get("y2")
        if raw is not None:
            year = int(raw)
        elif groups.get("cy"):
            year = _positional(groups["cy"]) or 0
        else:
            year = _cn_number(groups["cn"]) or 0
        if groups.get("bce"):
            year = -year
        return _gregorian_range(year, year, approximate=False)
    if m := _DECADE.fullmatch(s):
        start = int(m["d"]) * 10
        return _gregorian_range(start, start + 9, approximate=True)
    if m := _CN_DECADE.fullmatch(s):
        century, decade = _cn_number(m["c"]), _cn_number(m["d"])
        if century is None or decade is None or decade % 10 or decade > 90 or century < 1:
            return []
        start = (century - 1) * 100 + decade
        return _gregorian_range(start, start + 9, approximate=True)
    if m := _CN_CENTURY.fullmatch(s):
        number = _cn_number(m["c"])
        if not number:
            return []
        return _gregorian_range(*_century(number, bce=bool(m["bce"])), approximate=True)
    if m := _EN_CENTURY.fullmatch(s):
        if m["c"]:
            number = int(m["c"])
        elif m["w"] in _ORDINAL_WORDS:
            number = _ORDINAL_WORDS.index(m["w"]) + 1
        else:
            return []
        if not number:
            return []
        return _gregorian_range(*_century(number, bce=bool(m["bce"])), approximate=True)
    return []


def _period_reading(code: str) -> ParsedDate:
    period = PERIODS[code]
    return ParsedDate(period.year_from, _period_end(period), code, "", approximate=True)


_NAME_SUFFIXES = ("时期", "时代", "王朝", "朝代", "朝", "代")
_EN_NAME = re.compile(r"(?:the )?(?P<name>.+?)(?: dynasty| period| era| times)?")


def _dynasty_code(s: str) -> str:
    """The period a bare name (明, 明代, 清朝, Ming dynasty) stands for, or ""."""
    while s:
        if s in _NAMES:
            return _NAMES[s][0]
        suffix = next((x for x in _NAME_SUFFIXES if s.endswith(x) and len(s) > len(x)), None)
        if suffix is None:
            break
        s = s[: -len(suffix)]
    if m := _EN_NAME.fullmatch(s):
        return _EN_NAMES.get(m["name"], "")
    return ""


def _dynasty(s: str, depth: int) -> _Readings:
    code = _dynasty_code(s)
    return [_period_reading(code)] if code else []


def _prefix_splits(s: str) -> list[tuple[tuple[str, ...], str]]:
    """Ways to read ``s`` as an optional dynasty name and the rest, the dynasty first."""
    splits: list[tuple[tuple[str, ...], str]] = []
    for name in _NAMES_LONGEST_FIRST:
        for written in (name + "代", name + "朝", name):
            if s.startswith(written) and len(s) > len(written):
                splits.append((_NAMES[name], s[len(written) :]))
    splits.append(((), s))
    return splits


def _era_matches(s: str) -> list[tuple[tuple[Era, ...], str]]:
    """Eras ``s`` can start with (after a dynasty name that must agree), and the rest."""
    found = []
    for codes, rest in _prefix_splits(s):
        for form in _ERA_FORMS_LONGEST_FIRST:
            if not rest.startswith(form):
                continue
            eras = tuple(
                era
                for era in _ERA_FORMS[form]
                if not codes or any(code in _ancestry(era.period) for code in codes)
            )
            if eras:
                found.append((eras, rest[len(form) :]))
    return found


def _era_dated(s: str, depth: int) -> _Readings:
    """An era with a year number or a sexagenary year: 乾隆四十年, 光緒戊申, 天寶十載."""
    for eras, tail in _era_matches(s):
        m = _YEAR_TAIL.fullmatch(tail)
        if not m:
            continue
        count = 1 if m["n"] == "元" else (_cn_number(m["n"]) if m["n"] else None)
        cycle = m["gz1"] or m["gz2"]
        if m["n"] and not count:
            continue
        readings = []
        for era in eras:
            if count is not None:
                years = [era.year(count)] if count <= era.last_count else []
            else:
                years = [era.year(n) for n in range(1, era.last_count + 1)]
            readings += [
                _exact(year, period=era.period, era=era.name)
                for year in years
                if (cycle is None or _ganzhi(year) == cycle) and year <= _this_year()
            ]
        if readings:
            return readings
    return []


def _era_span(s: str, depth: int) -> _Readings:
    """An era alone, or during an era: 乾隆, 萬曆間, 康熙年间."""
    for eras, tail in _era_matches(s):
        if tail in ("", "间", "年间"):
            return [
                ParsedDate(era.year_from, era.year_to, era.period, era.name, approximate=True)
                for era in eras
            ]
    return []


_EN_ERA = re.compile(
    r"(?:(?:the )?reign of )?(?P<name>[a-z]+)(?: reign| era| period| reign period"
    r"| mark and period)?"
)


def _english_era(s: str, depth: int) -> _Readings:
    m = _EN_ERA.fullmatch(s)
    if not m or m["name"] not in _ERAS_BY_PINYIN:
        return []
    return [
        ParsedDate(era.year_from, era.year_to, era.period, era.name, approximate=True)
        for era in _ERAS_BY_PINYIN[m["name"]]
    ]


# Parts of a span: first, middle or last third, first or second half, or the whole of it.
# fmt: off
_PART_SUFFIXES = (
    ("上半叶", "first-half"), ("前半叶", "first-half"), ("下半叶", "second-half"),
    ("后半叶", "second-half"), ("初年", "early"), ("初期", "early"), ("早期", "early"),
    ("前期", "early"), ("初叶", "early"), ("中期", "middle"), ("中叶", "middle"),
    ("末年", "late"), ("末期", "late"), ("晚期", "late"), ("后期", "late"), ("末叶", "late"),
    ("年间", "whole"), ("初", "early"), ("中", "middle"), ("末", "late"), ("间", "whole"),
)
# fmt: on
_PART_PREFIXES = (("晚", "late"), ("初", "early"), ("中", "middle"))
_EN_PART = re.compile(
    r"(?:(?P<early>early)|(?P<middle>mid|middle|mid-)|(?P<late>late)"
    r"|(?P<first>first half of)|(?P<second>second half of))[ -]?(?:the )?(?P<stem>.+)"
)


def _part_of(reading: ParsedDate, part: str) -> ParsedDate:
    start, end = _astronomical(reading.year_from), _astronomical(reading.year_to)
    n = end - start + 1
    third, half = n // 3, n // 2
    if part == "early" and third:
        end = start + third - 1
    elif part == "middle" and third:
        start, end = start + third, end - third
    elif part == "late" and third:
        start = end - third + 1
    elif part == "first-half" and half:
        end = start + half - 1
    elif part == "second-half" and half:
        start = start + half
    return replace(
        reading, year_from=_historical(start), year_to=_historical(end), approximate=True
    )


def _part(s: str, depth: int) -> _Readings:
    """A part of a period, an era or a century: 乾隆末年, 明中叶, 晚清, 十九世纪末."""
    candidates: list[tuple[str, str]] = []
    for suffix, part in _PART_SUFFIXES:
        if s.endswith(suffix) and len(s) > len(suffix):
            stem = s[: -len(suffix)]
            candidates.append(("民国" if stem == "民" else stem, part))
    if s not in _ERA_FORMS:
        for prefix, part in _PART_PREFIXES:
            if s.startswith(prefix) and _dynasty_code(s[len(prefix) :]):
                candidates.append((s[len(prefix) :], part))
    if m := _EN_PART.fullmatch(s):
        part = next(name for name in ("early", "middle", "late", "first", "second") if m[name])
        part = {"first": "first-half", "second": "second-half"}.get(part, part)
        candidates.append((m["stem"], part))
    for stem, part in candidates:
        readings = _core(stem, depth + 1)
        if not readings:
            continue
        gregorian = bool(_gregorian(stem, depth + 1))
        parts = [_part_of(reading, part) for reading in readings]
        if gregorian:
            parts = [replace(p, period=_period_covering(p.year_from, p.year_to)) for p in parts]
        return parts
    return []


def _dynasty_run(s: str, depth: int) -> _Readings:
    """Dynasties named together for the span they cover: 明清, 秦汉, 魏晋南北朝."""
    for suffix in ("时期", "时代", "之际", "间"):
        if s.endswith(suffix) and len(s) > len(suffix):
            s = s[: -len(suffix)]
            break

    def runs(text: str, after: int | None) -> list[list[str]]:
        if not text:
            return [[]]
        found = []
        for name in _NAMES_LONGEST_FIRST:
            if not text.startswith(name):
                continue
            for code in _NAMES[name]:
                if after is not None and PERIODS[code].year_from < after:
                    continue
                found += [
                    [code, *rest] for rest in runs(text[len(name) :], PERIODS[code].year_from)
                ]
            if found:
                return found
        return found

    for codes in runs(s, None):
        if len(codes) > 1:
            first, last = PERIODS[codes[0]], max((PERIODS[code] for code in codes), key=_period_end)
            year_from, year_to = first.year_from, _period_end(last)
            return [ParsedDate(year_from, year_to, _period_covering(year_from, year_to), "", True)]
    return []


def _joined(left: ParsedDate, right: ParsedDate) -> ParsedDate | None:
    if left.year_from > right.year_to or left.year_from > right.year_from:
        return None
    if left.period == right.period:
        period = left.period
    else:
        period = _period_covering(left.year_from, right.year_to)
    return ParsedDate(
        left.year_from,
        right.year_to,
        period,
        left.era if left.era == right.era else "",
        left.approximate or right.approximate,
        left.ambiguous or right.ambiguous,
    )


def _end_and_start(s: str, depth: int) -> _Readings:
    """The end of one span and the start of the next: 明末清初, 清末民初."""
    for i in range(2, len(s) - 1):
        left, right = s[:i], s[i:]
        if not re.search(r"末(?:年|期|叶)?$", left) or not re.search(r"初(?:年|期|叶)?$", right):
            continue
        a, b = _merge(_core(left, depth + 1)), _merge(_core(right, depth + 1))
        if a and b and (joined := _joined(a, b)):
            return [joined]
    return []


_SEPARATOR = re.compile(r"——|—|–|-|~|至|到| to ")
_BCE_SUFFIX = re.compile(rf"(?:.*[0-9] ?)({_BCE})")


def _range_sides(s: str) -> Iterable[tuple[str, str]]:
    """Every way to cut ``s`` at a range separator; a bare left number takes the era marker of
    the right side (221-207 BCE)."""
    for m in _SEPARATOR.finditer(s):
        left, right = s[: m.start()].strip(), s[m.end() :].strip()
        if not left or not right:
            continue
        if left.isdigit():
            if bce := _BCE_SUFFIX.fullmatch(right):
                left = left + " " + bce[1]
            elif right.startswith(("公元前", "前")):
                left = "前" + left
        yield left, right


def _range(s: str, depth: int) -> _Readings:
    """Two dates joined as a range: 1912-1949, 221-207 BCE, 康熙四十年至五十年, 乾隆至嘉庆."""
    for left, right in _range_sides(s):
        a = _merge(_core(left, depth + 1))
        if a is None:
            continue
        b = _merge(_core(right, depth + 1))
        if b is None and a.era and not a.ambiguous:
            b = _merge(_core(a.era + right, depth + 1))
        if b is not None and (joined := _joined(a, b)):
            return [joined]
    return []


def _arabic(s: str) -> ParsedDate | None:
    """A Gregorian year or range of years and nothing else, as brackets give them."""
    if found := _merge(_gregorian(s, 0)):
        return found
    for left, right in _range_sides(s):
        a, b = _merge(_gregorian(left, 0)), _merge(_gregorian(right, 0))
        if a and b and (joined := _joined(a, b)):
            return joined
    return None


_READERS: tuple[_Reader, ...] = (
    _gregorian,
    _dynasty,
    _era_dated,
    _part,
    _era_span,
    _english_era,
    _dynasty_run,
    _end_and_start,
    _range,
)


# Readers that join two dates; their sides are read without them, so a range holds no range.
_JOINING = frozenset({_end_and_start, _range})


def _core(s: str, depth: int = 0) -> _Readings:
    if not s or depth > 4:
        return []
    for reader in _READERS:
        if depth and reader in _JOINING:
            continue
        if readings := reader(s, depth):
            return readings
    return []


def _merge(readings: _Readings) -> ParsedDate | None:
    unique = list(dict.fromkeys(readings))
    if not unique:
        return None
    if len(unique) == 1:
        return unique[0]
    eras = {r.era for r in unique}
    return ParsedDate(
        min(r.year_from for r in unique),
        max(r.year_to for r in unique),
        _common_period(r.period for r in unique),
        eras.pop() if len(eras) == 1 else "",
        any(r.approximate for r in unique),
        ambiguous=True,
    )


_HEDGE_PREFIX = re.compile(
    r"^(?:大约|大概|约|c\.|ca\.|ca |circa|about|approx\.|approximately|around) ?"
)
_HEDGE_SUFFIX = re.compile(r" ?(?:左右|前后|\(\?\)|\[\?\]|\?)$")
_BRACKETED = re.compile(r"(?P<main>.*?) ?[(\[](?P<inner>[^()\[\]]*)[)\]]")
_LEADING_NAME = re.compile(r"[(\[](?P<name>[^()\[\]]+)[)\]](?P<rest>.+)")


def _agreeing(readings: _Readings, given: ParsedDate) -> _Readings:
    """``readings`` that agree with a Gregorian ``given`` to within a year, taking its years."""
    return [
        replace(
            reading,
            year_from=given.year_from,
            year_to=given.year_to,
            approximate=given.approximate,
        )
        for reading in readings
        if _add_years(reading.year_from, -1) <= given.year_from
        and given.year_to <= _add_years(reading.year_to, 1)
    ]


def _with_bracket(s: str) -> _Readings:
    """Readings of ``s``, checked against a Gregorian year in brackets when it has one:
    清光緒三十四年(1908), and the other way round, 1775年(乾隆四十年)."""
    if (m := _LEADING_NAME.fullmatch(s)) and m["name"] in _NAMES:
        s = m["name"] + m["rest"]
    m = _BRACKETED.fullmatch(s)
    if m is None:
        return _core(s)
    if not m["main"]:
        return _core(m["inner"])
    if given := _arabic(m["inner"]):
        return _agreeing(_core(m["main"]), given) or _core(s)
    if (given := _arabic(m["main"])) and (readings := _core(m["inner"])):
        return _agreeing(readings, given)
    return _core(s)


def parse_written_date(text: str) -> ParsedDate | None:
    """Read a date as a catalogue record writes it; ``None`` when it cannot be read safely.

    Understood, in simplified or traditional characters, with full-width digits and brackets:
    Gregorian years and ranges (1936, 1936年, 1912-1949, 公元前91年, 91 BCE, 1930s),
    centuries (19th century, 十九世纪, 公元前3世纪), dynasties (宋, 明代, 清朝, Ming dynasty,
    明清), reign eras with a year (清乾隆四十年, 康熙元年, 天寶十載, 光緒戊申, 民國二十五年),
    during an era (萬曆間), the first, middle or last third of a span (明初, 乾隆中, 清末,
    晚清, early 19th century), 明末清初, and a Gregorian year in brackets, which wins when it
    agrees with the rest to within a year (清光緒三十四年(1908)).

    An era that several dynasties used is settled by a dynasty name before it (汉建元二年) or
    by the year number when only one of them lasted that long (永和九年 is Eastern Jin);
    otherwise the result spans every reading and is marked ``ambiguous``.
    """
    s = _normalise(text)
    if s.startswith("[") and s.endswith("]") and "[" not in s[1:-1]:
        s = s[1:-1]  # supplied by the cataloguer
    hedged = False
    while (m := _HEDGE_PREFIX.match(s) or _HEDGE_SUFFIX.search(s)) and m.group():
        s = (s[: m.start()] + s[m.end() :]).strip()
        hedged = True
    if not s:
        return None
    result = _merge(_with_bracket(s))
    if result is not None and hedged:
        result = replace(result, approximate=True)
    return result

"""Reading dates as catalogue records write them, against years worked out by hand."""

from dataclasses import FrozenInstanceError
from itertools import pairwise

import pytest

from tongwen.catalog.periods import (
    ERAS,
    PERIODS,
    ParsedDate,
    parse_written_date,
    period_for_year,
    period_label,
)


def _years(text: str) -> tuple[int, int] | None:
    parsed = parse_written_date(text)
    return None if parsed is None else (parsed.year_from, parsed.year_to)


# text, year_from, year_to, period, era, approximate
EXACT = [
    ("清乾隆四十年", 1775, 1775, "qing", "乾隆", False),
    ("唐貞觀十三年", 639, 639, "tang", "贞观", False),
    ("1936", 1936, 1936, "republic-of-china", "", False),
    ("1936年", 1936, 1936, "republic-of-china", "", False),
    ("１９３６年", 1936, 1936, "republic-of-china", "", False),
    ("一九三六年", 1936, 1936, "republic-of-china", "", False),
    ("民國二十五年", 1936, 1936, "republic-of-china", "民国", False),
    ("民国元年", 1912, 1912, "republic-of-china", "民国", False),
    ("中華民國卅八年", 1949, 1949, "republic-of-china", "民国", False),
    ("康熙元年", 1662, 1662, "qing", "康熙", False),
    ("康熙六十一年", 1722, 1722, "qing", "康熙", False),
    ("順治元年", 1644, 1644, "qing", "顺治", False),
    ("顺治十八年", 1661, 1661, "qing", "顺治", False),
    ("雍正十三年", 1735, 1735, "qing", "雍正", False),
    ("嘉慶二十五年", 1820, 1820, "qing", "嘉庆", False),
    ("道光廿五年", 1845, 1845, "qing", "道光", False),
    ("咸豐十一年", 1861, 1861, "qing", "咸丰", False),
    ("同治十三年", 1874, 1874, "qing", "同治", False),
    ("光緒三十四年", 1908, 1908, "qing", "光绪", False),
    ("宣統元年", 1909, 1909, "qing", "宣统", False),
    ("洪武元年", 1368, 1368, "ming", "洪武", False),
    ("明萬曆四十八年", 1620, 1620, "ming", "万历", False),
    ("万历元年", 1573, 1573, "ming", "万历", False),
    ("天啟元年", 1621, 1621, "ming", "天启", False),
    ("崇禎十七年", 1644, 1644, "ming", "崇祯", False),
    ("大明嘉靖二年", 1523, 1523, "ming", "嘉靖", False),
    ("清代乾隆四十年", 1775, 1775, "qing", "乾隆", False),
    ("[清]乾隆四十年", 1775, 1775, "qing", "乾隆", False),
    ("天命三年", 1618, 1618, "later-jin", "天命", False),
    ("唐開元二十九年", 741, 741, "tang", "开元", False),
    ("天寶十載", 751, 751, "tang", "天宝", False),
    ("北宋太平興國三年", 978, 978, "northern-song", "太平兴国", False),
    ("宋大中祥符元年", 1008, 1008, "northern-song", "大中祥符", False),
    ("南宋紹興三十二年", 1162, 1162, "southern-song", "绍兴", False),
    ("咸淳十年", 1274, 1274, "southern-song", "咸淳", False),
    ("元至正二十八年", 1368, 1368, "yuan", "至正", False),
    ("後至元三年", 1337, 1337, "yuan", "至元", False),
    ("金大定二十九年", 1189, 1189, "jurchen-jin", "大定", False),
    ("晉永和九年", 353, 353, "eastern-jin", "永和", False),
    ("後漢建安五年", 200, 200, "eastern-han", "建安", False),
    ("宋元嘉二十年", 443, 443, "liu-song", "元嘉", False),
    ("汉元始元年", 1, 1, "western-han", "元始", False),
    ("元壽二年", -1, -1, "western-han", "元寿", False),
    ("公元前91年", -91, -91, "western-han", "", False),
    ("91 BCE", -91, -91, "western-han", "", False),
    ("前221-前207年", -221, -207, "qin", "", False),
    ("221-207 BCE", -221, -207, "qin", "", False),
    ("AD 1000", 1000, 1000, "northern-song", "", False),
    ("1912-1949", 1912, 1949, "republic-of-china", "", False),
    ("１９１２－１９４９", 1912, 1949, "republic-of-china", "", False),
    ("1368—1644年", 1368, 1644, "ming", "", False),
    ("康熙四十年至五十年", 1701, 1711, "qing", "康熙", False),
    ("乾隆四十年三月十五日", 1775, 1775, "qing", "乾隆", False),
    ("嘉靖三十五年秋七月", 1556, 1556, "ming", "嘉靖", False),
]


@pytest.mark.parametrize(("text", "year_from", "year_to", "period", "era", "approximate"), EXACT)
def test_stated_years(text, year_from, year_to, period, era, approximate):
    assert parse_written_date(text) == ParsedDate(year_from, year_to, period, era, approximate)


SPANS = [
    ("明萬曆間", 1573, 1620, "ming", "万历"),
    ("万历间", 1573, 1620, "ming", "万历"),
    ("乾隆年間", 1736, 1795, "qing", "乾隆"),
    ("乾隆", 1736, 1795, "qing", "乾隆"),
    ("Qianlong period", 1736, 1795, "qing", "乾隆"),
    ("宋", 960, 1279, "song", ""),
    ("北宋", 960, 1127, "northern-song", ""),
    ("明代", 1368, 1644, "ming", ""),
    ("清朝", 1644, 1911, "qing", ""),
    ("Ming dynasty", 1368, 1644, "ming", ""),
    ("the Northern Song dynasty", 960, 1127, "northern-song", ""),
    ("晉", 266, 420, "jin", ""),
    ("金", 1115, 1234, "jurchen-jin", ""),
    ("民国", 1912, 1949, "republic-of-china", ""),
    ("战国时期", -475, -221, "warring-states", ""),
    ("19th century", 1801, 1900, "qing", ""),
    ("十九世紀", 1801, 1900, "qing", ""),
    ("公元前3世纪", -300, -201, "", ""),
    ("3rd century BC", -300, -201, "", ""),
    ("1930s", 1930, 1939, "republic-of-china", ""),
    ("二十世纪三十年代", 1930, 1939, "republic-of-china", ""),
    ("乾隆末", 1776, 1795, "qing", "乾隆"),
    ("乾隆初年", 1736, 1755, "qing", "乾隆"),
    ("明末", 1553, 1644, "ming", ""),
    ("清初", 1644, 1732, "qing", ""),
    ("清中期", 1733, 1822, "qing", ""),
    ("清晚期", 1823, 1911, "qing", ""),
    ("晚清", 1823, 1911, "qing", ""),
    ("late Qing dynasty", 1823, 1911, "qing", ""),
    ("十九世纪末", 1868, 1900, "qing", ""),
    ("early 19th century", 1801, 1833, "qing", ""),
    ("二十世纪上半叶", 1901, 1950, "", ""),
    ("明末清初", 1553, 1732, "", ""),
    ("明清", 1368, 1911, "", ""),
    ("乾隆至嘉慶", 1736, 1820, "qing", ""),
]


@pytest.mark.parametrize(("text", "year_from", "year_to", "period", "era"), SPANS)
def test_spans_are_approximate(text, year_from, year_to, period, era):
    assert parse_written_date(text) == ParsedDate(year_from, year_to, period, era, True)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "不详",
        "hello",
        "91年",  # 1991 in speech, 91 CE in print: no telling
        "1912-49",
        "元年",
        "十年",
        "三月",
        "清乾隆四十年刻本",
        "萬曆八十年",  # Wanli lasted 48 years
        "宣统四年",
        "漢永和九年",  # the Han 永和 had six years
        "清萬曆三年",  # a Ming era under Qing
        "北宋嘉定二年",  # a Southern Song era under Northern Song
        "乾隆五十年歲次丙午",  # 乾隆五十年 is 乙巳
        "光緒三十四年(1900)",  # the bracketed year disagrees
        "明(1700)",
        "公元0年",
        "2999",
        "Jin dynasty",  # 晋 or 金: say which
        "盛唐",
    ],
)
def test_what_cannot_be_read_safely_is_none(text):
    assert parse_written_date(text) is None


def test_bracketed_arabic_year_wins_when_it_agrees():
    parsed = parse_written_date("清光绪三十四年(1908)")
    assert parsed == ParsedDate(1908, 1908, "qing", "光绪", False)
    assert _years("清光緒三十四年（一九〇八）") == (1908, 1908)
    assert _years("乾隆四十年(1775年)") == (1775, 1775)
    # The last lunar year of 宣统 ran into 1912; a year either side still agrees.
    assert _years("宣統三年（1912）") == (1912, 1912)
    assert parse_written_date("1775年(乾隆四十年)") == ParsedDate(1775, 1775, "qing", "乾隆", False)
    assert parse_written_date("Kangxi (1662-1722)") == ParsedDate(1662, 1722, "qing", "康熙", False)


def test_yuannian_is_year_one():
    assert _years("康熙元年") == (1662, 1662)
    assert _years("乾隆元年") == (1736, 1736)
    assert _years("民國元年") == (1912, 1912)


def test_sexagenary_years_inside_an_era():
    assert _years("乾隆丙午") == (1786, 1786)
    assert _years("光緒戊申") == (1908, 1908)
    assert _years("乾隆五十一年歲次丙午") == (1786, 1786)
    # 康熙 lasted 61 years, so 壬寅 came round twice: 1662 and 1722.
    kangxi = parse_written_date("康熙壬寅")
    assert kangxi is not None
    assert (kangxi.year_from, kangxi.year_to, kangxi.ambiguous) == (1662, 1722, True)


def test_ambiguous_era_without_dynasty_spans_every_reading():
    # 建元 was used by Western Han (-140), Eastern Jin (343), Former Qin (365), Southern Qi (479).
    parsed = parse_written_date("建元二年")
    assert parsed == ParsedDate(-139, 480, "", "建元", False, ambiguous=True)
    # 太平: Eastern Wu (256–258) and Liao (1021–1031).
    assert parse_written_date("太平三年") == ParsedDate(258, 1023, "", "太平", False, True)


def test_ambiguous_era_settled_by_dynasty_prefix():
    assert parse_written_date("漢建元二年") == ParsedDate(-139, -139, "western-han", "建元", False)
    assert parse_written_date("齊建元二年") == ParsedDate(480, 480, "southern-qi", "建元", False)
    assert parse_written_date("前秦建元二年") == ParsedDate(366, 366, "former-qin", "建元", False)
    assert parse_written_date("遼太平三年") == ParsedDate(1023, 1023, "liao", "太平", False)
    assert parse_written_date("吳太平三年") == ParsedDate(258, 258, "eastern-wu", "太平", False)


def test_ambiguous_era_settled_by_year_count_or_bracket():
    # The Eastern Wu 太平 had three years, so only Liao's fits the tenth.
    assert parse_written_date("太平十年") == ParsedDate(1030, 1030, "liao", "太平", False)
    assert parse_written_date("永和九年") == ParsedDate(353, 353, "eastern-jin", "永和", False)
    assert parse_written_date("太平三年(1023)") == ParsedDate(1023, 1023, "liao", "太平", False)


def test_ambiguous_era_within_one_dynasty_keeps_the_dynasty():
    # Yuan used 至元 twice: 1264–1294 and 1335–1340.
    assert parse_written_date("至元三年") == ParsedDate(1266, 1337, "yuan", "至元", False, True)
    assert parse_written_date("至元三十年") == ParsedDate(1293, 1293, "yuan", "至元", False)


def test_eras_counted_past_their_end_in_the_sources():
    assert _years("洪武三十五年") == (1402, 1402)
    assert _years("永曆三十七年") == (1683, 1683)
    assert _years("民國114年") == (2025, 2025)


def test_traditional_and_simplified_forms_read_alike():
    pairs = [
        ("萬曆十年", "万历十年"),
        ("光緒元年", "光绪元年"),
        ("貞觀元年", "贞观元年"),
        ("順治二年", "顺治二年"),
        ("嘉慶三年", "嘉庆三年"),
        ("咸豐四年", "咸丰四年"),
        ("宣統二年", "宣统二年"),
        ("明萬曆間", "明万历间"),
    ]
    for traditional, simplified in pairs:
        assert parse_written_date(traditional) == parse_written_date(simplified) is not None


def test_hedged_dates_are_approximate():
    assert parse_written_date("约1900") == ParsedDate(1900, 1900, "qing", "", True)
    assert parse_written_date("c. 1900") == ParsedDate(1900, 1900, "qing", "", True)
    assert parse_written_date("1900年左右") == ParsedDate(1900, 1900, "qing", "", True)
    assert parse_written_date("[1908?]") == ParsedDate(1908, 1908, "qing", "", True)


def test_parsed_date_is_frozen():
    parsed = parse_written_date("1936")
    assert parsed is not None
    with pytest.raises(FrozenInstanceError):
        parsed.year_from = 1937  # type: ignore[misc]


def test_period_for_year():
    assert period_for_year(-1500) == "shang"
    assert period_for_year(-91) == "western-han"
    assert period_for_year(-205) == ""  # Chu–Han contention
    assert period_for_year(639) == "tang"
    assert period_for_year(1275) == "southern-song"
    assert period_for_year(1279) == "yuan"
    assert period_for_year(1644) == "qing"
    assert period_for_year(1911) == "qing"
    assert period_for_year(1912) == "republic-of-china"
    assert period_for_year(1949) == "prc"
    assert period_for_year(-3000) == ""
    with pytest.raises(ValueError):
        period_for_year(0)


def test_period_for_year_follows_the_vocabulary():
    for year in range(-2070, 2026):
        code = period_for_year(year) if year else ""
        if code:
            period = PERIODS[code]
            assert period.year_from <= year <= (period.year_to or year)


def test_period_label():
    assert period_label("qing", "zh-Hans") == "清"
    assert period_label("republic-of-china", "zh-Hans") == "中华民国"
    assert period_label("republic-of-china", "zh-Hant") == "中華民國"
    assert period_label("eastern-han", "zh-Hant") == "東漢"
    assert period_label("jurchen-jin", "en") == "Jin (Jurchen)"
    assert period_label("jin", "zh-Hant") == "晉"
    assert period_label("northern-song", "zh-Latn-pinyin") == "Běi Sòng"
    assert period_label("tang", "fr") == "Tang"
    assert period_label("", "en") == ""
    with pytest.raises(KeyError):
        period_label("atlantis", "en")


def test_vocabulary_is_consistent():
    required = {
        "xia", "shang", "western-zhou", "eastern-zhou", "spring-autumn", "warring-states",
        "qin", "western-han", "xin", "eastern-han", "cao-wei", "shu-han", "eastern-wu",
        "western-jin", "eastern-jin", "sixteen-kingdoms", "liu-song", "southern-qi", "liang",
        "chen", "northern-wei", "eastern-wei", "western-wei", "northern-qi", "northern-zhou",
        "sui", "tang", "five-dynasties-ten-kingdoms", "liao", "northern-song", "southern-song",
        "song", "western-xia", "jurchen-jin", "yuan", "ming", "qing", "republic-of-china", "prc",
    }  # fmt: skip
    assert required <= set(PERIODS)
    for code, period in PERIODS.items():
        assert code == period.code and period.code.isascii()
        assert period.parent == "" or period.parent in PERIODS
        assert period.year_to is None or period.year_from <= period.year_to
        # every traditional name reads as its simplified one
        assert parse_written_date(period.zh_hant) == parse_written_date(period.zh_hans)


def test_ming_and_qing_eras_follow_each_other_without_gaps():
    for codes in (("ming",), ("later-jin", "qing")):
        eras = [era for era in ERAS if era.period in codes]
        for before, after in pairwise(eras):
            assert after.year_from in (before.year_to, before.year_to + 1)
    qing = [era.name for era in ERAS if era.period == "qing"]
    assert " ".join(qing) == "崇德 顺治 康熙 雍正 乾隆 嘉庆 道光 咸丰 同治 光绪 宣统"
    assert len([era for era in ERAS if era.period == "ming"]) == 17


def test_every_era_reads_in_both_scripts():
    for era in ERAS:
        assert era.year_from <= era.year_to
        assert era.year(1) == era.year_from
        for name in (era.name, era.name_hant):
            parsed = parse_written_date(name + "元年")
            assert parsed is not None
            assert parsed.year_from <= era.year_from <= parsed.year_to
    assert {(e.name, e.name_hant) for e in ERAS} >= {("万历", "萬曆"), ("光绪", "光緒")}

"""The analysis chain on real words: folding, grams, pinyin, queries, snippets."""

from __future__ import annotations

import pytest

from tongwen.search import analysis, highlight
from tongwen.search.query import Han, Phrase, Word, parse


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("紅樓夢", "红楼梦"),
        ("說文解字", "说文解字"),
        ("資治通鑑", "资治通鉴"),
        ("爲", "为"),  # variant of 為
        ("衞", "卫"),  # Hong Kong variant of 衛
        ("眞", "真"),
        ("ＡＢＣ１２３", "abc123"),  # full width
        ("\uf9a8", "令"),  # compatibility ideograph
        ("Běncǎo Lǚ", "bencao lv"),  # pinyin with tone marks, as language maps carry it
    ],
)
def test_fold_maps_scripts_variants_width_and_case(written: str, folded: str) -> None:
    assert analysis.fold(written) == folded


def test_fold_is_per_character_so_context_never_changes_a_character() -> None:
    # OpenCC's phrase table keeps 乾 in 乾隆; taken alone it folds to 干. Per character, both
    # fold the same way, so a one-character query finds the reign name.
    assert analysis.fold("乾隆")[0] == analysis.fold("乾")
    assert len(analysis.fold("清乾隆三十七年刻本")) == len("清乾隆三十七年刻本")


def test_grams_are_unigrams_and_bigrams_with_offsets_into_the_original() -> None:
    grams = analysis.grams(["本草綱目 Li Shizhen"])
    assert [t.text for t in grams.unigrams] == ["本", "草", "纲", "目", "li", "shizhen"]
    assert [t.text for t in grams.bigrams] == ["本草", "草纲", "纲目"]
    assert [(t.start, t.end) for t in grams.bigrams] == [(0, 2), (1, 3), (2, 4)]


def test_values_are_kept_apart_so_no_phrase_spans_two() -> None:
    grams = analysis.grams(["李白", "杜甫"])
    positions = {t.text: t.position for t in grams.unigrams}
    assert positions["杜"] - positions["白"] > 1
    assert "白杜" not in [t.text for t in grams.bigrams]


def test_pinyin_reads_traditional_text_through_the_simplified_phrase_dictionary() -> None:
    assert analysis.syllables("重慶") == ("chong", "qing")  # not zhong: 重庆 is a known word
    assert analysis.syllables("長安") == ("chang", "an")
    assert analysis.joined_pinyin("本草綱目") == "bencaogangmu"


@pytest.mark.parametrize(
    ("typed", "syllables"),
    [
        ("shiwubencao", ["shi", "wu", "ben", "cao"]),
        ("xian", ["xian"]),  # one syllable rather than two
        ("xi'an", ["xi", "an"]),
        ("zhuangzi", ["zhuang", "zi"]),
        ("lv", ["lv"]),
        ("compendium", None),
    ],
)
def test_split_pinyin(typed: str, syllables: list[str] | None) -> None:
    assert analysis.split_pinyin(typed) == syllables


def test_tone_marks_and_tone_numbers_are_dropped() -> None:
    assert analysis.normalise_latin("Běncǎo Gāngmù") == "bencao gangmu"
    assert analysis.normalise_latin("shi3 ji4") == "shi ji"
    assert analysis.normalise_latin("Lǚ") == "lv"
    assert analysis.normalise_latin("1999") == "1999"


def test_script_of_what_the_reader_typed() -> None:
    assert analysis.script_of("红楼梦") == analysis.SIMPLIFIED
    assert analysis.script_of("紅樓夢") == analysis.TRADITIONAL
    assert analysis.script_of("中文") is None  # written the same in both
    assert analysis.script_of("hongloumeng") is None


def test_to_script_converts_for_display_only_when_offsets_survive() -> None:
    assert analysis.to_script("紅樓夢", analysis.SIMPLIFIED) == "红楼梦"
    assert analysis.to_script("红楼梦", analysis.TRADITIONAL) == "紅樓夢"
    assert analysis.to_script("紅樓夢", None) == "紅樓夢"


def test_parse_splits_han_runs_latin_words_and_quoted_phrases() -> None:
    parsed = parse('李白 "床前 明月" Jingye si')
    assert parsed.clauses == (
        Han("李白"),
        Phrase((Han("床前"), Han("明月"))),
        Word("jingye", ("jing", "ye")),
        Word("si", ("si",)),
    )
    assert parsed.pinyin_run == ("jing", "ye", "si")


def test_parse_bounds_what_it_reads() -> None:
    assert len(parse("字 " * 500).clauses) <= 24
    assert parse("   ").is_empty


def test_snippet_marks_matches_in_the_script_the_reader_typed() -> None:
    text = "明李時珍撰，凡五十二卷，收藥一千八百九十二種。"
    simplified = highlight.snippet([text], parse("李时珍"), script=analysis.SIMPLIFIED)
    assert str(simplified) == "明<mark>李时珍</mark>撰，凡五十二卷，收药一千八百九十二种。"
    traditional = highlight.snippet([text], parse("李時珍"), script=analysis.TRADITIONAL)
    assert str(traditional) == "明<mark>李時珍</mark>撰，凡五十二卷，收藥一千八百九十二種。"


def test_snippet_escapes_the_text_and_centres_on_the_first_match() -> None:
    text = "<b>" + "甲" * 200 + "本草綱目" + "乙" * 200
    snippet = str(highlight.snippet([text], parse("本草纲目")))
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "<mark>本草綱目</mark>" in snippet
    assert "<b>" not in snippet
    assert str(highlight.snippet(["<i>x</i>"], parse("none"))) == "&lt;i&gt;x&lt;/i&gt;"

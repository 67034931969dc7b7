import pytest
from django.core.exceptions import ValidationError

from tongwen.common import langmap


def test_chinese_values_get_pinyin():
    assert langmap.clean({"zh-Hans": "国家图书馆"}) == {
        "zh-Hans": "国家图书馆",
        "zh-Latn-pinyin": "guó jiā tú shū guǎn",
    }


def test_given_pinyin_is_kept_and_tags_are_standardised():
    assert langmap.clean({"zh-hans": "故宫", "zh-Latn-pinyin": "Gùgōng"}) == {
        "zh-Hans": "故宫",
        "zh-Latn-pinyin": "Gùgōng",
    }


def test_best_falls_back_from_the_reader_language():
    value = {"en": "Palace Museum", "zh-Hans": "故宫博物院"}
    assert langmap.best(value, "en") == "Palace Museum"
    assert langmap.best(value, "zh-hans") == "故宫博物院"
    assert langmap.best({"en": "Beijing News"}, "zh-hans") == "Beijing News"
    assert langmap.best_tag({"en": "Beijing News"}, "zh-hans") == "en"
    assert langmap.best({}, "en") == ""


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("text", 'Expected an object of language tags to text, such as {"en": "…"}.'),
        ({"en": 5}, "The value for “en” must be text."),
        ({"??": "x"}, "“??” is not a valid language tag."),
        ({"en": "   "}, "Give a value in at least one language."),
    ],
)
def test_bad_maps_are_refused_with_a_reason(value, message):
    with pytest.raises(ValidationError) as err:
        langmap.clean(value)
    assert err.value.messages == [message]

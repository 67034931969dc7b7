"""Mapping partners' metadata (oai_dc, qualified DC, MODS) to resource fields."""

from __future__ import annotations

import re

import pytest

from tongwen.catalog import services
from tongwen.catalog.models import Resource, Rights
from tongwen.catalog.oai import client, mappings
from tongwen.catalog.oai.mappings import MappingError, map_record
from tongwen.catalog.tests.fixtures.oai import load


def _records(name: str) -> dict[str, client.OAIRecord]:
    page = client.parse_list_records(load(name))
    return {record.identifier: record for record in page.records}


def test_oai_dc_maps_languages_creators_dates_extent_and_rights():
    record = _records("oai_dc_page1.xml")["oai:partner.example:rare/0001"]
    mapped = map_record("oai_dc", record.metadata)
    assert mapped.fields["title"] == {"zh-Hant": "史記", "en": "Records of the Grand Historian"}
    # An untagged title after the tagged ones is another title, not a third language.
    assert mapped.fields["alt_titles"] == ["太史公書"]
    # One person named in two languages, the period taken out of the name.
    assert mapped.creators == [
        {
            "name": {"zh-Hant": "司馬遷", "en": "Sima Qian"},
            "role": "author",
            "period": "western-han",
        },
        {"name": {"zh-Hant": "裴駰"}, "role": "contributor", "period": ""},
    ]
    assert mapped.fields["date_written"] == "清乾隆四年"
    assert (mapped.fields["year_from"], mapped.fields["year_to"]) == (1739, 1739)
    assert mapped.fields["kind"] == "ancient_book"
    assert mapped.fields["edition"] == "woodblock"
    assert (mapped.fields["extent_juan"], mapped.fields["extent_volumes"]) == (130, 24)
    assert mapped.fields["languages"] == ["lzh"]
    assert mapped.fields["subjects"] == ["History", "中國歷史"]
    assert mapped.fields["description"] == {"en": "The first of the Twenty-Four Histories."}
    assert mapped.fields["identifiers"] == [
        {"scheme": "uri", "value": "https://partner.example/items/rare-0001"},
        {"scheme": "isbn", "value": "9787101003048"},
    ]
    # http and no trailing slash still name the Public Domain Mark.
    assert mapped.rights == Rights.PDM
    assert mapped.holder_names == ["Institution B"]


def test_oai_dc_untagged_values_guess_kind_and_language_names():
    records = _records("oai_dc_page1.xml")
    mapped = map_record("oai_dc", records["oai:partner.example:photo/0003"].metadata)
    assert mapped.fields["title"] == {"und": "The 1937 tennis team. Won 15, lost 3."}
    assert mapped.fields["kind"] == "photograph"
    assert mapped.fields["languages"] == ["en"]
    assert mapped.creators == [
        {"name": {"und": "Copelin Commercial Photographers"}, "role": "author", "period": ""}
    ]
    # Free-text rights are not a statement Tongwen knows: the source's default applies.
    assert mapped.rights == ""


def test_rightsstatements_page_urls_and_iso_codes_are_normalised():
    record = _records("oai_dc_page2.xml")["oai:partner.example:maps/0004"]
    mapped = map_record("oai_dc", record.metadata)
    assert mapped.rights == Rights.NOC_US
    assert mapped.fields["languages"] == ["zh"]  # "chi"
    assert mapped.fields["kind"] == "map"
    assert mapped.fields["title"] == {
        "zh-Hans": "大清万年一统天下全图",
        "en": "Complete Map of the Everlasting Unified Qing Empire",
    }


def test_a_record_without_title_cannot_be_mapped():
    record = _records("oai_dc_page2.xml")["oai:partner.example:rare/0005"]
    with pytest.raises(MappingError, match=re.escape("The record has no title.")):
        map_record("oai_dc", record.metadata)
    with pytest.raises(MappingError, match=re.escape("The record has no metadata.")):
        map_record("oai_dc", None)


def test_qualified_dc_reads_dcterms_refinements_and_edm_rights():
    (record,) = _records("qdc_record.xml").values()
    mapped = map_record("qdc", record.metadata)
    fields = mapped.fields
    assert fields["title"] == {
        "und": "Bridges, viaducts, and underpasses: Michigan Ave. Viaduct 9, Image 10"
    }
    assert fields["alt_titles"] == ["Michigan Avenue Viaduct"]
    assert fields["date_written"] == "1927"
    assert (fields["year_from"], fields["year_to"]) == (1927, 1927)
    assert fields["kind"] == "photograph"
    assert fields["extent_note"] == {"und": "8 x 10 in."}
    assert fields["subjects"] == ["Bridges", "Chicago (Ill.)", "1920s"]
    assert fields["languages"] == ["en"]
    assert mapped.rights == Rights.NOC_US  # from edm:rights; dc:rights is free text
    assert mapped.holder_names == ["University of Illinois Chicago. Library", "Institution A"]
    assert [c["role"] for c in mapped.creators] == ["author", "contributor"]
    assert {"scheme": "local", "value": "JPCC_01_0003_0025_0010"} in fields["identifiers"]


def test_mods_as_tongwen_writes_it_maps_every_field_back():
    record = _records("mods_records.xml")["oai:partner.example:shuowen-jiezi"]
    mapped = map_record("mods", record.metadata)
    assert mapped.fields == {
        "kind": "ancient_book",
        "title": {
            "zh-Hant": "說文解字",
            "zh-Latn-pinyin": "shuō wén jiě zì",
            "en": "Explaining Graphs and Analysing Characters",
        },
        "alt_titles": ["說文"],
        "date_written": "清嘉慶二十年",
        "year_from": 1815,
        "year_to": 1815,
        "period": "qing",
        "edition": "woodblock",
        "edition_note": {"zh-Hant": "經韻樓刻本"},
        "extent_juan": 30,
        "extent_volumes": 12,
        "extent_pages": None,
        "extent_note": {"en": "12 volumes in 2 cases"},
        "dimensions": "28.5 × 17.8 cm",
        "subjects": ["文字学", "Chinese characters"],
        "languages": ["lzh"],
        "script": "Hant",
        "call_number": "善 0123",
        "identifiers": [{"scheme": "local", "value": "SB-0123"}],
        "description": {
            "en": "The first comprehensive dictionary of Chinese characters, with Duan "
            "Yucai's annotations.",
            "zh-Hans": "东汉许慎撰，清段玉裁注。",
        },
    }
    assert mapped.creators == [
        {"name": {"zh-Hant": "許慎", "en": "Xu Shen"}, "role": "author", "period": "eastern-han"},
        {"name": {"zh-Hant": "段玉裁"}, "role": "annotator", "period": "qing"},
    ]
    assert mapped.holder_slugs == ["inst-b"]
    assert mapped.holder_names == ["Institution B"]
    assert mapped.rights == Rights.NOC_NC


def test_mods_from_another_repository_uses_ranges_names_and_forms():
    mapped = map_record("mods", _records("mods_records.xml")["arn00007c00001"].metadata)
    fields = mapped.fields
    assert fields["title"] == {"und": "The Botanical plates: Clematis cylindrica"}
    assert fields["date_written"] == "ca. 1890-1910"
    assert (fields["year_from"], fields["year_to"]) == (1890, 1910)
    assert fields["kind"] == "painting_calligraphy"  # "watercolor paintings"
    assert fields["languages"] == []  # "und" says nothing
    assert mapped.creators == [{"name": {"und": "Deville, Mme."}, "role": "painter", "period": ""}]
    assert mapped.holder_names == ["Arnold Arboretum"]  # the container number is no name
    assert mapped.rights == ""


@pytest.mark.django_db
def test_a_mapped_date_as_written_gets_its_years_from_the_period_reader(world):
    record = _records("oai_dc_page2.xml")["oai:partner.example:maps/0004"]
    mapped = map_record("oai_dc", record.metadata)
    assert mapped.fields["year_from"] is None  # the record gives only 清嘉庆十六年
    resource = Resource(
        holder=world["a"],
        slug="map-0004",
        rights=Rights.NOC_US,
        modified_at="2024-01-01T00:00:00Z",
        **mapped.fields,
    )
    services.validate_resource(resource)
    assert (resource.year_from, resource.year_to, resource.period) == (1811, 1811, "qing")
    assert resource.title["zh-Latn-pinyin"] == "dà qīng wàn nián yī tǒng tiān xià quán tú"


@pytest.mark.parametrize(
    ("values", "kind"),
    [
        (["StillImage", "rubbing"], "rubbing"),
        (["Text", "ancient_book"], "ancient_book"),
        (["Painting and calligraphy"], "painting_calligraphy"),
        (["拓片"], "rubbing"),
        (["Sound"], "audio_video"),
        (["Dataset"], "other"),
    ],
)
def test_kinds_from_types_genres_and_formats(values, kind):
    assert mappings.guess_kind(values) == kind


@pytest.mark.parametrize(
    ("uri", "statement"),
    [
        ("https://creativecommons.org/licenses/by/4.0/", Rights.CC_BY),
        ("http://creativecommons.org/licenses/by/4.0", Rights.CC_BY),
        ("https://rightsstatements.org/vocab/InC/1.0/", Rights.INC),
        ("http://rightsstatements.org/page/InC-EDU/1.0/?language=en", Rights.INC_EDU),
        ("https://example.org/licence", ""),
        ("In Copyright", ""),
    ],
)
def test_rights_uris(uri, statement):
    assert mappings.rights_statement(uri) == statement


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("1739", (1739, 1739)),
        ("1368/1644", (1368, 1644)),
        ("-0090", (-91, -91)),  # ISO -0090 is 91 BCE, stored historically as -91
        ("0000", (-1, -1)),  # ISO year 0 is 1 BCE
        ("-0206/0008", (-207, 8)),
        ("1644/1368", None),
        ("Qianlong", None),
    ],
)
def test_iso_years_become_historical_years(written, expected):  # type: ignore[no-untyped-def]
    assert mappings.years(written) == expected

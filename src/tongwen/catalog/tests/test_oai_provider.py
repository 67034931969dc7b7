"""The OAI-PMH provider as harvesters meet it: a real client (Sickle) against a running
server, every protocol error, resumption tokens that hold while records change, both
metadata formats field by field, and who is served what."""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client
from lxml import etree  # type: ignore[import-untyped]  # lxml ships no stubs
from sickle import Sickle  # type: ignore[import-untyped]  # Sickle ships no stubs
from sickle.oaiexceptions import NoRecordsMatch  # type: ignore[import-untyped]

from tongwen.catalog import services
from tongwen.catalog.models import Resource, Rights
from tongwen.catalog.oai import tokens
from tongwen.catalog.oai.formats import HEADER_FIELDS, METADATA_FIELDS, Record
from tongwen.catalog.tests.conftest import make_resource
from tongwen.common.actors import SYSTEM
from tongwen.institutions import services as institutions

NS = {
    "oai": "http://www.openarchives.org/OAI/2.0/",
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "mods": "http://www.loc.gov/mods/v3",
    "xlink": "http://www.w3.org/1999/xlink",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
    "id": "http://www.openarchives.org/OAI/2.0/oai-identifier",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PASSWORD = "correct horse battery"
PREFIX = "oai:tongwen.local:"
PUBLIC_ID = PREFIX + "shiji-public"


def _basic(username: str, password: str = PASSWORD) -> str:
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


def oai(client: Client, params: Any = None, **headers: str) -> Any:
    """GET /oai and parse the answer, after checking what every answer must be."""
    query = params if isinstance(params, str) else urlencode(params or {}, doseq=True)
    response = client.get(f"/oai?{query}", headers=headers)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    root = etree.fromstring(response.content)
    assert root.tag == "{http://www.openarchives.org/OAI/2.0/}OAI-PMH"
    assert root.get(f"{{{NS['xsi']}}}schemaLocation") == (
        "http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
    )
    response_date = root.findtext("oai:responseDate", namespaces=NS)
    assert dt.datetime.strptime(response_date, "%Y-%m-%dT%H:%M:%SZ")
    assert root.findtext("oai:request", namespaces=NS) == "http://testserver/oai"
    return root


def codes(root: Any) -> list[str]:
    return root.xpath("oai:error/@code", namespaces=NS)


def identifiers(root: Any) -> list[str]:
    return root.xpath("//oai:header/oai:identifier/text()", namespaces=NS)


def token_of(root: Any) -> Any:
    found = root.xpath("//oai:resumptionToken", namespaces=NS)
    return found[0] if found else None


def harvest_identifiers(client: Client, **params: str) -> tuple[list[str], list[Any]]:
    """Every identifier of a ListIdentifiers harvest, following tokens; and the pages."""
    pages = [oai(client, {"verb": "ListIdentifiers", **params})]
    while (token := token_of(pages[-1])) is not None and token.text:
        pages.append(oai(client, {"verb": "ListIdentifiers", "resumptionToken": token.text}))
    return [i for page in pages for i in identifiers(page)], pages


# Identify, formats, sets -------------------------------------------------------------------


def test_identify_describes_the_repository(collection, client, settings):
    settings.TONGWEN_OAI_REPOSITORY_NAME = "Tongwen test repository"
    root = oai(client, {"verb": "Identify"})
    assert root.xpath("oai:request/@verb", namespaces=NS) == ["Identify"]
    identify = root.find("oai:Identify", NS)
    assert [(child.tag.split("}")[1], child.text) for child in identify][:7] == [
        ("repositoryName", "Tongwen test repository"),
        ("baseURL", "http://testserver/oai"),
        ("protocolVersion", "2.0"),
        ("adminEmail", "oai-admin@tongwen.invalid"),
        (
            "earliestDatestamp",
            collection["public"].modified_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        ),
        ("deletedRecord", "persistent"),
        ("granularity", "YYYY-MM-DDThh:mm:ssZ"),
    ]
    description = identify.find("oai:description/id:oai-identifier", NS)
    assert [(child.tag.split("}")[1], child.text) for child in description] == [
        ("scheme", "oai"),
        ("repositoryIdentifier", "tongwen.local"),
        ("delimiter", ":"),
        ("sampleIdentifier", "oai:tongwen.local:shiji-public"),
    ]


def test_identify_of_an_empty_repository_gives_a_fixed_early_datestamp(db, client):
    root = oai(client, {"verb": "Identify"})
    assert root.findtext("oai:Identify/oai:earliestDatestamp", namespaces=NS) == (
        "2000-01-01T00:00:00Z"
    )


def test_list_metadata_formats_for_the_repository_and_for_an_item(collection, client):
    expected = [
        [
            "oai_dc",
            "http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
            "http://www.openarchives.org/OAI/2.0/oai_dc/",
        ],
        [
            "mods",
            "http://www.loc.gov/standards/mods/v3/mods-3-7.xsd",
            "http://www.loc.gov/mods/v3",
        ],
    ]
    for params in (
        {"verb": "ListMetadataFormats"},
        {"verb": "ListMetadataFormats", "identifier": PREFIX + "shiji-public"},
    ):
        root = oai(client, params)
        formats = root.xpath("oai:ListMetadataFormats/oai:metadataFormat", namespaces=NS)
        assert [[child.text for child in f] for f in formats] == expected


def test_list_sets_names_institutions_and_kinds_in_use(world, client):
    library = institutions.institution_create(
        actor=SYSTEM,
        slug="nlc",
        name={"zh-Hans": "国家图书馆", "en": "National Library of China"},
        kind="library",
    )
    make_resource(library, "lunyu", kind=Resource.Kind.RUBBING)
    make_resource(world["b"], "shiji")
    make_resource(world["c"], "hidden", "private")  # C's private holding names no set
    root = oai(client, {"verb": "ListSets"})
    sets = root.xpath("oai:ListSets/oai:set", namespaces=NS)
    assert [
        (s.findtext("oai:setSpec", namespaces=NS), s.findtext("oai:setName", namespaces=NS))
        for s in sets
    ] == [
        ("institution", "Holding institutions"),
        ("institution:inst-b", "Institution B"),
        ("institution:nlc", "National Library of China"),
        ("kind", "Kinds of resource"),
        ("kind:ancient_book", "ancient book"),
        ("kind:rubbing", "rubbing"),
    ]
    nlc = sets[2].find("oai:setDescription/oai_dc:dc", NS)
    assert [(e.tag.split("}")[1], e.get(XML_LANG), e.text) for e in nlc] == [
        ("title", "zh-Hans", "国家图书馆"),
        ("title", "en", "National Library of China"),
        ("description", "en", "Resources held by National Library of China (国家图书馆)."),
        ("description", "zh-Hans", "国家图书馆收藏的资源。"),
    ]


# Records in both formats -------------------------------------------------------------------


@pytest.fixture
def rich(world):  # type: ignore[no-untyped-def]
    """A resource with every exported field filled in."""
    return make_resource(
        world["b"],
        "yongle-dadian",
        title={"zh-Hant": "永樂大典", "en": "Yongle Encyclopedia"},
        alt_titles=["永樂大典殘卷"],
        kind=Resource.Kind.ANCIENT_BOOK,
        creators=[
            {"name": {"zh-Hant": "解縉", "en": "Xie Jin"}, "role": "compiler", "period": "ming"},
            {"name": {"zh-Hant": "姚廣孝"}, "role": "editor"},
        ],
        date_written="明嘉靖年間",
        year_from=1562,
        year_to=1567,
        period="ming",
        edition=Resource.Edition.MANUSCRIPT,
        edition_note={"zh-Hant": "嘉靖副本"},
        extent_juan=22877,
        extent_volumes=11095,
        extent_pages=300,
        extent_note={"en": "fragments"},
        dimensions="50 × 30 cm",
        subjects=["類書", "encyclopedias"],
        languages=["lzh"],
        script="Hant",
        call_number="善 0001",
        identifiers=[{"scheme": "isbn", "value": "978-7-5013-0000-0"}],
        description={"en": "An encyclopedia <compiled> & copied."},
        rights=Rights.NOC_US,
    )


def _record(client: Client, slug: str, prefix: str) -> Any:
    root = oai(client, {"verb": "GetRecord", "identifier": PREFIX + slug, "metadataPrefix": prefix})
    assert codes(root) == []
    assert root.xpath("oai:request/@*", namespaces=NS) == ["GetRecord", PREFIX + slug, prefix]
    record = root.find("oai:GetRecord/oai:record", NS)
    header = record.find("oai:header", NS)
    assert header.findtext("oai:identifier", namespaces=NS) == PREFIX + slug
    return record


def test_get_record_oai_dc_has_every_field(rich, client):
    record = _record(client, "yongle-dadian", "oai_dc")
    header = record.find("oai:header", NS)
    assert header.findtext("oai:datestamp", namespaces=NS) == rich.modified_at.astimezone(
        dt.UTC
    ).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert header.xpath("oai:setSpec/text()", namespaces=NS) == [
        "institution:inst-b",
        "kind:ancient_book",
    ]
    dc = record.find("oai:metadata/oai_dc:dc", NS)
    assert dc.get(f"{{{NS['xsi']}}}schemaLocation") == (
        "http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
    )
    values = [(e.tag.split("}")[1], e.get(XML_LANG), e.text) for e in dc]
    xie, yao = (c.name["zh-Latn-pinyin"] for c in rich.creators.all())
    ming_zh = dc.xpath("dc:creator[1]/text()", namespaces=NS)[0]
    assert ming_zh.endswith("）解縉") and ming_zh.startswith("（")
    assert values == [
        ("title", "zh-Hant", "永樂大典"),
        ("title", "en", "Yongle Encyclopedia"),
        ("title", "zh-Latn-pinyin", "yǒng lè dà diǎn"),
        ("title", None, "永樂大典殘卷"),
        ("creator", "zh-Hant", ming_zh),
        ("creator", "en", "Xie Jin (Ming)"),
        ("creator", "zh-Latn-pinyin", xie),
        ("contributor", "zh-Hant", "姚廣孝"),
        ("contributor", "zh-Latn-pinyin", yao),
        ("date", None, "明嘉靖年間"),
        ("date", None, "1562/1567"),
        ("subject", None, "類書"),
        ("subject", None, "encyclopedias"),
        ("description", "en", "An encyclopedia <compiled> & copied."),
        ("type", None, "Text"),
        ("type", None, "ancient_book"),
        ("format", "en", "manuscript"),
        ("format", None, "嘉靖副本"),
        ("format", "en", "22877 juan"),
        ("format", "en", "11095 volumes"),
        ("format", "en", "300 pages"),
        ("format", "en", "fragments"),
        ("format", None, "50 × 30 cm"),
        ("language", None, "lzh"),
        ("rights", None, "http://rightsstatements.org/vocab/NoC-US/1.0/"),
        ("publisher", "en", "Institution B"),
        ("identifier", None, "http://testserver/collection/yongle-dadian/"),
        ("identifier", None, "http://testserver/iiif/presentation/yongle-dadian/manifest"),
        ("identifier", None, "isbn:978-7-5013-0000-0"),
    ]


def _mods_values(mods: Any, path: str) -> list[tuple[dict[str, str], str]]:
    return [
        (
            {
                k.replace(f"{{{NS['xlink']}}}", "xlink:").replace(XML_LANG, "xml:lang"): v
                for k, v in e.attrib.items()
            },
            e.text,
        )
        for e in mods.xpath(path, namespaces=NS)
    ]


def test_get_record_mods_has_every_field_the_harvester_maps(rich, client):
    record = _record(client, "yongle-dadian", "mods")
    mods = record.find("oai:metadata/mods:mods", NS)
    assert mods.get("version") == "3.7"
    assert mods.get(f"{{{NS['xsi']}}}schemaLocation") == (
        "http://www.loc.gov/mods/v3 http://www.loc.gov/standards/mods/v3/mods-3-7.xsd"
    )
    assert _mods_values(mods, "mods:titleInfo/mods:title") == [
        ({}, "永樂大典"),
        ({}, "Yongle Encyclopedia"),
        ({}, "yǒng lè dà diǎn"),
        ({}, "永樂大典殘卷"),
    ]
    assert [dict(info.attrib) for info in mods.findall("mods:titleInfo", NS)] == [
        {XML_LANG: "zh-Hant", "lang": "chi", "script": "Hant", "usage": "primary"},
        {XML_LANG: "en", "lang": "eng", "type": "translated"},
        {XML_LANG: "zh-Latn-pinyin", "lang": "chi", "script": "Latn", "transliteration": "pinyin"},
        {"type": "alternative"},
    ]
    first, second = mods.findall("mods:name", NS)
    xie = rich.creators.all()[0].name["zh-Latn-pinyin"]
    assert _mods_values(first, "mods:namePart[not(@type)]") == [
        ({"xml:lang": "zh-Hant", "lang": "chi", "script": "Hant"}, "解縉"),
        ({"xml:lang": "en", "lang": "eng"}, "Xie Jin"),
        (
            {
                "xml:lang": "zh-Latn-pinyin",
                "lang": "chi",
                "script": "Latn",
                "transliteration": "pinyin",
            },
            xie,
        ),
    ]
    assert _mods_values(first, "mods:namePart[@type='date'][@xml:lang='en']") == [
        ({"type": "date", "xml:lang": "en"}, "Ming")
    ]
    assert _mods_values(first, "mods:role/mods:roleTerm") == [
        ({"type": "code", "authority": "marcrelator"}, "com"),
        ({"type": "text", "authority": "marcrelator"}, "compiler"),
    ]
    assert second.xpath("mods:role/mods:roleTerm[@type='code']/text()", namespaces=NS) == ["edt"]
    assert second.xpath("mods:namePart[@type='date']", namespaces=NS) == []
    assert _mods_values(mods, "mods:typeOfResource") == [({"manuscript": "yes"}, "text")]
    assert _mods_values(mods, "mods:genre") == [({"authority": "local"}, "ancient_book")]
    origin = mods.find("mods:originInfo", NS)
    assert _mods_values(origin, "mods:dateOther[@type='written']") == [
        ({"type": "written"}, "明嘉靖年間")
    ]
    assert _mods_values(origin, "mods:dateCreated") == [
        ({"encoding": "w3cdtf", "keyDate": "yes", "point": "start"}, "1562"),
        ({"encoding": "w3cdtf", "point": "end"}, "1567"),
    ]
    assert _mods_values(origin, "mods:dateOther[@type='period'][@xml:lang='en']") == [
        ({"type": "period", "xml:lang": "en"}, "Ming")
    ]
    assert _mods_values(origin, "mods:edition") == [
        ({"xml:lang": "zh-Hant", "lang": "chi", "script": "Hant"}, "嘉靖副本"),
        (
            {
                "xml:lang": "zh-Latn-pinyin",
                "lang": "chi",
                "script": "Latn",
                "transliteration": "pinyin",
            },
            rich.edition_note["zh-Latn-pinyin"],
        ),
    ]
    assert _mods_values(mods, "mods:physicalDescription/*") == [
        ({"authority": "local", "type": "edition"}, "manuscript"),
        ({"unit": "juan"}, "22877"),
        ({"unit": "volumes"}, "11095"),
        ({"unit": "pages"}, "300"),
        ({"xml:lang": "en", "lang": "eng"}, "fragments"),
        ({"type": "dimensions"}, "50 × 30 cm"),
    ]
    assert _mods_values(mods, "mods:language/*") == [
        ({"type": "code", "authority": "rfc5646"}, "lzh"),
        ({"type": "code", "authority": "iso15924"}, "Hant"),
    ]
    assert _mods_values(mods, "mods:abstract") == [
        ({"xml:lang": "en", "lang": "eng"}, "An encyclopedia <compiled> & copied.")
    ]
    assert mods.xpath("mods:subject/mods:topic/text()", namespaces=NS) == ["類書", "encyclopedias"]
    assert _mods_values(mods, "mods:accessCondition") == [
        (
            {
                "type": "use and reproduction",
                "xlink:href": "http://rightsstatements.org/vocab/NoC-US/1.0/",
            },
            "No Copyright - United States",
        )
    ]
    assert _mods_values(mods, "mods:location/*") == [
        ({"displayLabel": "inst-b", "xml:lang": "en"}, "Institution B"),
        ({}, "善 0001"),
        (
            {"usage": "primary display", "access": "object in context"},
            "http://testserver/collection/yongle-dadian/",
        ),
        (
            {"access": "raw object", "displayLabel": "IIIF manifest", "note": "iiif-manifest"},
            "http://testserver/iiif/presentation/yongle-dadian/manifest",
        ),
    ]
    assert _mods_values(mods, "mods:identifier") == [({"type": "isbn"}, "978-7-5013-0000-0")]
    assert mods.xpath("mods:recordInfo/mods:recordIdentifier/text()", namespaces=NS) == [
        "yongle-dadian"
    ]
    # Who may see the record is not part of it.
    assert b"public" not in etree.tostring(mods)


def test_mods_maps_back_to_the_same_resource(rich, client):
    """What the harvester (tongwen.catalog.oai.mappings) reads from our MODS is the record."""
    from tongwen.catalog.oai import mappings

    mods = _record(client, "yongle-dadian", "mods").find("oai:metadata/mods:mods", NS)
    mapped = mappings.map_mods(mods)
    expected = {name: getattr(rich, name) for name in mappings.empty_fields()}
    assert mapped.fields == expected
    assert mapped.creators == [
        {"name": c.name, "role": c.role, "period": c.period} for c in rich.creators.all()
    ]
    assert mapped.holder_slugs == ["inst-b"]
    assert mapped.rights == Rights.NOC_US


def test_text_is_escaped_and_characters_illegal_in_xml_are_dropped(world, client):
    make_resource(
        world["b"],
        "control-chars",
        title={"zh-Hant": "史\x0b記", "en": "A <b>bold</b> & \x1ftitle\ufffe"},
        description={"en": "]]> </metadata> \x07"},
    )
    for prefix in ("oai_dc", "mods"):
        record = _record(client, "control-chars", prefix)
        texts = record.xpath(".//text()")
        assert "史記" in texts
        assert "A <b>bold</b> & title" in texts
        assert "]]> </metadata> " in texts


def test_records_take_the_fields_in_the_order_they_are_read():
    names = [f.name for f in dataclasses.fields(Record)]
    assert names[0] == "holder"
    assert tuple(names[1 : 1 + len(HEADER_FIELDS + METADATA_FIELDS)]) == (
        HEADER_FIELDS + METADATA_FIELDS
    )


# Deleted records ---------------------------------------------------------------------------


def test_tombstones_are_deleted_headers_without_metadata(collection, client):
    services.resource_delete(actor=SYSTEM, resource=collection["public"])
    deleted = Resource.objects.get(slug="shiji-public")
    for prefix in ("oai_dc", "mods"):
        record = _record(client, "shiji-public", prefix)
        header = record.find("oai:header", NS)
        assert header.get("status") == "deleted"
        assert deleted.deleted_at == deleted.modified_at
        assert header.findtext("oai:datestamp", namespaces=NS) == _stamp(deleted.modified_at)
        assert record.find("oai:metadata", NS) is None
        listed = oai(client, {"verb": "ListRecords", "metadataPrefix": prefix})
        assert listed.xpath("//oai:header/@status", namespaces=NS) == ["deleted"]
        assert listed.xpath("//oai:metadata", namespaces=NS) == []
    # A tombstone still exists in both formats (there is no noMetadataFormats for it).
    formats = oai(client, {"verb": "ListMetadataFormats", "identifier": PUBLIC_ID})
    assert formats.xpath("//oai:metadataPrefix/text()", namespaces=NS) == ["oai_dc", "mods"]


# Protocol errors ---------------------------------------------------------------------------

ERROR_CASES = [
    ("no verb", {}, "badVerb"),
    ("unknown verb", {"verb": "ListEverything"}, "badVerb"),
    ("repeated verb", {"verb": ["Identify", "Identify"]}, "badVerb"),
    ("illegal argument", {"verb": "Identify", "foo": "bar"}, "badArgument"),
    ("argument of another verb", {"verb": "Identify", "metadataPrefix": "oai_dc"}, "badArgument"),
    (
        "GetRecord without identifier",
        {"verb": "GetRecord", "metadataPrefix": "oai_dc"},
        "badArgument",
    ),
    ("GetRecord without prefix", {"verb": "GetRecord", "identifier": PUBLIC_ID}, "badArgument"),
    ("ListRecords without prefix", {"verb": "ListRecords"}, "badArgument"),
    ("empty prefix", {"verb": "ListIdentifiers", "metadataPrefix": ""}, "badArgument"),
    (
        "repeated prefix",
        {"verb": "ListRecords", "metadataPrefix": ["oai_dc", "mods"]},
        "badArgument",
    ),
    (
        "impossible date",
        {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "from": "2024-13-01"},
        "badArgument",
    ),
    (
        "minutes granularity",
        {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "from": "2024-01-01T10:00Z"},
        "badArgument",
    ),
    (
        "finer than seconds",
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-01-01T10:00:00.5Z"},
        "badArgument",
    ),
    (
        "mixed granularities",
        {
            "verb": "ListRecords",
            "metadataPrefix": "oai_dc",
            "from": "2024-01-01",
            "until": "2024-02-01T00:00:00Z",
        },
        "badArgument",
    ),
    (
        "from after until",
        {
            "verb": "ListRecords",
            "metadataPrefix": "oai_dc",
            "from": "2024-02-01",
            "until": "2024-01-01",
        },
        "badArgument",
    ),
    (
        "set with illegal characters",
        {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": "kind: map"},
        "badArgument",
    ),
    (
        "token with other arguments",
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "resumptionToken": "abc"},
        "badArgument",
    ),
    ("malformed token", {"verb": "ListRecords", "resumptionToken": "abc"}, "badResumptionToken"),
    ("token for ListSets", {"verb": "ListSets", "resumptionToken": "abc"}, "badResumptionToken"),
    (
        "unknown format",
        {"verb": "ListRecords", "metadataPrefix": "marc21"},
        "cannotDisseminateFormat",
    ),
    (
        "unknown format for a record",
        {"verb": "GetRecord", "identifier": PUBLIC_ID, "metadataPrefix": "marc21"},
        "cannotDisseminateFormat",
    ),
    (
        "unknown identifier",
        {"verb": "GetRecord", "identifier": PREFIX + "nothing", "metadataPrefix": "oai_dc"},
        "idDoesNotExist",
    ),
    (
        "identifier of another repository",
        {
            "verb": "GetRecord",
            "identifier": "oai:elsewhere:shiji-public",
            "metadataPrefix": "oai_dc",
        },
        "idDoesNotExist",
    ),
    (
        "formats of an unknown identifier",
        {"verb": "ListMetadataFormats", "identifier": "shiji-public"},
        "idDoesNotExist",
    ),
    (
        "set that does not exist",
        {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": "institution:nowhere"},
        "noRecordsMatch",
    ),
    (
        "set outside the hierarchy",
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "colour:red"},
        "noRecordsMatch",
    ),
    (
        "until before everything",
        {"verb": "ListRecords", "metadataPrefix": "mods", "until": "2001-01-01"},
        "noRecordsMatch",
    ),
]


@pytest.mark.parametrize(
    ("params", "code"), [case[1:] for case in ERROR_CASES], ids=[case[0] for case in ERROR_CASES]
)
def test_protocol_errors(collection, client, params, code):
    root = oai(client, params)
    assert codes(root) == [code]
    assert root.find("oai:error", NS).text
    assert len(root) == 3  # responseDate, request, error: nothing else
    attributes = root.xpath("oai:request/@*", namespaces=NS)
    if code in ("badVerb", "badArgument"):
        assert attributes == []
    else:
        assert attributes[0] == params["verb"]


def test_error_messages_name_the_problem(collection, client):
    root = oai(client, {"verb": "GetRecord", "metadataPrefix": "oai_dc"})
    assert root.findtext("oai:error", namespaces=NS) == (
        "GetRecord needs the argument “identifier”."
    )
    root = oai(client, {"verb": "GetRecord", "identifier": "x", "metadataPrefix": "marc21"})
    assert [(e.get("code"), e.text) for e in root.findall("oai:error", NS)] == [
        ("cannotDisseminateFormat", "This repository does not disseminate the format “marc21”."),
        ("idDoesNotExist", "“x” is not an identifier in this repository."),
    ]


def test_post_is_answered_like_get(collection, client):
    response = client.post(
        "/oai",
        urlencode({"verb": "GetRecord", "identifier": PUBLIC_ID, "metadataPrefix": "oai_dc"}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    root = etree.fromstring(response.content)
    assert identifiers(root) == [PUBLIC_ID]
    assert root.xpath("//dc:title[@xml:lang='en']/text()", namespaces=NS) == [
        "Records of the Grand Historian"
    ]


# Selective harvesting ----------------------------------------------------------------------


def _stamp(moment: dt.datetime, day: bool = False) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d" if day else "%Y-%m-%dT%H:%M:%SZ")


def test_from_and_until_in_both_granularities(collection, client):
    modified = collection["public"].modified_at
    second = dt.timedelta(seconds=1)
    day = dt.timedelta(days=1)
    cases = [
        ({"until": _stamp(modified, day=True)}, True),  # the whole day is included
        ({"until": _stamp(modified - day, day=True)}, False),
        ({"from": _stamp(modified, day=True)}, True),
        ({"from": _stamp(modified + day, day=True)}, False),
        ({"until": _stamp(modified)}, True),  # the datestamp's second is included
        ({"until": _stamp(modified - second)}, False),
        ({"from": _stamp(modified)}, True),
        ({"from": _stamp(modified + second)}, False),
        ({"from": _stamp(modified), "until": _stamp(modified)}, True),
        ({"until": "9999-12-31"}, True),  # the last day there is: no overflow
    ]
    for bounds, served in cases:
        root = oai(client, {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", **bounds})
        assert (PUBLIC_ID in identifiers(root)) is served, bounds
        if not served:
            assert codes(root) == ["noRecordsMatch"]


def test_sets_select_their_records(world, client):
    make_resource(world["a"], "a-book")
    make_resource(world["a"], "a-map", kind=Resource.Kind.MAP)
    make_resource(world["b"], "b-map", kind=Resource.Kind.MAP)

    def listed(spec: str) -> list[str]:
        root = oai(client, {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": spec})
        return sorted(i.removeprefix(PREFIX) for i in identifiers(root))

    assert listed("institution:inst-a") == ["a-book", "a-map"]
    assert listed("kind:map") == ["a-map", "b-map"]
    assert listed("institution") == ["a-book", "a-map", "b-map"]
    assert listed("kind") == ["a-book", "a-map", "b-map"]


# Resumption tokens -------------------------------------------------------------------------


def test_tokens_page_through_with_cursor_size_and_expiry(world, client, settings):
    settings.TONGWEN_OAI_PAGE_SIZE = 2
    for n in range(5):
        make_resource(world["b"], f"book-{n}")
    served, pages = harvest_identifiers(client, metadataPrefix="oai_dc")
    assert served == [f"{PREFIX}book-{n}" for n in range(5)]
    first, second, last = (token_of(page) for page in pages)
    assert first.get("cursor") == "0" and second.get("cursor") == "2"
    assert first.get("completeListSize") == second.get("completeListSize") == "5"
    expires = dt.datetime.strptime(first.get("expirationDate"), "%Y-%m-%dT%H:%M:%SZ")
    response_date = dt.datetime.strptime(
        pages[0].findtext("oai:responseDate", namespaces=NS), "%Y-%m-%dT%H:%M:%SZ"
    )
    assert expires - response_date == dt.timedelta(hours=24)
    # The last page closes the list with an empty token.
    assert last.text is None
    assert dict(last.attrib) == {"completeListSize": "5", "cursor": "4"}
    assert pages[1].xpath("oai:request/@resumptionToken", namespaces=NS) == [first.text]


def test_a_list_on_one_page_has_no_token(collection, client):
    root = oai(client, {"verb": "ListRecords", "metadataPrefix": "oai_dc"})
    assert token_of(root) is None


def _first_token(world: dict[str, Any], client: Client, settings: Any, verb: str) -> str:
    settings.TONGWEN_OAI_PAGE_SIZE = 1
    make_resource(world["b"], "one")
    make_resource(world["b"], "two")
    root = oai(client, {"verb": verb, "metadataPrefix": "oai_dc"})
    return token_of(root).text


def test_tampered_and_misused_tokens_are_bad(world, client, settings):
    token = _first_token(world, client, settings, "ListIdentifiers")
    tampered = token[:-3] + ("AAA" if token[-3:] != "AAA" else "BBB")
    for verb, value in (
        ("ListIdentifiers", tampered),
        ("ListIdentifiers", token.split(":")[0]),
        ("ListRecords", token),  # issued for another verb
    ):
        root = oai(client, {"verb": verb, "resumptionToken": value})
        assert codes(root) == ["badResumptionToken"]
        assert root.xpath("oai:request/@*", namespaces=NS) == [verb, value]
    assert codes(oai(client, {"verb": "ListIdentifiers", "resumptionToken": token})) == []


def test_expired_tokens_are_bad(world, client):
    make_resource(world["b"], "one")
    now = dt.datetime.now(dt.UTC)
    state = tokens.ResumptionState(
        query=tokens.ListQuery(
            verb="ListIdentifiers", metadata_prefix="oai_dc", set_spec=None, lower=None, upper=now
        ),
        after=tokens.Position(datestamp=now - dt.timedelta(days=2), id=0),
        cursor=1,
        complete_list_size=2,
    )
    live, _expires = tokens.issue(state, now=now - dt.timedelta(hours=23))
    expired, _expires = tokens.issue(state, now=now - dt.timedelta(hours=24, seconds=1))
    assert identifiers(oai(client, {"verb": "ListIdentifiers", "resumptionToken": live})) == [
        PREFIX + "one"
    ]
    root = oai(client, {"verb": "ListIdentifiers", "resumptionToken": expired})
    assert codes(root) == ["badResumptionToken"]


def test_tokens_hold_while_records_change(world, client, settings):
    """Edits and deletions during a harvest: nothing twice, nothing untouched skipped, and
    the next incremental harvest (from the first responseDate) reports what changed."""
    settings.TONGWEN_OAI_PAGE_SIZE = 4
    created = [make_resource(world["b"], f"book-{n:02d}") for n in range(12)]
    first = oai(client, {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"})
    served_first = identifiers(first)
    assert served_first == [f"{PREFIX}book-{n:02d}" for n in range(4)]
    edited_served, edited_later, deleted_later = created[1], created[6], created[9]
    services.resource_update(actor=SYSTEM, resource=edited_served, title={"zh-Hant": "新題"})
    services.resource_update(actor=SYSTEM, resource=edited_later, title={"zh-Hant": "又一題"})
    services.resource_delete(actor=SYSTEM, resource=deleted_later)
    make_resource(world["b"], "book-new")  # created during the harvest
    pages = [first]
    while (token := token_of(pages[-1])) is not None and token.text:
        pages.append(oai(client, {"verb": "ListIdentifiers", "resumptionToken": token.text}))
    served = [i for page in pages for i in identifiers(page)]
    assert len(served) == len(set(served))
    untouched = {f"{PREFIX}{r.slug}" for r in created} - {
        f"{PREFIX}{r.slug}" for r in (edited_later, deleted_later)
    }
    assert set(served) == untouched
    # The next incremental harvest starts at the first response's date.
    since = first.findtext("oai:responseDate", namespaces=NS)
    later, _pages = harvest_identifiers(client, metadataPrefix="oai_dc", **{"from": since})
    assert {PREFIX + slug for slug in ("book-01", "book-06", "book-09", "book-new")} <= set(later)
    again = oai(
        client, {"verb": "GetRecord", "identifier": PREFIX + "book-09", "metadataPrefix": "oai_dc"}
    )
    assert again.xpath("//oai:header/@status", namespaces=NS) == ["deleted"]


def test_list_records_queries_do_not_grow_with_the_page(
    world, client, settings, django_assert_max_num_queries
):
    settings.TONGWEN_OAI_PAGE_SIZE = 30
    for n in range(40):
        make_resource(
            world["b"],
            f"book-{n}",
            creators=[{"name": {"zh-Hant": "佚名"}}, {"name": {"zh-Hant": "某"}, "role": "editor"}],
        )
    with django_assert_max_num_queries(4):
        root = oai(client, {"verb": "ListRecords", "metadataPrefix": "mods"})
    assert len(identifiers(root)) == 30
    with django_assert_max_num_queries(3):
        oai(client, {"verb": "ListRecords", "resumptionToken": token_of(root).text})


# Who is served what ------------------------------------------------------------------------


def _listed(client: Client, **headers: str) -> list[str]:
    root = oai(client, {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"}, **headers)
    return sorted(i.removeprefix(PREFIX) for i in identifiers(root))


def test_each_user_is_served_what_they_may_see(collection, client):
    everything = ["hanshu-partners", "houhanshu-private", "shiji-public"]
    assert _listed(client) == ["shiji-public"]
    # A: partner of B under a signed agreement, and granted B's private resource.
    assert _listed(client, authorization=_basic("editor-a")) == everything
    # C: B's agreement with C is a draft; C sees nothing that B shared only with A.
    assert _listed(client, authorization=_basic("editor-c")) == ["shiji-public"]
    assert _listed(client, authorization=_basic("viewer-b")) == everything
    client.force_login(collection["editor_a"])
    assert _listed(client) == everything


def test_hidden_records_do_not_exist_for_those_who_may_not_see_them(collection, client):
    params = {
        "verb": "GetRecord",
        "identifier": PREFIX + "houhanshu-private",
        "metadataPrefix": "mods",
    }
    assert codes(oai(client, params, authorization=_basic("editor-c"))) == ["idDoesNotExist"]
    assert codes(oai(client, params)) == ["idDoesNotExist"]
    root = oai(client, params, authorization=_basic("editor-a"))
    assert identifiers(root) == [PREFIX + "houhanshu-private"]
    sets = oai(client, {"verb": "ListSets"}, authorization=_basic("editor-c"))
    assert sets.xpath("//oai:setSpec/text()", namespaces=NS) == [
        "institution",
        "institution:inst-b",
        "kind",
        "kind:ancient_book",
    ]


def test_tombstones_are_served_to_those_who_could_see_the_record(collection, client):
    services.resource_delete(actor=SYSTEM, resource=collection["private"])
    root = oai(
        client,
        {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"},
        authorization=_basic("editor-a"),
    )
    assert root.xpath("//oai:header[@status='deleted']/oai:identifier/text()", namespaces=NS) == [
        PREFIX + "houhanshu-private"
    ]
    assert _listed(client, authorization=_basic("editor-c")) == ["shiji-public"]


@pytest.mark.parametrize(
    "authorization",
    [
        _basic("editor-a", "wrong"),
        _basic("nobody"),
        "Basic not-base64!",
        "Basic " + base64.b64encode(b"no-colon").decode(),
    ],
    ids=["wrong password", "unknown user", "malformed", "no colon"],
)
def test_failed_basic_auth_is_401_with_a_challenge(collection, client, authorization):
    response = client.get("/oai?verb=Identify", headers={"authorization": authorization})
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Basic realm="Tongwen OAI-PMH", charset="UTF-8"'
    assert response.content.decode() == "The user name or password is wrong."


def test_remembered_credentials_end_with_a_password_change_or_deactivation(collection, client):
    user = collection["editor_a"]
    private = PREFIX + "houhanshu-private"
    assert private in [PREFIX + i for i in _listed(client, authorization=_basic("editor-a"))]
    assert private in [PREFIX + i for i in _listed(client, authorization=_basic("editor-a"))]
    user.set_password("a new passphrase")
    user.save()
    response = client.get("/oai?verb=Identify", headers={"authorization": _basic("editor-a")})
    assert response.status_code == 401
    assert _listed(client, authorization=_basic("editor-a", "a new passphrase")) == [
        "hanshu-partners",
        "houhanshu-private",
        "shiji-public",
    ]
    user.is_active = False
    user.save()
    response = client.get(
        "/oai?verb=Identify", headers={"authorization": _basic("editor-a", "a new passphrase")}
    )
    assert response.status_code == 401


# A real harvester against a running server -------------------------------------------------


def _build_collection(world: dict[str, Any]) -> dict[str, set[str]]:
    """~230 resources through the services: A's and B's, of several kinds, some private to
    A, one deleted. Returns the identifiers each audience should receive."""
    kinds = [Resource.Kind.ANCIENT_BOOK, Resource.Kind.RUBBING, Resource.Kind.MAP]
    public: set[str] = set()
    private_a: set[str] = set()
    by_set: dict[str, set[str]] = {}
    for n in range(230):
        holder = world["a"] if n % 3 == 0 else world["b"]
        kind = kinds[n % len(kinds)]
        visibility = "private" if holder == world["a"] and n % 9 == 0 else "public"
        resource = make_resource(
            holder,
            f"item-{n:03d}",
            visibility,
            title={"zh-Hant": f"古籍第{n}種", "en": f"Old book {n}"},
            kind=kind,
            creators=[{"name": {"zh-Hant": "王念孫"}, "role": "author", "period": "qing"}],
            date_written="清乾隆四年",
        )
        identifier = PREFIX + resource.slug
        (private_a if visibility == "private" else public).add(identifier)
        if visibility == "public":
            by_set.setdefault(f"institution:{holder.slug}", set()).add(identifier)
            by_set.setdefault(f"kind:{kind}", set()).add(identifier)
    gone = Resource.objects.get(slug="item-001")
    services.resource_delete(actor=SYSTEM, resource=gone)
    return {"public": public, "private_a": private_a, **by_set}


def _harvest(sickle: Any, verb: str, **params: str) -> list[Any]:
    return list(getattr(sickle, verb)(**params))


@pytest.mark.django_db(transaction=True)
def test_sickle_harvests_every_record_exactly_once(world, live_server, settings):
    settings.TONGWEN_OAI_PAGE_SIZE = 50
    expected = _build_collection(world)
    sickle = Sickle(live_server.url + "/oai")
    assert sickle.Identify().repositoryName == "Tongwen shared collection"
    for prefix in ("oai_dc", "mods"):
        records = _harvest(sickle, "ListRecords", metadataPrefix=prefix)
        served = [r.header.identifier for r in records]
        assert len(served) == len(set(served)) == len(expected["public"]) > 150
        assert set(served) == expected["public"]
        deleted = [r for r in records if r.deleted]
        assert [r.header.identifier for r in deleted] == [PREFIX + "item-001"]
        live = [r for r in records if not r.deleted]
        assert all(r.metadata for r in live)
        if prefix == "oai_dc":
            item = next(r for r in live if r.header.identifier == PREFIX + "item-002")
            assert item.metadata["title"] == ["古籍第2種", "Old book 2", "gǔ jí dì 2 zhǒng"]
    headers = _harvest(sickle, "ListIdentifiers", metadataPrefix="mods")
    assert sorted(h.identifier for h in headers) == sorted(expected["public"])


@pytest.mark.django_db(transaction=True)
def test_sickle_harvests_sets_and_date_ranges(world, live_server, settings):
    settings.TONGWEN_OAI_PAGE_SIZE = 50
    expected = _build_collection(world)
    sickle = Sickle(live_server.url + "/oai")
    for spec in ("institution:inst-a", "institution:inst-b", "kind:rubbing"):
        headers = _harvest(sickle, "ListIdentifiers", metadataPrefix="oai_dc", set=spec)
        served = [h.identifier for h in headers]
        assert len(served) == len(set(served))
        assert set(served) == expected[spec] | (
            {PREFIX + "item-001"} if spec in ("institution:inst-b", "kind:rubbing") else set()
        )
        assert all(spec in h.setSpecs for h in headers)
    today = dt.datetime.now(dt.UTC).date()
    assert len(
        _harvest(
            sickle,
            "ListRecords",
            metadataPrefix="oai_dc",
            **{
                "from": str(today - dt.timedelta(days=1)),
                "until": str(today + dt.timedelta(days=1)),
            },
        )
    ) == len(expected["public"])
    with pytest.raises(NoRecordsMatch):
        _harvest(
            sickle, "ListRecords", metadataPrefix="oai_dc", until=str(today - dt.timedelta(days=1))
        )
    sets = {s.setSpec for s in sickle.ListSets()}
    assert sets == {
        "institution",
        "institution:inst-a",
        "institution:inst-b",
        "kind",
        "kind:ancient_book",
        "kind:rubbing",
        "kind:map",
    }


@pytest.mark.django_db(transaction=True)
def test_sickle_partner_harvest_with_basic_auth(world, live_server, settings):
    settings.TONGWEN_OAI_PAGE_SIZE = 50
    expected = _build_collection(world)
    own = Sickle(live_server.url + "/oai", auth=("editor-a", PASSWORD))
    served = [h.identifier for h in _harvest(own, "ListIdentifiers", metadataPrefix="mods")]
    assert len(served) == len(set(served))
    assert set(served) == expected["public"] | expected["private_a"]
    other = Sickle(live_server.url + "/oai", auth=("editor-c", PASSWORD))
    served = [h.identifier for h in _harvest(other, "ListIdentifiers", metadataPrefix="mods")]
    assert set(served) == expected["public"]

"""The OAI-PMH client: defensive parsing, protocol errors, retries and limits, against a real
HTTP server on loopback."""

from __future__ import annotations

import datetime as dt
import socket

import pytest

from tongwen.catalog.oai import client
from tongwen.catalog.oai.client import HarvestError, OAIClient, OAIError, UnsafeXMLError
from tongwen.catalog.tests.fixtures.oai import Reply, load, scripted_oai

DOCTYPE_MESSAGE = "The response declares a DOCTYPE, which OAI-PMH never needs."


@pytest.fixture
def oai():  # type: ignore[no-untyped-def]
    with scripted_oai() as script:
        yield script


def _client(url: str, **extra) -> tuple[OAIClient, list[float]]:  # type: ignore[no-untyped-def]
    slept: list[float] = []
    extra.setdefault("retries", 2)
    return OAIClient(url, backoff=0.01, sleep=slept.append, timeout=5, **extra), slept


# Parsing --------------------------------------------------------------------------------


def test_billion_laughs_is_refused_before_any_expansion():
    with pytest.raises(UnsafeXMLError) as caught:
        client.parse_xml(load("billion_laughs.xml"))
    assert caught.value.message == DOCTYPE_MESSAGE


def test_external_entities_are_refused_and_no_file_is_read():
    with pytest.raises(UnsafeXMLError) as caught:
        client.parse_identify(load("external_entity.xml"))
    assert caught.value.message == DOCTYPE_MESSAGE
    assert "root:" not in str(caught.value)


def test_a_doctype_in_utf16_is_caught_after_parsing_and_nothing_is_expanded():
    text = load("external_entity.xml").decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')
    data = text.encode("utf-16")
    assert not client._PROLOG_DOCTYPE.match(data)  # the byte check cannot read UTF-16
    with pytest.raises(UnsafeXMLError, match="declares a DOCTYPE"):
        client.parse_xml(data)


def test_a_doctype_after_comments_and_instructions_is_refused_and_text_is_not_a_prolog():
    prolog = b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- one - two -->\n<?note a?b ?>\n'
    with pytest.raises(UnsafeXMLError) as caught:
        client.parse_xml(prolog + b'<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')
    assert caught.value.message == DOCTYPE_MESSAGE
    # Past the prolog, "?>" and "<!DOCTYPE" are only text.
    assert client.parse_xml(prolog + b"<x>?&gt; &lt;!DOCTYPE</x>").text == "?> <!DOCTYPE"
    # A declaration ends at its first "?>": what follows it is no prolog, and the parser
    # refuses it without reading the DOCTYPE further on.
    with pytest.raises(UnsafeXMLError, match="not well-formed"):
        client.parse_xml(b'<?xml version="1.0"?>?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')


def test_the_parser_itself_never_expands_entities():
    # Even with the DOCTYPE check out of the way, the configured parser keeps &secret; as is.
    from lxml import etree  # type: ignore[import-untyped]  # lxml ships no stubs

    root = etree.fromstring(load("external_entity.xml"), client.make_parser())
    assert "root:" not in etree.tostring(root).decode()
    assert "&secret;" in etree.tostring(root).decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"<html><body>Service moved</body></html>",
            "not an OAI-PMH response (its root is <html>)",
        ),
        (b"Service Unavailable", "The response is not well-formed XML"),
        (b"", "The response is not well-formed XML"),
        (b"<OAI-PMH xmlns='http://www.openarchives.org/OAI/2.0/'><unclosed>", "not well-formed"),
    ],
)
def test_non_oai_answers_are_clear_errors(data, message):
    with pytest.raises(HarvestError, match=message.replace("(", r"\(").replace(")", r"\)")):
        client.parse_list_records(data)


def test_protocol_errors_carry_the_code_and_the_partners_text():
    with pytest.raises(OAIError) as caught:
        client.parse_list_records(load("error_bad_argument.xml"))
    assert caught.value.code == "cannotDisseminateFormat"
    assert caught.value.message == (
        "The partner reported the OAI-PMH error “cannotDisseminateFormat”: "
        "'marc21' is not supported by the item or by the repository."
    )


def test_identify_and_list_pages_parse():
    identify = client.parse_identify(load("identify.xml"))
    assert identify.granularity == "YYYY-MM-DDThh:mm:ssZ" and identify.seconds
    assert identify.response_date == dt.datetime(2024, 8, 4, 15, 44, 58, tzinfo=dt.UTC)
    assert not client.parse_identify(load("identify_day.xml")).seconds
    page = client.parse_list_records(load("oai_dc_page1.xml"))
    assert [(r.identifier, r.deleted) for r in page.records] == [
        ("oai:partner.example:rare/0001", False),
        ("oai:partner.example:rare/0002", True),
        ("oai:partner.example:photo/0003", False),
    ]
    assert page.records[1].metadata is None
    assert (page.resumption_token, page.complete_list_size, page.cursor) == ("page-2", 5, 0)
    last = client.parse_list_records(load("oai_dc_page2.xml"))
    assert (last.resumption_token, last.complete_list_size) == ("", 5)


def test_datestamps_at_both_granularities():
    moment = dt.datetime(2024, 8, 4, 23, 44, 58, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    assert client.format_datestamp(moment, seconds=True) == "2024-08-04T15:44:58Z"
    assert client.format_datestamp(moment, seconds=False) == "2024-08-04"
    assert client.parse_datestamp("2024-08-04") == dt.datetime(2024, 8, 4, tzinfo=dt.UTC)
    with pytest.raises(HarvestError, match="“yesterday”, which is not an OAI-PMH date"):
        client.parse_datestamp("yesterday")


# Transport ------------------------------------------------------------------------------


def test_503_with_retry_after_and_500_are_retried(oai):
    oai.on(
        [
            Reply(b"busy", status=503, headers={"Retry-After": "0"}),
            Reply(b"oops", status=500),
            Reply(load("identify.xml")),
        ],
        verb="Identify",
    )
    harvester, slept = _client(oai.url)
    assert harvester.identify().repository_name == "Partner Library Digital Collections"
    assert len(oai.requests) == 3
    # Retry-After: 0 is honoured as is; the 500 backs off exponentially with jitter.
    assert slept[0] == 0
    assert 0.02 <= slept[1] <= 0.03


def test_retries_give_up_with_a_clear_message(oai):
    oai.on(Reply(b"down", status=502), verb="Identify")
    harvester, slept = _client(oai.url, retries=3)
    with pytest.raises(HarvestError) as caught:
        harvester.identify()
    assert caught.value.message == "The partner kept answering HTTP 502 after 4 attempts."
    assert len(oai.requests) == 4 and len(slept) == 3
    # Exponential: each wait at least twice the base of the one before.
    assert slept[0] < 0.02 <= slept[1] < 0.03 <= 0.04 <= slept[2] < 0.05


def test_an_unreachable_partner_is_retried_then_reported():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    harvester, slept = _client(f"http://127.0.0.1:{port}/oai")
    with pytest.raises(HarvestError) as caught:
        harvester.identify()
    assert caught.value.message == (
        f"Could not reach the partner at http://127.0.0.1:{port}/oai: ConnectionError"
    )
    assert len(slept) == 2


@pytest.mark.parametrize("declare_length", [True, False])
def test_oversized_responses_are_cut_off(oai, declare_length):
    body = load("oai_dc_page1.xml")
    oai.on(Reply(body, declare_length=declare_length), verb="ListRecords")
    harvester, _slept = _client(oai.url, max_bytes=1024)
    with pytest.raises(HarvestError) as caught:
        harvester.list_records(metadata_prefix="oai_dc")
    assert caught.value.message == "The partner's response is larger than the limit of 1.0\xa0KB."
    harvester, _slept = _client(oai.url, max_bytes=len(body))
    assert len(harvester.list_records(metadata_prefix="oai_dc").records) == 3


def test_oai_errors_sent_with_a_4xx_status_are_reported_as_protocol_errors(oai):
    oai.on(Reply(load("error_bad_argument.xml"), status=400), verb="ListRecords")
    oai.on(Reply(b"Unauthorized", status=401), verb="Identify")
    harvester, slept = _client(oai.url)
    with pytest.raises(OAIError) as caught:
        harvester.list_records(metadata_prefix="marc21")
    assert caught.value.code == "cannotDisseminateFormat"
    with pytest.raises(HarvestError) as refused:
        harvester.identify()
    assert refused.value.message == "The partner refused access (HTTP 401): check the credentials."
    assert slept == []  # client errors are not retried


def test_list_requests_send_the_protocol_arguments(oai):
    oai.on(load("oai_dc_page1.xml"), verb="ListRecords")
    harvester, _slept = _client(oai.url)
    harvester.list_records(metadata_prefix="mods", set_spec="kind:map", from_="2024-08-04")
    harvester.list_records(metadata_prefix="mods", resumption_token="page-2")
    assert oai.requests == [
        {"verb": "ListRecords", "metadataPrefix": "mods", "set": "kind:map", "from": "2024-08-04"},
        # The token is exclusive: nothing else goes with it.
        {"verb": "ListRecords", "resumptionToken": "page-2"},
    ]


def test_credentials_in_the_base_url_become_basic_auth(oai):
    oai.on(load("identify.xml"), verb="Identify")
    address = oai.url.replace("http://", "http://harvester:s3cret@")
    harvester, _slept = _client(address)
    assert harvester.base_url == oai.url
    harvester.identify()
    assert oai.requests[0]["_auth"] == "Basic aGFydmVzdGVyOnMzY3JldA=="

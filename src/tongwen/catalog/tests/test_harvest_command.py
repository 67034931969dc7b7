"""``manage.py harvest``: add a source, list sources, harvest one."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tongwen.catalog.models import HarvestSource, Resource, Rights
from tongwen.catalog.tests.fixtures.oai import Reply, load, scripted_oai

pytestmark = pytest.mark.django_db


def _call(*args: str) -> str:
    out = StringIO()
    call_command("harvest", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def _add(url: str, *extra: str) -> str:
    return _call(
        "--add",
        "partner",
        "--institution",
        "inst-a",
        "--url",
        url,
        "--name",
        "Partner Library",
        "--name-zh",
        "伙伴图书馆",
        *extra,
    )


def test_add_list_and_harvest(world):
    with scripted_oai() as oai:
        oai.on(load("identify.xml"), verb="Identify")
        oai.on(load("oai_dc_page1.xml"), verb="ListRecords", metadataPrefix="oai_dc")
        oai.on(load("oai_dc_page2.xml"), verb="ListRecords", resumptionToken="page-2")
        assert _add(oai.url, "--rights", Rights.INC) == "Added source “partner”.\n"
        source = HarvestSource.objects.get(slug="partner")
        assert source.name == {
            "en": "Partner Library",
            "zh-Hans": "伙伴图书馆",
            "zh-Latn-pinyin": "huǒ bàn tú shū guǎn",
        }
        assert (source.institution, source.mapping, source.default_rights) == (
            world["a"],
            "oai_dc",
            Rights.INC,
        )
        assert "never harvested" in _call("--list")

        out = _call("partner")
    assert out == (
        "Succeeded: 5 seen, 3 created, 0 updated, 1 unchanged, 0 deleted, 1 failed, 2 pages.\n"
        "  oai:partner.example:rare/0005: The record has no title.\n"
    )
    assert Resource.objects.filter(harvest_source=source).count() == 3
    listing = _call("--list")
    assert listing.startswith(f"partner\tinst-a\t{oai.url}\toai_dc\t-\t2024-08-04T23:44:58+08:00\t")
    assert "Succeeded: 5 seen" in listing


def test_a_failed_run_is_a_command_error_with_the_reason(world):
    with scripted_oai() as oai:
        oai.on(load("identify.xml"), verb="Identify")
        oai.on(Reply(load("external_entity.xml")), verb="ListRecords")
        _add(oai.url)
        with pytest.raises(CommandError, match=re.escape("The response declares a DOCTYPE")):
            _call("partner", "--full", "--no-progress")
    assert not Resource.objects.exists()


def test_usage_errors(world):
    with pytest.raises(CommandError, match=re.escape("No harvest source “nowhere”.")):
        _call("nowhere")
    with pytest.raises(
        CommandError, match=re.escape("Name a source to harvest, or use --list or --add.")
    ):
        _call()
    with pytest.raises(CommandError, match=re.escape("--add needs --institution, --url.")):
        _call("--add", "x", "--name", "X")
    with pytest.raises(CommandError, match=re.escape("No institution “atlantis”.")):
        _call("--add", "x", "--name", "X", "--institution", "atlantis", "--url", "http://x/")
    with pytest.raises(
        CommandError, match=re.escape("The base URL must start with http:// or https://.")
    ):
        _add("ftp://partner.example/oai")
    assert not HarvestSource.objects.exists()
    assert _call("--list") == "No harvest sources.\n"

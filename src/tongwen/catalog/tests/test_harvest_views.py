"""The harvesting pages: who sees and manages which sources, the form, "harvest now"."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from tongwen.catalog.models import HarvestRun, HarvestSource, Resource, Rights
from tongwen.catalog.oai import harvester
from tongwen.catalog.oai.harvester import harvest_source_create
from tongwen.catalog.tests.fixtures.oai import load, scripted_oai
from tongwen.common.actors import SYSTEM


@pytest.fixture
def client() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")


def _source(world, url: str = "https://partner.example/oai", **extra) -> HarvestSource:  # type: ignore[no-untyped-def]
    return harvest_source_create(
        actor=SYSTEM,
        institution=extra.pop("institution", world["a"]),
        slug=extra.pop("slug", "partner"),
        name={"en": "Partner Library", "zh-Hans": "伙伴图书馆"},
        base_url=url,
        **extra,
    )


def _post(institution, **extra):  # type: ignore[no-untyped-def]
    data = {
        "institution": institution.pk,
        "slug": "new-partner",
        "name_zh-Hans": "新伙伴",
        "name_en": "New partner",
        "base_url": "https://new.example/oai",
        "metadata_prefix": "mods",
        "set_spec": "",
        "mapping": "mods",
        "default_rights": Rights.INC,
    }
    data.update(extra)
    return data


@pytest.mark.django_db
def test_the_list_shows_the_sources_of_ones_institutions_with_their_last_run(world, client: Client):
    source = _source(world, "https://harvester:s3cret@partner.example/oai")
    _source(world, slug="elsewhere", institution=world["c"])
    HarvestRun.objects.create(
        source=source,
        status="running",
        heartbeat_at=timezone.now(),
        seen=50,
        complete_list_size=200,
        created=40,
        unchanged=10,
        pages=1,
    )
    client.force_login(world["editor_a"])
    response = client.get("/workspace/harvest/")
    assert response.status_code == 200
    page = response.content.decode()
    assert [r["source"].slug for r in response.context["rows"]] == ["partner"]
    assert "Partner Library" in page and "elsewhere" not in page
    assert "https://partner.example/oai" in page and "s3cret" not in page
    assert 'aria-valuenow="25"' in page and "50 of 200 records (25%)" in page
    assert (
        "50 seen · 40 created · 0 updated · 10 unchanged · 0 deleted · 0 failed · 1 pages" in page
    )
    assert '<meta http-equiv="refresh" content="3">' in page  # a run is going on
    assert "Harvest now" in page and "Register a source" in page

    client.force_login(world["viewer_b"])
    page = client.get("/workspace/harvest/").content.decode()
    assert "Partner Library" not in page and "Register a source" not in page


@pytest.mark.django_db
def test_viewers_see_but_do_not_manage_and_outsiders_get_404(world, client: Client):
    source = _source(world, institution=world["b"])
    client.force_login(world["viewer_b"])
    page = client.get("/workspace/harvest/partner/").content.decode()
    assert "Partner Library" in page and "Harvest now" not in page
    assert client.get("/workspace/harvest/partner/edit/").status_code == 403
    assert client.post("/workspace/harvest/partner/run/").status_code == 403
    client.force_login(world["editor_a"])
    assert client.get("/workspace/harvest/partner/").status_code == 404
    assert client.post("/workspace/harvest/partner/run/").status_code == 404
    assert not HarvestRun.objects.filter(source=source).exists()
    client.logout()
    assert client.get("/workspace/harvest/").status_code == 302  # to the login page


@pytest.mark.django_db
def test_registering_a_source_through_the_form(world, client: Client):
    client.force_login(world["editor_a"])
    form = client.get("/workspace/harvest/new/").context["form"]
    assert list(form.fields["institution"].queryset) == [world["a"]]
    response = client.post("/workspace/harvest/new/", _post(world["a"]))
    assert response.status_code == 302 and response["Location"] == "/workspace/harvest/new-partner/"
    source = HarvestSource.objects.get(slug="new-partner")
    assert source.name == {
        "zh-Hans": "新伙伴",
        "en": "New partner",
        "zh-Latn-pinyin": "xīn huǒ bàn",
    }
    assert (source.mapping, source.default_rights, source.institution) == (
        "mods",
        Rights.INC,
        world["a"],
    )


@pytest.mark.django_db
def test_an_invalid_source_rerenders_with_400_and_saves_nothing(world, client: Client):
    client.force_login(world["editor_a"])
    response = client.post(
        "/workspace/harvest/new/", _post(world["a"], base_url="ftp://x.example/")
    )
    assert response.status_code == 400
    assert response.context["form"].errors["base_url"] == [
        "The base URL must start with http:// or https://."
    ]
    # An institution one does not edit is not a choice.
    response = client.post("/workspace/harvest/new/", _post(world["b"]))
    assert response.status_code == 400
    assert "institution" in response.context["form"].errors
    assert not HarvestSource.objects.exists()
    client.force_login(world["viewer_b"])
    assert client.post("/workspace/harvest/new/", _post(world["b"])).status_code == 403
    assert not HarvestSource.objects.exists()


@pytest.mark.django_db
def test_editing_keeps_credentials_the_form_does_not_show(world, client: Client):
    source = _source(world, "https://harvester:s3cret@partner.example/oai")
    client.force_login(world["editor_a"])
    form = client.get("/workspace/harvest/partner/edit/").context["form"]
    assert form.initial["base_url"] == "https://partner.example/oai"
    data = _post(world["a"], base_url="https://partner.example/oai2", set_spec="kind:map")
    response = client.post("/workspace/harvest/partner/edit/", data)
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.base_url == "https://harvester:s3cret@partner.example/oai2"
    assert (source.slug, source.set_spec) == ("partner", "kind:map")


@pytest.mark.django_db
def test_harvest_now_refuses_while_a_run_is_alive(world, client: Client):
    source = _source(world)
    HarvestRun.objects.create(source=source, status="running", heartbeat_at=timezone.now())
    client.force_login(world["editor_a"])
    response = client.post("/workspace/harvest/partner/run/", follow=True)
    page = response.content.decode()
    assert "A harvest of this source is already running" in page
    assert HarvestRun.objects.count() == 1
    assert harvester.background_thread(source.pk) is None


@pytest.mark.django_db(transaction=True)
def test_harvest_now_runs_in_the_background_and_the_page_shows_the_result(world, client: Client):
    with scripted_oai() as oai:
        oai.on(load("identify.xml"), verb="Identify")
        oai.on(load("oai_dc_page1.xml"), verb="ListRecords", metadataPrefix="oai_dc")
        oai.on(load("oai_dc_page2.xml"), verb="ListRecords", resumptionToken="page-2")
        source = _source(world, oai.url)
        client.force_login(world["editor_a"])
        response = client.post("/workspace/harvest/partner/run/")
        assert response.status_code == 302
        thread = harvester.background_thread(source.pk)
        assert thread is not None
        thread.join(timeout=30)
        assert not thread.is_alive()
    run = HarvestRun.objects.get(source=source)
    assert (run.status, run.created, run.failed) == ("succeeded", 3, 1)
    assert Resource.objects.filter(harvest_source=source).count() == 3
    page = client.get("/workspace/harvest/partner/").content.decode()
    assert "Succeeded" in page or "succeeded" in page
    assert "oai:partner.example:rare/0005" in page and "The record has no title." in page
    assert "refresh" not in page

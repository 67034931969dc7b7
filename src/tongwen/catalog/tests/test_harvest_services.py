"""Harvest services: sources, runs, upserts, deletions, failures and resuming, against a real
HTTP server on loopback that answers with fixture pages."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tongwen.catalog import services
from tongwen.catalog.models import Creator, HarvestRun, HarvestSource, Resource, Rights
from tongwen.catalog.oai import harvester
from tongwen.catalog.oai.harvester import harvest, harvest_source_create, harvest_source_update
from tongwen.catalog.tests.conftest import make_resource
from tongwen.catalog.tests.fixtures.oai import Reply, load, scripted_oai
from tongwen.common import history
from tongwen.common.actors import SYSTEM
from tongwen.common.models import ChangeRecord

pytestmark = pytest.mark.django_db

FIRST_RESPONSE = dt.datetime(2024, 8, 4, 15, 44, 58, tzinfo=dt.UTC)
NO_TITLE = {
    "identifier": "oai:partner.example:rare/0005",
    "page": 2,
    "message": "The record has no title.",
}


@pytest.fixture
def oai():  # type: ignore[no-untyped-def]
    with scripted_oai() as script:
        script.on(load("identify.xml"), verb="Identify")
        yield script


def _two_pages(oai, page1: bytes | None = None, page2: bytes | None = None) -> None:  # type: ignore[no-untyped-def]
    oai.routes = [r for r in oai.routes if r[0].get("verb") != "ListRecords"]
    oai.on(page1 or load("oai_dc_page1.xml"), verb="ListRecords", metadataPrefix="oai_dc")
    oai.on(page2 or load("oai_dc_page2.xml"), verb="ListRecords", resumptionToken="page-2")


def _source(world, url: str, **extra) -> HarvestSource:  # type: ignore[no-untyped-def]
    extra.setdefault("metadata_prefix", "oai_dc")
    extra.setdefault("mapping", "oai_dc")
    return harvest_source_create(
        actor=SYSTEM,
        institution=world["a"],
        slug=extra.pop("slug", "partner"),
        name={"en": "Partner Library"},
        base_url=url,
        default_rights=extra.pop("default_rights", Rights.CNE),
        **extra,
    )


def _counts(run: HarvestRun) -> dict[str, int | None]:
    names = ("seen", "created", "updated", "unchanged", "deleted", "failed", "pages")
    return {name: getattr(run, name) for name in (*names, "complete_list_size")}


def _harvested(source: HarvestSource) -> dict[str, Resource]:
    return {r.origin_identifier: r for r in Resource.objects.filter(harvest_source=source)}


# Sources --------------------------------------------------------------------------------


def test_only_editors_of_the_institution_register_sources(world):
    for user in (world["editor_b"], world["viewer_b"]):
        with pytest.raises(PermissionDenied):
            harvest_source_create(
                actor=user,
                institution=world["a"],
                slug="sneaky",
                name={"en": "Sneaky"},
                base_url="https://partner.example/oai",
            )
    assert not HarvestSource.objects.exists()
    source = harvest_source_create(
        actor=world["editor_a"],
        institution=world["a"],
        slug="partner",
        name={"en": "Partner"},
        base_url="https://harvester:s3cret@partner.example/oai",
        metadata_prefix="mods",
        mapping="mods",
    )
    (record,) = history.history_for(source)
    assert record.actor == world["editor_a"] and record.action == "create"
    # The credentials are kept for the client, never written to the history.
    assert record.changes["base_url"] == "https://partner.example/oai"


def test_an_invalid_source_is_refused_and_nothing_is_written(world):
    with pytest.raises(ValidationError) as caught:
        _source(world, "ftp://partner.example/oai")
    assert caught.value.message_dict == {
        "base_url": ["The base URL must start with http:// or https://."]
    }
    with pytest.raises(ValidationError) as caught:
        _source(world, "https://partner.example/oai", mapping="marc")
    assert list(caught.value.message_dict) == ["mapping"]
    assert not HarvestSource.objects.exists()
    assert not ChangeRecord.objects.filter(target_type__model="harvestsource").exists()


def test_changing_what_is_asked_for_makes_the_next_run_full(world):
    source = _source(world, "https://partner.example/oai")
    HarvestSource.objects.filter(pk=source.pk).update(last_harvested=FIRST_RESPONSE)
    source.refresh_from_db()
    source = harvest_source_update(actor=world["editor_a"], source=source, name={"en": "New"})
    assert source.last_harvested == FIRST_RESPONSE
    source = harvest_source_update(actor=world["editor_a"], source=source, set_spec="kind:map")
    assert source.last_harvested is None
    with pytest.raises(ValidationError) as caught:
        harvest_source_update(actor=world["editor_a"], source=source, slug="renamed")
    assert caught.value.message_dict == {"slug": ["This field cannot be changed."]}
    with pytest.raises(PermissionDenied):
        harvest_source_update(actor=world["editor_b"], source=source, set_spec="")
    with pytest.raises(PermissionDenied):  # moving it to an institution one does not edit
        harvest_source_update(actor=world["editor_a"], source=source, institution=world["b"])
    source.refresh_from_db()
    assert (source.set_spec, source.institution) == ("kind:map", world["a"])


# Runs -----------------------------------------------------------------------------------


def test_a_first_harvest_mirrors_the_pages(world, oai):
    _two_pages(oai)
    source = _source(world, oai.url)
    pages: list[int] = []
    run = harvest(actor=world["editor_a"], source=source, progress=lambda r: pages.append(r.pages))

    assert run.status == "succeeded" and run.finished_at is not None
    assert pages == [1, 2]
    assert _counts(run) == {
        "seen": 5,
        "created": 3,
        "updated": 0,
        # the deletion of a record never harvested changes nothing
        "unchanged": 1,
        "deleted": 0,
        "failed": 1,
        "pages": 2,
        "complete_list_size": 5,
    }
    assert run.errors == [NO_TITLE]
    assert run.resumption_token == ""
    source.refresh_from_db()
    assert source.last_harvested == FIRST_RESPONSE == run.response_date
    assert [r.get("verb") for r in oai.requests] == ["Identify", "ListRecords", "ListRecords"]
    assert "from" not in oai.requests[1]

    resources = _harvested(source)
    shiji = resources["oai:partner.example:rare/0001"]
    assert shiji.slug == "partner-rare-0001"
    assert shiji.holder == world["b"]  # the publisher names an institution Tongwen knows
    assert shiji.rights == Rights.PDM
    assert shiji.visibility == "public"
    assert shiji.kind == "ancient_book"
    assert shiji.viewing_direction == "right-to-left"
    assert shiji.title == {
        "zh-Hant": "史記",
        "en": "Records of the Grand Historian",
        "zh-Latn-pinyin": "shǐ jì",
    }
    assert (shiji.date_written, shiji.year_from, shiji.year_to, shiji.period) == (
        "清乾隆四年",
        1739,
        1739,
        "qing",
    )
    assert shiji.origin_datestamp == "2024-07-01T08:00:00Z"
    assert len(shiji.origin_fingerprint) == 64
    assert [(c.name, c.role, c.period) for c in shiji.creators.order_by("order")] == [
        (
            {"zh-Hant": "司馬遷", "en": "Sima Qian", "zh-Latn-pinyin": "sī mǎ qiān"},
            "author",
            "western-han",
        ),
        ({"zh-Hant": "裴駰", "zh-Latn-pinyin": "péi yīn"}, "contributor", ""),
    ]
    photo = resources["oai:partner.example:photo/0003"]
    assert (photo.slug, photo.holder, photo.rights) == (
        "partner-photo-0003",
        world["a"],
        Rights.CNE,
    )
    chart = resources["oai:partner.example:maps/0004"]
    assert (chart.holder, chart.year_from, chart.period) == (world["c"], 1811, "qing")

    # One history entry for the run, on the source's page; none per record.
    (entry,) = history.history_for(source).filter(target_type__model="harvestrun")
    assert entry.actor == world["editor_a"] and entry.target_id == run.pk
    assert entry.changes["created"] == 3 and entry.changes["status"] == "succeeded"
    assert not ChangeRecord.objects.filter(target_type__model="resource").exists()


def test_a_second_run_over_the_same_data_writes_nothing(world, oai):
    _two_pages(oai)
    source = _source(world, oai.url)
    first = harvest(actor=SYSTEM, source=source)
    before = {r.pk: (r.modified_at, r.origin_fingerprint) for r in Resource.objects.all()}
    creators = list(Creator.objects.values_list("pk", flat=True))

    again = harvest(actor=SYSTEM, source=source)
    assert again.pk != first.pk
    assert _counts(again) == {
        "seen": 5,
        "created": 0,
        "updated": 0,
        "unchanged": 4,
        "deleted": 0,
        "failed": 1,
        "pages": 2,
        "complete_list_size": 5,
    }
    # Incremental: from = the responseDate of the last run's first response.
    assert oai.requests[4]["from"] == "2024-08-04T15:44:58Z"
    assert {r.pk: (r.modified_at, r.origin_fingerprint) for r in Resource.objects.all()} == before
    assert list(Creator.objects.values_list("pk", flat=True)) == creators


def test_changes_and_deletions_at_the_partner_come_through(world, oai):
    _two_pages(oai)
    source = _source(world, oai.url)
    harvest(actor=SYSTEM, source=source)
    photo = Resource.objects.get(origin_identifier="oai:partner.example:photo/0003")
    page1 = load("oai_dc_page1.xml").decode()
    page1 = page1.replace("Records of the Grand Historian", "The Grand Scribe's Records")
    page1 = page1.replace(
        """<header>
        <identifier>oai:partner.example:photo/0003</identifier>""",
        """<header status="deleted">
        <identifier>oai:partner.example:photo/0003</identifier>""",
    )
    _two_pages(oai, page1.encode())

    run = harvest(actor=SYSTEM, source=source)
    assert (run.created, run.updated, run.deleted, run.unchanged, run.failed) == (0, 1, 1, 2, 1)
    shiji = Resource.objects.get(origin_identifier="oai:partner.example:rare/0001")
    assert shiji.title["en"] == "The Grand Scribe's Records"
    assert shiji.creators.count() == 2  # replaced, not added to
    photo_after = Resource.objects.get(pk=photo.pk)
    assert photo_after.deleted_at is not None
    assert photo_after.modified_at == photo_after.deleted_at > photo.modified_at
    assert photo_after.title == photo.title  # a tombstone keeps its record

    # The partner restores the record: the tombstone comes back to life.
    _two_pages(oai)
    run = harvest(actor=SYSTEM, source=source)
    assert (run.created, run.updated, run.deleted) == (0, 2, 0)
    assert Resource.objects.get(pk=photo.pk).deleted_at is None


def test_no_records_match_is_a_successful_empty_harvest(world, oai):
    oai.on(load("error_no_records.xml"), verb="ListRecords")
    source = _source(world, oai.url)
    run = harvest(actor=SYSTEM, source=source)
    assert run.status == "succeeded"
    assert (run.seen, run.pages, run.errors) == (0, 1, [])
    source.refresh_from_db()
    assert source.last_harvested == FIRST_RESPONSE


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        (
            Reply(load("error_bad_argument.xml")),
            "The partner reported the OAI-PMH error “cannotDisseminateFormat”: "
            "'marc21' is not supported by the item or by the repository.",
        ),
        (
            Reply(load("billion_laughs.xml")),
            "The response declares a DOCTYPE, which OAI-PMH never needs.",
        ),
        (
            Reply(b"<html>Maintenance</html>"),
            "The partner's answer is not an OAI-PMH response (its root is <html>).",
        ),
    ],
)
def test_a_partner_problem_fails_the_run_with_the_reason_and_writes_nothing(
    world, oai, reply, message
):
    oai.on(reply, verb="ListRecords")
    source = _source(world, oai.url)
    run = harvest(actor=SYSTEM, source=source)
    assert run.status == "failed" and run.finished_at is not None
    assert run.errors == [{"identifier": "", "page": 1, "message": message}]
    assert not Resource.objects.exists()
    source.refresh_from_db()
    assert source.last_harvested is None
    (entry,) = history.history_for(source).filter(target_type__model="harvestrun")
    assert entry.changes["status"] == "failed"


def test_a_record_failing_validation_is_counted_and_the_run_goes_on(world, oai):
    page2 = load("oai_dc_page2.xml").decode()
    page2 = page2.replace("大清万年一统天下全图", "图" * 1001)
    _two_pages(oai, page2=page2.encode())
    source = _source(world, oai.url)
    run = harvest(actor=SYSTEM, source=source)
    assert run.status == "succeeded"
    assert (run.created, run.failed) == (2, 2)
    assert run.errors == [
        {
            "identifier": "oai:partner.example:maps/0004",
            "page": 2,
            "message": "title: The value for “zh-Hans” is longer than 1000 characters.",
        },
        NO_TITLE,
    ]


def test_a_run_killed_midway_resumes_from_its_token(world, oai):
    _two_pages(oai)
    source = _source(world, oai.url)

    def die_after_first_page(run: HarvestRun) -> None:
        raise RuntimeError("killed")

    with pytest.raises(RuntimeError, match=re.escape("killed")):
        harvest(actor=SYSTEM, source=source, progress=die_after_first_page)
    (run,) = HarvestRun.objects.all()
    assert run.status == "failed"
    assert (run.pages, run.seen, run.created, run.resumption_token) == (1, 3, 2, "page-2")
    assert run.errors == [{"identifier": "", "page": 2, "message": "killed"}]
    assert Resource.objects.count() == 2
    source.refresh_from_db()
    assert source.last_harvested is None

    oai.requests.clear()
    resumed = harvest(actor=SYSTEM, source=source)
    assert resumed.pk == run.pk and resumed.status == "succeeded"
    assert oai.requests == [{"verb": "ListRecords", "resumptionToken": "page-2"}]
    assert _counts(resumed) == {
        "seen": 5,
        "created": 3,
        "updated": 0,
        "unchanged": 1,
        "deleted": 0,
        "failed": 1,
        "pages": 2,
        "complete_list_size": 5,
    }
    assert Resource.objects.count() == 3
    source.refresh_from_db()
    assert source.last_harvested == FIRST_RESPONSE


def test_a_forgotten_token_restarts_the_list_without_duplicates(world, oai):
    _two_pages(oai)
    source = _source(world, oai.url)
    with pytest.raises(RuntimeError):
        harvest(actor=SYSTEM, source=source, progress=_stop)
    oai.routes = [r for r in oai.routes if r[0].get("resumptionToken") != "page-2"]
    oai.on(
        [Reply(load("error_bad_token.xml")), Reply(load("oai_dc_page2.xml"))],
        verb="ListRecords",
        resumptionToken="page-2",
    )
    run = harvest(actor=SYSTEM, source=source)
    assert run.status == "succeeded"
    assert [r.get("resumptionToken", r.get("verb")) for r in oai.requests[-4:]] == [
        "page-2",
        "Identify",
        "ListRecords",
        "page-2",
    ]
    # Page one came twice; the second time it was unchanged.
    assert (run.pages, run.seen, run.created, run.unchanged) == (3, 8, 3, 4)
    assert Resource.objects.count() == 3


def _stop(run: HarvestRun) -> None:
    raise RuntimeError("stopped")


def test_a_live_run_refuses_a_second_one_and_a_stale_one_is_resumed(world, oai):
    _two_pages(oai)
    source = _source(world, oai.url)
    live = HarvestRun.objects.create(
        source=source, status="running", heartbeat_at=timezone.now(), resumption_token="page-2"
    )
    with pytest.raises(ValidationError) as caught:
        harvest(actor=SYSTEM, source=source)
    assert caught.value.code == "running"
    assert caught.value.messages[0].startswith("A harvest of this source is already running")
    assert HarvestRun.objects.count() == 1 and not Resource.objects.exists()

    HarvestRun.objects.filter(pk=live.pk).update(
        heartbeat_at=timezone.now() - harvester.HEARTBEAT_STALE - dt.timedelta(seconds=1)
    )
    run = harvest(actor=SYSTEM, source=source)
    assert run.pk == live.pk and run.status == "succeeded"
    assert oai.requests == [{"verb": "ListRecords", "resumptionToken": "page-2"}]


def test_only_editors_of_the_sources_institution_harvest(world, oai):
    _two_pages(oai)
    source = _source(world, oai.url)
    for user in (world["editor_b"], world["viewer_b"]):
        with pytest.raises(PermissionDenied):
            harvest(actor=user, source=source)
    assert not HarvestRun.objects.exists() and oai.requests == []
    HarvestSource.objects.filter(pk=source.pk).update(enabled=False)
    source.refresh_from_db()
    with pytest.raises(ValidationError, match=re.escape("This source is disabled.")):
        harvest(actor=world["editor_a"], source=source)


def test_slugs_avoid_existing_ones_and_stay_short(world, oai):
    taken = make_resource(world["a"], "partner-rare-0001")
    long_id = "oai:partner.example:" + "x" * 200
    page1 = load("oai_dc_page1.xml").decode().replace("oai:partner.example:photo/0003", long_id)
    _two_pages(oai, page1.encode())
    source = _source(world, oai.url)
    harvest(actor=SYSTEM, source=source)
    resources = _harvested(source)
    shiji = resources["oai:partner.example:rare/0001"]
    assert shiji.pk != taken.pk
    assert (
        shiji.slug.startswith("partner-rare-0001-")
        and len(shiji.slug) == len("partner-rare-0001-") + 8
    )
    assert len(resources[long_id].slug) == 120
    assert resources[long_id].slug.startswith("partner-xxxx")


def test_local_ids_and_slug_parts():
    assert harvester.local_id("oai:tongwen.local:shiji-public") == "shiji-public"
    assert harvester.local_id("oai:partner.example:rare/0001") == "rare/0001"
    assert harvester.local_id("arn00007c00001") == "arn00007c00001"
    assert harvester._slug_candidates("src", "oai:x:說文")[0] == ""  # nothing ASCII to keep


# What a harvested record must satisfy -------------------------------------------------------

_ODD = object()  # not JSON
BULK_EXCLUDE = ["harvest_source", "holder"]


def _bulk_resource(world, values: dict[str, object]) -> Resource:  # type: ignore[no-untyped-def]
    fields = {
        "holder": world["a"],
        "slug": "partner-0001",
        "kind": "ancient_book",
        "title": {"zh-Hant": "說文解字", "en": "Explaining Graphs"},
        "subjects": ["文字学"],
        "identifiers": [{"scheme": "local", "value": "SB-0123"}],
        "extent_juan": 30,
        "rights": Rights.CNE.value,
        "origin_identifier": "oai:partner.example:0001",
        "origin_fingerprint": "f" * 64,
        "modified_at": FIRST_RESPONSE,
        **values,
    }
    return Resource(**fields)


def _verdict(check, instance) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    try:
        check(instance)
    except ValidationError as error:
        return error.message_dict
    return {}


@pytest.mark.parametrize(
    "values",
    [
        {},
        {"slug": "not a slug"},
        {"slug": "s" * 121},
        {"kind": "scroll"},
        {"kind": ""},
        {"title": {}},
        {"title": {"not a tag!": "說文"}},
        {"date_written": "清" * 201},
        {"year_from": "1815", "year_to": 1815},  # text is converted, as full_clean converts it
        {"year_from": "soon"},
        {"year_from": True},
        {"year_from": 99999},
        {"extent_juan": -1},
        {"extent_pages": 2**40},
        {"edition": "stone"},
        {"subjects": [_ODD]},
        {"identifiers": {"scheme": {"nested": [1, 2.5, None, True]}}},
        {"call_number": 123},
        {"rights": "http://example.org/rights"},
        {"rights": Rights.PDM},
        {"visibility": "secret", "viewing_direction": "upwards"},
        {"origin_datestamp": "2024" * 8},
        {"origin_fingerprint": "f" * 65},
        {"modified_at": None},
        {"modified_at": "not a date"},
        {"modified_at": "2024-08-04 15:44:58+00:00"},
    ],
)
def test_harvested_records_are_checked_as_full_clean_checks_them(world, values):
    # The harvester validates through services.bulk_clean; it must find what full_clean
    # finds, word for word, and leave the same cleaned values.
    expected, checked = _bulk_resource(world, values), _bulk_resource(world, values)
    assert _verdict(
        lambda r: r.full_clean(
            exclude=BULK_EXCLUDE, validate_unique=False, validate_constraints=False
        ),
        expected,
    ) == _verdict(lambda r: services.bulk_clean(r, exclude=BULK_EXCLUDE), checked)
    for field in Resource._meta.concrete_fields:
        assert getattr(checked, field.attname) == getattr(expected, field.attname), field.name


def test_creators_are_checked_as_full_clean_checks_them():
    creators = [
        {"name": {"zh-Hant": "許慎"}, "role": "author"},
        {"name": {"en": "x" * 301}, "role": "scribe"},
    ]
    (good,) = harvester._build_creators(creators[:1])
    assert (good.order, good.name, good.role) == (
        0,
        {"zh-Hant": "許慎", "zh-Latn-pinyin": "xǔ shèn"},
        "author",
    )
    bad = Creator(order=1, name=creators[1]["name"], role="scribe")
    with pytest.raises(ValidationError) as expected:
        bad.full_clean(exclude=["resource", "person"])
    with pytest.raises(ValidationError) as caught:
        harvester._build_creators(creators)
    assert caught.value.message_dict == {
        "creators": ["Creator 2: " + "; ".join(expected.value.messages)]
    }
    assert "Creator 2: The value for “en” is longer than 300 characters." in str(caught.value)

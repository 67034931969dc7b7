"""End to end: a second Tongwen, in its own processes and data directory, serves OAI-PMH
over HTTP on loopback (pages of 20), and this one harvests it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from tongwen.catalog.models import HarvestRun, HarvestSource, Resource, Rights
from tongwen.catalog.oai.harvester import harvest, harvest_source_create
from tongwen.catalog.tests.fixtures.oai.partner import PartnerTongwen
from tongwen.common.actors import SYSTEM

pytestmark = pytest.mark.django_db

RECORDS = 45  # public ones: three pages of 20, 20 and 5

SEED = """
from tongwen.accounts import services as accounts
from tongwen.catalog import services
from tongwen.catalog.models import Rights
from tongwen.common.actors import SYSTEM
from tongwen.institutions import services as institutions

b = institutions.institution_create(
    actor=SYSTEM, slug="inst-b", name={"en": "Institution B", "zh-Hans": "乙馆"}, kind="museum"
)
far = institutions.institution_create(
    actor=SYSTEM, slug="far-museum", name={"en": "Far Museum"}, kind="museum"
)
rights = [Rights.PDM, Rights.CC_BY, Rights.INC, Rights.NOC_NC, Rights.CNE]
dates = ["清乾隆四年", "1937", "明萬曆間", "", "民国二十年", "1368-1644"]
kinds = ["ancient_book", "rubbing", "map", "photograph", "painting_calligraphy"]
creators = [
    [],
    [{"name": {"zh-Hant": "司馬遷", "en": "Sima Qian"}, "role": "author", "period": "western-han"}],
    [
        {"name": {"zh-Hans": "王念孙"}, "role": "compiler", "period": "qing"},
        {"name": {"en": "Anonymous engraver"}, "role": "engraver"},
    ],
]
for i in range(45):
    services.resource_create(
        actor=SYSTEM,
        holder=b if i % 3 else far,
        slug=f"item-{i:02d}",
        kind=kinds[i % 5],
        title={"zh-Hant": f"典籍第{i}種", "en": f"Classic number {i}"},
        alt_titles=[f"別題{i}"] if i % 4 == 0 else [],
        rights=rights[i % 5],
        date_written=dates[i % 6],
        creators=creators[i % 3],
        subjects=["史部", "History"] if i % 2 else [],
        languages=["lzh"] if i % 2 else ["zh", "en"],
        description={"en": f"Item {i} of the partner."},
        call_number=f"SB-{i:04d}",
        extent_juan=i + 1 if i % 5 == 0 else None,
    )
services.resource_create(
    actor=SYSTEM, holder=far, slug="secret", kind="text", title={"en": "Members only"},
    rights=Rights.INC, visibility="private",
)
harvester = accounts.user_create(username="harvester", password="correct horse battery")
accounts.membership_grant(user=harvester, institution=far, role="viewer")
print("seeded")
"""

DUMP = """
import json
from tongwen.catalog.models import Resource
rows = []
for r in Resource.objects.select_related("holder").prefetch_related("creators"):
    rows.append({
        "slug": r.slug, "title": r.title, "alt_titles": r.alt_titles, "holder": r.holder.slug,
        "rights": r.rights, "kind": r.kind, "date_written": r.date_written,
        "years": [r.year_from, r.year_to], "period": r.period, "subjects": r.subjects,
        "languages": r.languages, "description": r.description, "call_number": r.call_number,
        "extent_juan": r.extent_juan, "visibility": r.visibility, "deleted": r.is_deleted,
        "creators": [[c.name, c.role, c.period] for c in r.creators.order_by("order", "id")],
    })
print(json.dumps(rows, ensure_ascii=False))
"""


@pytest.fixture(scope="module")
def partner(tmp_path_factory) -> Iterator[PartnerTongwen]:  # type: ignore[no-untyped-def]
    tongwen = PartnerTongwen(tmp_path_factory.mktemp("partner-tongwen"), page_size=20)
    try:
        tongwen.migrate()
        assert tongwen.shell(SEED).strip() == "seeded"
        tongwen.start()
        yield tongwen
    finally:
        tongwen.remove()


def _partner_records(partner: PartnerTongwen) -> dict[str, dict[str, Any]]:
    rows = json.loads(partner.shell(DUMP).strip().splitlines()[-1])
    return {row["slug"]: row for row in rows}


def _source(world, partner, slug: str, prefix: str = "mods", **extra) -> HarvestSource:  # type: ignore[no-untyped-def]
    return harvest_source_create(
        actor=SYSTEM,
        institution=world["a"],
        slug=slug,
        name={"en": "Partner Tongwen"},
        base_url=extra.pop("base_url", partner.url),
        metadata_prefix=prefix,
        mapping=prefix,
        default_rights=Rights.UND,
        **extra,
    )


def _local(source: HarvestSource) -> dict[str, Resource]:
    return {
        r.origin_identifier.split(":", 2)[2]: r
        for r in Resource.objects.filter(harvest_source=source).prefetch_related("creators")
    }


def _as_partner_row(resource: Resource, world) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    holder = {world["b"].pk: "inst-b", world["a"].pk: "far-museum"}[resource.holder_id]
    return {
        "title": resource.title,
        "alt_titles": resource.alt_titles,
        "holder": holder,
        "rights": resource.rights,
        "kind": resource.kind,
        "date_written": resource.date_written,
        "years": [resource.year_from, resource.year_to],
        "period": resource.period,
        "subjects": resource.subjects,
        "languages": resource.languages,
        "description": resource.description,
        "call_number": resource.call_number,
        "extent_juan": resource.extent_juan,
        "visibility": resource.visibility,
        "deleted": resource.is_deleted,
        "creators": [[c.name, c.role, c.period] for c in resource.creators.order_by("order")],
    }


def test_every_partner_record_is_mirrored_and_changes_flow_incrementally(world, partner):
    expected = {
        slug: {k: v for k, v in row.items() if k != "slug"}
        for slug, row in _partner_records(partner).items()
        if row["visibility"] == "public" and not row["deleted"]
    }
    assert len(expected) == RECORDS
    source = _source(world, partner, "partner-mods")
    pages: list[int] = []
    run = harvest(actor=world["editor_a"], source=source, progress=lambda r: pages.append(r.seen))
    assert run.status == "succeeded", run.errors
    assert (run.seen, run.created, run.failed, run.pages) == (RECORDS, RECORDS, 0, 3)
    assert run.complete_list_size == RECORDS
    assert pages == [20, 40, 45]

    local = _local(source)
    assert set(local) == set(expected)  # the private record did not leave the partner
    for slug, resource in local.items():
        assert _as_partner_row(resource, world) == expected[slug], slug
        assert resource.slug == f"partner-mods-{slug}"
    # Holders Tongwen knows are kept; the others land under the source's institution.
    assert local["item-01"].holder == world["b"] and local["item-00"].holder == world["a"]

    # A record edited at the partner: only it is transferred again.
    partner.shell(
        "from tongwen.catalog import services; from tongwen.catalog.models import Resource;"
        "from tongwen.common.actors import SYSTEM;"
        "r = Resource.objects.get(slug='item-07');"
        "services.resource_update(actor=SYSTEM, resource=r,"
        " title={'zh-Hant': '史記', 'en': 'Records of the Grand Historian'})"
    )
    second = harvest(actor=world["editor_a"], source=source)
    assert second.status == "succeeded", second.errors
    assert (second.created, second.updated, second.deleted, second.failed) == (0, 1, 0, 0)
    # ``from`` is inclusive: a record stamped in the first run's very second comes back unchanged.
    assert second.unchanged == second.seen - 1
    edited = Resource.objects.get(pk=local["item-07"].pk)
    assert edited.title == {
        "zh-Hant": "史記",
        "en": "Records of the Grand Historian",
        "zh-Latn-pinyin": "shǐ jì",
    }

    # A deletion at the partner becomes a tombstone here.
    partner.shell(
        "from tongwen.catalog import services; from tongwen.catalog.models import Resource;"
        "from tongwen.common.actors import SYSTEM;"
        "services.resource_delete(actor=SYSTEM, resource=Resource.objects.get(slug='item-08'))"
    )
    third = harvest(actor=world["editor_a"], source=source)
    assert (third.created, third.updated, third.deleted) == (0, 0, 1)
    gone = Resource.objects.get(pk=local["item-08"].pk)
    assert gone.deleted_at is not None and gone.modified_at == gone.deleted_at
    assert Resource.objects.filter(harvest_source=source, deleted_at__isnull=True).count() == 44


def test_a_run_killed_midway_resumes_without_duplicates(world, partner):
    reference = harvest(actor=SYSTEM, source=_source(world, partner, "reference", "oai_dc"))
    assert reference.status == "succeeded", reference.errors
    source = _source(world, partner, "resumed", "oai_dc")

    def killed(run: HarvestRun) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        harvest(actor=SYSTEM, source=source, progress=killed)
    run = HarvestRun.objects.get(source=source)
    assert (run.status, run.pages, run.seen) == ("failed", 1, 20)
    assert run.resumption_token

    resumed = harvest(actor=SYSTEM, source=source)
    assert resumed.pk == run.pk and resumed.status == "succeeded"
    assert (resumed.seen, resumed.created, resumed.pages) == (
        reference.seen,
        reference.created,
        reference.pages,
    )
    assert resumed.created == Resource.objects.filter(harvest_source=source).count()
    ours = {r.origin_identifier: r.title for r in Resource.objects.filter(harvest_source=source)}
    theirs = {
        r.origin_identifier: r.title
        for r in Resource.objects.filter(harvest_source__slug="reference")
    }
    assert ours == theirs


def test_basic_auth_credentials_in_the_base_url_reach_members_only_records(world, partner):
    address = partner.url.replace("http://", "http://harvester:correct%20horse%20battery@")
    source = _source(world, partner, "members", base_url=address, set_spec="institution:far-museum")
    run = harvest(actor=SYSTEM, source=source)
    assert run.status == "succeeded", run.errors
    # Only the set asked for, and the private record its member may see.
    held_by_far = {f"item-{i:02d}" for i in range(0, RECORDS, 3)}
    assert set(_local(source)) == held_by_far | {"secret"}

    wrong = _source(
        world, partner, "wrong", base_url=partner.url.replace("http://", "http://harvester:nope@")
    )
    failed = harvest(actor=SYSTEM, source=wrong)
    assert failed.status == "failed"
    assert failed.errors[-1]["message"] == (
        "The partner refused access (HTTP 401): check the credentials."
    )

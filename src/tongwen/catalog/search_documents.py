"""The shared collection in search: one document per resource that is not deleted.

Readers tokens follow ``catalog.permissions``: ``all`` for public resources, ``holder:<id>``
(the holder's members, and grantees of an all-resources grant from it),
``partners-of:<id>`` for partner-visible ones, and ``grant:<id>`` for each grant naming the
resource. Which grants and partnerships a user has is read at query time, so a grant that
expires or an agreement that is signed changes results without reindexing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tongwen.catalog import permissions
from tongwen.catalog import services as catalog_services
from tongwen.catalog.api import image_thumbnail_path
from tongwen.catalog.models import Creator, DigitalObject, Resource, Rights, SharingGrant
from tongwen.catalog.periods import PERIODS
from tongwen.institutions.models import Institution
from tongwen.search import services as search_services
from tongwen.search.engine import EVERYONE, Document
from tongwen.search.registry import Provider, english, texts

TYPE = "resource"


def _queryset() -> QuerySet[Resource]:
    return (
        Resource.objects.filter(deleted_at__isnull=True)
        .select_related("holder")
        .prefetch_related(
            Prefetch("creators", Creator.objects.order_by("order", "id")),
            Prefetch("images", DigitalObject.objects.order_by("order", "id")),
            Prefetch(
                "grants",
                SharingGrant.objects.filter(all_resources=False).only("id"),
                to_attr="search_grants",
            ),
        )
    )


def _readers(resource: Resource) -> frozenset[str]:
    tokens = {f"holder:{resource.holder_id}"}
    tokens |= {f"grant:{grant.pk}" for grant in resource.search_grants}  # type: ignore[attr-defined]
    if resource.visibility == Resource.Visibility.PUBLIC:
        tokens.add(EVERYONE)
    elif resource.visibility == Resource.Visibility.PARTNERS:
        tokens.add(f"partners-of:{resource.holder_id}")
    return frozenset(tokens)


def _build(resources: Iterable[Resource]) -> Iterator[Document]:
    for resource in resources:
        creators = list(resource.creators.all())
        images = list(resource.images.all())
        period = PERIODS.get(resource.period)
        periods = {resource.period} | {c.period for c in creators}
        period_names = [
            text
            for code in sorted(p for p in periods if p in PERIODS)
            for text in (PERIODS[code].zh_hant, PERIODS[code].zh_hans, PERIODS[code].pinyin)
        ]
        english_texts = [PERIODS[code].en for code in sorted(periods) if code in PERIODS]
        description = texts(resource.description)
        english_texts += english(resource.description)
        english_texts += [t for t in texts(resource.alt_titles) if t.isascii()]  # Book of Han
        names = [n for c in creators for n in texts(c.name)]
        holder = resource.holder
        title = dict(resource.title)
        summary_bits = [
            (period.zh_hant if period else ""),
            " ".join(next(iter(c.name.values()), "") for c in creators[:3]),
            resource.date_written,
        ]
        yield Document(
            key=f"{TYPE}:{resource.pk}",
            type=TYPE,
            url=reverse("catalog:resource-detail", args=[resource.slug]),
            title=title,
            readers=_readers(resource),
            names=tuple(names),
            text=tuple(
                [
                    *description,
                    *texts(resource.alt_titles),
                    *texts(resource.subjects),
                    *texts(resource.edition_note),
                    resource.date_written,
                    *period_names,
                    *texts(holder.name),
                ]
            ),
            english=tuple(english_texts),
            identifiers=tuple([resource.slug, resource.call_number, *texts(resource.identifiers)]),
            year=resource.year_from,
            facets={
                "institution": (holder.slug,),
                "kind": (resource.kind,),
                "period": tuple(sorted(p for p in periods if p)),
                "language": tuple(resource.languages),
                "rights": (resource.rights,),
                "has_images": ("yes" if images else "no",),
            },
            summary={"zh": " ".join(b for b in summary_bits if b)},
            thumbnail=image_thumbnail_path(images[0].iiif_id, 200) if images else "",
        )


def _resource_of(related: Any, **kwargs: Any) -> Iterator[str]:
    yield f"{TYPE}:{related.resource_id}"


def _held_by(institution: Institution, **kwargs: Any) -> Iterator[str]:
    """A holder renamed: its resources carry its name as text."""
    if institution.pk is None:
        return
    held = Resource.objects.filter(holder_id=institution.pk, deleted_at__isnull=True)
    yield from (f"{TYPE}:{pk}" for pk in held.values_list("pk", flat=True))


def _changed(ids: list[int]) -> None:
    """The catalog's own change hook: bulk imports, harvests and sharing grants announce the
    resources they touched here (they send no model signals, or not for every resource)."""
    search_services.schedule(f"{TYPE}:{pk}" for pk in ids)


def providers() -> list[Provider]:
    if _changed not in catalog_services.resource_changed_hooks:
        catalog_services.resource_changed_hooks.append(_changed)
    return [
        Provider(
            type=TYPE,
            model=Resource,
            label=_("Resource"),
            queryset=_queryset,
            build=_build,
            follows={
                Creator: _resource_of,
                DigitalObject: _resource_of,
                Institution: _held_by,
            },
            choices={"kind": Resource.Kind, "rights": Rights},
        )
    ]


def reader_tokens(user: Any, institution_ids: set[int]) -> set[str]:
    if not institution_ids:
        return set()
    tokens = {f"holder:{i}" for i in institution_ids}
    tokens |= {f"partners-of:{i}" for i in permissions.partner_institution_ids(institution_ids)}
    grants = SharingGrant.objects.filter(
        permissions.active_grants_q(), grantee_id__in=institution_ids
    )
    for pk, grantor_id, all_resources in grants.values_list("pk", "grantor_id", "all_resources"):
        tokens.add(f"holder:{grantor_id}" if all_resources else f"grant:{pk}")
    return tokens

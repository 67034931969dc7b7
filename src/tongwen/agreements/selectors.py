"""Reads of agreements and their parts, always scoped to what the user may see."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from tongwen.accounts.selectors import is_platform_admin, member_institution_ids
from tongwen.agreements.models import (
    Agreement,
    AgreementParty,
    CeremonyParticipant,
    Commitment,
    Indicator,
    Initiative,
    InitiativeInstitution,
    Measurement,
)
from tongwen.common.actors import SYSTEM
from tongwen.institutions.models import Appointment, Institution

_PARTIES = Prefetch(
    "party_links", AgreementParty.objects.select_related("institution").order_by("order", "id")
)


def _visible(user: Any) -> Q:
    if user is SYSTEM or is_platform_admin(user):
        return Q()
    published = ~Q(status=Agreement.Status.DRAFT)
    ids = member_institution_ids(user)
    if not ids:
        return published
    own = AgreementParty.objects.filter(institution_id__in=ids).values("agreement_id")
    return published | Q(pk__in=own)


def agreement_list(
    *,
    user: Any,
    party: str | None = None,
    year: int | None = None,
    kind: str | None = None,
    category: str | None = None,
    status: str | None = None,
) -> QuerySet[Agreement]:
    qs = Agreement.objects.filter(_visible(user))
    if party:
        qs = qs.filter(
            pk__in=AgreementParty.objects.filter(institution__slug=party).values("agreement_id")
        )
    if year:
        qs = qs.filter(signed_year=year)
    if kind:
        qs = qs.filter(kind=kind)
    if category:
        qs = qs.filter(pk__in=Commitment.objects.filter(category=category).values("agreement_id"))
    if status:
        qs = qs.filter(status=status)
    return qs.prefetch_related(_PARTIES)


def agreement_get(*, user: Any, slug: str) -> Agreement:
    """The agreement with everything its page shows; ``DoesNotExist`` if not visible."""
    return agreement_get_queryset(user=user).get(slug=slug)


def agreement_get_queryset(*, user: Any) -> QuerySet[Agreement]:
    """Visible agreements with everything a detail view shows, prefetched."""
    participants = CeremonyParticipant.objects.select_related("person").prefetch_related(
        Prefetch(
            "appointments",
            Appointment.objects.select_related("institution"),
            to_attr="titles_held",
        )
    )
    return Agreement.objects.filter(_visible(user)).prefetch_related(
        _PARTIES,
        Prefetch("participants", participants),
        "sources",
        Prefetch("commitments", Commitment.objects.prefetch_related("initiatives")),
        Prefetch("initiatives", initiative_queryset()),
    )


def initiative_queryset() -> QuerySet[Initiative]:
    return Initiative.objects.prefetch_related(
        Prefetch("institution_links", InitiativeInstitution.objects.select_related("institution")),
        "commitments",
        Prefetch("indicators", Indicator.objects.prefetch_related("measurements")),
    ).select_related("agreement")


def initiative_list(*, user: Any, agreement: str | None = None) -> QuerySet[Initiative]:
    qs = initiative_queryset().filter(agreement__in=Agreement.objects.filter(_visible(user)))
    if agreement:
        qs = qs.filter(agreement__slug=agreement)
    return qs


def initiative_get(*, user: Any, slug: str) -> Initiative:
    return initiative_list(user=user).get(slug=slug)


def commitment_list(*, user: Any, category: str | None = None) -> QuerySet[Commitment]:
    qs = Commitment.objects.filter(
        agreement__in=Agreement.objects.filter(_visible(user))
    ).select_related("agreement")
    if category:
        qs = qs.filter(category=category)
    return qs


def indicator_list(*, user: Any, initiative: str | None = None) -> QuerySet[Indicator]:
    qs = (
        Indicator.objects.filter(initiative__agreement__in=Agreement.objects.filter(_visible(user)))
        .select_related("initiative")
        .prefetch_related("measurements")
    )
    if initiative:
        qs = qs.filter(initiative__slug=initiative)
    return qs


def measurement_list(*, user: Any, indicator: int | None = None) -> QuerySet[Measurement]:
    qs = Measurement.objects.filter(
        indicator__initiative__agreement__in=Agreement.objects.filter(_visible(user))
    ).select_related("indicator")
    if indicator:
        qs = qs.filter(indicator_id=indicator)
    return qs


def institution_partners(*, user: Any, institution: Institution) -> list[tuple[Institution, int]]:
    """Institutions that share visible agreements with ``institution``, most shared first."""
    agreements = agreement_list(user=user, party=institution.slug)
    counts: Counter[int] = Counter()
    partners: dict[int, Institution] = {}
    for agreement in agreements:
        for link in agreement.party_links.all():
            if link.institution_id != institution.pk:
                counts[link.institution_id] += 1
                partners[link.institution_id] = link.institution
    return [(partners[pk], n) for pk, n in counts.most_common()]


def agreement_years(*, user: Any) -> list[int]:
    years = (
        agreement_list(user=user)
        .exclude(signed_year=None)
        .values_list("signed_year", flat=True)
        .distinct()
    )
    return sorted({y for y in years if y}, reverse=True)

"""Agreements, their commitments and initiatives in search.

Readers follow ``agreements.selectors._visible``: a published agreement (any status but
draft) is everyone's; a draft is read by the members of its parties (``member:<id>``, which
``search.permissions`` gives every member). Commitments and initiatives are seen exactly when
their agreement is (``commitment_list``, ``initiative_list``), so they carry its readers, and
a change to the agreement or its parties reindexes them: a draft that is signed becomes public
in search with everything hanging off it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tongwen.agreements.models import (
    Agreement,
    AgreementParty,
    CeremonyParticipant,
    Commitment,
    Initiative,
    InitiativeInstitution,
)
from tongwen.institutions.models import Institution, Person
from tongwen.search.engine import EVERYONE, Document
from tongwen.search.registry import Provider, english, one_line, texts

AGREEMENT = "agreement"
COMMITMENT = "commitment"
INITIATIVE = "initiative"
TITLE_LENGTH = 120  # a commitment's title is the start of its text; the text is indexed whole


def _parties() -> Prefetch:
    return Prefetch(
        "party_links",
        AgreementParty.objects.select_related("institution").order_by("order", "id"),
    )


def readers(agreement: Agreement) -> frozenset[str]:
    """Who sees ``agreement`` and everything of it; needs its ``party_links`` prefetched."""
    if agreement.is_published:
        return frozenset({EVERYONE})
    return frozenset(f"member:{link.institution_id}" for link in agreement.party_links.all())


def _party_institutions(agreement: Agreement) -> list[Institution]:
    return [link.institution for link in agreement.party_links.all()]


# Agreements --------------------------------------------------------------------------------


def _agreements() -> QuerySet[Agreement]:
    return Agreement.objects.prefetch_related(
        _parties(),
        Prefetch(
            "participants",
            CeremonyParticipant.objects.select_related("person").order_by("order", "id"),
        ),
        Prefetch("commitments", Commitment.objects.order_by("number")),
    )


def _build_agreements(agreements: Iterable[Agreement]) -> Iterator[Document]:
    for agreement in agreements:
        parties = _party_institutions(agreement)
        people = [p.person for p in agreement.participants.all()]
        commitments = [t for c in agreement.commitments.all() for t in texts(c.text)]
        yield Document(
            key=f"{AGREEMENT}:{agreement.pk}",
            type=AGREEMENT,
            url=reverse("agreements:detail", args=[agreement.slug]),
            title=dict(agreement.title),
            readers=readers(agreement),
            names=tuple(
                [
                    *(t for p in parties for t in texts(p.name)),
                    *(t for p in people for t in texts(p.name)),
                ]
            ),
            text=tuple(
                [
                    *texts(agreement.summary),
                    *texts(agreement.notes),
                    *texts(agreement.venue),
                    *commitments,
                ]
            ),
            english=(*english(agreement.summary), *english(agreement.notes)),
            identifiers=(agreement.slug,),
            year=agreement.signed_year,
            facets={
                "institution": tuple(p.slug for p in parties),
                "kind": (agreement.kind,),
            },
            summary=one_line([p.name for p in parties]),
        )


def _agreement_of(related: Any, **kwargs: Any) -> Iterator[str]:
    yield f"{AGREEMENT}:{related.agreement_id}"


def _agreements_of_party(institution: Institution, **kwargs: Any) -> Iterator[str]:
    for pk in _agreement_ids_of(institution):
        yield f"{AGREEMENT}:{pk}"


def _agreements_of_person(person: Person, **kwargs: Any) -> Iterator[str]:
    if person.pk is None:
        return
    links = CeremonyParticipant.objects.filter(person_id=person.pk)
    for pk in links.values_list("agreement_id", flat=True).distinct():
        yield f"{AGREEMENT}:{pk}"


def _agreement_ids_of(institution: Institution) -> list[int]:
    if institution.pk is None:
        return []
    links = AgreementParty.objects.filter(institution_id=institution.pk)
    return list(links.values_list("agreement_id", flat=True).distinct())


# Commitments -------------------------------------------------------------------------------


def _commitments() -> QuerySet[Commitment]:
    return Commitment.objects.select_related("agreement").prefetch_related(
        Prefetch("agreement__party_links", _parties().queryset)
    )


def _short(text: str) -> str:
    return text if len(text) <= TITLE_LENGTH else text[: TITLE_LENGTH - 1].rstrip() + "…"


def _build_commitments(commitments: Iterable[Commitment]) -> Iterator[Document]:
    for commitment in commitments:
        agreement = commitment.agreement
        parties = _party_institutions(agreement)
        title = {tag: _short(text) for tag, text in commitment.text.items() if text}
        yield Document(
            key=f"{COMMITMENT}:{commitment.pk}",
            type=COMMITMENT,
            url=reverse("agreements:detail", args=[agreement.slug]),
            title=title or {"en": str(commitment.number)},
            readers=readers(agreement),
            names=tuple(t for p in parties for t in texts(p.name)),
            text=tuple([*texts(commitment.text), *texts(agreement.title)]),
            english=english(commitment.text),
            identifiers=(f"{agreement.slug}-{commitment.number}",),
            year=agreement.signed_year,
            # The category is no "kind": its values would mix with the resources' kinds.
            facets={"institution": tuple(p.slug for p in parties)},
            summary=one_line([agreement.title]),
        )


def _of_agreement(model: Any, type_: str) -> Any:
    """A follower: an agreement's or party link's change reaches each ``model`` of it."""

    def follower(related: Any, **kwargs: Any) -> Iterator[str]:
        agreement_id = related.pk if isinstance(related, Agreement) else related.agreement_id
        if agreement_id is None:
            return
        for pk in model.objects.filter(agreement_id=agreement_id).values_list("pk", flat=True):
            yield f"{type_}:{pk}"

    return follower


def _commitments_of_party(institution: Institution, **kwargs: Any) -> Iterator[str]:
    ids = _agreement_ids_of(institution)
    for pk in Commitment.objects.filter(agreement_id__in=ids).values_list("pk", flat=True):
        yield f"{COMMITMENT}:{pk}"


# Initiatives -------------------------------------------------------------------------------


def _initiatives() -> QuerySet[Initiative]:
    return Initiative.objects.select_related("agreement").prefetch_related(
        Prefetch("agreement__party_links", _parties().queryset),
        Prefetch(
            "institution_links",
            InitiativeInstitution.objects.select_related("institution").order_by("role", "id"),
        ),
    )


def _build_initiatives(initiatives: Iterable[Initiative]) -> Iterator[Document]:
    for initiative in initiatives:
        agreement = initiative.agreement
        involved = [link.institution for link in initiative.institution_links.all()]
        yield Document(
            key=f"{INITIATIVE}:{initiative.pk}",
            type=INITIATIVE,
            url=reverse("agreements:initiative", args=[initiative.slug]),
            title=dict(initiative.title),
            readers=readers(agreement),
            names=tuple(t for i in involved for t in texts(i.name)),
            text=tuple([*texts(initiative.description), *texts(agreement.title)]),
            english=english(initiative.description),
            identifiers=(initiative.slug,),
            year=initiative.start.year if initiative.start else None,
            facets={"institution": tuple(dict.fromkeys(i.slug for i in involved))},
            summary=one_line([agreement.title]),
        )


def _initiative_of(link: InitiativeInstitution, **kwargs: Any) -> Iterator[str]:
    yield f"{INITIATIVE}:{link.initiative_id}"


def _initiatives_of_institution(institution: Institution, **kwargs: Any) -> Iterator[str]:
    if institution.pk is None:
        return
    links = InitiativeInstitution.objects.filter(institution_id=institution.pk)
    for pk in links.values_list("initiative_id", flat=True).distinct():
        yield f"{INITIATIVE}:{pk}"


def providers() -> list[Provider]:
    return [
        Provider(
            type=AGREEMENT,
            model=Agreement,
            label=_("Agreement"),
            queryset=_agreements,
            build=_build_agreements,
            follows={
                AgreementParty: _agreement_of,
                CeremonyParticipant: _agreement_of,
                Commitment: _agreement_of,
                Institution: _agreements_of_party,
                Person: _agreements_of_person,
            },
            choices={"kind": Agreement.Kind},
        ),
        Provider(
            type=COMMITMENT,
            model=Commitment,
            label=_("Commitment"),
            queryset=_commitments,
            build=_build_commitments,
            follows={
                Agreement: _of_agreement(Commitment, COMMITMENT),
                AgreementParty: _of_agreement(Commitment, COMMITMENT),
                Institution: _commitments_of_party,
            },
        ),
        Provider(
            type=INITIATIVE,
            model=Initiative,
            label=_("Initiative"),
            queryset=_initiatives,
            build=_build_initiatives,
            follows={
                Agreement: _of_agreement(Initiative, INITIATIVE),
                AgreementParty: _of_agreement(Initiative, INITIATIVE),
                InitiativeInstitution: _initiative_of,
                Institution: _initiatives_of_institution,
            },
        ),
    ]

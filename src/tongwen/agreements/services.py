"""Writes to agreements, commitments, initiatives, indicators and measurements.

Every function checks permission, validates, owns its transaction and records history:
a failing call leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tongwen.agreements import permissions
from tongwen.agreements.models import (
    Agreement,
    AgreementParty,
    CeremonyParticipant,
    Commitment,
    Indicator,
    Initiative,
    InitiativeInstitution,
    Measurement,
    SourceDocument,
)
from tongwen.common import divisions, history
from tongwen.common.actors import require
from tongwen.common.dates import YearStatus, check_day
from tongwen.common.langmap import LanguageMap
from tongwen.common.models import ChangeRecord
from tongwen.institutions.models import Appointment, Institution, Person

AGREEMENT_FIELDS = (
    "slug",
    "kind",
    "title",
    "summary",
    "notes",
    "status",
    "signed_year",
    "signed_month",
    "signed_day",
    "signed_year_status",
    "signed_year_reason",
    "venue",
    "term_start",
    "term_end",
)
INITIATIVE_FIELDS = (
    "slug",
    "title",
    "description",
    "status",
    "start",
    "start_precision",
    "end",
    "end_precision",
    "places",
)
INDICATOR_FIELDS = (
    "slug",
    "metric",
    "unit",
    "comparator",
    "baseline",
    "target",
    "target_evidence",
    "period_label",
    "period_start",
    "period_end",
)


def _check_changeable(fields: dict[str, Any], allowed: Sequence[str]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValidationError({name: _("This field cannot be changed.") for name in unknown})


def _check_parties(parties: Sequence[Institution]) -> None:
    if len(parties) < 2:
        error = ValidationError(
            _("An agreement needs at least two parties."), code="too_few_parties"
        )
        raise ValidationError({"parties": error})
    seen: set[int] = set()
    for party in parties:
        if party.pk in seen:
            error = ValidationError(
                _("%(party)s is listed twice."), code="duplicate_party", params={"party": party}
            )
            raise ValidationError({"parties": error})
        seen.add(party.pk)


def _check_agreement(agreement: Agreement) -> None:
    agreement.full_clean()
    check_day(
        agreement.signed_year, agreement.signed_month, agreement.signed_day, field="signed_day"
    )
    if agreement.signed_year is None and agreement.signed_year_status != YearStatus.UNSTATED:
        raise ValidationError(
            {"signed_year": _("Give the year, or mark it as not stated.")}, code="required"
        )
    if agreement.signed_year is not None and agreement.signed_year_status == YearStatus.UNSTATED:
        raise ValidationError(
            {"signed_year_status": _("A year is given, so it cannot be marked as not stated.")},
            code="invalid",
        )
    if agreement.signed_year_status == YearStatus.INFERRED and not agreement.signed_year_reason:
        raise ValidationError(
            {"signed_year_reason": _("Say why the year was inferred.")}, code="required"
        )
    if agreement.term_start and agreement.term_end and agreement.term_end < agreement.term_start:
        raise ValidationError({"term_end": _("The term cannot end before it starts.")})


def _set_parties(agreement: Agreement, parties: Sequence[Institution]) -> None:
    agreement.party_links.all().delete()
    AgreementParty.objects.bulk_create(
        AgreementParty(agreement=agreement, institution=party, order=index)
        for index, party in enumerate(parties)
    )


@transaction.atomic
def agreement_create(
    *,
    actor: Any,
    slug: str,
    kind: str,
    title: LanguageMap,
    parties: Sequence[Institution],
    status: str = Agreement.Status.DRAFT,
    signed_year: int | None = None,
    signed_month: int | None = None,
    signed_day: int | None = None,
    signed_year_status: str = YearStatus.STATED,
    signed_year_reason: LanguageMap | None = None,
    venue: LanguageMap | None = None,
    summary: LanguageMap | None = None,
    notes: LanguageMap | None = None,
    term_start: dt.date | None = None,
    term_end: dt.date | None = None,
) -> Agreement:
    """Record an agreement between two or more distinct parties.

    The actor must edit for one of the parties. New agreements start as drafts unless a
    status is given.
    """
    require(permissions.can_create_agreement(actor, [p.pk for p in parties]))
    _check_parties(parties)
    agreement = Agreement(
        slug=slug,
        kind=kind,
        title=title,
        status=status,
        signed_year=signed_year,
        signed_month=signed_month,
        signed_day=signed_day,
        signed_year_status=signed_year_status,
        signed_year_reason=signed_year_reason or {},
        venue=venue or {},
        summary=summary or {},
        notes=notes or {},
        term_start=term_start,
        term_end=term_end,
    )
    _check_agreement(agreement)
    agreement.save()
    _set_parties(agreement, parties)
    changes = history.snapshot(agreement, AGREEMENT_FIELDS)
    changes["parties"] = [p.slug for p in parties]
    history.record_change(
        actor=actor,
        action=ChangeRecord.Action.CREATE,
        target=agreement,
        changes={k: [None, v] for k, v in changes.items()},
    )
    return agreement


@transaction.atomic
def agreement_update(
    *,
    actor: Any,
    agreement: Agreement,
    parties: Sequence[Institution] | None = None,
    **fields: Any,
) -> Agreement:
    """Change an agreement's fields and, when given, its parties (at least two, distinct)."""
    require(permissions.can_edit_agreement(actor, agreement))
    _check_changeable(fields, AGREEMENT_FIELDS)
    before = history.snapshot(agreement, AGREEMENT_FIELDS)
    before_parties = [link.institution.slug for link in agreement.party_links.all()]
    for name, value in fields.items():
        setattr(agreement, name, value)
    _check_agreement(agreement)
    if parties is not None:
        _check_parties(parties)
    agreement.save()
    changes = history.diff(before, history.snapshot(agreement, AGREEMENT_FIELDS))
    if parties is not None:
        _set_parties(agreement, parties)
        after_parties = [p.slug for p in parties]
        if after_parties != before_parties:
            changes["parties"] = [before_parties, after_parties]
    history.record_change(
        actor=actor, action=ChangeRecord.Action.UPDATE, target=agreement, changes=changes
    )
    return agreement


@transaction.atomic
def ceremony_participant_add(
    *,
    actor: Any,
    agreement: Agreement,
    person: Person,
    role: str,
    appointments: Sequence[Appointment] = (),
) -> CeremonyParticipant:
    require(permissions.can_edit_agreement(actor, agreement))
    for appointment in appointments:
        if appointment.person_id != person.pk:
            raise ValidationError({"appointments": _("A title must belong to the same person.")})
    participant = CeremonyParticipant(
        agreement=agreement, person=person, role=role, order=agreement.participants.count()
    )
    participant.full_clean()
    participant.save()
    participant.appointments.set(appointments)
    history.record_change(
        actor=actor,
        action=ChangeRecord.Action.CREATE,
        target=participant,
        context=agreement,
        changes={"person": [None, person.slug], "role": [None, role]},
    )
    return participant


@transaction.atomic
def source_document_add(
    *,
    actor: Any,
    agreement: Agreement,
    title: str,
    text: str = "",
    url: str = "",
    publisher: str = "",
    published_on: dt.date | None = None,
) -> SourceDocument:
    require(permissions.can_edit_agreement(actor, agreement))
    source = SourceDocument(
        agreement=agreement,
        title=title,
        text=text,
        url=url,
        publisher=publisher,
        published_on=published_on,
    )
    source.full_clean()
    source.save()
    history.record_change(
        actor=actor,
        action=ChangeRecord.Action.CREATE,
        target=source,
        context=agreement,
        changes={"title": [None, title]},
    )
    return source


@transaction.atomic
def commitment_create(
    *,
    actor: Any,
    agreement: Agreement,
    text: LanguageMap,
    category: str,
    number: int | None = None,
) -> Commitment:
    """Add a cooperation area; numbered after the last one unless a number is given."""
    require(permissions.can_edit_agreement(actor, agreement))
    if number is None:
        last = agreement.commitments.order_by("-number").values_list("number", flat=True).first()
        number = (last or 0) + 1
    commitment = Commitment(agreement=agreement, number=number, text=text, category=category)
    commitment.full_clean()
    commitment.save()
    history.record_change(
        actor=actor,
        action=ChangeRecord.Action.CREATE,
        target=commitment,
        context=agreement,
        changes={"number": [None, number], "category": [None, category], "text": [None, text]},
    )
    return commitment


@transaction.atomic
def commitment_update(*, actor: Any, commitment: Commitment, **fields: Any) -> Commitment:
    require(permissions.can_edit_agreement(actor, commitment.agreement))
    names = ("number", "text", "category")
    if set(fields) - set(names):
        raise ValidationError(
            {n: _("This field cannot be changed.") for n in set(fields) - set(names)}
        )
    before = history.snapshot(commitment, names)
    for name, value in fields.items():
        setattr(commitment, name, value)
    commitment.full_clean()
    commitment.save()
    history.record_change(
        actor=actor,
        action=ChangeRecord.Action.UPDATE,
        target=commitment,
        context=commitment.agreement,
        changes=history.diff(before, history.snapshot(commitment, names)),
    )
    return commitment


@transaction.atomic
def commitment_delete(*, actor: Any, commitment: Commitment) -> None:
    agreement = commitment.agreement
    require(permissions.can_edit_agreement(actor, agreement))
    history.record_change(
        actor=actor,
        action=ChangeRecord.Action.DELETE,
        target=commitment,
        context=agreement,
        changes={"text": [commitment.text, None]},
    )
    commitment.delete()


def _check_initiative(initiative: Initiative) -> None:
    initiative.full_clean()
    if initiative.start and initiative.end and initiative.end < initiative.start:
        raise ValidationError({"end": _("An initiative cannot end before it starts.")})
    if not isinstance(initiative.places, list):
        raise ValidationError({"places": _("Expected a list of GB/T 2260 codes.")})
    try:
        for code in initiative.places:
            divisions.validate_code(str(code))
    except ValidationError as error:
        raise ValidationError({"places": error.messages}) from None


def _set_institutions(
    initiative: Initiative, lead: Sequence[Institution], partners: Sequence[Institution]
) -> None:
    if not lead:
        raise ValidationError({"lead": _("An initiative needs a lead institution.")})
    ids = [i.pk for i in [*lead, *partners]]
    if len(ids) != len(set(ids)):
        raise ValidationError({"partners": _("An institution is listed twice.")})
    initiative.institution_links.all().delete()
    InitiativeInstitution.objects.bulk_create(
        [InitiativeInstitution(initiative=initiative, institution=i, role="lead") for i in lead]
        + [
            InitiativeInstitution(initiative=initiative, institution=i, role="partner")
            for i in partners
        ]
    )


def _check_commitments(agreement: Agreement, commitments: Sequence[Commitment]) -> None:
    if any(c.agreement_id != agreement.pk for c in commitments):
        raise ValidationError(
            {"commitments": _("Commitments must belong to the initiative's agreement.")}
        )


@transaction.atomic
def initiative_create(
    *,
    actor: Any,
    agreement: Agreement,
    slug: str,
    title: LanguageMap,
    lead: Sequence[Institution],
    partners: Sequence[Institution] = (),
    commitments: Sequence[Commitment] = (),
    description: LanguageMap | None = None,
    status: str = Initiative.Status.PLANNED,
    start: dt.date | None = None,
    start_precision: str = "day",
    end: dt.date | None = None,
    end_precision: str = "day",
    places: list[str] | None = None,
) -> Initiative:
    """Start tracking a project that delivers commitments of ``agreement``."""
    require(permissions.can_create_initiative(actor, agreement))
    initiative = Initiative(
        agreement=agreement,
        slug=slug,
        title=title,
        description=description or {},
        status=status,
        start=start,
        start_precision=start_precision,
        end=end,
        end_precision=end_precision,
        places=places or [],
    )
    _check_initiative(initiative)
    _check_commitments(agreement, commitments)
    initiative.save()
    _set_institutions(initiative, lead, partners)
    initiative.commitments.set(commitments)
    changes = history.snapshot(initiative, INITIATIVE_FIELDS)
    changes["lead"] = [i.slug for i in lead]
    changes["partners"] = [i.slug for i in partners]
    history.record_change(
        actor=actor,
        action=ChangeRecord.Action.CREATE,
        target=initiative,
        changes={k: [None, v] for k, v in changes.items()},
    )
    return initiative


@transaction.atomic
def initiative_update(
    *,
    actor: Any,
    initiative: Initiative,
    lead: Sequence[Institution] | None = None,
    partners: Sequence[Institution] | None = None,
    commitments: Sequence[Commitment] | None = None,
    **fields: Any,
) -> Initiative:
    require(permissions.can_edit_initiative(actor, initiative))
    _check_changeable(fields, INITIATIVE_FIELDS)
    before = history.snapshot(initiative, INITIATIVE_FIELDS)
    for name, value in fields.items():
        setattr(initiative, name, value)
    _check_initiative(initiative)
    initiative.save()
    changes = history.diff(before, history.snapshot(initiative, INITIATIVE_FIELDS))
    if lead is not None or partners is not None:
        links = list(initiative.institution_links.all())
        old_lead = [link.institution for link in links if link.role == "lead"]
        old_partners = [link.institution for link in links if link.role == "partner"]
        new_lead = list(lead) if lead is not None else old_lead
        new_partners = list(partners) if partners is not None else old_partners
        _set_institutions(initiative, new_lead, new_partners)
        changes["institutions"] = [
            {"lead": [i.slug for i in old_lead], "partners": [i.slug for i in old_partners]},
            {"lead": [i.slug for i in new_lead], "partners": [i.slug for i in new_partners]},
        ]
    if commitments is not None:
        _check_commitments(initiative.agreement, commitments)
        old = sorted(initiative.commitments.values_list("number", flat=True))
        initiative.commitments.set(commitments)
        new = sorted(c.number for c in commitments)
        if old != new:
            changes["commitments"] = [old, new]
    history.record_change(
        actor=actor, action=ChangeRecord.Action.UPDATE, target=initiative, changes=changes
    )
    return initiative


def _check_indicator(indicator: Indicator) -> None:
    indicator.full_clean()
    start, end = indicator.period_start, indicator.period_end
    if start and end and end < start:
        raise ValidationError({"period_end": _("The period cannot end before it starts.")})


@transaction.atomic
def indicator_create(
    *,
    actor: Any,
    initiative: Initiative,
    slug: str,
    metric: LanguageMap,
    unit: LanguageMap,
    comparator: str = Indicator.Comparator.AT_LEAST,
    baseline: Decimal | None = None,
    target: Decimal | None = None,
    target_evidence: LanguageMap | None = None,
    period_label: LanguageMap | None = None,
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
) -> Indicator:
    """Add a countable target to an initiative. ``target`` may be omitted for a metric
    that is only tracked."""
    require(permissions.can_edit_initiative(actor, initiative))
    indicator = Indicator(
        initiative=initiative,
        slug=slug,
        metric=metric,
        unit=unit,
        comparator=comparator,
        baseline=baseline,
        target=target,
        target_evidence=target_evidence or {},
        period_label=period_label or {},
        period_start=period_start,
        period_end=period_end,
    )
    _check_indicator(indicator)
    indicator.save()
    history.record_change(
        actor=actor,
        action=ChangeRecord.Action.CREATE,
        target=indicator,
        context=initiative,
        changes={k: [None, v] for k, v in history.snapshot(indicator, INDICATOR_FIELDS).items()},
    )
    return indicator


@transaction.atomic
def indicator_update(*, actor: Any, indicator: Indicator, **fields: Any) -> Indicator:
    require(permissions.can_edit_initiative(actor, indicator.initiative))
    _check_changeable(fields, INDICATOR_FIELDS)
    before = history.snapshot(indicator, INDICATOR_FIELDS)
    for name, value in fields.items():
        setattr(indicator, name, value)
    _check_indicator(indicator)
    indicator.save()
    history.record_change(
        actor=actor,
        action=ChangeRecord.Action.UPDATE,
        target=indicator,
        context=indicator.initiative,
        changes=history.diff(before, history.snapshot(indicator, INDICATOR_FIELDS)),
    )
    return indicator


@transaction.atomic
def measurement_record(
    *,
    actor: Any,
    indicator: Indicator,
    measured_on: dt.date,
    value: Decimal,
    qualifier: str = Measurement.Qualifier.EXACT,
    precision: str = "day",
    evidence: LanguageMap | None = None,
    note: LanguageMap | None = None,
    source_url: str = "",
) -> Measurement:
    """Record a measured value of ``indicator``, with its evidence.

    A measurement cannot predate the initiative it measures.
    """
    initiative = indicator.initiative
    require(permissions.can_edit_initiative(actor, initiative))
    measurement = Measurement(
        indicator=indicator,
        measured_on=measured_on,
        value=value,
        qualifier=qualifier,
        precision=precision,
        evidence=evidence or {},
        note=note or {},
        source_url=source_url,
    )
    measurement.full_clean()
    if initiative.start and measured_on < initiative.start:
        raise ValidationError(
            {
                "measured_on": _("%(date)s is before the initiative began on %(start)s.")
                % {"date": measured_on.isoformat(), "start": initiative.start.isoformat()}
            },
            code="before_start",
        )
    measurement.save()
    history.record_change(
        actor=actor,
        action=ChangeRecord.Action.CREATE,
        target=measurement,
        context=initiative,
        changes={
            "indicator": [None, indicator.slug],
            "measured_on": [None, measured_on.isoformat()],
            "value": [None, str(measurement.value)],
        },
    )
    return measurement


@transaction.atomic
def measurement_delete(*, actor: Any, measurement: Measurement) -> None:
    initiative = measurement.indicator.initiative
    require(permissions.can_edit_initiative(actor, initiative))
    history.record_change(
        actor=actor,
        action=ChangeRecord.Action.DELETE,
        target=measurement,
        context=initiative,
        changes={"value": [str(measurement.value), None]},
    )
    measurement.delete()

"""Writes to tours: the tour, its candidate venues, its stops, and planning.

Held stops are history: no service moves them. Staff pin a planned stop (its venue and kit
stay, the planner may move its dates), lock it (its dates stay too) or reorder a kit's stops
(which pins them, so a re-plan keeps the order); :func:`tour_plan` re-plans everything else.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tongwen.agreements.models import Initiative
from tongwen.common import history
from tongwen.common.actors import require
from tongwen.common.langmap import LanguageMap
from tongwen.common.models import ChangeRecord
from tongwen.institutions.models import Institution
from tongwen.programs import permissions
from tongwen.programs.models import Event, PlanRun, Tour, TourCandidate, TourStop, Venue
from tongwen.programs.planning import registry, solver

logger = logging.getLogger(__name__)

TOUR_FIELDS = (
    "slug",
    "title",
    "description",
    "organiser",
    "initiative",
    "kits",
    "stop_days",
    "transfer_days",
    "starts_on",
    "ends_on",
    "min_venues",
    "min_provinces_per_year",
)
STOP_FIELDS = ("kit", "sequence", "venue", "starts_on", "ends_on", "status", "pinned", "locked")
_MOVING_FIELDS = {"kit", "venue", "starts_on", "ends_on"}


def _refresh_feeds(tour: Tour) -> None:
    """Recompute the indicators fed by this tour (engineer A's attendance module)."""
    try:
        from tongwen.programs.services import attendance
    except ImportError:  # not there yet
        return
    refresh = getattr(attendance, "feeds_refresh_for_tour", None)
    if refresh is not None:
        refresh(tour)


def _after_commit_refresh(tour: Tour) -> None:
    transaction.on_commit(lambda: _refresh_feeds(tour))


# Tours -------------------------------------------------------------------------------------


@transaction.atomic
def tour_create(
    *,
    actor: Any,
    slug: str,
    title: LanguageMap,
    organiser: Institution,
    starts_on: dt.date,
    ends_on: dt.date,
    stop_days: int,
    transfer_days: int = 0,
    kits: int = 1,
    min_venues: int = 0,
    min_provinces_per_year: int = 0,
    description: LanguageMap | None = None,
    initiative: Initiative | None = None,
) -> Tour:
    """Start a touring exhibition; the actor must edit for the organiser."""
    require(permissions.can_create_tour(actor, organiser.pk))
    tour = Tour(
        slug=slug,
        title=title,
        description=description or {},
        organiser=organiser,
        initiative=initiative,
        kits=kits,
        stop_days=stop_days,
        transfer_days=transfer_days,
        starts_on=starts_on,
        ends_on=ends_on,
        min_venues=min_venues,
        min_provinces_per_year=min_provinces_per_year,
    )
    _check_tour(tour)
    tour.save()
    history.record_change(
        actor=actor,
        action=ChangeRecord.Action.CREATE,
        target=tour,
        changes={k: [None, v] for k, v in history.snapshot(tour, TOUR_FIELDS).items()},
    )
    return tour


def _check_tour(tour: Tour) -> None:
    tour.full_clean()
    if tour.ends_on <= tour.starts_on:
        raise ValidationError({"ends_on": _("The period must end after it starts.")})


@transaction.atomic
def tour_update(*, actor: Any, tour: Tour, **fields: Any) -> Tour:
    require(permissions.can_plan_tour(actor, tour))
    unknown = set(fields) - set(TOUR_FIELDS)
    if unknown:
        raise ValidationError({name: _("This field cannot be changed.") for name in unknown})
    before = history.snapshot(tour, TOUR_FIELDS)
    for name, value in fields.items():
        setattr(tour, name, value)
    require(permissions.can_plan_tour(actor, tour))
    _check_tour(tour)
    tour.save()
    history.record_change(
        actor=actor,
        action=ChangeRecord.Action.UPDATE,
        target=tour,
        changes=history.diff(before, history.snapshot(tour, TOUR_FIELDS)),
    )
    return tour


# Candidates --------------------------------------------------------------------------------


def _candidate(entry: Any) -> tuple[Venue, dt.date | None, dt.date | None]:
    if isinstance(entry, Venue):
        return entry, None, None
    if isinstance(entry, dict):
        return entry["venue"], entry.get("available_from"), entry.get("available_until")
    venue, available_from, available_until = entry
    return venue, available_from, available_until


@transaction.atomic
def candidates_set(*, actor: Any, tour: Tour, candidates: Sequence[Any]) -> int:
    """Replace the tour's candidate venues. Each entry is a venue, or ``(venue, from, until)``
    or ``{"venue", "available_from", "available_until"}`` (empty dates: any time)."""
    require(permissions.can_plan_tour(actor, tour))
    links = []
    for entry in candidates:
        venue, available_from, available_until = _candidate(entry)
        if available_from and available_until and available_until < available_from:
            raise ValidationError(
                {
                    "available_until": _("%(venue)s: the window cannot end before it starts.")
                    % {"venue": venue}
                }
            )
        links.append(
            TourCandidate(
                tour=tour,
                venue=venue,
                available_from=available_from,
                available_until=available_until,
            )
        )
    if len({link.venue.pk for link in links}) != len(links):
        raise ValidationError({"candidates": _("A venue is listed twice.")})
    before = sorted(tour.candidate_links.values_list("venue_id", flat=True))
    tour.candidate_links.all().delete()
    TourCandidate.objects.bulk_create(links, batch_size=500)
    history.record_change(
        actor=actor,
        action=ChangeRecord.Action.UPDATE,
        target=tour,
        changes={"candidates": [len(before), len(links)]}
        if before != sorted(link.venue.pk for link in links)
        else {},
    )
    return len(links)


@transaction.atomic
def candidate_update(
    *,
    actor: Any,
    tour: Tour,
    venue: Venue,
    available_from: dt.date | None = None,
    available_until: dt.date | None = None,
    remove: bool = False,
) -> TourCandidate | None:
    """Add one candidate, change its window, or (``remove``) drop it."""
    require(permissions.can_plan_tour(actor, tour))
    if remove:
        tour.candidate_links.filter(venue=venue).delete()
        history.record_change(
            actor=actor,
            action=ChangeRecord.Action.UPDATE,
            target=tour,
            changes={"candidate_removed": [venue.slug, None]},
        )
        return None
    if available_from and available_until and available_until < available_from:
        raise ValidationError(
            {"available_until": _("The window cannot end before it starts.")}, code="invalid"
        )
    link, _created = TourCandidate.objects.update_or_create(
        tour=tour,
        venue=venue,
        defaults={"available_from": available_from, "available_until": available_until},
    )
    history.record_change(
        actor=actor,
        action=ChangeRecord.Action.UPDATE,
        target=tour,
        changes={"candidate": [None, [venue.slug, str(available_from), str(available_until)]]},
    )
    return link


# Stops -------------------------------------------------------------------------------------


def _top_sequence(tour: Tour) -> int:
    return TourStop.objects.filter(tour=tour).aggregate(top=Max("sequence"))["top"] or 0


def _shift_sequences(tour: Tour) -> None:
    """Move every sequence above the current highest, so renumbering never collides."""
    TourStop.objects.filter(tour=tour).update(sequence=F("sequence") + _top_sequence(tour) + 1)


def _renumber(tour: Tour) -> None:
    """Number each kit's stops 1, 2, … by date (the unique order is kept throughout)."""
    stops = list(TourStop.objects.filter(tour=tour).order_by("kit", "starts_on", "sequence", "id"))
    _shift_sequences(tour)
    position: dict[int, int] = {}
    for stop in stops:
        position[stop.kit] = position.get(stop.kit, 0) + 1
        stop.sequence = position[stop.kit]
    TourStop.objects.bulk_update(stops, ["sequence"], batch_size=500)


def _check_stop(stop: TourStop, tour: Tour) -> None:
    if stop.kit > tour.kits:
        raise ValidationError(
            {
                "kit": ngettext(
                    "The tour has %(kits)d kit.", "The tour has %(kits)d kits.", tour.kits
                )
                % {"kits": tour.kits}
            },
            code="invalid",
        )
    stop.full_clean(exclude=["sequence"])
    if stop.ends_on < stop.starts_on:
        raise ValidationError({"ends_on": _("A stop cannot close before it opens.")})


def _stop_record(actor: Any, stop: TourStop, action: str, changes: dict[str, Any]) -> None:
    history.record_change(
        actor=actor, action=action, target=stop, context=stop.tour, changes=changes
    )


@transaction.atomic
def stop_add(
    *,
    actor: Any,
    tour: Tour,
    venue: Venue,
    kit: int,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    status: str = TourStop.Status.PLANNED,
    pinned: bool = False,
    locked: bool = False,
) -> TourStop:
    """Add a stop; it closes after the tour's ``stop_days`` unless ``ends_on`` is given.
    A locked stop is also pinned. Adding a held stop refreshes the indicators it feeds."""
    require(permissions.can_plan_tour(actor, tour))
    stop = TourStop(
        tour=tour,
        venue=venue,
        kit=kit,
        sequence=_top_sequence(tour) + 1,
        starts_on=starts_on,
        ends_on=ends_on or starts_on + dt.timedelta(days=tour.stop_days - 1),
        status=status,
        pinned=pinned or locked,
        locked=locked,
    )
    _check_stop(stop, tour)
    stop.save()
    _renumber(tour)
    stop.refresh_from_db()
    _stop_record(
        actor,
        stop,
        ChangeRecord.Action.CREATE,
        {k: [None, v] for k, v in history.snapshot(stop, STOP_FIELDS).items()},
    )
    if stop.status == TourStop.Status.HELD:
        _after_commit_refresh(tour)
    return stop


@transaction.atomic
def stop_update(*, actor: Any, stop: TourStop, **fields: Any) -> TourStop:
    """Change a planned stop: ``venue``, ``kit``, ``starts_on``, ``ends_on``, ``pinned``,
    ``locked`` (locking pins; unpinning unlocks). Held stops cannot be moved."""
    tour = stop.tour
    require(permissions.can_plan_tour(actor, tour))
    allowed = {"venue", "kit", "starts_on", "ends_on", "pinned", "locked"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError({name: _("This field cannot be changed.") for name in unknown})
    before = history.snapshot(stop, STOP_FIELDS)
    if stop.status == TourStop.Status.HELD and any(
        name in _MOVING_FIELDS and fields[name] != getattr(stop, name) for name in fields
    ):
        raise ValidationError(_("This stop was held; it cannot be moved."), code="held")
    for name, value in fields.items():
        setattr(stop, name, value)
    if fields.get("locked"):
        stop.pinned = True
    if fields.get("pinned") is False:
        stop.locked = False
    if "starts_on" in fields and "ends_on" not in fields:
        stop.ends_on = stop.starts_on + dt.timedelta(days=tour.stop_days - 1)
    _check_stop(stop, tour)
    stop.save()
    _renumber(tour)
    stop.refresh_from_db()
    _stop_record(
        actor,
        stop,
        ChangeRecord.Action.UPDATE,
        history.diff(before, history.snapshot(stop, STOP_FIELDS)),
    )
    return stop


def stop_pin(*, actor: Any, stop: TourStop, pinned: bool = True) -> TourStop:
    return stop_update(actor=actor, stop=stop, pinned=pinned)


def stop_lock(*, actor: Any, stop: TourStop, locked: bool = True) -> TourStop:
    return stop_update(actor=actor, stop=stop, locked=locked)


@transaction.atomic
def stop_delete(*, actor: Any, stop: TourStop) -> None:
    require(permissions.can_plan_tour(actor, stop.tour))
    if stop.status == TourStop.Status.HELD:
        raise ValidationError(_("This stop was held; it cannot be removed."), code="held")
    _stop_record(actor, stop, ChangeRecord.Action.DELETE, {"venue": [stop.venue.slug, None]})
    tour = stop.tour
    stop.delete()
    _renumber(tour)


@transaction.atomic
def stops_reorder(*, actor: Any, tour: Tour, kit: int, stop_ids: Sequence[int]) -> list[TourStop]:
    """Put a kit's planned stops in the order of ``stop_ids``: the stops swap their date slots
    (the earliest slot to the first), and are pinned so that a re-plan keeps the order. Held
    and locked stops keep their place."""
    require(permissions.can_plan_tour(actor, tour))
    stops = {
        s.pk: s for s in TourStop.objects.filter(tour=tour, kit=kit, status=TourStop.Status.PLANNED)
    }
    movable = {pk: s for pk, s in stops.items() if not s.locked}
    if sorted(stop_ids) != sorted(movable):
        raise ValidationError(
            {"stops": _("Give every unlocked planned stop of the kit once.")}, code="invalid"
        )
    slots = sorted((s.starts_on, s.ends_on) for s in movable.values())
    before = [s.pk for s in sorted(movable.values(), key=lambda s: s.starts_on)]
    ordered = [movable[pk] for pk in stop_ids]
    for stop, (opens, closes) in zip(ordered, slots, strict=True):
        stop.starts_on, stop.ends_on, stop.pinned = opens, closes, True
    TourStop.objects.bulk_update(ordered, ["starts_on", "ends_on", "pinned"])
    _renumber(tour)
    history.record_change(
        actor=actor,
        action=ChangeRecord.Action.UPDATE,
        target=tour,
        changes={f"kit_{kit}_order": [before, list(stop_ids)]},
    )
    return list(TourStop.objects.filter(tour=tour, kit=kit).select_related("venue"))


@transaction.atomic
def stop_mark_held(*, actor: Any, stop: TourStop) -> TourStop:
    """Record that a stop took place; the indicators fed by the tour are refreshed."""
    require(permissions.can_plan_tour(actor, stop.tour))
    if stop.status != TourStop.Status.HELD:
        stop.status = TourStop.Status.HELD
        stop.save(update_fields=["status"])
        _stop_record(actor, stop, ChangeRecord.Action.UPDATE, {"status": ["planned", "held"]})
        _after_commit_refresh(stop.tour)
    return stop


@transaction.atomic
def stop_event_create(*, actor: Any, stop: TourStop) -> Event:
    """Create the ``tour_stop`` event of a stop (one session from opening to closing day)."""
    require(permissions.can_plan_tour(actor, stop.tour))
    if stop.event_id is not None:
        assert stop.event is not None
        return stop.event
    from django.utils import timezone

    from tongwen.programs.services import events as event_services

    tour = stop.tour
    opens = timezone.make_aware(dt.datetime.combine(stop.starts_on, dt.time(9)))
    closes = timezone.make_aware(dt.datetime.combine(stop.ends_on, dt.time(17)))
    title = {
        tag: f"{text} · {stop.venue.name.get(tag) or stop.venue}"
        for tag, text in tour.title.items()
        if tag in ("zh-Hans", "en")
    }
    event = event_services.event_create(
        actor=actor,
        slug=f"{tour.slug}-{stop.kit}-{stop.sequence}"[:80],
        kind=Event.Kind.TOUR_STOP,
        title=title or tour.title,
        organiser=tour.organiser,
        venue=stop.venue,
        initiatives=[tour.initiative] if tour.initiative else [],
        sessions=[{"starts_at": opens, "ends_at": closes}],
    )
    with contextlib.suppress(ValidationError, TypeError):
        event = event_services.event_update(actor=actor, event=event, tour=tour)
    stop.event = event
    stop.save(update_fields=["event"])
    _stop_record(actor, stop, ChangeRecord.Action.UPDATE, {"event": [None, event.slug]})
    return event


# Planning ----------------------------------------------------------------------------------


def _site(venue: Venue, link: TourCandidate | None = None) -> solver.Site | None:
    if venue.latitude is not None and venue.longitude is not None:
        latitude, longitude = float(venue.latitude), float(venue.longitude)
    else:
        found = registry.coordinates(venue.division_code)
        if found is None:
            return None
        latitude, longitude = found
    return solver.Site(
        key=str(venue.pk),
        division_code=venue.division_code,
        latitude=latitude,
        longitude=longitude,
        available_from=link.available_from if link else None,
        available_until=link.available_until if link else None,
        name=str(venue),
    )


def tour_spec(tour: Tour) -> solver.TourSpec:
    base = (
        registry.coordinates(tour.organiser.division_code) if tour.organiser.division_code else None
    )
    return solver.TourSpec(
        kits=tour.kits,
        stop_days=tour.stop_days,
        transfer_days=tour.transfer_days,
        starts_on=tour.starts_on,
        ends_on=tour.ends_on,
        min_venues=tour.min_venues,
        min_provinces_per_year=tour.min_provinces_per_year,
        base=base,
    )


def planning_input(
    tour: Tour,
) -> tuple[solver.TourSpec, dict[str, solver.Site], list[str], list[solver.Stop]]:
    """The tour as the planner sees it: spec, venues, candidate keys, current stops."""
    sites: dict[str, solver.Site] = {}
    candidates: list[str] = []
    for link in tour.candidate_links.select_related("venue"):
        site = _site(link.venue, link)
        if site is not None:
            sites[site.key] = site
            candidates.append(site.key)
    stops = []
    for stop in tour.stops.select_related("venue"):
        key = str(stop.venue_id)
        if key not in sites:
            site = _site(stop.venue)
            if site is None:
                continue
            sites[key] = site
        stops.append(
            solver.Stop(
                site=key,
                kit=stop.kit,
                starts_on=stop.starts_on,
                ends_on=stop.ends_on,
                status=stop.status,
                pinned=stop.pinned,
                locked=stop.locked,
                ref=stop.pk,
            )
        )
    return tour_spec(tour), sites, candidates, stops


def tour_check(tour: Tour) -> list[solver.PlanIssue]:
    """Every way the tour's current stops break its rules or miss its goals."""
    spec, sites, _candidates, stops = planning_input(tour)
    return solver.check_plan(spec, sites, stops, stops)


def tour_plan(*, actor: Any, tour: Tour, time_limit: int = 30) -> PlanRun:
    """Re-plan the tour's planned stops that are neither pinned nor locked, with the solver
    (:mod:`tongwen.programs.planning.solver`) under ``time_limit`` seconds, and record the run.
    The solver runs outside any transaction; the plan is written in one."""
    require(permissions.can_plan_tour(actor, tour))
    if not 1 <= time_limit <= 600:
        raise ValidationError(
            {"time_limit": _("Give a time limit between 1 and 600 seconds.")}, code="invalid"
        )
    spec, sites, candidates, current = planning_input(tour)
    plan = solver.plan_tour(spec, sites, candidates, current, time_limit=time_limit)
    venues = {str(v.pk): v for v in Venue.objects.filter(pk__in=[int(k) for k in sites])}
    with transaction.atomic():
        keep = {s.ref for s in plan.stops if s.ref is not None}
        tour.stops.filter(status=TourStop.Status.PLANNED).exclude(pk__in=keep).delete()
        _shift_sequences(tour)
        top = _top_sequence(tour)
        moved = []
        new = []
        for position, stop in enumerate(plan.stops):
            if stop.ref is not None:
                if stop.status == TourStop.Status.HELD or stop.locked:
                    continue
                moved.append(TourStop(pk=stop.ref, starts_on=stop.starts_on, ends_on=stop.ends_on))
            else:
                new.append(
                    TourStop(
                        tour=tour,
                        kit=stop.kit,
                        sequence=top + 1 + position,
                        venue=venues[stop.site],
                        starts_on=stop.starts_on,
                        ends_on=stop.ends_on,
                        status=TourStop.Status.PLANNED,
                    )
                )
        TourStop.objects.bulk_update(moved, ["starts_on", "ends_on"], batch_size=500)
        TourStop.objects.bulk_create(new, batch_size=500)
        _renumber(tour)
        run = PlanRun.objects.create(
            tour=tour,
            seconds=round(plan.seconds, 2),
            time_limit=time_limit,
            solver_status=plan.status,
            total_km=round(plan.total_km, 1),
            stops_planned=plan.stops_planned,
            goals_met=plan.goals_met,
            problems=[issue.as_dict() for issue in plan.issues],
            requested_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        history.record_change(
            actor=actor,
            action=ChangeRecord.Action.UPDATE,
            target=tour,
            changes={"plan": [None, {"stops": plan.stops_planned, "km": round(plan.total_km)}]},
        )
    logger.info("Planned %s: %s", tour.slug, plan.status)
    return run

"""Attendance: walk-in visitor counts, and the indicators computed from attendance and tours.

An :class:`~tongwen.programs.models.IndicatorFeed` makes an agreement's indicator computed
rather than typed in. After every change that moves its figure (a visitor count recorded or
deleted, a check-in, a tour stop marked held) the feed is recomputed once the change is
committed and written as that day's measurement of the indicator: one measurement per day,
replaced as the day goes on. The system writes it on the organiser's behalf, keeping the
agreements' rule that no measurement predates its initiative (before the start, nothing is
written).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tongwen.agreements import permissions as agreement_permissions
from tongwen.agreements.models import Indicator, Measurement
from tongwen.common import history
from tongwen.common.actors import SYSTEM, require
from tongwen.common.langmap import LanguageMap
from tongwen.common.models import ChangeRecord
from tongwen.programs import permissions
from tongwen.programs.models import Event, IndicatorFeed, Tour, TourStop, VisitorCount
from tongwen.programs.selectors.events import person_times

logger = logging.getLogger(__name__)


@transaction.atomic
def visitor_count_record(
    *, actor: Any, event: Event, day: dt.date, visitors: int, note: str = ""
) -> VisitorCount:
    """Record (or correct) the walk-in visitors of ``event`` on ``day``: one count per day,
    a second call for the same day replaces the first. Days in the future are refused."""
    require(permissions.can_manage_event(actor, event))
    if day > timezone.localdate():
        raise ValidationError(
            {
                "day": ValidationError(
                    _("Visitors cannot be counted for a day that has not come yet."), code="future"
                )
            }
        )
    count = VisitorCount.objects.select_for_update().filter(event_id=event.pk, day=day).first()
    before = {"visitors": count.visitors, "note": count.note} if count else None
    if count is None:
        count = VisitorCount(event=event, day=day)
    count.visitors = visitors
    count.note = note
    count.recorded_by = actor if getattr(actor, "is_authenticated", False) else None
    count.full_clean(exclude=["event"] if count.pk is None else None)
    count.save()
    after = {"visitors": visitors, "note": note}
    if before is None:
        history.record_change(
            actor=actor,
            action=ChangeRecord.Action.CREATE,
            target=count,
            context=event,
            changes={"day": [None, day.isoformat()], **{k: [None, v] for k, v in after.items()}},
        )
    else:
        history.record_change(
            actor=actor,
            action=ChangeRecord.Action.UPDATE,
            target=count,
            context=event,
            changes=history.diff(before, after),
        )
    transaction.on_commit(lambda: feeds_refresh_for_event(event), robust=True)
    return count


@transaction.atomic
def visitor_count_delete(*, actor: Any, visitor_count: VisitorCount) -> None:
    event = visitor_count.event
    require(permissions.can_manage_event(actor, event))
    history.record_change(
        actor=actor,
        action=ChangeRecord.Action.DELETE,
        target=visitor_count,
        context=event,
        changes={
            "day": [visitor_count.day.isoformat(), None],
            "visitors": [visitor_count.visitors, None],
        },
    )
    visitor_count.delete()
    transaction.on_commit(lambda: feeds_refresh_for_event(event), robust=True)


@transaction.atomic
def indicator_feed_set(
    *,
    actor: Any,
    indicator: Indicator,
    metric: str,
    events: Sequence[Event] = (),
    tour: Tour | None = None,
) -> IndicatorFeed:
    """Make ``indicator`` computed: person-times of ``events`` (of every event of the
    indicator's initiative when none are given), or the venues or provinces reached by the held
    stops of ``tour``. Replaces the indicator's previous feed; the first measurement is
    written once committed."""
    require(agreement_permissions.can_edit_initiative(actor, indicator.initiative))
    events = list(events)
    if metric not in IndicatorFeed.Metric.values:
        raise ValidationError(
            {"metric": ValidationError(_("Unknown metric."), code="invalid_choice")}
        )
    if metric == IndicatorFeed.Metric.PERSON_TIMES:
        if tour is not None:
            raise ValidationError(
                {
                    "tour": ValidationError(
                        _("Person-times are computed from events, not from a tour."), code="invalid"
                    )
                }
            )
        hidden = [e for e in events if not permissions.can_view_event(actor, e)]
        if hidden:
            raise ValidationError(
                {"events": ValidationError(_("Choose events you can see."), code="invalid")}
            )
    else:
        if tour is None:
            raise ValidationError(
                {
                    "tour": ValidationError(
                        _("Venues and provinces are computed from a tour."), code="required"
                    )
                }
            )
        if events:
            raise ValidationError(
                {
                    "events": ValidationError(
                        _("Venues and provinces are computed from a tour, not from events."),
                        code="invalid",
                    )
                }
            )
    feed = IndicatorFeed.objects.filter(indicator=indicator).first()
    before = (
        {
            "metric": feed.metric,
            "events": sorted(feed.events.values_list("slug", flat=True)),
            "tour": feed.tour.slug if feed.tour else None,
        }
        if feed
        else None
    )
    if feed is None:
        feed = IndicatorFeed(indicator=indicator)
    feed.metric = metric
    feed.tour = tour
    feed.full_clean(exclude=["indicator"] if feed.pk is None else None)
    feed.save()
    feed.events.set(events)
    after = {
        "metric": metric,
        "events": sorted(e.slug for e in events),
        "tour": tour.slug if tour else None,
    }
    history.record_change(
        actor=actor,
        action=ChangeRecord.Action.CREATE if before is None else ChangeRecord.Action.UPDATE,
        target=feed,
        context=indicator.initiative,
        changes={k: [None, v] for k, v in after.items()}
        if before is None
        else history.diff(before, after),
    )
    feed_id = feed.pk
    transaction.on_commit(lambda: feed_refresh(feed_id=feed_id), robust=True)
    return feed


def _period(indicator: Indicator) -> tuple[dt.date | None, dt.date | None]:
    return indicator.period_start, indicator.period_end


def _feed_events(feed: IndicatorFeed) -> Any:
    chosen = feed.events.all()
    if chosen.exists():
        return chosen
    return Event.objects.filter(initiatives=feed.indicator.initiative)


def _held_stops(feed: IndicatorFeed) -> Any:
    stops = TourStop.objects.filter(tour=feed.tour, status=TourStop.Status.HELD)
    start, end = _period(feed.indicator)
    if start is not None:
        stops = stops.filter(starts_on__gte=start)
    if end is not None:
        stops = stops.filter(starts_on__lte=end)
    return stops


def feed_value(feed: IndicatorFeed) -> tuple[int, LanguageMap]:
    """The feed's current figure and the evidence to store with it (content, in both
    languages)."""
    if feed.metric == IndicatorFeed.Metric.PERSON_TIMES:
        events = _feed_events(feed)
        start, end = _period(feed.indicator)
        n = events.count()
        value = person_times(events=events, start=start, end=end)
        return value, {
            "en": f"Computed from attendance of {n} {'event' if n == 1 else 'events'}"
            " (visitor counts and check-ins).",
            "zh-Hans": f"根据{n}项活动的出席数据（观众人数与签到）计算。",
        }
    stops = _held_stops(feed)
    codes = list(stops.values_list("venue_id", "venue__division_code"))
    n_stops = stops.count()
    if feed.metric == IndicatorFeed.Metric.VENUES:
        value = len({venue_id for venue_id, _code in codes})
        return value, {
            "en": f"Computed from {n_stops} held stops of the tour: distinct venues.",
            "zh-Hans": f"根据巡展已举办的{n_stops}站计算：不同场馆数。",
        }
    value = len({code[:2] for _venue, code in codes})
    return value, {
        "en": f"Computed from {n_stops} held stops of the tour: distinct provinces.",
        "zh-Hans": f"根据巡展已举办的{n_stops}站计算：不同省份数。",
    }


@transaction.atomic
def feed_refresh(*, feed_id: int, today: dt.date | None = None) -> Measurement | None:
    """Recompute one feed and write it as the day's measurement of its indicator (replacing
    an earlier measurement of the same day). Nothing is written before the initiative starts,
    nor when the figure equals the latest measurement of an earlier day: a new row says that
    something changed. For the same reason a first figure of zero is not written (nothing has
    happened yet is not a measured zero). Safe to retry."""
    feed = (
        IndicatorFeed.objects.select_related("indicator__initiative", "tour")
        .filter(pk=feed_id)
        .first()
    )
    if feed is None:
        return None
    indicator = feed.indicator
    initiative = indicator.initiative
    today = today or timezone.localdate()
    if initiative.start and today < initiative.start:
        logger.info("Feed %s: initiative %s has not started", feed_id, initiative.slug)
        return None
    value, evidence = feed_value(feed)
    # Lock the indicator so two refreshes of the same day do not both create a measurement.
    Indicator.objects.select_for_update().filter(pk=indicator.pk).first()
    measurement = (
        Measurement.objects.filter(indicator=indicator, measured_on=today).order_by("-id").first()
    )
    amount = Decimal(value)
    if measurement is None:
        earlier = (
            Measurement.objects.filter(indicator=indicator, measured_on__lt=today)
            .order_by("-measured_on", "-id")
            .first()
        )
        if amount == (earlier.value if earlier is not None else Decimal(0)):
            return earlier
        measurement = Measurement(
            indicator=indicator,
            measured_on=today,
            value=amount,
            qualifier=Measurement.Qualifier.EXACT,
            evidence=evidence,
        )
        measurement.full_clean()
        measurement.save()
        history.record_change(
            actor=SYSTEM,
            action=ChangeRecord.Action.CREATE,
            target=measurement,
            context=initiative,
            changes={
                "indicator": [None, indicator.slug],
                "measured_on": [None, today.isoformat()],
                "value": [None, _decimal_text(amount)],
            },
        )
        return measurement
    before = {"value": _decimal_text(measurement.value), "evidence": measurement.evidence}
    after = {"value": _decimal_text(amount), "evidence": evidence}
    changes = history.diff(before, after)
    if not changes:
        return measurement
    measurement.value = amount
    measurement.evidence = evidence
    measurement.full_clean()
    measurement.save(update_fields=["value", "evidence"])
    history.record_change(
        actor=SYSTEM,
        action=ChangeRecord.Action.UPDATE,
        target=measurement,
        context=initiative,
        changes=changes,
    )
    return measurement


def _decimal_text(value: Decimal) -> str:
    return str(Decimal(value).quantize(Decimal("0.01")))


def _refresh(feeds: Any) -> list[Measurement]:
    written = []
    for feed_id in feeds.values_list("pk", flat=True):
        measurement = feed_refresh(feed_id=feed_id)
        if measurement is not None:
            written.append(measurement)
    return written


def feeds_refresh_for_event(event: Event) -> list[Measurement]:
    """Recompute the person-times feeds that count ``event``: those listing it, and those of
    its initiatives that list no events. Call once the change is committed."""
    initiative_ids = list(event.initiatives.values_list("pk", flat=True))
    feeds = IndicatorFeed.objects.filter(metric=IndicatorFeed.Metric.PERSON_TIMES).filter(
        Q(events=event) | Q(events__isnull=True, indicator__initiative_id__in=initiative_ids)
    )
    return _refresh(feeds.distinct())


def feeds_refresh_for_tour(tour: Tour) -> list[Measurement]:
    """Recompute the venue and province feeds of ``tour`` (after a stop is marked held or
    changed). Engineer B's tour services call it with ``transaction.on_commit``."""
    feeds = IndicatorFeed.objects.filter(
        tour=tour, metric__in=[IndicatorFeed.Metric.VENUES, IndicatorFeed.Metric.PROVINCES]
    )
    return _refresh(feeds)


def feeds_refresh_all() -> list[Measurement]:
    """Recompute every feed (a nightly task: the day's first measurement)."""
    return _refresh(IndicatorFeed.objects.all())

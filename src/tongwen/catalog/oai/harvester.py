"""Harvesting partners' OAI-PMH repositories into the shared collection.

:func:`harvest` asks a source for what changed since its last completed run (``from`` =
the responseDate of that run's first response, at the partner's granularity), follows the
resumption tokens and upserts each page in one transaction together with the run's
counters and the next token. A run that dies midway therefore leaves a consistent state,
and the next call resumes it from the saved token. Upserts are keyed on (source, OAI
identifier) and skip records whose mapped fields did not change (a fingerprint), so
harvesting the same data twice writes nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import hashlib
import json
import logging
import re
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection, models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tongwen.catalog import permissions, services
from tongwen.catalog.models import Creator, HarvestRun, HarvestSource, Resource, Rights
from tongwen.catalog.oai.client import (
    HarvestError,
    ListPage,
    OAIClient,
    OAIError,
    OAIRecord,
    format_datestamp,
    split_credentials,
)
from tongwen.catalog.oai.mappings import MappedRecord, MappingError, map_record
from tongwen.common import history, langmap
from tongwen.common.actors import require
from tongwen.common.langmap import LanguageMap
from tongwen.common.models import ChangeRecord
from tongwen.institutions.models import Institution

logger = logging.getLogger(__name__)
_M = TypeVar("_M", bound=models.Model)

#: A running run whose last sign of life is older than this has died; the next call resumes
#: it. Longer than one page can take with every retry (timeouts plus backoff).
HEARTBEAT_STALE = dt.timedelta(minutes=10)
#: How many record errors a run keeps (the counters keep counting).
MAX_ERRORS = 100
#: Part of every fingerprint: bumping it makes the next run rewrite every record once.
MAPPING_VERSION = 1

SOURCE_FIELDS = (
    "slug",
    "name",
    "base_url",
    "metadata_prefix",
    "set_spec",
    "mapping",
    "institution",
    "default_rights",
    "enabled",
)
_CHANGEABLE = frozenset(SOURCE_FIELDS) - {"slug"}
# Changing what is asked for, or how records resolve, makes the next run a full one.
_RESETS_INCREMENTAL = frozenset(
    {"base_url", "metadata_prefix", "set_spec", "mapping", "institution", "default_rights"}
)
#: Resource fields a harvest writes (besides the upsert key and the slug of new records).
WRITTEN_FIELDS = (
    "holder",
    "kind",
    "title",
    "alt_titles",
    "date_written",
    "year_from",
    "year_to",
    "period",
    "edition",
    "edition_note",
    "extent_juan",
    "extent_volumes",
    "extent_pages",
    "extent_note",
    "dimensions",
    "subjects",
    "languages",
    "script",
    "call_number",
    "identifiers",
    "description",
    "rights",
    "visibility",
    "viewing_direction",
    "origin_datestamp",
    "origin_fingerprint",
    "modified_at",
    "deleted_at",
)
_SLUG_MAX = 120


# Sources ---------------------------------------------------------------------------------


def _check_source(source: HarvestSource) -> None:
    source.full_clean()
    url, _credentials = split_credentials(source.base_url)
    if not url.lower().startswith(("http://", "https://")):
        raise ValidationError(
            {"base_url": _("The base URL must start with http:// or https://.")}, code="invalid"
        )


@transaction.atomic
def harvest_source_create(
    *,
    actor: Any,
    institution: Institution,
    slug: str,
    name: LanguageMap,
    base_url: str,
    metadata_prefix: str = "oai_dc",
    set_spec: str = "",
    mapping: str = HarvestSource.Mapping.OAI_DC,
    default_rights: str = Rights.CNE,
) -> HarvestSource:
    """Register a partner's repository; its records will land under ``institution`` unless
    they name a holder Tongwen knows. Credentials for HTTP Basic go in the base URL."""
    require(permissions.can_manage_harvesting(actor, institution.pk))
    source = HarvestSource(
        institution=institution,
        slug=slug,
        name=name,
        base_url=base_url.strip(),
        metadata_prefix=metadata_prefix.strip(),
        set_spec=set_spec.strip(),
        mapping=mapping,
        default_rights=default_rights,
    )
    _check_source(source)
    source.save()
    history.record_change(
        actor=actor,
        action=ChangeRecord.Action.CREATE,
        target=source,
        changes=_source_snapshot(source),
    )
    return source


def _source_snapshot(source: HarvestSource) -> dict[str, Any]:
    snapshot = history.snapshot(source, SOURCE_FIELDS)
    # Credentials never go into the history.
    snapshot["base_url"] = split_credentials(source.base_url)[0]
    return snapshot


@transaction.atomic
def harvest_source_update(*, actor: Any, source: HarvestSource, **fields: Any) -> HarvestSource:
    """Change a source. Its slug cannot change (it prefixes its resources' slugs); changing
    what is asked for (URL, format, set, mapping) makes the next run a full one."""
    require(permissions.can_manage_harvesting(actor, source.institution_id))
    unknown = set(fields) - _CHANGEABLE
    if unknown:
        raise ValidationError({name: _("This field cannot be changed.") for name in unknown})
    if "institution" in fields:
        require(permissions.can_manage_harvesting(actor, fields["institution"].pk))
    source = HarvestSource.objects.select_for_update().get(pk=source.pk)
    before = _source_snapshot(source)
    for name, value in fields.items():
        setattr(source, name, value.strip() if isinstance(value, str) else value)
    _check_source(source)
    changes = history.diff(before, _source_snapshot(source))
    if set(changes) & _RESETS_INCREMENTAL:
        source.last_harvested = None
    source.save()
    history.record_change(
        actor=actor, action=ChangeRecord.Action.UPDATE, target=source, changes=changes
    )
    return source


# Runs ------------------------------------------------------------------------------------


def _busy_error(run: HarvestRun) -> ValidationError:
    beat = run.heartbeat_at or run.started_at
    return ValidationError(
        _(
            "A harvest of this source is already running (last sign of life at %(when)s). "
            "Wait for it to finish."
        )
        % {"when": timezone.localtime(beat).strftime("%Y-%m-%d %H:%M:%S")},
        code="running",
    )


def running_run(source: HarvestSource) -> HarvestRun | None:
    """The run of ``source`` still alive (heartbeat within :data:`HEARTBEAT_STALE`), if any."""
    run = source.runs.order_by("-started_at", "-id").first()
    if run is None or run.status != HarvestRun.Status.RUNNING:
        return None
    beat = run.heartbeat_at or run.started_at
    return run if timezone.now() - beat < HEARTBEAT_STALE else None


@transaction.atomic
def _begin(source: HarvestSource, *, full: bool) -> HarvestRun:
    """The run to work on: a live one refuses, a dead or failed one mid-list resumes."""
    HarvestSource.objects.select_for_update().filter(pk=source.pk).first()
    latest = source.runs.order_by("-started_at", "-id").first()
    now = timezone.now()
    resume = None
    if latest is not None and latest.status == HarvestRun.Status.RUNNING:
        beat = latest.heartbeat_at or latest.started_at
        if now - beat < HEARTBEAT_STALE:
            raise _busy_error(latest)
        resume = latest  # it died: carry on where it stopped
    elif (
        latest is not None
        and latest.status == HarvestRun.Status.FAILED
        and latest.resumption_token
        and (not full or latest.from_datestamp is None)
    ):
        resume = latest
    if resume is not None:
        resume.status = HarvestRun.Status.RUNNING
        resume.heartbeat_at = now
        resume.finished_at = None
        resume.save(update_fields=["status", "heartbeat_at", "finished_at"])
        return resume
    return HarvestRun.objects.create(
        source=source,
        status=HarvestRun.Status.RUNNING,
        heartbeat_at=now,
        from_datestamp=None if full else source.last_harvested,
    )


@dataclass
class _PageOutcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    failed: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    changed_ids: list[int] = field(default_factory=list)


class _Harvest:
    """One call of :func:`harvest`: the source, the run and what is looked up once."""

    def __init__(self, *, actor: Any, source: HarvestSource, run: HarvestRun) -> None:
        self.actor = actor
        self.source = source
        self.run = run
        self.slug_prefix = source.slug
        self.institutions_by_slug: dict[str, int] = {}
        self.institutions_by_name: dict[str, int] = {}
        for institution in Institution.objects.only("id", "slug", "name", "alt_names"):
            self.institutions_by_slug[institution.slug] = institution.pk
            names = list((institution.name or {}).values())
            for other in institution.alt_names or []:
                names += list(other.values()) if isinstance(other, dict) else [other]
            for name in names:
                if isinstance(name, str) and name.strip():
                    self.institutions_by_name.setdefault(name.strip().casefold(), institution.pk)

    # Mapping -----------------------------------------------------------------------------

    def holder_id(self, mapped: MappedRecord) -> int:
        for slug in mapped.holder_slugs:
            if slug in self.institutions_by_slug:
                return self.institutions_by_slug[slug]
        for name in mapped.holder_names:
            found = self.institutions_by_name.get(name.strip().casefold())
            if found:
                return found
        return self.source.institution_id

    def values(self, mapped: MappedRecord) -> dict[str, Any]:
        """Every field the record sets, resolved against this Tongwen: the fingerprint's
        input and what is written."""
        values = dict(mapped.fields)
        values["holder_id"] = self.holder_id(mapped)
        values["rights"] = mapped.rights or self.source.default_rights
        values["visibility"] = Resource.Visibility.PUBLIC.value
        values["viewing_direction"] = _viewing_direction(values)
        return values


def _viewing_direction(values: dict[str, Any]) -> str:
    """As for resources created by hand; a partner's MODS does not carry the direction."""
    if services.reads_right_to_left(
        kind=values["kind"],
        script=values["script"],
        languages=values["languages"],
        year_from=values["year_from"],
    ):
        return Resource.ViewingDirection.RIGHT_TO_LEFT.value
    return Resource.ViewingDirection.LEFT_TO_RIGHT.value


# What json.dumps(..., sort_keys=True, ensure_ascii=False, separators=(",", ":")) uses, made
# once rather than for every record.
_CANONICAL = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def fingerprint(values: dict[str, Any], creators: list[dict[str, Any]]) -> str:
    """sha256 of the canonical JSON of what a record maps to."""
    payload = {"version": MAPPING_VERSION, "fields": values, "creators": creators}
    return hashlib.sha256(_CANONICAL.encode(payload).encode("utf-8")).hexdigest()


_NOT_SLUG = re.compile(r"[^a-z0-9_-]+")
_DASHES = re.compile(r"-{2,}")


def _slug_part(text: str) -> str:
    return _DASHES.sub("-", _NOT_SLUG.sub("-", text.lower())).strip("-_")


def local_id(identifier: str) -> str:
    """The repository's own id inside an ``oai:<namespace>:<id>`` identifier."""
    if identifier.startswith("oai:") and identifier.count(":") >= 2:
        return identifier.split(":", 2)[2]
    return identifier


def _slug_candidates(prefix: str, identifier: str) -> tuple[str, str]:
    """The plain slug (or "" when the id does not make a clean one) and the hashed one."""
    digest = hashlib.sha256(identifier.encode("utf-8")).hexdigest()
    part = _slug_part(local_id(identifier))
    plain = f"{prefix}-{part}" if part else ""
    if len(plain) > _SLUG_MAX:
        plain = ""
    stem = f"{prefix}-{part}"[: _SLUG_MAX - 9].rstrip("-_") if part else prefix
    return plain, f"{stem}-{digest[:8]}"


def _message(error: ValidationError | MappingError) -> str:
    if isinstance(error, MappingError):
        return str(error)
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{name}: {' '.join(messages)}" if name != "__all__" else " ".join(messages)
            for name, messages in error.message_dict.items()
        )
    return " ".join(error.messages)


@functools.cache
def _columns(model: type[models.Model]) -> tuple[tuple[str, Any], ...]:
    return tuple((field.attname, field) for field in model._meta.concrete_fields)


def _build(model: type[_M], values: dict[str, Any]) -> _M:
    """``model(**values)`` (attnames, the rest defaults) through ``Model.__init__``'s
    positional path: a harvest builds a model per record and creator, and the keyword path
    costs several times more."""
    return model(
        *[
            values[name] if name in values else field.get_default()
            for name, field in _columns(model)
        ]
    )


_CREATOR_EXCLUDE = frozenset({"resource", "person"})


def _build_creators(creators: list[dict[str, Any]]) -> list[Creator]:
    built = []
    for order, data in enumerate(creators):
        creator = _build(
            Creator,
            {
                "order": order,
                "name": langmap.with_pinyin(data.get("name") or {}),
                "role": data.get("role") or Creator.Role.AUTHOR,
                "period": data.get("period", ""),
            },
        )
        try:
            # A new creator has no unique value (its pk is unset) and Creator no constraints:
            # full_clean's unique and constraint checks have nothing to check.
            services.bulk_clean(creator, exclude=_CREATOR_EXCLUDE)
        except ValidationError as error:
            raise ValidationError(
                {
                    "creators": _("Creator %(n)s: %(problem)s")
                    % {"n": order + 1, "problem": "; ".join(error.messages)}
                }
            ) from error
        built.append(creator)
    return built


def _apply_page(work: _Harvest, records: list[OAIRecord], page_number: int) -> _PageOutcome:
    """Upsert one page's records (inside the caller's transaction) with bulk writes."""
    outcome = _PageOutcome()
    source = work.source
    latest: dict[str, OAIRecord] = {}
    for record in records:
        latest.pop(record.identifier, None)
        latest[record.identifier] = record  # a repeated identifier: the last one counts
    outcome.unchanged += len(records) - len(latest)
    existing = {
        r.origin_identifier: r
        for r in Resource.objects.filter(
            harvest_source=source, origin_identifier__in=list(latest)
        ).order_by()
    }
    new_ids = [i for i, r in latest.items() if i not in existing and not r.deleted]
    candidates = {i: _slug_candidates(work.slug_prefix, i) for i in new_ids}
    wanted = {slug for pair in candidates.values() for slug in pair if slug}
    taken = set(Resource.objects.filter(slug__in=wanted).values_list("slug", flat=True))

    now = timezone.now()
    created: list[tuple[Resource, list[Creator]]] = []
    updated: list[tuple[Resource, list[Creator]]] = []
    tombstoned: list[Resource] = []
    for identifier, record in latest.items():
        current = existing.get(identifier)
        if record.deleted:
            if current is not None and current.deleted_at is None:
                current.deleted_at = current.modified_at = now
                current.origin_datestamp = record.datestamp[:30]
                tombstoned.append(current)
            else:
                outcome.unchanged += 1
            continue
        try:
            mapped = map_record(source.mapping, record.metadata)
            values = work.values(mapped)
            stamp = fingerprint(values, mapped.creators)
            alive = current is not None and current.deleted_at is None
            if alive and current is not None and current.origin_fingerprint == stamp:
                outcome.unchanged += 1
                continue
            values["origin_datestamp"] = record.datestamp[:30]
            values["origin_fingerprint"] = stamp
            values["modified_at"] = now
            values["deleted_at"] = None
            if current is None:
                plain, hashed = candidates[identifier]
                slug = plain if plain and plain not in taken else hashed
                taken.add(slug)
                resource = _build(
                    Resource,
                    {
                        **values,
                        "harvest_source_id": source.pk,
                        "origin_identifier": identifier,
                        "slug": slug,
                    },
                )
            else:
                resource = current
                for name, value in values.items():
                    setattr(resource, name, value)
            services.validate_resource(resource, check_database=False)
            creators = _build_creators(mapped.creators)
        except (MappingError, ValidationError) as error:
            outcome.failed += 1
            outcome.errors.append(
                {"identifier": identifier, "page": page_number, "message": _message(error)}
            )
            continue
        (updated if current is not None else created).append((resource, creators))

    if created:
        Resource.objects.bulk_create([r for r, _c in created], batch_size=500)
    if updated:
        Resource.objects.bulk_update([r for r, _c in updated], [*WRITTEN_FIELDS], batch_size=200)
        Creator.objects.filter(resource__in=[r.pk for r, _c in updated]).delete()
    if tombstoned:
        Resource.objects.bulk_update(
            tombstoned, ["deleted_at", "modified_at", "origin_datestamp"], batch_size=500
        )
    new_creators = []
    for resource, creators in created + updated:
        for creator in creators:
            creator.resource = resource
            new_creators.append(creator)
    Creator.objects.bulk_create(new_creators, batch_size=500)

    outcome.created, outcome.updated, outcome.deleted = len(created), len(updated), len(tombstoned)
    outcome.changed_ids = [r.pk for r, _c in created + updated] + [r.pk for r in tombstoned]
    return outcome


def _announce(ids: list[int]) -> None:
    """Tell those who follow resource changes (search indexing), after the commit."""
    hooks = list(services.resource_changed_hooks)
    if not ids or not hooks:
        return

    def call() -> None:
        for hook in hooks:
            hook(ids)

    transaction.on_commit(call)


_COUNTERS = ("seen", "created", "updated", "unchanged", "deleted", "failed", "pages")


def _run_summary(run: HarvestRun) -> dict[str, Any]:
    return {
        "status": run.status,
        **{name: getattr(run, name) for name in _COUNTERS},
        "from": run.from_datestamp.isoformat() if run.from_datestamp else None,
    }


def _record_history(work: _Harvest, run: HarvestRun) -> None:
    first_ending = not ChangeRecord.objects.filter(
        target_type__app_label="catalog",
        target_type__model="harvestrun",
        target_id=run.pk,
    ).exists()
    history.record_change(
        actor=work.actor,
        action=ChangeRecord.Action.CREATE if first_ending else ChangeRecord.Action.UPDATE,
        target=run,
        context=work.source,
        changes=_run_summary(run),
    )


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a page is written (as in the provider).

    A page allocates tens of thousands of short-lived objects (elements, mapped values,
    models), which set off collections of the whole process, parsed pages included. What a
    page builds holds no cycles and is freed by reference counting.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _commit_page(work: _Harvest, page: ListPage) -> None:
    """The page's upserts, the run's counters and the next token: one transaction."""
    with _collector_paused(), transaction.atomic():
        run = HarvestRun.objects.select_for_update().get(pk=work.run.pk)
        outcome = _apply_page(work, page.records, run.pages + 1)
        run.pages += 1
        run.seen += len(page.records)
        run.created += outcome.created
        run.updated += outcome.updated
        run.unchanged += outcome.unchanged
        run.deleted += outcome.deleted
        run.failed += outcome.failed
        room = MAX_ERRORS - len(run.errors)
        if room > 0:
            run.errors = [*run.errors, *outcome.errors[:room]]
        run.resumption_token = page.resumption_token
        if page.complete_list_size is not None:
            run.complete_list_size = page.complete_list_size
        if run.response_date is None:
            run.response_date = page.response_date
        run.heartbeat_at = timezone.now()
        if not page.resumption_token:
            _finish(work, run)
        run.save()
        _announce(outcome.changed_ids)
        work.run = run


def _finish(work: _Harvest, run: HarvestRun) -> None:
    run.status = HarvestRun.Status.SUCCEEDED
    run.finished_at = timezone.now()
    HarvestSource.objects.filter(pk=work.source.pk).update(last_harvested=run.response_date)
    work.source.last_harvested = run.response_date
    _record_history(work, run)


def _fail(work: _Harvest, message: str) -> HarvestRun:
    """Mark the run failed, keeping what it committed and the token to resume from."""
    with transaction.atomic():
        run = HarvestRun.objects.select_for_update().get(pk=work.run.pk)
        run.status = HarvestRun.Status.FAILED
        run.finished_at = run.heartbeat_at = timezone.now()
        run.errors = [*run.errors, {"identifier": "", "page": run.pages + 1, "message": message}]
        run.save()
        _record_history(work, run)
    work.run = run
    return run


def _first_page(work: _Harvest, client: OAIClient) -> ListPage:
    """Start (or restart) the list: Identify for the granularity, then ListRecords from
    the run's datestamp. ``noRecordsMatch`` is an empty, complete list."""
    identify = client.identify()
    run = work.run
    if run.response_date is None:
        # The earliest answer of the run: whatever changes after it, the next run sees.
        run.response_date = identify.response_date
        HarvestRun.objects.filter(pk=run.pk).update(
            response_date=run.response_date, heartbeat_at=timezone.now()
        )
    since = (
        format_datestamp(run.from_datestamp, seconds=identify.seconds)
        if (run.from_datestamp)
        else ""
    )
    try:
        return client.list_records(
            metadata_prefix=work.source.metadata_prefix,
            set_spec=work.source.set_spec,
            from_=since,
        )
    except OAIError as error:
        if error.code == "noRecordsMatch":
            return ListPage(response_date=identify.response_date)
        raise


def harvest(
    *,
    actor: Any,
    source: HarvestSource,
    progress: Callable[[HarvestRun], None] | None = None,
    full: bool = False,
    client: OAIClient | None = None,
) -> HarvestRun:
    """Harvest ``source`` into the collection and return the run.

    Incremental unless ``full``. Resumes the source's run that died or failed mid-list;
    refuses (``ValidationError``) while another run of the source is alive. ``progress`` is
    called with the run after each committed page. Problems with the partner (unreachable,
    unsafe or invalid responses, protocol errors) end the run as failed with the reason in
    ``run.errors``; anything else (an exception from ``progress`` included) fails the run
    too and is raised again.
    """
    require(permissions.can_manage_harvesting(actor, source.institution_id))
    if not source.enabled:
        raise ValidationError(_("This source is disabled."), code="disabled")
    run = _begin(source, full=full)
    work = _Harvest(actor=actor, source=source, run=run)
    owned = client is None
    client = client or OAIClient(source.base_url)
    restarted = False
    # The next page is fetched while this one is written: the partner and the database
    # work at the same time. Tokens are idempotent, so a page fetched for nothing is no harm.
    prefetch = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"harvest-{source.pk}")
    pending: Future[ListPage] | None = None

    def next_page(token: str) -> ListPage:
        return client.list_records(metadata_prefix=source.metadata_prefix, resumption_token=token)

    try:
        token = run.resumption_token
        while True:
            if token:
                try:
                    page = pending.result() if pending is not None else next_page(token)
                except OAIError as error:
                    if error.code != "badResumptionToken" or restarted:
                        raise
                    # The partner forgot the token: ask for the list again. Upserts are
                    # idempotent, so what was already harvested comes back unchanged.
                    restarted, token = True, ""
                    page = _first_page(work, client)
                pending = None
            else:
                page = _first_page(work, client)
            if page.resumption_token and page.resumption_token == token:
                raise HarvestError(_("The partner sent the same resumption token twice; stopping."))
            if page.resumption_token:
                pending = prefetch.submit(next_page, page.resumption_token)
            _commit_page(work, page)
            if progress is not None:
                progress(work.run)
            if not page.resumption_token:
                return work.run
            token = page.resumption_token
    except HarvestError as error:
        return _fail(work, error.message)
    except BaseException as error:
        _fail(work, str(error) or error.__class__.__name__)
        raise
    finally:
        # Wait for a fetch still under way (it is bounded by the client's timeout), so that
        # nothing of this run talks to the partner after it returned.
        prefetch.shutdown(wait=True, cancel_futures=True)
        if owned:
            client.close()


# In the background, for the pages ---------------------------------------------------------

_threads: dict[int, threading.Thread] = {}
_threads_lock = threading.Lock()


def harvest_in_background(*, actor: Any, source: HarvestSource) -> None:
    """Check that ``actor`` may harvest ``source`` and that none is running, then start the
    harvest in a thread once the current transaction commits. One thread per source; what
    goes wrong ends up in the run."""
    require(permissions.can_manage_harvesting(actor, source.institution_id))
    if not source.enabled:
        raise ValidationError(_("This source is disabled."), code="disabled")
    alive = running_run(source)
    with _threads_lock:
        thread = _threads.get(source.pk)
        if alive is not None or (thread is not None and thread.is_alive()):
            raise (
                _busy_error(alive)
                if alive
                else ValidationError(
                    _("A harvest of this source is already running. Wait for it to finish."),
                    code="running",
                )
            )
    # The run's messages are written in the language of whoever started it, as they would be
    # by a harvest in the request itself (a thread starts with the default language).
    language = translation.get_language()
    transaction.on_commit(lambda: _start_thread(actor, source.pk, language))


def _start_thread(actor: Any, source_id: int, language: str | None = None) -> None:
    with _threads_lock:
        thread = _threads.get(source_id)
        if thread is not None and thread.is_alive():
            return
        thread = threading.Thread(
            target=_harvest_in_thread,
            args=(actor, source_id, language),
            name=f"harvest-{source_id}",
            daemon=True,
        )
        _threads[source_id] = thread
        thread.start()


def background_thread(source_id: int) -> threading.Thread | None:
    """The thread harvesting ``source_id`` from this process, if one was started."""
    with _threads_lock:
        return _threads.get(source_id)


def _harvest_in_thread(actor: Any, source_id: int, language: str | None) -> None:
    close_old_connections()
    try:
        source = HarvestSource.objects.get(pk=source_id)
        with translation.override(language):
            harvest(actor=actor, source=source)
    except Exception:
        logger.exception("Background harvest of source %s failed", source_id)
    finally:
        connection.close()

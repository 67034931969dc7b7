"""Writes to the search index: follow the database after every commit, rebuild, check drift.

Keys are collected while a transaction runs and indexed once, after it commits, from what the
database then holds: an edit is seen as edited, a delete as gone, and a rolled-back write never
reaches the index. Outside a transaction the write is indexed at once.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from tongwen.search import backends, registry
from tongwen.search.engine import Document

log = logging.getLogger(__name__)

BATCH = 1000

_state = threading.local()


def _pending() -> set[str]:
    if not hasattr(_state, "keys"):
        _state.keys = set()
    return _state.keys  # type: ignore[no-any-return]


def schedule(keys: Iterable[str]) -> None:
    """Reindex ``keys`` once the current transaction commits (now, outside one; at the end
    of a ``deferred`` block, inside one)."""
    keys = [k for k in keys if k]
    if not keys:
        return
    _pending().update(keys)
    if getattr(_state, "deferred", 0):
        return
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        # The first flush to run after the commit takes every pending key; the others find
        # none. (Registering once per transaction would lose keys when a savepoint holding
        # that registration rolls back.)
        transaction.on_commit(flush)
    else:
        flush()


def discard_pending() -> None:
    """Forget scheduled keys whose transaction never committed (a test's, rolled back)."""
    _pending().clear()


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Collect the keys written inside the block and index them once, at its end: loaders
    that make thousands of small commits pay for one index commit, not thousands."""
    _state.deferred = getattr(_state, "deferred", 0) + 1
    try:
        yield
    finally:
        _state.deferred -= 1
    if not _state.deferred:
        flush()


def flush() -> None:
    """Index every scheduled key from the database as it is now."""
    keys = sorted(_pending())
    _pending().clear()
    if not keys:
        return
    try:
        reindex(keys)
    except Exception:  # the write has committed; the index catches up at the next check
        log.exception("search index update failed for %d documents", len(keys))


def reindex(keys: Iterable[str]) -> tuple[int, int]:
    """Upsert the documents ``keys`` name and delete those with nothing indexable behind
    them. Returns (indexed, deleted)."""
    by_type: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        type_, pk = registry.split_key(key)
        by_type[type_].append(pk)
    backend = backends.get()
    indexed = deleted = 0
    for type_, pks in by_type.items():
        provider = registry.providers().get(type_)
        if provider is None:
            backend.delete(f"{type_}:{pk}" for pk in pks)
            deleted += len(pks)
            continue
        for start in range(0, len(pks), BATCH):
            chunk = pks[start : start + BATCH]
            documents = list(provider.build(provider.queryset().filter(pk__in=chunk)))
            backend.upsert(documents)
            found = {d.key for d in documents}
            gone = [provider.key(pk) for pk in chunk if provider.key(pk) not in found]
            backend.delete(gone)
            indexed += len(documents)
            deleted += len(gone)
    backend.commit()
    return indexed, deleted


def documents(types: Iterable[str] | None = None) -> Iterator[Document]:
    """Every document the database holds now, type by type."""
    for type_, provider in sorted(registry.providers().items()):
        if types is not None and type_ not in types:
            continue
        batch: list[Any] = []
        for instance in provider.queryset().iterator(chunk_size=BATCH):
            batch.append(instance)
            if len(batch) == BATCH:
                yield from provider.build(batch)
                batch = []
        if batch:
            yield from provider.build(batch)


def count_documents() -> int:
    return sum(p.queryset().count() for p in registry.providers().values())


def rebuild(*, progress: Callable[[int], None] | None = None) -> int:
    """Replace the whole index with what the database holds. Searches see the old index until
    the new one is committed."""
    backend = backends.get()
    backend.delete_all()
    total = 0
    batch: list[Document] = []
    for document in documents():
        batch.append(document)
        if len(batch) == BATCH:
            backend.upsert(batch)
            total += len(batch)
            if progress:
                progress(len(batch))
            batch = []
    backend.upsert(batch)
    total += len(batch)
    if progress and batch:
        progress(len(batch))
    backend.commit()
    return total


@dataclass
class Drift:
    missing: list[str] = field(default_factory=list)  # in the database, not in the index
    stale: list[str] = field(default_factory=list)  # indexed from an older version
    phantom: list[str] = field(default_factory=list)  # in the index, not in the database
    checked: int = 0

    @property
    def clean(self) -> bool:
        return not (self.missing or self.stale or self.phantom)


def check() -> Drift:
    """Compare every document the database would give with what the index holds."""
    indexed = dict(backends.get().fingerprints())
    drift = Drift()
    for document in documents():
        drift.checked += 1
        fingerprint = indexed.pop(document.key, None)
        if fingerprint is None:
            drift.missing.append(document.key)
        elif fingerprint != document.fingerprint():
            drift.stale.append(document.key)
    drift.phantom = sorted(indexed)
    return drift


def repair(drift: Drift) -> tuple[int, int]:
    return reindex([*drift.missing, *drift.stale, *drift.phantom])

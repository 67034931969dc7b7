"""The configured search engine, opened once per process (per index directory)."""

from __future__ import annotations

import threading
from pathlib import Path

from django.conf import settings

from tongwen.search.engine import Backend

_lock = threading.Lock()
_open: dict[tuple[str, str], Backend] = {}


def get() -> Backend:
    name = settings.TONGWEN_SEARCH_BACKEND
    path = Path(settings.TONGWEN_SEARCH_DIR)
    key = (name, str(path))
    with _lock:
        backend = _open.get(key)
        if backend is None:
            from tongwen.search.backends.tantivy import TantivyBackend

            backend = TantivyBackend(path, writer_heap_mb=settings.TONGWEN_SEARCH_WRITER_MB)
            _open[key] = backend
        return backend


def close_all() -> None:
    """Drop every open index (tests give each test its own directory)."""
    with _lock:
        for backend in _open.values():
            backend.close()
        _open.clear()


def warm_up() -> None:
    """Open the configured index and run one faceted search, so its columns are loaded."""
    from tongwen.search import analysis
    from tongwen.search.engine import Query

    analysis.warm_up()
    get().search(Query(limit=1))  # every facet column, over every document
    get().search(Query(text="文 wen", limit=1))  # the text fields' dictionaries

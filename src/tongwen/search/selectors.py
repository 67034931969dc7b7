"""Searching, as every surface does it (public page, workspace, API): scoped to the user inside
the engine, then shaped for display: titles in the reader's language, snippets marked in the
script the reader typed, facet values with their labels, an opaque cursor for the next page.
"""

from __future__ import annotations

import functools
import hashlib
import json
import threading
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core import signing
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from tongwen.catalog.periods import PERIODS
from tongwen.common import langmap
from tongwen.institutions.selectors import institution_list
from tongwen.search import backends, highlight, registry
from tongwen.search.backends.tantivy import MAX_RESULT_WINDOW
from tongwen.search.engine import FACETS, SORTS, Query
from tongwen.search.permissions import reader_tokens
from tongwen.search.query import parse

MAX_LIMIT = 100
MAX_FILTER_VALUES = 50
CURSOR_SALT = "tongwen.search.cursor"

FACET_NAMES = {
    "type": gettext_lazy("Type"),
    "institution": gettext_lazy("Institution"),
    "kind": gettext_lazy("Kind"),
    "period": gettext_lazy("Dynasty or period"),
    "language": gettext_lazy("Language"),
    "rights": gettext_lazy("Rights"),
    "has_images": gettext_lazy("Images"),
}


class InvalidSearch(ValueError):
    """A search that cannot run as asked; the message names the problem, translated."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class PageHit:
    key: str
    type: str
    type_label: str
    url: str
    title: SafeString  # marked, in the reader's script
    title_text: str
    title_lang: str
    summary: str
    snippet: SafeString
    thumbnail: str
    year: int | None


@dataclass(frozen=True)
class FacetEntry:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Facet:
    name: str
    label: str
    values: list[FacetEntry]


@dataclass(frozen=True)
class Page:
    text: str
    total: int
    hits: list[PageHit]
    facets: list[Facet]
    next_cursor: str | None
    offset: int
    script: str | None
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)


def _fingerprint(text: str, filters: dict[str, tuple[str, ...]], sort: str, years: Any) -> str:
    data = json.dumps([text, sorted(filters.items()), sort, years], ensure_ascii=False)
    return hashlib.blake2b(data.encode(), digest_size=6).hexdigest()


def _offset(cursor: str | None, fingerprint: str) -> int:
    if not cursor:
        return 0
    try:
        data = signing.loads(cursor, salt=CURSOR_SALT)
        offset, owner = int(data["o"]), data["f"]
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise InvalidSearch(
            "cursor", _("This cursor is not valid; start the search again.")
        ) from None
    if owner != fingerprint:
        raise InvalidSearch(
            "cursor", _("This cursor belongs to another search; start the search again.")
        )
    return offset


def _clean_filters(filters: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for name, values in filters.items():
        if name not in FACETS:
            raise InvalidSearch(name, _("“%(name)s” is not a filter.") % {"name": name})
        values = tuple(dict.fromkeys(str(v) for v in values if str(v)))
        if len(values) > MAX_FILTER_VALUES:
            raise InvalidSearch(
                name, _("At most %(count)d values per filter.") % {"count": MAX_FILTER_VALUES}
            )
        if values:
            out[name] = values
    return out


def search(
    *,
    user: Any,
    text: str = "",
    filters: dict[str, Any] | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    sort: str = "relevance",
    cursor: str | None = None,
    limit: int | None = None,
    language: str | None = None,
) -> Page:
    """One page of what ``user`` may find for ``text``; raises ``InvalidSearch``."""
    language = language or get_language() or "zh-hans"
    limit = settings.TONGWEN_SEARCH_PAGE_SIZE if limit is None else limit
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidSearch(
            "limit", _("The page size must be between 1 and %(max)d.") % {"max": MAX_LIMIT}
        )
    if sort not in SORTS:
        raise InvalidSearch("sort", _("Sort by one of: %(sorts)s.") % {"sorts": ", ".join(SORTS)})
    if year_from is not None and year_to is not None and year_from > year_to:
        raise InvalidSearch("year_from", _("The first year comes after the last."))
    clean = _clean_filters(filters or {})
    fingerprint = _fingerprint(text, clean, sort, [year_from, year_to])
    offset = _offset(cursor, fingerprint)
    result = backends.get().search(
        Query(
            text=text,
            filters=clean,
            year_from=year_from,
            year_to=year_to,
            sort=sort,
            offset=offset,
            limit=limit,
            readers=reader_tokens(user),
        )
    )
    parsed = parse(text)
    script = parsed.script
    types = registry.providers()
    hits = []
    for hit in result.hits:
        title_text = langmap.best(hit.title, language)
        hits.append(
            PageHit(
                key=hit.key,
                type=hit.type,
                type_label=str(types[hit.type].label) if hit.type in types else hit.type,
                url=hit.url,
                title=highlight.mark(title_text, parsed, script=script),
                title_text=title_text,
                title_lang=langmap.best_tag(hit.title, language),
                summary=langmap.best(hit.summary, language),
                snippet=highlight.snippet(hit.texts, parsed, script=script),
                thumbnail=hit.thumbnail,
                year=hit.year,
            )
        )
    end = offset + len(hits)
    more = end < min(result.total, MAX_RESULT_WINDOW)
    next_cursor = signing.dumps({"o": end, "f": fingerprint}, salt=CURSOR_SALT) if more else None
    facets = [
        Facet(
            name=name,
            label=str(FACET_NAMES[name]),
            values=_labelled(name, result.facets.get(name, []), clean.get(name, ()), language),
        )
        for name in FACETS
        if result.facets.get(name) or clean.get(name)
    ]
    return Page(
        text=text,
        total=result.total,
        hits=hits,
        facets=facets,
        next_cursor=next_cursor,
        offset=offset,
        script=script,
        filters=clean,
    )


def _labelled(
    facet: str, values: list[Any], selected: tuple[str, ...], language: str
) -> list[FacetEntry]:
    raw = [v.value for v in values]
    labels = facet_labels(facet, raw, language)
    return [
        FacetEntry(
            value=v.value,
            label=labels.get(v.value, v.value),
            count=v.count,
            selected=v.value in selected,
        )
        for v in values
    ]


def facet_labels(facet: str, values: list[str], language: str) -> dict[str, str]:
    """What to show for facet values: names, not codes."""
    if facet == "type":
        types = registry.providers()
        return {v: str(types[v].label) for v in values if v in types}
    if facet == "institution":
        names = _institution_names(values)
        return {v: langmap.best(names[v], language) for v in values if names.get(v)}
    if facet == "period":
        return {v: PERIODS[v].label(language) for v in values if v in PERIODS}
    if facet == "has_images":
        return {"yes": _("With images"), "no": _("Without images")}
    if facet == "language":
        return {v: _language_name(v, language) for v in values}
    labels: dict[str, str] = {}
    for provider in registry.providers().values():
        labels |= provider.facet_labels(facet, values)
    return labels


class _NameCache:
    """Institution names by slug, kept for one index generation. Renaming an institution
    reindexes its document, so the next generation reads the new name; facet labels are never
    older than the counts beside them."""

    def __init__(self) -> None:
        self.generation = ""
        self.names: dict[str, dict[str, str] | None] = {}
        self.lock = threading.Lock()

    def __call__(self, slugs: list[str]) -> dict[str, dict[str, str] | None]:
        generation = backends.get().generation()
        with self.lock:
            if generation != self.generation:
                self.generation, self.names = generation, {}
            names = self.names
        missing = [s for s in slugs if s not in names]
        if missing:
            found = dict(institution_list().filter(slug__in=missing).values_list("slug", "name"))
            names |= {s: found.get(s) for s in missing}
        return names


_institution_names = _NameCache()


@functools.lru_cache(maxsize=2048)
def _language_name(tag: str, language: str) -> str:
    import langcodes

    try:
        return str(langcodes.Language.get(tag).display_name(language))
    except (ValueError, LookupError):
        return tag


def suggest(
    *, user: Any, text: str, limit: int = 8, language: str | None = None
) -> list[dict[str, str]]:
    """Titles for what has been typed so far, within what ``user`` may see."""
    language = language or get_language() or "zh-hans"
    text = text.strip()[:100]
    if not text:
        return []
    found = backends.get().suggest(text, readers=reader_tokens(user), limit=min(limit, 20))
    types = registry.providers()
    return [
        {
            "title": langmap.best(s.title, language),
            "url": s.url,
            "type": s.type,
            "type_label": str(types[s.type].label) if s.type in types else s.type,
        }
        for s in found
    ]

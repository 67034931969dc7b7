"""What the rest of Tongwen knows of a search engine: documents in, results out, no engine types.

The embedded backend is Tantivy (``backends/tantivy.py``); ``docs/search-engines.md`` says how
an OpenSearch cluster would sit behind the same interface.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

# Facets every document may carry; a document leaves out those it has no value for.
FACETS = ("type", "institution", "kind", "period", "language", "rights", "has_images")

# The readers token everyone holds; see ``search.permissions``.
EVERYONE = "all"


@dataclass(frozen=True)
class Document:
    """One findable thing, built by its context's provider from the database."""

    key: str  # "<type>:<primary key>", unique in the index
    type: str
    url: str
    title: dict[str, str]  # language map: BCP 47 tag → text
    readers: frozenset[str]  # tokens, any one of which lets a user see this document
    names: tuple[str, ...] = ()  # creators, people, institutions: searched with pinyin too
    text: tuple[str, ...] = ()  # description, subjects, notes, body
    english: tuple[str, ...] = ()  # text known to be English, stemmed
    identifiers: tuple[str, ...] = ()  # call numbers, ISBNs, slugs: matched whole
    year: int | None = None  # historical year (negative BCE), for sorting and the date range
    facets: dict[str, tuple[str, ...]] = field(default_factory=dict)
    summary: dict[str, str] = field(default_factory=dict)  # one line under the title
    thumbnail: str = ""  # a IIIF image service or image URL

    def fingerprint(self) -> str:
        """Changes whenever anything indexed changes; the drift check compares these."""
        data = [
            self.key, self.type, self.url, sorted(self.title.items()), sorted(self.readers),
            self.names, self.text, self.english, self.identifiers, self.year,
            sorted(self.facets.items()), sorted(self.summary.items()), self.thumbnail,
        ]  # fmt: skip
        encoded = json.dumps(data, ensure_ascii=False)
        return hashlib.blake2b(encoded.encode(), digest_size=12).hexdigest()


SORTS = ("relevance", "date", "-date", "title")


@dataclass(frozen=True)
class Query:
    """A search as the engine sees it: already parsed, already scoped to a reader."""

    text: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)  # OR within, AND across
    year_from: int | None = None
    year_to: int | None = None
    sort: str = "relevance"
    offset: int = 0
    limit: int = 20
    facets: tuple[str, ...] = FACETS
    readers: frozenset[str] | None = None  # None: sees everything (platform administrators)


@dataclass(frozen=True)
class Hit:
    key: str
    type: str
    score: float
    url: str
    title: dict[str, str]
    summary: dict[str, str]
    thumbnail: str
    year: int | None
    texts: tuple[str, ...]  # the stored texts a snippet is cut from


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int


@dataclass(frozen=True)
class Result:
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]


@dataclass(frozen=True)
class Suggestion:
    key: str
    url: str
    title: dict[str, str]
    type: str


class Backend(Protocol):
    """A search engine behind Tongwen. Writes become visible to searches after ``commit``."""

    def upsert(self, documents: Iterable[Document]) -> None: ...

    def delete(self, keys: Iterable[str]) -> None: ...

    def delete_all(self) -> None: ...

    def commit(self) -> None: ...

    def search(self, query: Query) -> Result: ...

    def suggest(
        self, text: str, *, readers: frozenset[str] | None, limit: int
    ) -> list[Suggestion]: ...

    def fingerprints(self) -> Iterator[tuple[str, str]]:
        """Every (key, fingerprint) in the index, for the drift check."""
        ...

    def count(self) -> int: ...

    def generation(self) -> str:
        """Changes whenever a commit (from any process) changes what searches see; what is
        derived from the indexed documents may be cached under it."""
        ...

    def close(self) -> None: ...

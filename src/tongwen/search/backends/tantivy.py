"""The embedded engine: Tantivy (tantivy-py), one index directory under the data directory.

Analysis happens in Python (``search.analysis``), so documents and queries go through the same
chain; Tantivy receives the tokens joined by spaces and splits them on whitespace. English
text is the exception: Tantivy's own ``en_stem`` analyser stems it, and queries are stemmed by
an identical analyser built here.

Fields (decision 0007):

======  =====================================================================
key     the document key, stored, the term deletions use
t1 t2   title unigrams (and Latin words) / bigrams, per value
n1 n2   names: creators, people, institutions
x1 x2   other text
py      toneless pinyin syllables of titles and names, for pinyin phrases
pyv     the titles' other readings of heteronyms (泊: po, bo), one value per reading
pyt     each title's pinyin joined ("shiwubencao"), for runs and suggestions
pyn     each name's pinyin joined ("lishizhen")
en      English text, stemmed by Tantivy
ids     identifiers, folded, whole
f_*     facets, every value, for filters
c_*     each facet's first value, a single-valued column that counts fast
m_*     the values after the first (most documents have none), counted beside ``c_*``
readers who may see it (``search.permissions``), and ``RESTRICTED`` on what not everyone may
year    historical year; ``year_asc``/``year_desc`` put undated documents last
sort    the title's pinyin, for sorting by title
data    what a hit shows, as stored JSON
======  =====================================================================
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, NamedTuple

import tantivy
from tantivy import Occur, Query

from tongwen.search import analysis
from tongwen.search.engine import (
    EVERYONE,
    FACETS,
    Document,
    FacetValue,
    Hit,
    Result,
    Suggestion,
)
from tongwen.search.engine import Query as SearchQuery
from tongwen.search.query import Han, Parsed, Phrase, Word, parse

log = logging.getLogger(__name__)

# Bump when the schema or the analysis changes: an index of another version is rebuilt empty
# and ``search_index check`` reports every document missing until ``rebuild`` runs.
SCHEMA_VERSION = "5"

BOOST = {"t": 4.0, "n": 2.5, "x": 1.0}
# A Han run that is someone's whole name (李白, 孟浩然) asks for their works before the works
# that name them in the title (bench/search_relevance.py: name queries 0.69 → 0.89).
WHOLE_NAME_BOOST = 30.0
# A title found only through a heteronym's other reading passes, but adds next to nothing.
OTHER_READING_SCORE = 0.01
FACET_SIZE = 200
TEXT_STORED_CHARS = 600
NO_YEAR_LAST = 10**9
MAX_RESULT_WINDOW = 10_000
# The readers token of every document everyone may not see. Most documents are public, so
# "public, or shared with one of my tokens" is asked as "not restricted, or restricted and
# shared": excluding a sparse list is cheap, intersecting with a dense one is not (at 1M
# records it halved the time of broad queries).
RESTRICTED = "!restricted"
# Threads per process that run a search's facet counts beside its top hits. Tantivy releases
# the interpreter lock while it searches, so one reader's search uses the idle cores.
SEARCH_THREADS = max(1, min(4, os.cpu_count() or 1))


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("key", stored=True, tokenizer_name="raw")
    for prefix in BOOST:
        builder.add_text_field(f"{prefix}1", tokenizer_name="whitespace")
        builder.add_text_field(f"{prefix}2", tokenizer_name="whitespace")
    builder.add_text_field("py", tokenizer_name="whitespace")
    builder.add_text_field("pyv", tokenizer_name="whitespace")
    builder.add_text_field("pyt", tokenizer_name="raw")
    builder.add_text_field("pyn", tokenizer_name="raw")
    builder.add_text_field("en", tokenizer_name="en_stem")
    builder.add_text_field("ids", tokenizer_name="raw", index_option="basic")
    builder.add_text_field("readers", tokenizer_name="raw", index_option="basic")
    # Counting a multi-valued column costs Tantivy several times a single-valued one, and
    # nearly every document has one value per facet: the first value goes to a column of its
    # own, the rest to another that most segments lack altogether.
    for facet in FACETS:
        builder.add_text_field(f"f_{facet}", tokenizer_name="raw", index_option="basic")
        builder.add_text_field(f"c_{facet}", tokenizer_name="raw", fast=True, index_option="basic")
        builder.add_text_field(f"m_{facet}", tokenizer_name="raw", fast=True, index_option="basic")
    builder.add_integer_field("year", indexed=True, fast=True)
    builder.add_integer_field("year_asc", fast=True)
    builder.add_integer_field("year_desc", fast=True)
    builder.add_text_field("sort", tokenizer_name="raw", fast=True, index_option="basic")
    builder.add_bytes_field("data", stored=True)
    return builder.build()


def _english() -> tantivy.TextAnalyzer:
    """The same chain as Tantivy's ``en_stem``, to stem query words."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.stemmer("english"))
        .build()
    )


def to_fields(document: Document) -> dict[str, Any]:
    """The analysed fields of ``document``; used by the index and by the benchmarks' baselines,
    so every engine sees the same tokens."""
    titles = list(dict.fromkeys(v for v in document.title.values() if v))
    chinese_titles = [
        v for tag, v in document.title.items() if v and not tag.lower().startswith("en")
    ] or titles
    english = [v for tag, v in document.title.items() if v and tag.lower().startswith("en")]
    english += list(document.english)
    fields: dict[str, list[str]] = {name: [] for name in ("t1", "t2", "n1", "n2", "x1", "x2")}
    for prefix, values in (("t", chinese_titles), ("n", document.names), ("x", document.text)):
        for value in values:
            unigrams, bigrams = analysis.spaced_grams(value)
            fields[f"{prefix}1"].append(unigrams)
            if bigrams:
                fields[f"{prefix}2"].append(bigrams)
    fields["py"] = [" ".join(analysis.syllables(v)) for v in (*chinese_titles, *document.names)]
    # Other readings have their own field: in ``py`` each would repeat the usual syllables
    # and raise every other pinyin match in the title.
    fields["pyv"] = [" ".join(r) for v in chinese_titles for r in analysis.other_readings(v)]
    fields["pyt"] = [p for p in map(analysis.joined_pinyin, chinese_titles) if p]
    fields["pyn"] = [p for p in map(analysis.joined_pinyin, document.names) if p]
    fields["en"] = english
    fields["ids"] = [analysis.fold(i).strip() for i in document.identifiers if i.strip()]
    return fields


class _Snapshot(NamedTuple):
    generation: str
    searcher: Any
    # The facets some document holds more than one value of (their ``m_`` column has terms);
    # the others need one column counted, not two.
    multi_valued: frozenset[str]


class TantivyBackend:
    def __init__(self, path: Path | None, *, writer_heap_mb: int = 64, writer_threads: int = 1):
        self.path = path
        self.writer_heap = writer_heap_mb * 2**20
        self.writer_threads = writer_threads
        self.schema = _schema()
        self._english = _english()
        self._lock = threading.RLock()
        self._writer: Any = None
        self._pool: ThreadPoolExecutor | None = None
        self._pool_pid = 0
        self._commits = 0
        self._current: _Snapshot | None = None
        self._reload_lock = threading.Lock()
        self.index = self._open()

    # Opening

    def _open(self) -> tantivy.Index:
        if self.path is None:
            return tantivy.Index(self.schema)
        version_file = self.path / "VERSION"
        if self.path.exists() and (
            not version_file.exists() or version_file.read_text().strip() != SCHEMA_VERSION
        ):
            log.warning("search index at %s has another schema; starting it empty", self.path)
            shutil.rmtree(self.path)
        self.path.mkdir(parents=True, exist_ok=True)
        index = tantivy.Index(self.schema, path=str(self.path), reuse=True)
        # Searches reload explicitly; tantivy-py's reload-on-commit thread can deadlock with
        # the writer's post-merge cleanup during a bulk build (both wait on the meta lock).
        index.config_reader("Manual")
        version_file.write_text(SCHEMA_VERSION + "\n")
        return index

    # Writing

    def _writer_now(self) -> Any:
        if self._writer is None:
            deadline = time.monotonic() + 30
            while True:
                try:
                    self._writer = self.index.writer(self.writer_heap, self.writer_threads)
                    break
                except ValueError:  # another process holds the index's writer lock
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.05)
        return self._writer

    def upsert(self, documents: Iterable[Document]) -> None:
        with self._lock:
            writer = self._writer_now()
            for document in documents:
                writer.delete_documents_by_term("key", document.key)
                writer.add_document(self._document(document))

    def add_fields(self, rows: Iterable[tuple[Document, dict[str, Any]]]) -> None:
        """Add new documents whose fields were analysed elsewhere (the parallel rebuild)."""
        with self._lock:
            writer = self._writer_now()
            for document, fields in rows:
                writer.add_document(self._document(document, fields))

    def delete(self, keys: Iterable[str]) -> None:
        with self._lock:
            writer = self._writer_now()
            for key in keys:
                writer.delete_documents_by_term("key", key)

    def delete_all(self) -> None:
        with self._lock:
            self._writer_now().delete_all_documents()

    def commit(self) -> None:
        with self._lock:
            if self._writer is None:
                return
            writer, self._writer = self._writer, None
            try:
                writer.commit()
                self._commits += 1
            finally:
                del writer  # releases the writer lock for other processes
            self.index.reload()

    def rollback(self) -> None:
        with self._lock:
            if self._writer is not None:
                writer, self._writer = self._writer, None
                writer.rollback()
                del writer

    def close(self) -> None:
        self.rollback()
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False)

    def _document(self, document: Document, fields: dict[str, Any] | None = None) -> Any:
        doc = tantivy.Document()
        doc.add_text("key", document.key)
        for name, values in (fields or to_fields(document)).items():
            for value in values:
                doc.add_text(name, value)
        for reader in sorted(document.readers):
            doc.add_text("readers", reader)
        if EVERYONE not in document.readers:
            doc.add_text("readers", RESTRICTED)
        for facet, values in {**document.facets, "type": (document.type,)}.items():
            for position, value in enumerate(dict.fromkeys(values)):
                doc.add_text(f"f_{facet}", value)
                doc.add_text(f"c_{facet}" if position == 0 else f"m_{facet}", value)
        if document.year is not None:
            doc.add_integer("year", document.year)
        doc.add_integer("year_asc", NO_YEAR_LAST if document.year is None else document.year)
        doc.add_integer("year_desc", -NO_YEAR_LAST if document.year is None else document.year)
        first_title = next(iter(document.title.values()), "")
        doc.add_text(
            "sort", (analysis.joined_pinyin(first_title) or analysis.fold(first_title))[:64]
        )
        data = {
            "type": document.type,
            "url": document.url,
            "title": document.title,
            "summary": document.summary,
            "thumbnail": document.thumbnail,
            "year": document.year,
            "texts": [t[:TEXT_STORED_CHARS] for t in document.text[:3]],
            "fp": document.fingerprint(),
        }
        doc.add_bytes("data", json.dumps(data, ensure_ascii=False).encode())
        return doc

    # Reading

    def _snapshot(self) -> _Snapshot:
        """What the last commit (from any process) made searchable. Reloading opens the new
        segments: done when the generation moved, not on every search."""
        generation = self.generation()
        current = self._current
        if current is None or current.generation != generation:
            with self._reload_lock:
                self.index.reload()
                searcher = self.index.searcher()
                multi = frozenset(
                    f for f in FACETS if searcher.terms_with_prefix(f"m_{f}", "", limit=1)
                )
                self._current = current = _Snapshot(generation, searcher, multi)
        return current

    def _searcher(self) -> Any:
        return self._snapshot().searcher

    def count(self) -> int:
        return int(self._searcher().num_docs)

    def generation(self) -> str:
        if self.path is None:
            return f"memory:{id(self)}:{self._commits}"
        try:  # every commit writes a new meta.json (its opstamp at least changes)
            meta = (self.path / "meta.json").read_bytes()
        except FileNotFoundError:
            return f"{self.path}:empty"
        return f"{self.path}:{hashlib.blake2b(meta, digest_size=16).hexdigest()}"

    def fingerprints(self) -> Iterator[tuple[str, str]]:
        searcher = self._searcher()
        total = searcher.num_docs
        if not total:
            return
        for _score, address in searcher.search(Query.all_query(), total, count=False).hits:
            doc = searcher.doc(address)
            data = json.loads(doc.get_first("data"))
            yield doc.get_first("key"), data["fp"]

    def search(self, query: SearchQuery) -> Result:
        snapshot = self._snapshot()
        searcher = snapshot.searcher
        parsed = parse(query.text)
        offset = min(query.offset, MAX_RESULT_WINDOW)
        limit = max(0, min(query.limit, MAX_RESULT_WINDOW - offset))
        # The facet counts (which give the total too) run in other threads while this one
        # collects the top hits. They need only what matches: the strict query's required
        # clauses alone, without the phrases that rank.
        strict = self._text(parsed, relaxed=False, scoring=False)
        counting = self._count_all(snapshot, query, strict)
        text = self._text(parsed, relaxed=False)
        # Top hits without counting: Tantivy can then skip what cannot rank.
        found = self._run(searcher, self._combine(text, query, query.filters), query, offset, limit)
        if not found.hits and offset == 0 and len(parsed.clauses) > 1:
            # Nothing has every word: rank what has some of them. Every clause is optional
            # then, so only the query itself says what matches.
            text = self._text(parsed, relaxed=True)
            found = self._run(searcher, self._combine(text, query, query.filters), query, 0, limit)
            counting = self._count_all(snapshot, query, text)
        hits = [self._hit(searcher, score, address) for score, address in found.hits]
        facets: dict[str, list[FacetValue]] = {}
        for batch in counting:
            facets |= batch.result()
        chosen = query.filters.get("type")
        # Every document has one type: the type counts (within the type filter) add up to
        # the total.
        total = sum(v.count for v in facets["type"] if not chosen or v.value in chosen)
        wanted = [f for f in query.facets if f in FACETS]
        return Result(total=total, hits=hits, facets={f: facets[f] for f in wanted})

    def _run(self, searcher: Any, q: Query, query: SearchQuery, offset: int, limit: int) -> Any:
        if query.sort == "relevance" or query.sort not in ("date", "-date", "title"):
            return searcher.search(q, max(limit, 1), count=False, offset=offset)
        field, order = {
            "date": ("year_asc", tantivy.Order.Asc),
            "-date": ("year_desc", tantivy.Order.Desc),
            "title": ("sort", tantivy.Order.Asc),
        }[query.sort]
        return searcher.search(
            q, max(limit, 1), count=False, offset=offset, order_by_field=field, order=order
        )

    def _hit(self, searcher: Any, score: Any, address: Any) -> Hit:
        doc = searcher.doc(address)
        data = json.loads(doc.get_first("data"))
        return Hit(
            key=doc.get_first("key"),
            type=data["type"],
            score=float(score) if isinstance(score, float) else 0.0,
            url=data["url"],
            title=data["title"],
            summary=data["summary"],
            thumbnail=data["thumbnail"],
            year=data["year"],
            texts=tuple(data["texts"]),
        )

    def _count_all(
        self, snapshot: _Snapshot, query: SearchQuery, text: Query | None
    ) -> list[Future[dict[str, list[FacetValue]]]]:
        """The counts per facet value, started in the search threads. A facet's own filter is
        left out of its counts, so a reader sees how many each other value would add;
        permissions and the year range always apply. The type is always counted: the total
        is the sum of its counts."""
        wanted = [f for f in query.facets if f in FACETS]
        counted = wanted if "type" in wanted else [*wanted, "type"]
        plain = [f for f in counted if not query.filters.get(f)]
        batches: list[tuple[list[str], dict[str, tuple[str, ...]]]] = []
        if plain:
            batches.append((plain, query.filters))
        for facet in counted:
            if query.filters.get(facet):
                others = {k: v for k, v in query.filters.items() if k != facet}
                batches.append(([facet], others))
        return [
            self._submit(
                self._count,
                snapshot.searcher,
                self._combine(text, query, filters),
                facets,
                snapshot.multi_valued,
            )
            for facets, filters in batches
        ]

    def _count(
        self, searcher: Any, q: Query, facets: list[str], multi: frozenset[str]
    ) -> dict[str, list[FacetValue]]:
        spec: dict[str, Any] = {}
        for facet in facets:
            spec[facet] = {"terms": {"field": f"c_{facet}", "size": FACET_SIZE}}
            if facet in multi:
                spec[f"{facet}_more"] = {"terms": {"field": f"m_{facet}", "size": FACET_SIZE}}
        result = searcher.aggregate(q, spec)
        out: dict[str, list[FacetValue]] = {}
        for facet in facets:
            counts: dict[str, int] = {}
            for name in (facet, f"{facet}_more"):  # a document holds each value once
                for bucket in result.get(name, {}).get("buckets", []):
                    key = str(bucket["key"])
                    counts[key] = counts.get(key, 0) + int(bucket["doc_count"])
            ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
            out[facet] = [FacetValue(value, count) for value, count in ranked[:FACET_SIZE]]
        return out

    def _submit(self, function: Any, *args: Any) -> Future[Any]:
        if SEARCH_THREADS == 1:
            done: Future[Any] = Future()
            try:
                done.set_result(function(*args))
            except Exception as exc:  # raised again by result(), as from a thread
                done.set_exception(exc)
            return done
        with self._lock:
            if self._pool is None or self._pool_pid != os.getpid():  # none yet, or forked
                self._pool = ThreadPoolExecutor(SEARCH_THREADS, thread_name_prefix="search")
                self._pool_pid = os.getpid()
            return self._pool.submit(function, *args)

    # Compiling a parsed query

    def _term(self, field: str, text: str) -> Query:
        return Query.term_query(self.schema, field, text)

    def _boost(self, q: Query, boost: float) -> Query:
        return q if boost == 1.0 else Query.boost_query(q, boost)

    def _any(self, queries: list[Query]) -> Query:
        return (
            queries[0]
            if len(queries) == 1
            else Query.boolean_query([(Occur.Should, q) for q in queries])
        )

    def _phrase(self, field: str, words: Sequence[str]) -> Query:
        if len(words) == 1:
            return self._term(field, words[0])
        return Query.phrase_query(self.schema, field, list(words))

    def _han(self, run: str, *, strict: bool, scoring: bool) -> tuple[list[Query], list[Query]]:
        """(must, should) for a Han run.

        What must match: one character, where it stands; two, as the pair they make (a word
        occurs as written); more, every character somewhere and at least one of the run's
        pairs (李白静夜思 still finds 静夜思 by 李白). Ranking adds the whole run as a phrase
        and its pairs, boosted by field, and the run read as someone's whole name. Without
        ``scoring`` (facet counts need only what matches) the ranking clauses are left out:
        phrases are the dearest part of a query."""
        pairs = [run[i : i + 2] for i in range(len(run) - 1)]
        should: list[Query] = []
        if len(run) <= 2:
            field = "1" if len(run) == 1 else "2"
            requirement = self._any(
                [
                    self._boost(self._term(p + field, run), b if scoring else 1.0)
                    for p, b in BOOST.items()
                ]
            )
        else:
            chars = [self._any([self._term(f"{p}1", c) for p in BOOST]) for c in dict.fromkeys(run)]
            paired = self._any([self._term(f"{p}2", pair) for p in BOOST for pair in pairs])
            requirement = Query.boolean_query([(Occur.Must, q) for q in (*chars, paired)])
            if scoring:
                requirement = Query.const_score_query(requirement, 0.1)
                for prefix, boost in BOOST.items():
                    field = f"{prefix}2"
                    should.append(self._boost(self._phrase(field, pairs), boost * 2))
                    should.append(
                        self._boost(self._any([self._term(field, p) for p in pairs]), boost)
                    )
        reading = analysis.joined_pinyin(run)
        if scoring and pairs and reading:
            should.append(self._boost(self._term("pyn", reading), WHOLE_NAME_BOOST))
        if strict:
            return [requirement], should
        return [], [requirement, *should]

    def _word(self, word: Word) -> Query:
        alternatives = [self._boost(self._term(f"{p}1", word.text), b) for p, b in BOOST.items()]
        alternatives.append(self._boost(self._term("ids", word.text), 5.0))
        alternatives.append(self._boost(self._term("pyt", word.text), 6.0))
        alternatives.append(self._boost(self._term("pyn", word.text), 4.0))
        for stem in self._english.analyze(word.text):
            alternatives.append(self._boost(self._term("en", stem), 2.0))
        if word.pinyin:
            alternatives.append(self._boost(self._phrase("py", word.pinyin), 3.0))
            alternatives.append(
                Query.const_score_query(self._phrase("pyv", word.pinyin), OTHER_READING_SCORE)
            )
        return self._any(alternatives)

    def _phrase_clause(self, clause: Phrase) -> Query:
        if all(isinstance(p, Han) for p in clause.parts):
            run = "".join(p.text for p in clause.parts)
            pairs = [run[i : i + 2] for i in range(len(run) - 1)]
            return self._any(
                [self._boost(self._phrase(f"{p}2", pairs), b) for p, b in BOOST.items()]
            )
        words = [p.text for p in clause.parts]
        alternatives = [self._boost(self._phrase(f"{p}1", words), b) for p, b in BOOST.items()]
        stems = [s for w in words for s in self._english.analyze(w)]
        if stems:
            alternatives.append(self._boost(self._phrase("en", stems), 2.0))
        syllables = [s for p in clause.parts if isinstance(p, Word) for s in (p.pinyin or ())]
        if syllables and all(isinstance(p, Word) and p.pinyin for p in clause.parts):
            alternatives.append(self._boost(self._phrase("py", syllables), 3.0))
        return self._any(alternatives)

    def _text(self, parsed: Parsed, *, relaxed: bool, scoring: bool = True) -> Query | None:
        if parsed.is_empty:
            return None
        clauses: list[tuple[Any, Query]] = []
        required = Occur.Should if relaxed else Occur.Must
        for clause in parsed.clauses:
            if isinstance(clause, Han):
                must, should = self._han(clause.text, strict=not relaxed, scoring=scoring)
                clauses += [(Occur.Must, q) for q in must]
                clauses += [(Occur.Should, q) for q in should]
            elif isinstance(clause, Word):
                clauses.append((required, self._word(clause)))
            else:
                clauses.append((required, self._phrase_clause(clause)))
        words = sum(isinstance(c, Word) for c in parsed.clauses)
        if scoring and len(parsed.pinyin_run) > 1 and words > 1:
            joined = "".join(parsed.pinyin_run)
            clauses.append((Occur.Should, self._boost(self._phrase("py", parsed.pinyin_run), 6.0)))
            clauses.append((Occur.Should, self._boost(self._term("pyt", joined), 6.0)))
            clauses.append((Occur.Should, self._boost(self._term("pyn", joined), WHOLE_NAME_BOOST)))
            other = self._phrase("pyv", parsed.pinyin_run)
            clauses.append((Occur.Should, Query.const_score_query(other, 4 * OTHER_READING_SCORE)))
        return Query.boolean_query(clauses)

    def _narrowing(self, query: SearchQuery, filters: dict[str, tuple[str, ...]]) -> list[Query]:
        """The year range and the facet filters: what narrows without ranking."""
        clauses: list[Query] = []
        if query.year_from is not None or query.year_to is not None:
            clauses.append(
                Query.range_query(
                    self.schema, "year", tantivy.FieldType.Integer, query.year_from, query.year_to
                )
            )
        for facet, values in sorted(filters.items()):
            if facet in FACETS and values:
                clauses.append(self._any([self._term(f"f_{facet}", v) for v in values]))
        return clauses

    def _combine(
        self, text: Query | None, query: SearchQuery, filters: dict[str, tuple[str, ...]]
    ) -> Query:
        clauses = [(Occur.Must, text if text is not None else Query.all_query())]
        clauses += [
            (Occur.Must, Query.const_score_query(q, 0.0)) for q in self._narrowing(query, filters)
        ]
        return self._visible(Query.boolean_query(clauses), query.readers)

    def _visible(self, q: Query, readers: frozenset[str] | None) -> Query:
        """``q`` within what a holder of ``readers`` may see: public documents, and the
        restricted ones that share a token with them."""
        if readers is None:
            return q
        restricted = self._term("readers", RESTRICTED)
        if EVERYONE not in readers:
            shared = Query.term_set_query(self.schema, "readers", sorted(readers))
            return Query.boolean_query(
                [(Occur.Must, q), (Occur.Must, Query.const_score_query(shared, 0.0))]
            )
        public = Query.boolean_query([(Occur.Must, q), (Occur.MustNot, restricted)])
        tokens = sorted(readers - {EVERYONE})
        if not tokens:
            return public
        shared = Query.boolean_query(
            [
                (Occur.Must, q),
                (Occur.Must, Query.const_score_query(restricted, 0.0)),
                (
                    Occur.Must,
                    Query.const_score_query(
                        Query.term_set_query(self.schema, "readers", tokens), 0.0
                    ),
                ),
            ]
        )
        # The two sets are disjoint, so each document is scored once, by ``q``.
        return Query.boolean_query([(Occur.Should, public), (Occur.Should, shared)])

    # Suggestions while typing

    def suggest(self, text: str, *, readers: frozenset[str] | None, limit: int) -> list[Suggestion]:
        """Titles for what has been typed so far. Han input also matches by its pinyin, so a
        homophone typed by mistake (红楼蒙) still finds 紅樓夢; Latin input is matched as a
        pinyin or English prefix within one typo."""
        searcher = self._searcher()
        runs = list(analysis.han_runs(text))
        alternatives: list[Query] = []
        if runs:
            run = "".join(runs)
            must = [self._term("t1", c) for c in dict.fromkeys(run)]
            alternatives.append(
                self._boost(Query.boolean_query([(Occur.Must, q) for q in must]), 2.0)
            )
            pinyin = analysis.joined_pinyin(run)
            if pinyin:
                alternatives.append(
                    Query.fuzzy_term_query(self.schema, "pyt", pinyin, 0, True, True)
                )
        words = analysis.latin_words(text)
        if words:
            joined = "".join(words)
            prefix = Query.fuzzy_term_query(self.schema, "pyt", joined, 0, True, True)
            alternatives.append(self._boost(prefix, 4.0))
            if len(joined) >= 5:  # one typo, once there is enough typed to tell
                fuzzy = Query.fuzzy_term_query(self.schema, "pyt", joined, 1, True, True)
                alternatives.append(fuzzy)
            stems = [s for w in words for s in self._english.analyze(w)]
            if len(stems) > 1:
                alternatives.append(Query.phrase_prefix_query(self.schema, "en", list[Any](stems)))
            elif stems:
                alternatives.append(
                    Query.fuzzy_term_query(self.schema, "en", stems[0], 0, True, True)
                )
        if not alternatives:
            return []
        q = self._visible(self._any(alternatives), readers)
        out: list[Suggestion] = []
        for _score, address in searcher.search(q, limit, count=False).hits:
            doc = searcher.doc(address)
            data = json.loads(doc.get_first("data"))
            out.append(Suggestion(doc.get_first("key"), data["url"], data["title"], data["type"]))
        return out

"""Search at scale: a million sample records indexed, then searched through the HTTP API, with
SQLite FTS5 and PostgreSQL full-text search over the same records and queries beside it.

    .venv/bin/python bench/search_scale.py                    # 1,000,000 records (long)
    .venv/bin/python bench/search_scale.py --records 20000
    .venv/bin/python bench/search_scale.py --quick            # 20,000 records, fewer rounds

Records come from ``bench/search_corpus.py`` (real titles, authors and lines recombined, sample
institutions). Indexing is the parallel rebuild's shape: worker processes build and analyse
documents (``to_fields``), the parent feeds them to Tantivy's writer and commits once; the
figures are the wall time, the index's size on disk and the peak resident memory of the parent
and of the largest worker.

The index sits in a temporary data directory whose migrated SQLite database the site needs
for sessions and permissions; gunicorn serves it with two workers on a loopback port and
``GET /api/v1/search/`` is timed over a fixed list of queries (single characters, two-character
words, phrases, pinyin, facet-heavy filters), by one client and by eight at once, each on a
keep-alive session, after a warm-up pass. The web workers' resident memory is read from /proc.

The baselines get the same records, the same tokens (``to_fields``: unigrams and bigrams
joined by spaces, written out during the Tantivy build) and the same queries, parsed by
``search.query.parse`` and compiled to each engine's syntax, doing the same work per search as
the engine: the top 20 by rank among what an anonymous reader may see, the total, and counts
per facet value. SQLite FTS5 (unicode61 tokenizer, bm25 with the engine's field weights) runs
in this process; PostgreSQL (tsvector with the 'simple' configuration, GIN index, ts_rank) is
a throwaway server on loopback (``scripts/pg-test-server``). Their latencies are measured in
process, so they carry no HTTP cost: the comparison favours them.

Prints one JSON line per figure with its goal beside it. Servers and temporary directories
are removed at the end, also on failure and on Ctrl-C.
"""

from __future__ import annotations

import argparse
import itertools
import json
import multiprocessing
import os
import random
import resource
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from serving import free_port, start_tongwen  # noqa: E402

BIN = Path(sys.executable).parent
sys.path.insert(0, str(REPO / "src"))

import requests  # noqa: E402
from search_corpus import INSTITUTIONS, RIGHTS, Corpus  # noqa: E402

from tongwen.search import analysis  # noqa: E402
from tongwen.search.backends.tantivy import TantivyBackend, to_fields  # noqa: E402
from tongwen.search.engine import EVERYONE, Document  # noqa: E402
from tongwen.search.query import Han, Parsed, Phrase, Word, parse  # noqa: E402

BENCH = "search_scale"
GOALS = {
    "index_build_seconds": 600,  # at most, for 1M records
    "api_p95_ms_1": 50,
    "api_p99_ms_8": 200,
    "fts5_ratio": 10,  # FTS5 p95 / API p95, at least
    "web_rss_bytes": 2**30,
}
CHUNK = 1000  # records per worker task; search_corpus.BLOCK-aligned
PAGE = 20  # the API's default page size, and the baselines' LIMIT
MB = 2**20

WORDS = (
    "明月",
    "春風",
    "长安",
    "江南",
    "故人",
    "白雲",
    "相思",
    "黃河",
    "西湖",
    "杜甫",
    "李白",
    "苏轼",
    "詩集",
    "拓本",
)
PHRASES = (
    "春眠不覺曉",
    "白日依山盡",
    "国破山河在",
    "明月幾時有",
    '"明月 清風"',
    "李白詩集",
    "杜甫集 卷十",
    "李白 春",
    "山水圖",
    '"水調歌頭"',
    "長安舊影",
)
PINYIN = (
    "libai",
    "li bai",
    "dufu",
    "su shi",
    "changan",
    "mingyue",
    "chunfeng",
    "xihu",
    "jiangnan",
    "baiyun",
    "shuidiaogetou",
    "tang",
    "Southern Song",
    "Ming",
)

# The fixed query list: (label, parameters). Filters repeat as the API takes them.
PDM = "https://creativecommons.org/publicdomain/mark/1.0/"
QUERIES: list[tuple[str, dict[str, Any]]] = [
    *[("char", {"q": c}) for c in "山月春龍风風雪詩集圖鶴夢"],
    *[("word", {"q": w}) for w in WORDS],
    *[("phrase", {"q": p}) for p in PHRASES],
    *[("pinyin", {"q": p}) for p in PINYIN],
    ("facets", {"kind": ["rubbing"]}),
    (
        "facets",
        {
            "institution": ["sample-palace-museum"],
            "kind": ["painting_calligraphy"],
            "has_images": ["yes"],
        },
    ),
    ("facets", {"q": "山", "period": ["qing"], "language": ["lzh"]}),
    ("facets", {"q": "libai", "rights": [PDM], "has_images": ["yes"]}),
    (
        "facets",
        {"q": "明月", "kind": ["ancient_book", "manuscript_archive"], "period": ["ming", "qing"]},
    ),
    ("facets", {"q": "春", "year_from": 1368, "year_to": 1644}),
    (
        "facets",
        {
            "period": ["tang"],
            "kind": ["rubbing", "ancient_book"],
            "institution": ["sample-national-library", "sample-archives", "sample-art-museum"],
        },
    ),
    ("facets", {"q": "詩", "rights": ["http://rightsstatements.org/vocab/InC-EDU/1.0/"]}),
    ("facets", {"q": "江南", "language": ["ja"]}),
    ("facets", {"has_images": ["yes"], "sort": "-date"}),
    ("facets", {"q": "杜甫", "sort": "date", "period": ["song", "ming"]}),
    ("facets", {"q": "月", "institution": ["sample-county-library"], "kind": ["map", "text"]}),
]
FACET_COLUMNS = ("institution", "kind", "rights", "has_images")
MULTI_FACETS = ("period", "language")


def emit(**fields: Any) -> None:
    print(json.dumps({"bench": BENCH, **fields}, ensure_ascii=False), flush=True)


def figure(name: str, value: Any, **extra: Any) -> None:
    emit(figure=name, value=value, **extra)


# -- memory --------------------------------------------------------------------------------


def proc_status(pid: int | str = "self") -> dict[str, int]:
    """VmHWM, VmRSS, RssAnon, RssFile in bytes (0 when the process is gone)."""
    out = {"VmHWM": 0, "VmRSS": 0, "RssAnon": 0, "RssFile": 0}
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return out
    for line in text.splitlines():
        name, _, value = line.partition(":")
        if name in out:
            out[name] = int(value.split()[0]) * 1024
    return out


def children_of(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def cpu_seconds() -> float:
    """User and system time of this process and its waited-for children (the pool's workers
    once it has closed): on a shared machine, a figure the neighbours disturb less."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def dir_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


# -- building the index (worker processes) -------------------------------------------------

_corpus: Corpus | None = None
_seed = 0


def _init_worker(corpus: Corpus, seed: int) -> None:
    global _corpus, _seed
    _corpus, _seed = corpus, seed
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    analysis.warm_up()


def baseline_row(number: int, document: Document, fields: dict[str, list[str]]) -> str:
    """One tab-separated line of the tokens and facets the baselines load."""

    def joined(*names: str) -> str:
        return " ".join(v for n in names for v in fields.get(n, ()))

    facets = document.facets
    holder = next(r for r in document.readers if r.startswith("holder:")).split(":")[1]
    return "\t".join(
        (
            str(number),
            "1" if EVERYONE in document.readers else "0",
            holder,
            "" if document.year is None else str(document.year),
            facets["institution"][0],
            facets["kind"][0],
            facets["rights"][0],
            facets["has_images"][0],
            "|".join(facets.get("period", ())),
            "|".join(facets.get("language", ())),
            joined("t1", "t2"),
            joined("n1", "n2"),
            joined("x1", "x2"),
            joined("py", "pyv", "pyt", "pyn"),
            joined("en").lower(),
            joined("ids"),
        )
    )


def _analyse(start: int) -> tuple[list[tuple[Document, dict[str, Any]]], str, float, float, int]:
    """Records ``start`` to ``start + CHUNK``: documents with their fields, the baselines'
    rows, the seconds spent generating and analysing, and this worker's peak memory."""
    assert _corpus is not None
    began = time.process_time()
    documents = list(_corpus.documents(start, start + CHUNK, seed=_seed))
    generated = time.process_time()
    rows = [(d, to_fields(d)) for d in documents]
    analysed = time.process_time()
    lines = "".join(baseline_row(start + i + 1, d, f) + "\n" for i, (d, f) in enumerate(rows))
    return rows, lines, generated - began, analysed - generated, proc_status()["VmHWM"]


def bounded_imap(pool: Any, function: Callable[[int], Any], items: list[int], window: int) -> Any:
    """``pool.imap`` with at most ``window`` results waiting: when the parent (feeding Tantivy)
    is the slower side, ``imap`` would pile up every finished chunk in its memory."""
    pending: deque[Any] = deque()
    remaining = iter(items)
    for item in itertools.islice(remaining, window):
        pending.append(pool.apply_async(function, (item,)))
    while pending:
        result = pending.popleft().get()
        for item in itertools.islice(remaining, 1):
            pending.append(pool.apply_async(function, (item,)))
        yield result


def build_index(
    corpus: Corpus, records: int, seed: int, index_dir: Path, rows_path: Path, workers: int
) -> dict[str, float]:
    starts = list(range(0, records, CHUNK))
    backend = TantivyBackend(index_dir, writer_heap_mb=512, writer_threads=2)
    generate_s = analyse_s = 0.0
    worker_peak = 0
    done = public = 0
    cpu_before = cpu_seconds()
    began = time.perf_counter()
    context = multiprocessing.get_context("fork")
    with (
        context.Pool(workers, _init_worker, (corpus, seed)) as pool,
        rows_path.open("w", encoding="utf-8") as out,
    ):
        for rows, lines, gen, ana, peak in bounded_imap(pool, _analyse, starts, 4 * workers):
            end = min(CHUNK, records - done)
            backend.add_fields(rows[:end])
            public += sum(EVERYONE in d.readers for d, _f in rows[:end])
            out.write(lines if end == CHUNK else "".join(lines.splitlines(True)[:end]))
            done += end
            generate_s += gen
            analyse_s += ana
            worker_peak = max(worker_peak, peak)
            if done % 100_000 == 0:
                emit(step="indexing", records=done, seconds=round(time.perf_counter() - began, 1))
    fed = time.perf_counter()
    backend.commit()
    committed = time.perf_counter()
    segments = len(json.loads((index_dir / "meta.json").read_text())["segments"])
    searcher_docs = backend.count()
    backend.close()
    del backend
    return {
        "seconds": committed - began,
        "cpu_seconds": cpu_seconds() - cpu_before,
        "commit_seconds": committed - fed,
        "generate_cpu_seconds": generate_s,
        "analyse_cpu_seconds": analyse_s,
        "worker_peak_rss": worker_peak,
        "parent_peak_rss": proc_status()["VmHWM"],
        "segments": segments,
        "docs": searcher_docs,
        "public": public,
    }


# -- the served site -----------------------------------------------------------------------


def server_env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TONGWEN_")}
    env.update(
        TONGWEN_DATA_DIR=str(data_dir),
        TONGWEN_PROFILE="development",
        TONGWEN_DEBUG="0",
        TONGWEN_ALLOWED_HOSTS="127.0.0.1,localhost",
        TONGWEN_LOG_LEVEL="WARNING",
        PYTHONPATH=os.pathsep.join(
            p for p in (str(REPO / "src"), os.environ.get("PYTHONPATH", "")) if p
        ),
    )
    return env


SETUP_SITE = """
from tongwen.catalog.models import Rights
from tongwen.common.actors import SYSTEM
from tongwen.institutions import services
unknown = set({rights!r}) - set(Rights.values)
assert not unknown, f"search_corpus.RIGHTS has URIs Rights lacks: {{unknown}}"
for slug, name in {institutions!r}:
    services.institution_create(
        actor=SYSTEM, slug=slug, name={{"zh-Hant": name, "en": "Sample " + slug}}, kind="library"
    )
"""


def prepare_site(env: dict[str, str]) -> None:
    manage = [sys.executable, str(REPO / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], env=env, check=True, cwd=REPO)
    code = SETUP_SITE.format(
        institutions=[(s, n) for s, n, _w in INSTITUTIONS], rights=[u for u, _w in RIGHTS]
    )
    subprocess.run(
        [*manage, "shell", "-c", code], env=env, check=True, cwd=REPO, stdout=subprocess.DEVNULL
    )


def stop_server(server: subprocess.Popen[bytes] | None) -> None:
    if server is None or server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def api_params(params: dict[str, Any]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for name, value in params.items():
        for item in value if isinstance(value, list) else [value]:
            out.append((name, str(item)))
    return out


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)

    def at(p: float) -> float:
        # nearest rank
        index = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
        return ordered[index] * 1000

    return {
        "p50": round(at(50), 2),
        "p95": round(at(95), 2),
        "p99": round(at(99), 2),
        "mean": round(statistics.fmean(ordered) * 1000, 2),
        "max": round(ordered[-1] * 1000, 2),
    }


def api_run(base: str, clients: int, rounds: int, seed: int) -> tuple[list[float], dict[int, int]]:
    """Every client runs the query list ``rounds`` times in its own shuffled order."""
    samples: list[float] = []
    counts: dict[int, int] = {}
    errors: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(clients)

    def client(number: int) -> None:
        session = requests.Session()
        order = list(range(len(QUERIES))) * rounds
        random.Random(seed + number).shuffle(order)
        mine: list[float] = []
        start.wait()
        for index in order:
            params = api_params(QUERIES[index][1])
            began = time.perf_counter()
            response = session.get(f"{base}/api/v1/search/", params=params, timeout=300)
            elapsed = time.perf_counter() - began
            if response.status_code != 200:
                with lock:
                    errors.append(f"{params}: {response.status_code} {response.text[:200]}")
                continue
            mine.append(elapsed)
            if number == 0:
                counts[index] = int(response.json()["count"])
        with lock:
            samples.extend(mine)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise RuntimeError(f"{len(errors)} failed requests, first: {errors[0]}")
    return samples, counts


# -- baselines -----------------------------------------------------------------------------


def _quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def bigrams(run: str) -> list[str]:
    return [run[i : i + 2] for i in range(len(run) - 1)]


def compile_fts5(parsed: Parsed) -> str:
    """The engine's clauses in FTS5 syntax: every character of a Han run and at least one of
    its adjacent pairs, a Latin word as itself or as its pinyin syllables in order, a quoted
    phrase as consecutive tokens."""
    parts: list[str] = []
    for clause in parsed.clauses:
        if isinstance(clause, Han):
            parts += [_quote(c) for c in dict.fromkeys(clause.text)]
            if len(clause.text) > 1:
                parts.append("(" + " OR ".join(map(_quote, bigrams(clause.text))) + ")")
        elif isinstance(clause, Word):
            options = [_quote(clause.text)]
            if clause.pinyin and len(clause.pinyin) > 1:
                options.append("py : " + _quote(" ".join(clause.pinyin)))
            parts.append("(" + " OR ".join(options) + ")")
        else:
            parts.append(_quote(" ".join(_phrase_tokens(clause))))
    return " AND ".join(parts)


def _phrase_tokens(clause: Phrase) -> list[str]:
    if all(isinstance(p, Han) for p in clause.parts):
        return bigrams("".join(p.text for p in clause.parts))
    return [p.text for p in clause.parts]


def _pg_lexeme(token: str) -> str:
    return "'" + token.replace("'", "''").replace("\\", "\\\\") + "'"


def compile_pg(parsed: Parsed) -> str:
    """The same clauses as a tsquery."""
    parts: list[str] = []
    for clause in parsed.clauses:
        if isinstance(clause, Han):
            parts += [_pg_lexeme(c) for c in dict.fromkeys(clause.text)]
            if len(clause.text) > 1:
                parts.append("(" + " | ".join(map(_pg_lexeme, bigrams(clause.text))) + ")")
        elif isinstance(clause, Word):
            options = [_pg_lexeme(clause.text)]
            if clause.pinyin and len(clause.pinyin) > 1:
                options.append("(" + " <-> ".join(map(_pg_lexeme, clause.pinyin)) + ")")
            parts.append("(" + " | ".join(options) + ")")
        else:
            parts.append("(" + " <-> ".join(map(_pg_lexeme, _phrase_tokens(clause))) + ")")
    return " & ".join(parts)


def filters_of(params: dict[str, Any]) -> dict[str, list[str]]:
    return {k: v for k, v in params.items() if k in (*FACET_COLUMNS, *MULTI_FACETS, "type") and v}


def read_rows(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            yield line.rstrip("\n").split("\t")


class Fts5:
    name = "fts5"

    def __init__(self, path: Path):
        self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=OFF")
        self.db.execute("PRAGMA synchronous=OFF")
        self.db.execute("PRAGMA cache_size=-262144")  # 256 MB
        self.db.execute("PRAGMA temp_store=MEMORY")

    def build(self, rows_path: Path) -> None:
        db = self.db
        db.execute(
            "CREATE TABLE docs (id INTEGER PRIMARY KEY, public INTEGER, holder INTEGER,"
            " year INTEGER, institution TEXT, kind TEXT, rights TEXT, has_images TEXT)"
        )
        db.execute("CREATE TABLE multi (doc INTEGER, facet TEXT, value TEXT)")
        db.execute(
            "CREATE VIRTUAL TABLE fts USING fts5(t, n, x, py, en, ids,"
            " tokenize = 'unicode61 remove_diacritics 0')"
        )
        db.execute("BEGIN")
        batch: list[list[str]] = []
        for row in read_rows(rows_path):
            batch.append(row)
            if len(batch) == 10_000:
                self._insert(batch)
                batch = []
        self._insert(batch)
        db.execute("CREATE INDEX multi_doc ON multi (doc)")
        db.execute("COMMIT")
        db.execute("INSERT INTO fts(fts) VALUES ('optimize')")
        db.execute("ANALYZE")

    def _insert(self, batch: list[list[str]]) -> None:
        self.db.executemany(
            "INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (int(r[0]), int(r[1]), int(r[2]), int(r[3]) if r[3] else None, *r[4:8])
                for r in batch
            ],
        )
        self.db.executemany(
            "INSERT INTO multi VALUES (?, ?, ?)",
            [
                (int(r[0]), facet, value)
                for r in batch
                for facet, values in (("period", r[8]), ("language", r[9]))
                for value in values.split("|")
                if value
            ],
        )
        self.db.executemany(
            "INSERT INTO fts (rowid, t, n, x, py, en, ids) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(int(r[0]), *r[10:16]) for r in batch],
        )

    def search(self, params: dict[str, Any]) -> int:
        """Top page, total and facet counts, as the engine answers; returns the total."""
        db = self.db
        match = compile_fts5(parse(str(params.get("q", ""))))
        where = ["d.public = 1"]
        args: list[Any] = []
        for facet, values in filters_of(params).items():
            if facet == "type":
                continue
            marks = ",".join("?" * len(values))
            if facet in MULTI_FACETS:
                where.append(
                    f"d.id IN (SELECT doc FROM multi WHERE facet = ? AND value IN ({marks}))"
                )
                args += [facet, *values]
            else:
                where.append(f"d.{facet} IN ({marks})")
                args += values
        if params.get("year_from") is not None:
            where.append("d.year >= ?")
            args.append(params["year_from"])
        if params.get("year_to") is not None:
            where.append("d.year <= ?")
            args.append(params["year_to"])
        db.execute("DROP TABLE IF EXISTS temp.m")
        sort = params.get("sort", "relevance")
        if match:
            db.execute(
                "CREATE TEMP TABLE m AS SELECT d.id AS id, bm25(fts, 4.0, 2.5, 1.0, 3.0, 2.0, 5.0)"
                " AS score FROM fts JOIN docs d ON d.id = fts.rowid WHERE fts MATCH ? AND "
                + " AND ".join(where),
                [match, *args],
            )
        else:
            db.execute(
                "CREATE TEMP TABLE m AS SELECT d.id AS id, 0.0 AS score FROM docs d WHERE "
                + " AND ".join(where),
                args,
            )
        order = {"date": "d.year ASC", "-date": "d.year DESC"}.get(sort, "m.score")
        db.execute(
            f"SELECT m.id FROM m JOIN docs d ON d.id = m.id ORDER BY {order} LIMIT {PAGE}"
        ).fetchall()
        total = int(db.execute("SELECT count(*) FROM m").fetchone()[0])
        for column in FACET_COLUMNS:
            db.execute(
                f"SELECT d.{column}, count(*) FROM m JOIN docs d ON d.id = m.id GROUP BY 1"
                " ORDER BY 2 DESC LIMIT 200"
            ).fetchall()
        db.execute(
            "SELECT x.facet, x.value, count(*) FROM m JOIN multi x ON x.doc = m.id GROUP BY 1, 2"
        ).fetchall()
        return total

    def size(self, path: Path) -> int:
        return path.stat().st_size

    def close(self) -> None:
        self.db.close()


class Postgres:
    name = "postgres"

    SCRIPT = REPO / "scripts" / "pg-test-server"

    def __init__(self, directory: Path):
        self.directory = directory
        self.port = free_port()
        url = subprocess.run(
            [str(self.SCRIPT), "start", str(directory), str(self.port)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        import psycopg

        self.db = psycopg.connect(url, autocommit=True)
        self.db.execute("SET work_mem = '256MB'")
        self.db.execute("SET maintenance_work_mem = '1GB'")

    def build(self, rows_path: Path) -> None:
        db = self.db
        db.execute(
            "CREATE UNLOGGED TABLE raw (id int, public int, holder int, year int,"
            " institution text, kind text, rights text, has_images text, periods text,"
            " languages text, t text, n text, x text, py text, en text, ids text)"
        )
        with db.cursor() as cursor, cursor.copy("COPY raw FROM STDIN") as copy:
            for row in read_rows(rows_path):
                copy.write_row([None if v == "" and i == 3 else v for i, v in enumerate(row)])
        db.execute(
            "CREATE TABLE docs AS SELECT id, public = 1 AS public, holder, year, institution,"
            " kind, rights, has_images,"
            " string_to_array(nullif(periods, ''), '|') AS periods,"
            " string_to_array(nullif(languages, ''), '|') AS languages,"
            " setweight(to_tsvector('simple', t), 'A') || setweight(to_tsvector('simple', n), 'B')"
            " || setweight(to_tsvector('simple', py || ' ' || en || ' ' || ids), 'C')"
            " || setweight(to_tsvector('simple', x), 'D') AS tsv FROM raw"
        )
        db.execute("DROP TABLE raw")
        db.execute("ALTER TABLE docs ADD PRIMARY KEY (id)")
        db.execute("CREATE INDEX docs_tsv ON docs USING gin (tsv)")
        db.execute("VACUUM ANALYZE docs")

    def search(self, params: dict[str, Any]) -> int:
        db = self.db
        query = compile_pg(parse(str(params.get("q", ""))))
        where = ["public"]
        args: list[Any] = []
        for facet, values in filters_of(params).items():
            if facet == "type":
                continue
            if facet in MULTI_FACETS:
                where.append(f"{facet}s && %s::text[]")
            else:
                where.append(f"{facet} = ANY(%s::text[])")
            args.append(list(values))
        if params.get("year_from") is not None:
            where.append("year >= %s")
            args.append(params["year_from"])
        if params.get("year_to") is not None:
            where.append("year <= %s")
            args.append(params["year_to"])
        if query:
            where.append("tsv @@ to_tsquery('simple', %s)")
            args.append(query)
            score = "ts_rank(tsv, to_tsquery('simple', %s), 1)"
            args.insert(0, query)
        else:
            score = "0.0"
        sort = params.get("sort", "relevance")
        order = {"date": "year ASC", "-date": "year DESC"}.get(sort, "score DESC")
        with db.transaction():
            db.execute(
                f"CREATE TEMP TABLE m ON COMMIT DROP AS SELECT id, year, institution, kind,"
                f" rights, has_images, periods, languages, {score} AS score FROM docs WHERE "
                + " AND ".join(where),
                args,
            )
            db.execute(f"SELECT id FROM m ORDER BY {order} LIMIT {PAGE}").fetchall()
            row = db.execute("SELECT count(*) FROM m").fetchone()
            total = int(row[0]) if row else 0
            for column in FACET_COLUMNS:
                db.execute(
                    f"SELECT {column}, count(*) FROM m GROUP BY 1 ORDER BY 2 DESC LIMIT 200"
                ).fetchall()
            for column in MULTI_FACETS:
                db.execute(f"SELECT v, count(*) FROM m, unnest({column}s) v GROUP BY 1").fetchall()
        return total

    def size(self) -> int:
        row = self.db.execute("SELECT pg_total_relation_size('docs')").fetchone()
        return int(row[0]) if row else 0

    def close(self) -> None:
        self.db.close()
        self.stop(self.directory)

    @classmethod
    def stop(cls, directory: Path) -> None:
        if (directory / "data" / "PG_VERSION").exists():
            subprocess.run([str(cls.SCRIPT), "stop", str(directory)], check=False)


def time_queries(
    search: Callable[[dict[str, Any]], int], rounds: int
) -> tuple[list[float], dict[int, int]]:
    """In process, one client: a warm-up pass, then ``rounds`` passes."""
    counts = {i: search(params) for i, (_label, params) in enumerate(QUERIES)}
    samples: list[float] = []
    for _ in range(rounds):
        for _label, params in QUERIES:
            began = time.perf_counter()
            search(params)
            samples.append(time.perf_counter() - began)
    return samples, counts


def agreement(engine: dict[int, int], other: dict[int, int]) -> float:
    """Share of queries where a baseline finds as many records as the engine (within 1%)."""
    same = sum(1 for i, n in engine.items() if i in other and abs(other[i] - n) <= max(1, n // 100))
    return round(same / max(1, len(engine)), 3)


# -- the run -------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--records", type=int, default=None, help="default 1,000,000")
    parser.add_argument("--quick", action="store_true", help="20,000 records, fewer rounds")
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--workers", type=int, default=2, help="indexing and web workers")
    parser.add_argument("--rounds", type=int, default=None, help="passes over the query list")
    parser.add_argument("--base-rounds", type=int, default=1, help="baselines' passes")
    parser.add_argument("--no-fts5", action="store_true")
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    records = args.records or (20_000 if args.quick else 1_000_000)
    rounds = args.rounds or (2 if args.quick else 5)
    base_rounds = args.base_rounds

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # clean up as on Ctrl-C
    data_dir = Path(tempfile.mkdtemp(prefix="tongwen-search-bench-"))
    # The PostgreSQL cluster runs as the "postgres" user when we are root: its own directory.
    pg_dir = Path(tempfile.mkdtemp(prefix="tongwen-search-bench-pg-"))
    server: subprocess.Popen[bytes] | None = None
    postgres: Postgres | None = None
    fts5: Fts5 | None = None
    try:
        env = server_env(data_dir)
        prepare_site(env)

        began = time.perf_counter()
        corpus = Corpus.load()
        figure(
            "corpus_load_seconds", round(time.perf_counter() - began, 1), poems=len(corpus.poems)
        )

        index_dir = data_dir / "search"
        rows_path = data_dir / "baseline-rows.tsv"
        built = build_index(corpus, records, args.seed, index_dir, rows_path, args.workers)
        # The sample institutions index themselves when created: they are there too.
        if built["docs"] != records + len(INSTITUTIONS):
            raise RuntimeError(f"index holds {built['docs']} documents, expected {records}")
        figure(
            "index_build_seconds",
            round(built["seconds"], 1),
            goal=GOALS["index_build_seconds"],
            goal_records=1_000_000,
            records=records,
            records_per_s=round(records / built["seconds"]),
            commit_seconds=round(built["commit_seconds"], 1),
            cpu_seconds=round(built["cpu_seconds"], 1),
            generate_cpu_seconds=round(built["generate_cpu_seconds"], 1),
            analyse_cpu_seconds=round(built["analyse_cpu_seconds"], 1),
            workers=args.workers,
            load_average=round(os.getloadavg()[0], 2),
        )
        figure("index_bytes", dir_bytes(index_dir), records=records, segments=built["segments"])
        figure(
            "index_peak_rss_bytes",
            built["parent_peak_rss"] + args.workers * built["worker_peak_rss"],
            parent=built["parent_peak_rss"],
            largest_worker=built["worker_peak_rss"],
            workers=args.workers,
            records=records,
        )
        del corpus

        server, port = start_tongwen(env, args.workers)
        session = requests.Session()
        base = f"http://127.0.0.1:{port}"
        api_samples: dict[int, dict[str, float]] = {}
        engine_counts: dict[int, int] = {}
        api_run(base, 1, 1, args.seed)  # warm-up: imports, caches, index pages
        # An index of another schema version is emptied when the site opens it: make sure the
        # site searches what was built (the code may have changed since this run began).
        seen = int(session.get(f"{base}/api/v1/search/", timeout=300).json()["count"])
        if seen < built["public"]:
            raise RuntimeError(f"the site sees {seen} documents, {built['public']} were indexed")
        for clients in (1, 8):
            samples, counts = api_run(base, clients, rounds, args.seed)
            engine_counts = engine_counts or counts
            stats = percentiles(samples)
            api_samples[clients] = stats
            goal = (
                {"goal_p95_ms": GOALS["api_p95_ms_1"]}
                if clients == 1
                else {"goal_p99_ms": GOALS["api_p99_ms_8"]}
            )
            emit(
                figure="api_latency_ms",
                clients=clients,
                **stats,
                **goal,
                requests=len(samples),
                queries=len(QUERIES),
                web_workers=args.workers,
                records=records,
                load_average=round(os.getloadavg()[0], 2),
            )
        per_kind: dict[str, list[float]] = {}
        for label, params in QUERIES:
            began = time.perf_counter()
            session.get(f"{base}/api/v1/search/", params=api_params(params), timeout=300)
            per_kind.setdefault(label, []).append(time.perf_counter() - began)
        emit(
            figure="api_latency_by_kind_ms",
            **{k: round(statistics.median(v) * 1000, 1) for k, v in per_kind.items()},
            clients=1,
            statistic="median of one pass",
        )
        web = [proc_status(pid) for pid in children_of(server.pid)]
        figure(
            "web_rss_bytes",
            max(w["VmHWM"] for w in web),
            goal=GOALS["web_rss_bytes"],
            statistic="peak resident (VmHWM) of the largest gunicorn worker",
            rss_now=max(w["VmRSS"] for w in web),
            anon=max(w["RssAnon"] for w in web),
            file_mapped=max(w["RssFile"] for w in web),
            workers=len(web),
        )
        stop_server(server)
        server = None

        baselines: dict[str, dict[str, float]] = {}
        if not args.no_fts5:
            fts_path = data_dir / "fts5.sqlite3"
            fts5 = Fts5(fts_path)
            began = time.perf_counter()
            fts5.build(rows_path)
            figure(
                "fts5_build_seconds",
                round(time.perf_counter() - began, 1),
                records=records,
                note="from the analysed tokens; analysis not included",
            )
            figure("fts5_bytes", fts5.size(fts_path), records=records)
            samples, counts = time_queries(fts5.search, base_rounds)
            baselines["fts5"] = percentiles(samples)
            emit(
                figure="fts5_latency_ms",
                **baselines["fts5"],
                requests=len(samples),
                same_count_share=agreement(engine_counts, counts),
            )
            fts5.close()
            fts5 = None
        if not args.no_postgres:
            postgres = Postgres(pg_dir)
            began = time.perf_counter()
            postgres.build(rows_path)
            figure(
                "postgres_build_seconds",
                round(time.perf_counter() - began, 1),
                records=records,
                note="from the analysed tokens; analysis not included",
            )
            figure("postgres_bytes", postgres.size(), records=records)
            samples, counts = time_queries(postgres.search, base_rounds)
            baselines["postgres"] = percentiles(samples)
            emit(
                figure="postgres_latency_ms",
                **baselines["postgres"],
                requests=len(samples),
                same_count_share=agreement(engine_counts, counts),
            )
        tantivy_p95 = api_samples[1]["p95"]
        for name, stats in baselines.items():
            emit(
                figure=f"p95_ratio_{name}_to_api",
                value=round(stats["p95"] / tantivy_p95, 1),
                api_p95_ms=tantivy_p95,
                baseline_p95_ms=stats["p95"],
                goal=GOALS["fts5_ratio"] if name == "fts5" else None,
                records=records,
            )
    finally:
        stop_server(server)
        if fts5 is not None:
            fts5.close()
        if postgres is not None:
            postgres.db.close()
        Postgres.stop(pg_dir)  # also when it started but the connection failed
        shutil.rmtree(data_dir, ignore_errors=True)
        shutil.rmtree(pg_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

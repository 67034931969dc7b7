"""Relevance of cross-script search over real text: nDCG@10 and the script-invariance rate.

    .venv/bin/python bench/search_relevance.py
    .venv/bin/python bench/search_relevance.py --details        # per query, and failing hits
    .venv/bin/python bench/search_relevance.py --poems 5000     # a quicker, partial corpus

The corpus is (a) every Tang poem of the ``chinese-poetry`` npm package (全唐詩, about
57,600 poems in traditional characters, read from ``node_modules``; nothing is copied into
the repository), one document per poem: the title, the poet as the name, the lines as the
text; and (b) the demo collection, loaded into a fresh database in a temporary data directory
(``migrate`` and ``load_demo``) and turned into documents by the real providers
(``search.services.documents``). Everything is indexed into one Tantivy index in the same
temporary directory, and the judged queries of ``bench/relevance/judgments.json`` run through
``TantivyBackend.search`` as a platform administrator would (every document visible).

Judgments name documents by stable ids, never database keys: ``poem:<id>`` with the package's
own poem id, and ``<type>:<slug>`` for the demo records (the last part of the record's URL).
Grades: 3 the work asked for, 2 highly relevant (another copy or edition of it, or a work of
the poet asked for), 1 partially relevant. Besides listing documents a query may give rules
that grade poems by what they are (``author``: every poem by that poet; ``title``: every
poem with exactly that title; ``title_contains``; ``title_pinyin``: the whole title reads
so, as a syllable run); an explicit judgment wins over a rule.
Every judged id is checked against the corpus, so a judgment cannot point at nothing.

Figures, one JSON line each: the corpus, the index build seconds, nDCG@10 over all queries
(gain 2^g - 1, discount log2(rank + 1), ideal from every judged document) beside the goal of
0.85, nDCG@10 per category, and the script-invariance rate beside the goal of 1.0: the share
of the queries with Han characters whose top ten is the same, in the same order, when the
query is typed in the other script (each query carries its twin).
"""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

BENCH = "search_relevance"
GOAL_NDCG = 0.85
GOAL_INVARIANCE = 1.0
K = 10
POEMS = REPO / "node_modules" / "chinese-poetry" / "dist" / "quantangshi"
JUDGMENTS = Path(__file__).resolve().parent / "relevance" / "judgments.json"


def emit(**fields: object) -> None:
    print(json.dumps({"bench": BENCH, **fields}, ensure_ascii=False), flush=True)


# The corpus


def read_poems(limit: int | None) -> list[dict[str, Any]]:
    """The Tang poems in the package's own order (files poet.tang.0, 1000, 2000, ...)."""
    files = sorted(POEMS.glob("poet.tang.*.json"), key=lambda p: int(p.name.split(".")[2]))
    if not files:
        raise SystemExit(f"no Tang poems under {POEMS}; run `npm install` first")
    poems: list[dict[str, Any]] = []
    for path in files:
        poems.extend(json.loads(path.read_text(encoding="utf-8")))
        if limit and len(poems) >= limit:
            return poems[:limit]
    return poems


def poem_document(poem: dict[str, Any]) -> Any:
    from tongwen.search.engine import EVERYONE, Document

    return Document(
        key=f"poem:{poem['id']}",
        type="resource",
        url=f"/poems/{poem['id']}/",
        title={"zh-Hant": poem["title"]},
        readers=frozenset({EVERYONE}),
        names=(poem["author"],) if poem.get("author") else (),
        text=("".join(poem.get("paragraphs") or ()),),
        facets={"kind": ("poem",), "period": ("tang",), "language": ("lzh",)},
    )


def demo_documents(data_dir: Path) -> list[Any]:
    """The demo collection as the real providers index it, from a fresh database."""
    os.environ.update(
        TONGWEN_DATA_DIR=str(data_dir),
        TONGWEN_PROFILE="development",
        TONGWEN_LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="tongwen.config.settings",
    )
    import django

    django.setup()
    from django.core.management import call_command

    from tongwen.search import services

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_demo", image_scale=0.05, stdout=io.StringIO())
    return list(services.documents())


def stable_ids(documents: list[Any]) -> dict[str, str]:
    """Document key → stable id: ``poem:<id>`` for poems (already stable), ``<type>:<slug>``
    (the last part of the URL) for database records. Documents that share a URL (an
    agreement's commitments, the people shown on an institution's page) keep a ``pk:`` id,
    which no judgment may name."""
    ids: dict[str, str] = {}
    seen: dict[str, int] = defaultdict(int)
    for document in documents:
        if document.key.startswith("poem:"):
            ids[document.key] = document.key
        else:
            slug = [part for part in document.url.split("/") if part][-1]
            ids[document.key] = f"{document.type}:{slug}"
        seen[ids[document.key]] += 1
    return {k: v if seen[v] == 1 else f"pk:{k}" for k, v in ids.items()}


def _fields(document: Any) -> dict[str, Any]:
    from tongwen.search.backends.tantivy import to_fields

    return to_fields(document)


def build_index(documents: list[Any], path: Path, workers: int) -> Any:
    from tongwen.search.backends.tantivy import TantivyBackend

    backend = TantivyBackend(path, writer_heap_mb=256, writer_threads=1)
    if workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            fields = list(pool.map(_fields, documents, chunksize=500))
    else:
        fields = [_fields(d) for d in documents]
    backend.add_fields(zip(documents, fields, strict=True))
    backend.commit()
    return backend


# Judgments


def expand(query: dict[str, Any], poems: list[dict[str, Any]], known: set[str]) -> dict[str, int]:
    """The graded judgments of one query: its rules over the poems, then its explicit ids."""
    from tongwen.search.analysis import fold, joined_pinyin

    grades: dict[str, int] = {}
    for rule in query.get("rules", ()):
        grade = int(rule["grade"])
        author = fold(rule.get("author", ""))
        title = fold(rule.get("title", ""))
        contains = fold(rule.get("title_contains", ""))
        reading = rule.get("title_pinyin", "")
        matched = 0
        for poem in poems:
            if author and fold(poem.get("author") or "") != author:
                continue
            if title and fold(poem["title"]) != title:
                continue
            if contains and contains not in fold(poem["title"]):
                continue
            if reading and joined_pinyin(poem["title"]) != reading:
                continue
            key = f"poem:{poem['id']}"
            grades[key] = max(grades.get(key, 0), grade)
            matched += 1
        if not matched:
            raise SystemExit(f"query {query['id']}: rule {rule} matches no poem")
    for key, grade in query.get("judgments", {}).items():
        if key not in known or key.startswith("pk:"):
            raise SystemExit(f"query {query['id']}: judged {key} is not in the corpus")
        grades[key] = int(grade)
    return {k: g for k, g in grades.items() if g > 0}


def dcg(grades: Iterable[int]) -> float:
    return sum((2**g - 1) / math.log2(rank + 2) for rank, g in enumerate(grades))


def ndcg(ranked: list[str], grades: dict[str, int]) -> float:
    ideal = dcg(sorted(grades.values(), reverse=True)[:K])
    return dcg(grades.get(key, 0) for key in ranked[:K]) / ideal if ideal else 0.0


# The run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--details", action="store_true", help="per-query figures and misses")
    parser.add_argument("--poems", type=int, default=0, help="index only the first N poems")
    parser.add_argument("--judgments", type=Path, default=JUDGMENTS)
    parser.add_argument("--workers", type=int, default=2, help="processes analysing documents")
    args = parser.parse_args()

    judged = json.loads(args.judgments.read_text(encoding="utf-8"))["queries"]
    temp = Path(tempfile.mkdtemp(prefix="tongwen-relevance-"))
    try:
        started = time.monotonic()
        poems = read_poems(args.poems or None)
        demo = demo_documents(temp / "data")
        setup = time.monotonic() - started
        documents = [poem_document(p) for p in poems] + demo
        ids = stable_ids(documents)
        shown = {
            ids[d.key]: f"{next(iter(d.title.values()), '')} / {' '.join(d.names[:2])}"
            for d in documents
        }
        emit(figure="corpus", documents=len(documents), poems=len(poems), demo=len(demo))
        emit(figure="setup_seconds", value=round(setup, 1), note="read poems, migrate, load_demo")

        started = time.monotonic()
        backend = build_index(documents, temp / "index", args.workers)
        emit(
            figure="index_build_seconds",
            value=round(time.monotonic() - started, 1),
            documents=backend.count(),
            workers=args.workers,
            load_average=round(os.getloadavg()[0], 1),  # a shared machine slows the build
        )

        from tongwen.search.engine import Query

        def top(text: str) -> tuple[list[str], float]:
            began = time.perf_counter()
            result = backend.search(Query(text=text, limit=K, facets=()))
            return [ids[h.key] for h in result.hits], time.perf_counter() - began

        known = set(ids.values())
        scores: dict[str, list[float]] = defaultdict(list)
        per_query: list[float] = []
        pairs = same = 0
        latencies: list[float] = []
        for query in judged:
            grades = expand(query, poems, known)
            if not grades:
                raise SystemExit(f"query {query['id']} has no judged document")
            ranked, seconds = top(query["text"])
            latencies.append(seconds)
            score = ndcg(ranked, grades)
            per_query.append(score)
            scores[query["category"]].append(score)
            invariant = None
            if query.get("twin"):
                twin, seconds = top(query["twin"])
                latencies.append(seconds)
                pairs += 1
                invariant = twin == ranked
                same += invariant
            if args.details:
                print(
                    json.dumps(
                        {
                            "query": query["id"],
                            "text": query["text"],
                            "ndcg": round(score, 3),
                            "invariant": invariant,
                        },
                        ensure_ascii=False,
                    ),
                    file=sys.stderr,
                )
                if score < 1.0 or invariant is False:
                    for rank, key in enumerate(ranked, 1):
                        print(
                            f"    {rank:2d} [{grades.get(key, 0)}] {key}  {shown[key]}",
                            file=sys.stderr,
                        )
                    missed = sorted(
                        (k for k in grades if k not in ranked[:K]), key=lambda k: -grades[k]
                    )
                    for key in missed[:5]:
                        print(f"    missed [{grades[key]}] {key}  {shown[key]}", file=sys.stderr)
                    if invariant is False:
                        print(f"    twin {query['twin']}: {twin}", file=sys.stderr)

        emit(
            figure="ndcg@10",
            value=round(statistics.fmean(per_query), 4),
            goal=GOAL_NDCG,
            queries=len(per_query),
        )
        for category, values in sorted(scores.items()):
            emit(
                figure="ndcg@10",
                category=category,
                value=round(statistics.fmean(values), 4),
                queries=len(values),
            )
        emit(
            figure="script_invariance",
            value=round(same / pairs, 4) if pairs else None,
            goal=GOAL_INVARIANCE,
            pairs=pairs,
        )
        latencies.sort()
        emit(
            figure="query_ms",
            median=round(1000 * statistics.median(latencies), 1),
            p95=round(1000 * latencies[int(0.95 * (len(latencies) - 1))], 1),
            searches=len(latencies),
        )
        backend.close()
        return 0
    finally:
        shutil.rmtree(temp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

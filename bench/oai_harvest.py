"""Harvest speed: one Tongwen harvesting another's OAI-PMH repository into its database.

    .venv/bin/python bench/oai_harvest.py
    .venv/bin/python bench/oai_harvest.py --records 2000 --prefix oai_dc --page-size 500

A partner Tongwen gets its own temporary data directory (SQLite, migrated), N realistic
resources (Chinese titles and creators with pinyin, dates as written with normalised years
and periods, subjects, extents, call numbers, two holders, varied rights) and is served by
gunicorn on a loopback port. A second, fresh Tongwen in another temporary data directory
registers it as a source and harvests it in this process (``harvest``, the service the
command and the pages call), then harvests it again in full (every record sent again,
none changed) and once more incrementally.

Prints one JSON line per figure: records, seconds, records per second beside the goal
(1,000 records/s for the first harvest), the harvester's own CPU time per record (all its
threads), the partner's (its gunicorn processes) and the machine's load average (the partner
runs on the same machine, so a busy machine slows both). A last figure, ``partner_only``,
reads the whole list once more without writing anything (fetch and parse): the most any
harvester could reach against this partner on this machine.

The page size is the provider's default (``TONGWEN_OAI_PAGE_SIZE``, 200); ``--page-size``
sets another (500 is the other size we report). Descriptions carry their pinyin, as
``resource_create`` writes them; a partner that sends none costs the harvester the pinyin
(about 0.2 ms a record). The partner answers a few requests before the clock starts (see
``warm_up``). ``--profile PATH`` writes a cProfile file of the first harvest's
main thread (read it with ``python -m pstats PATH``).

Servers and temporary directories are removed at the end, also when the run fails.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

BENCH = "oai_harvest"
GOAL_RECORDS_PER_S = 1000

TITLES = [
    ("史記", "Records of the Grand Historian", ["史部", "紀傳類"]),
    ("漢書", "Book of Han", ["史部", "紀傳類"]),
    ("資治通鑑", "Comprehensive Mirror in Aid of Governance", ["史部", "編年類"]),
    ("太平御覽", "Imperial Readings of the Taiping Era", ["子部", "類書類"]),
    ("本草綱目", "Compendium of Materia Medica", ["子部", "醫家類"]),
    ("天工開物", "Exploitation of the Works of Nature", ["子部", "農家類"]),
    ("說文解字", "Explaining Graphs and Analysing Characters", ["經部", "小學類"]),
    ("水經注", "Commentary on the Water Classic", ["史部", "地理類"]),
    ("夢溪筆談", "Dream Pool Essays", ["子部", "雜家類"]),
    ("文心雕龍", "The Literary Mind and the Carving of Dragons", ["集部", "詩文評類"]),
]
CREATORS = [
    ("司馬遷", "Sima Qian"),
    ("班固", "Ban Gu"),
    ("司馬光", "Sima Guang"),
    ("李時珍", "Li Shizhen"),
    ("宋應星", "Song Yingxing"),
    ("許慎", "Xu Shen"),
    ("酈道元", "Li Daoyuan"),
    ("沈括", "Shen Kuo"),
]
DATES = ["清乾隆四年", "明萬曆間", "宋刻本", "清光緒二十年", "明嘉靖三十年", "民國十年", "元至正間"]


def emit(**fields: object) -> None:
    print(json.dumps({"bench": BENCH, **fields}, ensure_ascii=False), flush=True)


def clean_environ() -> None:
    """The caller's Tongwen settings (database, profile, data directory) are not ours."""
    for key in [k for k in os.environ if k.startswith("TONGWEN_")]:
        del os.environ[key]
    os.environ.update(
        TONGWEN_PROFILE="development",
        TONGWEN_DEBUG="0",
        DJANGO_SETTINGS_MODULE="tongwen.config.settings",
    )


def seed_partner(records: int, seed: int) -> None:
    """Fill the partner's database (run in a child process with the partner's settings)."""
    import django

    django.setup()
    from django.db import transaction
    from django.utils import timezone

    from tongwen.catalog import periods
    from tongwen.catalog.models import Creator, Resource, Rights
    from tongwen.common import langmap
    from tongwen.common.actors import SYSTEM
    from tongwen.institutions import services as institutions

    rng = random.Random(seed)
    holders = [
        institutions.institution_create(actor=SYSTEM, slug=slug, name=name, kind="library")
        for slug, name in (
            ("nlc", {"zh-Hans": "国家图书馆", "en": "National Library of China"}),
            ("shanghai-library", {"zh-Hans": "上海图书馆", "en": "Shanghai Library"}),
        )
    ]
    parsed = {text: periods.parse_written_date(text) for text in DATES}
    pinyin = {zh: langmap.to_pinyin(zh) for zh, _en in CREATORS}
    rights = [Rights.PDM, Rights.CC_BY, Rights.INC_EDU, Rights.NOC_NC, Rights.CNE]
    start = timezone.now() - dt.timedelta(days=365)
    # Bulk inserts, not resource_create: the service validates and writes history for each
    # record, which would make setup, not harvesting, the bench. The rows are what the
    # service would write: the same fields, pinyin and normalised dates.
    batch = 2000
    with transaction.atomic():
        for offset in range(0, records, batch):
            resources = []
            for n in range(offset, min(offset + batch, records)):
                zh, en, subjects = TITLES[n % len(TITLES)]
                written = DATES[rng.randrange(len(DATES))]
                date = parsed[written]
                title = f"{zh}（第{n % 120 + 1}種）"
                resources.append(
                    Resource(
                        slug=f"bench-{n:06d}",
                        holder=holders[n % len(holders)],
                        kind=Resource.Kind.ANCIENT_BOOK if n % 5 else Resource.Kind.RUBBING,
                        title={
                            "zh-Hant": title,
                            "en": f"{en} ({n})",
                            langmap.PINYIN_TAG: langmap.to_pinyin(title),
                        },
                        date_written=written,
                        year_from=date.year_from if date else None,
                        year_to=date.year_to if date else None,
                        period=date.period if date else "",
                        edition=Resource.Edition.WOODBLOCK,
                        extent_juan=rng.randint(1, 300),
                        extent_volumes=rng.randint(1, 60),
                        subjects=subjects,
                        languages=["lzh"],
                        script="Hant",
                        call_number=f"善{n:06d}",
                        identifiers=[{"scheme": "local", "value": f"T{n:06d}"}],
                        description=langmap.with_pinyin(
                            {"zh-Hant": f"{zh}，刻本，版心下鐫刻工姓名。第{n}號。"}
                        ),
                        rights=rights[n % len(rights)],
                        modified_at=start + dt.timedelta(seconds=rng.uniform(0, 365 * 86400)),
                    )
                )
            Resource.objects.bulk_create(resources)
            creators = []
            for resource in resources:
                for order in range(1 + resource.pk % 2):
                    zh, en = CREATORS[(resource.pk + order) % len(CREATORS)]
                    creators.append(
                        Creator(
                            resource=resource,
                            order=order,
                            name={"zh-Hant": zh, "en": en, langmap.PINYIN_TAG: pinyin[zh]},
                            role="author" if order == 0 else "commentator",
                            period=resource.period,
                        )
                    )
            Creator.objects.bulk_create(creators)


def session_cpu_seconds(session: int) -> float | None:
    """CPU time (user and system) of the live processes of a session: the partner's gunicorn
    arbiter and workers. None where /proc cannot tell."""
    try:
        tick = os.sysconf("SC_CLK_TCK")
        pids = [name for name in os.listdir("/proc") if name.isdigit()]
    except (OSError, ValueError):
        return None
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        if int(fields[3]) == session:  # fields[3]: the session id
            total += int(fields[11]) + int(fields[12])
    return total / tick


def warm_up(url: str, prefix: str, workers: int) -> None:
    """Have every gunicorn worker answer once: a worker loads Tongwen's views on its first
    request (about a second on a busy machine), a start-up a running partner has behind it
    and that is no part of harvesting."""
    import requests

    requests_each = [{"verb": "Identify"}, {"verb": "ListRecords", "metadataPrefix": prefix}]

    def ask(params: dict[str, str]) -> None:
        requests.get(url, params=params, timeout=60).raise_for_status()

    # Requests at the same time go to different workers.
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for _round in range(2):
            for params in requests_each:
                list(pool.map(ask, [params] * workers))


def read_list(url: str, prefix: str) -> int:
    """Fetch and parse every page of the list, writing nothing; the number of records."""
    from tongwen.catalog.oai.client import OAIClient

    seen = 0
    with OAIClient(url) as client:
        page = client.list_records(metadata_prefix=prefix)
        while True:
            seen += len(page.records)
            if not page.resumption_token:
                return seen
            page = client.list_records(
                metadata_prefix=prefix, resumption_token=page.resumption_token
            )


def migrate(data_dir: Path) -> None:
    env = {**os.environ, "TONGWEN_DATA_DIR": str(data_dir), "PYTHONPATH": str(REPO / "src")}
    subprocess.run(
        [sys.executable, str(REPO / "manage.py"), "migrate", "--noinput", "-v", "0"],
        env=env,
        cwd=REPO,
        check=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--prefix", choices=["mods", "oai_dc"], default="mods")
    parser.add_argument("--page-size", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument(
        "--profile",
        metavar="PATH",
        help="write a cProfile pstats file of the first harvest (its main thread) to PATH",
    )
    parser.add_argument("--seed-partner", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seed_partner:
        seed_partner(args.records, args.seed)
        return 0

    clean_environ()
    from tongwen.catalog.tests.fixtures.oai.partner import PartnerTongwen

    root = Path(tempfile.mkdtemp(prefix="tongwen-harvest-bench-"))
    partner = PartnerTongwen(root / "partner", page_size=args.page_size, workers=args.workers)
    try:
        started = time.perf_counter()
        partner.migrate()
        subprocess.run(
            [sys.executable, __file__, "--seed-partner", "--records", str(args.records)],
            env=partner.env,
            cwd=REPO,
            check=True,
        )
        partner.start()
        warm_up(partner.url, args.prefix, args.workers)
        emit(step="setup", records=args.records, seconds=round(time.perf_counter() - started, 1))

        # This process is the harvesting Tongwen: a fresh data directory, set up before
        # Django reads its settings.
        here = root / "harvester"
        here.mkdir()
        os.environ["TONGWEN_DATA_DIR"] = str(here)
        migrate(here)
        import django

        django.setup()
        from tongwen.catalog.models import Resource
        from tongwen.catalog.oai.harvester import harvest, harvest_source_create
        from tongwen.common.actors import SYSTEM
        from tongwen.institutions import services as institutions

        home = institutions.institution_create(
            actor=SYSTEM, slug="home", name={"en": "Home Library"}, kind="library"
        )
        source = harvest_source_create(
            actor=SYSTEM,
            institution=home,
            slug="partner",
            name={"en": "Partner Tongwen"},
            base_url=partner.url,
            metadata_prefix=args.prefix,
            mapping=args.prefix,
        )
        assert partner.process is not None
        session = partner.process.pid  # gunicorn runs in a session of its own

        def partner_ms_per_record(before: float | None, records: int) -> float | None:
            after = session_cpu_seconds(session)
            if before is None or after is None or not records:
                return None
            return round((after - before) * 1000 / records, 3)

        for label, full in (("first", False), ("no_change_full", True), ("incremental", False)):
            profiler = cProfile.Profile() if args.profile and label == "first" else None
            partner_cpu = session_cpu_seconds(session)
            started, cpu = time.perf_counter(), time.process_time()
            if profiler is not None:
                profiler.enable()
            run = harvest(actor=SYSTEM, source=source, full=full)
            if profiler is not None:
                profiler.disable()
                profiler.dump_stats(args.profile)
            seconds = time.perf_counter() - started
            cpu = time.process_time() - cpu
            if run.status != "succeeded" or run.failed:
                raise RuntimeError(f"{label} harvest: {run.status}, {run.errors[:3]}")
            if label == "first" and run.created != args.records:
                raise RuntimeError(f"created {run.created} of {args.records}")
            if label == "no_change_full" and run.unchanged != args.records:
                raise RuntimeError(f"{run.unchanged} unchanged of {args.records}")
            emit(
                run=label,
                format=args.prefix,
                page_size=args.page_size,
                records=run.seen,
                created=run.created,
                updated=run.updated,
                unchanged=run.unchanged,
                seconds=round(seconds, 3),
                records_per_s=round(run.seen / seconds, 1) if run.seen else None,
                goal_records_per_s=GOAL_RECORDS_PER_S if label == "first" else None,
                # The harvester's own CPU time (all its threads) per record: what the figure
                # would be if the partner answered instantly and nothing else ran here.
                harvester_cpu_ms_per_record=round(cpu * 1000 / run.seen, 3) if run.seen else None,
                partner_cpu_ms_per_record=partner_ms_per_record(partner_cpu, run.seen),
                load_average=round(os.getloadavg()[0], 2),
            )
        assert Resource.objects.filter(harvest_source=source).count() == args.records

        partner_cpu = session_cpu_seconds(session)
        started, cpu = time.perf_counter(), time.process_time()
        seen = read_list(partner.url, args.prefix)
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu
        emit(
            run="partner_only",
            format=args.prefix,
            page_size=args.page_size,
            records=seen,
            seconds=round(seconds, 3),
            records_per_s=round(seen / seconds, 1),
            # Fetching and parsing only: what the partner and the client cost.
            harvester_cpu_ms_per_record=round(cpu * 1000 / seen, 3),
            partner_cpu_ms_per_record=partner_ms_per_record(partner_cpu, seen),
            load_average=round(os.getloadavg()[0], 2),
        )
    finally:
        partner.stop()
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

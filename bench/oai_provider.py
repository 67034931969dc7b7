"""Harvest speed of Tongwen's OAI-PMH provider, through HTTP, as a harvester sees it.

    .venv/bin/python bench/oai_provider.py
    .venv/bin/python bench/oai_provider.py --records 5000 --page-size 500

A temporary data directory gets a fresh SQLite database (migrated), N realistic resources
(Chinese titles and creators with their pinyin, dates as written with normalised years and
periods, subjects, extents, call numbers; some private, some deleted) and the site served by
gunicorn with two workers on a loopback port. Each format is then harvested completely with
ListRecords by a plain ``requests`` loop following resumption tokens, every page parsed with
lxml to count its records; the count must equal what an anonymous harvester may see. Then a
partner's harvester (HTTP Basic, a member of one holder, so it also receives that holder's
private records) harvests oai_dc.

Prints one JSON line per figure: records, seconds, records per second beside the goal (2,000
records/s for oai_dc), and the server's CPU seconds and the load average, since on a shared
machine the wall clock also measures the neighbours. The server and the temporary directory
are removed at the end, also when the run fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from serving import start_tongwen  # noqa: E402

BIN = Path(sys.executable).parent
BENCH = "oai_provider"
GOAL = {"oai_dc": 2000}
OAI = "{http://www.openarchives.org/OAI/2.0/}"

TITLES = [
    ("史記", "sci"),
    ("漢書", "his"),
    ("資治通鑑", "his"),
    ("太平御覽", "enc"),
    ("本草綱目", "med"),
    ("天工開物", "tec"),
    ("說文解字", "phi"),
    ("論語集注", "cla"),
    ("水經注", "geo"),
    ("夢溪筆談", "mis"),
    ("文心雕龍", "lit"),
    ("楚辭章句", "lit"),
    ("齊民要術", "agr"),
    ("營造法式", "tec"),
    ("徐霞客遊記", "geo"),
]
CREATORS = [
    "司馬遷",
    "班固",
    "司馬光",
    "李昉",
    "李時珍",
    "宋應星",
    "許慎",
    "朱熹",
    "酈道元",
    "沈括",
]
DATES = ["清乾隆四年", "明萬曆間", "宋刻本", "清光緒二十年", "明嘉靖三十年", "民國十年", "元至正間"]
SUBJECTS = {
    "sci": ["史部", "紀傳類"],
    "his": ["史部", "編年類"],
    "enc": ["子部", "類書類"],
    "med": ["子部", "醫家類"],
    "tec": ["子部", "農家類"],
    "phi": ["經部", "小學類"],
    "cla": ["經部", "四書類"],
    "geo": ["史部", "地理類"],
    "mis": ["子部", "雜家類"],
    "lit": ["集部", "詩文評類"],
    "agr": ["子部", "農家類"],
}


def emit(**fields: object) -> None:
    print(json.dumps({"bench": BENCH, **fields}, ensure_ascii=False), flush=True)


def server_env(data_dir: Path, page_size: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TONGWEN_")}
    env.update(
        TONGWEN_DATA_DIR=str(data_dir),
        TONGWEN_PROFILE="development",
        TONGWEN_DEBUG="0",
        TONGWEN_ALLOWED_HOSTS="127.0.0.1,localhost",
        TONGWEN_OAI_PAGE_SIZE=str(page_size),
        TONGWEN_LOG_LEVEL="WARNING",
        PYTHONPATH=str(REPO / "src"),
    )
    return env


PARTNER = ("nlc-harvester", "bench harvester passphrase")


def generate(records: int, seed: int) -> tuple[int, int]:
    """Fill the database; returns how many records an anonymous harvester may see, and how
    many the harvester of the National Library (a member, so its private records too)."""
    import django

    django.setup()
    from django.db import connection, transaction
    from django.utils import timezone

    from tongwen.accounts import services as accounts
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
            ("palace-museum", {"zh-Hans": "故宫博物院", "en": "The Palace Museum"}),
        )
    ]
    harvester = accounts.user_create(username=PARTNER[0], password=PARTNER[1])
    accounts.membership_grant(user=harvester, institution=holders[0], role="viewer")
    kinds = [Resource.Kind.ANCIENT_BOOK] * 6 + [Resource.Kind.RUBBING, Resource.Kind.MAP]
    parsed = {text: periods.parse_written_date(text) for text in DATES}
    pinyin = {text: langmap.to_pinyin(text) for text, _ in TITLES}
    pinyin |= {name: langmap.to_pinyin(name) for name in CREATORS}
    start = timezone.now() - dt.timedelta(days=365)
    # Bulk inserts, not resource_create: the service validates and writes history for each
    # record (several milliseconds apiece), which would make setup, not harvesting, the bench.
    # The rows are what the service would write: the same fields, pinyin and normalised dates.
    visible = partner = 0
    batch = 2000
    with transaction.atomic():
        for offset in range(0, records, batch):
            resources = []
            for n in range(offset, min(offset + batch, records)):
                title, topic = TITLES[n % len(TITLES)]
                written = DATES[rng.randrange(len(DATES))]
                date = parsed[written]
                full_title = f"{title}（第{n % 120 + 1}種）"
                visibility = "private" if rng.random() < 0.05 else "public"
                modified = start + dt.timedelta(seconds=rng.uniform(0, 365 * 86400))
                deleted = modified if rng.random() < 0.02 else None
                visible += visibility == "public"
                partner += visibility == "public" or n % len(holders) == 0
                resources.append(
                    Resource(
                        slug=f"bench-{n:06d}",
                        holder=holders[n % len(holders)],
                        kind=kinds[n % len(kinds)],
                        title={
                            "zh-Hant": full_title,
                            "en": f"Bench record {n}",
                            langmap.PINYIN_TAG: langmap.to_pinyin(full_title),
                        },
                        date_written=written,
                        year_from=date.year_from if date else None,
                        year_to=date.year_to if date else None,
                        period=date.period if date else "",
                        edition=Resource.Edition.WOODBLOCK,
                        extent_juan=rng.randint(1, 300),
                        extent_volumes=rng.randint(1, 60),
                        subjects=SUBJECTS[topic],
                        languages=["lzh"],
                        script="Hant",
                        call_number=f"善{n:06d}",
                        identifiers=[{"scheme": "local", "value": f"T{n:06d}"}],
                        description={"zh-Hant": f"{title}，刻本，版心下鐫刻工姓名。第{n}號。"},
                        rights=Rights.PDM if n % 4 else Rights.INC_EDU,
                        visibility=visibility,
                        modified_at=modified,
                        deleted_at=deleted,
                    )
                )
            Resource.objects.bulk_create(resources)
            creators = []
            for resource in resources:
                for order in range(1 + resource.pk % 2):
                    name = CREATORS[(resource.pk + order) % len(CREATORS)]
                    creators.append(
                        Creator(
                            resource=resource,
                            order=order,
                            name={"zh-Hant": name, langmap.PINYIN_TAG: pinyin[name]},
                            role="author" if order == 0 else "commentator",
                            period=resource.period,
                        )
                    )
            Creator.objects.bulk_create(creators)
    connection.close()
    return visible, partner


def server_cpu_seconds(master: int) -> float:
    """CPU time used so far by gunicorn's workers (user + system), from /proc: a figure the
    other processes on a busy machine disturb less than the wall clock."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    try:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    except OSError:
        return float("nan")
    for pid in children:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def harvest(base: str, prefix: str, expected: int, auth: tuple[str, str] | None = None) -> float:
    import requests
    from lxml import etree  # type: ignore[import-untyped]

    session = requests.Session()
    session.auth = auth
    params: dict[str, str] = {"verb": "ListRecords", "metadataPrefix": prefix}
    count = 0
    started = time.perf_counter()
    while True:
        response = session.get(f"{base}/oai", params=params, timeout=120)
        response.raise_for_status()
        root = etree.fromstring(response.content)
        error = root.find(f"{OAI}error")
        if error is not None:
            raise RuntimeError(f"{error.get('code')}: {error.text}")
        listing = root.find(f"{OAI}ListRecords")
        count += sum(1 for _ in listing.iterchildren(f"{OAI}record"))
        token = listing.find(f"{OAI}resumptionToken")
        if token is None or not token.text:
            break
        params = {"verb": "ListRecords", "resumptionToken": token.text}
    seconds = time.perf_counter() - started
    if count != expected:
        raise RuntimeError(f"{prefix}: harvested {count} records, expected {expected}")
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--page-size", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=20240601)
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="tongwen-oai-bench-"))
    server: subprocess.Popen[bytes] | None = None
    try:
        env = server_env(data_dir, args.page_size)
        subprocess.run(
            [sys.executable, str(REPO / "manage.py"), "migrate", "--noinput", "-v", "0"],
            env=env,
            check=True,
            cwd=REPO,
        )
        os.environ.update(env)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tongwen.config.settings")
        sys.path.insert(0, str(REPO / "src"))
        started = time.perf_counter()
        expected, expected_partner = generate(args.records, args.seed)
        emit(step="setup", records=args.records, seconds=round(time.perf_counter() - started, 1))

        server, port = start_tongwen(env, args.workers, timeout=120)
        base = f"http://127.0.0.1:{port}"
        harvest(base, "oai_dc", expected)  # warm-up: imports, caches, SQLite pages
        runs: list[tuple[str, int, tuple[str, str] | None]] = [
            ("oai_dc", expected, None),
            ("mods", expected, None),
            # A partner's harvester: HTTP Basic on every page, and what its institution sees.
            ("oai_dc", expected_partner, PARTNER),
        ]
        for prefix, count, auth in runs:
            cpu_before = server_cpu_seconds(server.pid)
            seconds = harvest(base, prefix, count, auth=auth)
            cpu = server_cpu_seconds(server.pid) - cpu_before
            emit(
                format=prefix,
                auth="basic" if auth else "anonymous",
                records=count,
                page_size=args.page_size,
                workers=args.workers,
                seconds=round(seconds, 3),
                records_per_s=round(count / seconds, 1),
                server_cpu_seconds=round(cpu, 2),
                records_per_server_cpu_s=round(count / cpu, 1) if cpu else None,
                load_average=round(os.getloadavg()[0], 2),
                goal_records_per_s=GOAL.get(prefix),
            )
    finally:
        if server is not None and server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
        shutil.rmtree(data_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Tile throughput of Tongwen's IIIF image service beside IIPImage, on the same image, over HTTP.

    .venv/bin/python bench/iiif_tiles.py
    .venv/bin/python bench/iiif_tiles.py --clients 4
    .venv/bin/python bench/iiif_tiles.py --tongwen-url http://127.0.0.1:8000 --identifier ID

A ~6000×4000 test image is generated (JPEG) and turned into a master with the engine's own
``prepare_source`` (tiled pyramidal TIFF, JPEG Q90, 256-pixel tiles). The tile list is every
256-pixel tile at scale factors 1, 2 and 4, requested as ``<x,y,w,h>/<w,>/0/default.jpg``.

* ``tongwen`` over ``http`` (the figures the goals are about): Tongwen itself, started here in
  a temporary data directory (``manage.py migrate``, the same source image stored through the
  image store, which makes the same kind of master), served by
  ``gunicorn tongwen.config.wsgi -w 2 --threads 2`` with ``TONGWEN_DEBUG=0`` on a loopback
  port, asked anonymously for ``/iiif/3/<id>/…`` (a public, public-domain resource, so full
  resolution). Cold = fresh server with an empty derivative cache, warm = the same tiles
  again. ``--postgres`` serves from a throwaway PostgreSQL (``scripts/pg-test-server``)
  instead of SQLite; ``--wsgi-app`` and ``--gunicorn-args`` measure variants. With
  ``--tongwen-url`` a running server is measured instead (its image must be this one:
  ``--write-source`` saves it for uploading; its cache must be empty for "cold").
* ``iipimage`` over ``http``: Debian's ``iipimage-server`` (iipsrv FastCGI, ``--bind`` on a
  loopback port) behind ``lighttpd`` (mod_fastcgi), both started here with configuration in a
  temporary directory, spoken to in IIIF 2 syntax. Cold = freshly started iipsrv, warm =
  second pass (its in-memory tile cache holds the tiles). Output JPEG quality is set to the
  engine's (85).
* ``tongwen-vips`` / ``tongwen-pillow`` ``in-process``: the engine alone (parse, render,
  derivative cache) in this process, no HTTP and no Django; for reference only.

What "cold" means: for IIPImage, a freshly started iipsrv (its tile cache, MAX_IMAGE_CACHE_SIZE
512 MB, empty); for Tongwen, freshly started gunicorn workers and an empty derivative cache
(each worker has answered one info.json, which reads the database only). For both, the master
is the same file (hard-linked) and the operating system's page cache may hold it. JPEG quality
is 85 on both sides (iipsrv's default is 75; ``JPEG_QUALITY`` sets it here to the engine's
``DEFAULT_JPEG_QUALITY``). Tiles are requested in the same order from both servers.
Anonymous tiles reach Tongwen through the lean WSGI path of ``tongwen.config.wsgi`` (what
``make run`` serves too). ``--rounds N`` starts both servers afresh N times and ends with the
median figures, since single rounds on a shared two-core machine vary by ±30 %.

Both HTTP servers get the same client: ``--clients`` threads (default 1), each with one
keep-alive connection, sharing the tile list round robin. The servers run one after the other
(IIPImage first), never together. Prints one JSON object per line per figure; each Tongwen
figure carries IIPImage's rate for the same cache state, the ratio and, over HTTP, the goal
(warm ≥ 1.0×, cold ≥ 0.5×); in-process ratios say they are for reference only. HTTP figures
also give the server's CPU seconds (gunicorn's master and workers; lighttpd and iipsrv) and
the load average, since on a shared machine the wall clock also measures the neighbours.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import math
import os
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from serving import free_port, wait_for_port  # noqa: E402

sys.path.insert(0, str(REPO / "src"))

BIN = Path(sys.executable).parent
IIPSRV = Path("/usr/lib/iipimage-server/iipsrv.fcgi")
JPEG_QUALITY = 85
BENCH = "iiif_tiles"


def emit(**fields: object) -> None:
    print(json.dumps({"bench": BENCH, **fields}), flush=True)


def setup_django() -> None:
    """The engine only needs settings for translating error messages."""
    from django.conf import settings

    if not settings.configured:
        settings.configure(USE_I18N=False)


def make_source(path: Path, width: int, height: int) -> None:
    """A colourful, textured photograph stand-in (gradients plus noise), saved as JPEG."""
    import pyvips  # type: ignore[import-untyped]

    xyz = pyvips.Image.xyz(width, height)
    x, y = xyz[0], xyz[1]
    red = x * (255 / width)
    green = y * (255 / height)
    blue = ((x + y) * (8 * math.pi / (width + height))).sin() * 100 + 128
    img = red.bandjoin([green, blue])
    noise = pyvips.Image.gaussnoise(width, height, sigma=18, mean=0)
    img = (img + noise).cast("uchar").copy(interpretation="srgb")
    img.jpegsave(str(path), Q=95)


def tile_list(width: int, height: int, tile: int, factors: list[int]) -> list[tuple[str, str]]:
    """(region, size) of every tile at each scale factor, as in the IIIF implementation notes."""
    tiles = []
    for factor in factors:
        step = tile * factor
        for y in range(0, height, step):
            for x in range(0, width, step):
                rw, rh = min(step, width - x), min(step, height - y)
                tiles.append((f"{x},{y},{rw},{rh}", f"{math.ceil(rw / factor)},"))
    return tiles


#: Tongwen over HTTP against IIPImage: tiles per second, by cache state.
GOALS = {"warm": 1.0, "cold": 0.5}


def figure(
    engine: str,
    transport: str,
    cache: str,
    count: int,
    seconds: float,
    baseline: dict[str, float] | None = None,
    **extra: object,
) -> float:
    """Emit one figure; with IIPImage's rates as ``baseline``, also the ratio (and, for the
    HTTP figures, the goal it is measured against)."""
    rate = count / seconds if seconds else float("inf")
    comparison: dict[str, object] = {}
    if baseline and cache in baseline:
        ratio = rate / baseline[cache]
        comparison = {
            "iipimage_tiles_per_s": round(baseline[cache], 1),
            "tongwen_over_iipimage": round(ratio, 2),
        }
        if transport == "http":
            comparison |= {"goal": GOALS[cache], "meets_goal": ratio >= GOALS[cache]}
        else:
            comparison["note"] = "reference only: no HTTP, no Django, no permission check"
    emit(
        engine=engine,
        transport=transport,
        cache=cache,
        tiles=count,
        seconds=round(seconds, 3),
        tiles_per_s=round(rate, 1),
        **extra,
        **comparison,
    )
    return rate


# --- Tongwen ---------------------------------------------------------------------------------


def bench_tongwen_in_process(
    master: Path,
    width: int,
    height: int,
    tiles: list[tuple[str, str]],
    backend_name: str,
    baseline: dict[str, float] | None,
) -> dict[str, float]:
    from tongwen.catalog.iiif.image import (
        DerivativeCache,
        get_backend,
        parse_request,
        render_cached,
    )

    backend = get_backend(backend_name)
    rates = {}
    with tempfile.TemporaryDirectory(prefix="tongwen-iiif-cache-") as cache_dir:
        cache = DerivativeCache(Path(cache_dir), max_bytes=4 * 2**30)
        for phase in ("cold", "warm"):
            started = time.perf_counter()
            total_bytes = 0
            hits = 0
            for region, size in tiles:
                request = parse_request(
                    region, size, "0", "default", "jpg", width=width, height=height
                )
                data, hit = render_cached(master, request, backend, cache, "bench-image")
                total_bytes += len(data)
                hits += hit
            elapsed = time.perf_counter() - started
            rates[phase] = figure(
                f"tongwen-{backend.name}",
                "in-process",
                phase,
                len(tiles),
                elapsed,
                baseline,
                cache_hits=hits,
                mean_tile_bytes=total_bytes // len(tiles),
            )
    return rates


def fetch_all(host: str, port: int, paths: list[str], clients: int = 1) -> tuple[float, int]:
    """GET every path, ``clients`` threads at once, each on its own keep-alive connection
    taking every ``clients``-th path; returns the wall time and the bytes received."""
    totals = [0] * clients
    errors: list[BaseException] = []

    def client(index: int) -> None:
        conn = http.client.HTTPConnection(host, port, timeout=120)
        try:
            for path in paths[index::clients]:
                conn.request("GET", path)
                response = conn.getresponse()
                body = response.read()
                if response.status != 200 or body[:3] != b"\xff\xd8\xff":
                    raise RuntimeError(f"GET {path}: HTTP {response.status} {body[:200]!r}")
                totals[index] += len(body)
        except BaseException as exc:  # reported by the caller
            errors.append(exc)
        finally:
            conn.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if errors:
        raise errors[0]
    return elapsed, sum(totals)


def get(host: str, port: int, path: str) -> bytes:
    conn = http.client.HTTPConnection(host, port, timeout=60)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read()
    finally:
        conn.close()
    if response.status != 200:
        raise RuntimeError(f"GET {path}: HTTP {response.status} {body[:300]!r}")
    return body


def bench_http(
    engine: str,
    host: str,
    port: int,
    paths: list[str],
    clients: int,
    cpu: Callable[[], float] | None = None,
    baseline: dict[str, float] | None = None,
    **extra: object,
) -> dict[str, float]:
    """Cold then warm pass over ``paths``; with ``cpu``, also the server's CPU seconds."""
    rates = {}
    for phase in ("cold", "warm"):
        cpu_before = cpu() if cpu else 0.0
        elapsed, total = fetch_all(host, port, paths, clients)
        used = cpu() - cpu_before if cpu else None
        rates[phase] = figure(
            engine,
            "http",
            phase,
            len(paths),
            elapsed,
            baseline,
            clients=clients,
            mean_tile_bytes=total // len(paths),
            server_cpu_seconds=round(used, 2) if used is not None else None,
            tiles_per_server_cpu_s=round(len(paths) / used, 1) if used else None,
            load_average=round(os.getloadavg()[0], 2),
            **extra,
        )
    return rates


def process_cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of the processes and their threads, from /proc (Linux only)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def children_of(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except FileNotFoundError:
        return []
    return [int(p) for p in text.split()]


def tongwen_env(data_dir: Path, backend: str, database_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TONGWEN_")}
    if database_url:
        env["TONGWEN_DATABASE_URL"] = database_url
    env.update(
        DJANGO_SETTINGS_MODULE="tongwen.config.settings",
        TONGWEN_DATA_DIR=str(data_dir),
        TONGWEN_PROFILE="development",
        TONGWEN_DEBUG="0",
        TONGWEN_ALLOWED_HOSTS="127.0.0.1,localhost",
        TONGWEN_LOG_LEVEL="WARNING",
        TONGWEN_IIIF_BACKEND=backend,
        PYTHONPATH=os.pathsep.join(
            p for p in (str(REPO / "src"), os.environ.get("PYTHONPATH", "")) if p
        ),
    )
    return env


# Stores the source through the image store on a public, public-domain resource; prints the
# image's IIIF identifier. Run in a subprocess so this process keeps its minimal settings.
_LOAD_IMAGE = """
import sys
import django
django.setup()
from tongwen.catalog import images, services
from tongwen.catalog.models import Resource, Rights
from tongwen.common.actors import SYSTEM
from tongwen.institutions import services as institutions
holder = institutions.institution_create(
    actor=SYSTEM, slug="bench-library", name={"en": "Bench Library"}, kind="library"
)
resource = services.resource_create(
    actor=SYSTEM, holder=holder, slug="bench-tiles", kind=Resource.Kind.MAP,
    title={"en": "Benchmark image"}, rights=Rights.PDM, visibility="public",
)
with open(sys.argv[1], "rb") as source:
    image = images.image_add(
        actor=SYSTEM, resource=resource, file=source, original_name="bench.jpg"
    )
print(image.iiif_id)
"""


@contextmanager
def postgres_server() -> Iterator[str]:
    """A throwaway PostgreSQL cluster (``scripts/pg-test-server``); yields its database URL."""
    script = REPO / "scripts" / "pg-test-server"
    # Its own directory straight under the temporary root: as root the cluster runs as the
    # "postgres" user, who cannot enter the benchmark's private working directory.
    pg_dir = Path(tempfile.mkdtemp(prefix="bench-iiif-pg-"))
    try:
        started = subprocess.run(
            [str(script), "start", str(pg_dir), str(free_port())],
            check=True,
            capture_output=True,
            text=True,
        )
        try:
            yield started.stdout.strip().splitlines()[-1]
        finally:
            subprocess.run([str(script), "stop", str(pg_dir)], check=False, capture_output=True)
    finally:
        shutil.rmtree(pg_dir, ignore_errors=True)


@contextmanager
def tongwen_server(
    source: Path, work: Path, args: argparse.Namespace, database_url: str | None
) -> Iterator[tuple[int, str, subprocess.Popen[bytes]]]:
    """Migrate a fresh data directory, store ``source``, serve it with gunicorn; yield the
    port, the image's identifier and the gunicorn master process."""
    data_dir = work / "tongwen-data"
    data_dir.mkdir()
    env = tongwen_env(data_dir, args.server_backend, database_url)
    subprocess.run(
        [sys.executable, str(REPO / "manage.py"), "migrate", "--noinput", "-v", "0"],
        env=env,
        cwd=REPO,
        check=True,
    )
    loaded = subprocess.run(
        [sys.executable, "-c", _LOAD_IMAGE, str(source)],
        env=env,
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
    )
    identifier = loaded.stdout.strip().splitlines()[-1]
    port = free_port()
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            args.wsgi_app,
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(args.workers),
            "--threads",
            str(args.threads),
            "--timeout",
            "120",
            "--no-control-socket",
            "--log-level",
            "warning",
            *shlex.split(args.gunicorn_args),
        ],
        env=env,
        cwd=REPO,
        start_new_session=True,
    )
    try:
        wait_for_port(port, timeout=30, process=server)
        yield port, identifier, server
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()


def bench_tongwen_server(
    source: Path,
    work: Path,
    tiles: list[tuple[str, str]],
    args: argparse.Namespace,
    baseline: dict[str, float] | None,
) -> dict[str, float]:
    with contextlib.ExitStack() as stack:
        database_url = stack.enter_context(postgres_server()) if args.postgres else None
        port, identifier, server = stack.enter_context(
            tongwen_server(source, work, args, database_url)
        )
        # The workers have imported Django when they accept connections; one info.json makes
        # sure both are up (as the IIPImage side asks for info.json first too).
        for _ in range(args.workers * 2):
            get("127.0.0.1", port, f"/iiif/3/{identifier}/info.json")
        paths = [f"/iiif/3/{identifier}/{r}/{s}/0/default.jpg" for r, s in tiles]

        def cpu() -> float:
            return process_cpu_seconds([server.pid, *children_of(server.pid)])

        return bench_http(
            "tongwen",
            "127.0.0.1",
            port,
            paths,
            args.clients,
            cpu,
            baseline,
            server="gunicorn",
            workers=args.workers,
            threads=args.threads,
            backend=args.server_backend,
            database="postgresql" if args.postgres else "sqlite",
            wsgi_app=args.wsgi_app,
            gunicorn_args=args.gunicorn_args or None,
        )


def bench_tongwen_url(
    base: str,
    identifier: str,
    tiles: list[tuple[str, str]],
    clients: int,
    baseline: dict[str, float] | None,
) -> dict[str, float]:
    parts = urlsplit(base)
    prefix = parts.path.rstrip("/")
    paths = [f"{prefix}/iiif/3/{identifier}/{r}/{s}/0/default.jpg" for r, s in tiles]
    return bench_http(
        "tongwen",
        parts.hostname or "127.0.0.1",
        parts.port or 80,
        paths,
        clients,
        baseline=baseline,
        server=base,
    )


# --- IIPImage --------------------------------------------------------------------------------


def iipimage_missing() -> str | None:
    missing = []
    if not IIPSRV.exists():
        missing.append(f"iipsrv ({IIPSRV}, Debian package iipimage-server)")
    if shutil.which("lighttpd") is None and not Path("/usr/sbin/lighttpd").exists():
        missing.append("lighttpd")
    if not missing:
        return None
    return (
        "IIPImage comparison skipped: missing "
        + " and ".join(missing)
        + "; install with: sudo apt-get install iipimage-server lighttpd"
    )


@contextmanager
def iipimage_server(image_dir: Path, work: Path) -> Iterator[tuple[int, list[int]]]:
    """Start iipsrv (FastCGI on a loopback port) and lighttpd in front; yield the HTTP port
    and the two processes' ids."""
    fcgi_port, http_port = free_port(), free_port()
    docroot = work / "docroot"
    docroot.mkdir(exist_ok=True)
    config = work / "lighttpd.conf"
    config.write_text(
        f"""
server.modules = ("mod_fastcgi")
server.document-root = "{docroot}"
server.bind = "127.0.0.1"
server.port = {http_port}
server.errorlog = "{work / "lighttpd-error.log"}"
server.max-keep-alive-requests = 100000
fastcgi.server = (
  "/iiif" => ((
    "host" => "127.0.0.1",
    "port" => {fcgi_port},
    "check-local" => "disable",
  ))
)
"""
    )
    env = {
        **os.environ,
        "FILESYSTEM_PREFIX": f"{image_dir}/",
        "URI_MAP": "iiif=>IIIF",
        "JPEG_QUALITY": str(JPEG_QUALITY),
        "MAX_IMAGE_CACHE_SIZE": "512",
        "LOGFILE": str(work / "iipsrv.log"),
        "VERBOSITY": "1",
        "CORS": "*",
    }
    lighttpd = shutil.which("lighttpd") or "/usr/sbin/lighttpd"
    iipsrv = subprocess.Popen(
        [str(IIPSRV), "--bind", f"127.0.0.1:{fcgi_port}"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    web = None
    try:
        wait_for_port(fcgi_port)
        web = subprocess.Popen(
            [lighttpd, "-D", "-f", str(config)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(http_port)
        yield http_port, [iipsrv.pid, web.pid]
    finally:
        for process in (web, iipsrv):
            if process is not None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


def bench_iipimage(
    master: Path, tiles: list[tuple[str, str]], work: Path, clients: int
) -> dict[str, float]:
    image_dir = work / "images"
    image_dir.mkdir()
    os.link(master, image_dir / "bench.tif")  # same temporary directory, so same file system
    paths = [f"/iiif/bench.tif/{r}/{s}/0/default.jpg" for r, s in tiles]
    with iipimage_server(image_dir, work) as (port, pids):
        get("127.0.0.1", port, "/iiif/bench.tif/info.json")
        return bench_http(
            "iipimage",
            "127.0.0.1",
            port,
            paths,
            clients,
            lambda: process_cpu_seconds(pids),
            server="lighttpd+iipsrv",
        )


# --- main ------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--width", type=int, default=6000)
    parser.add_argument("--height", type=int, default=4000)
    parser.add_argument("--tile", type=int, default=256)
    parser.add_argument("--scale-factors", default="1,2,4")
    parser.add_argument(
        "--clients", type=int, default=1, help="concurrent keep-alive HTTP clients (both servers)"
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=2, help="threads per gunicorn worker")
    parser.add_argument("--server-backend", default="auto", help="TONGWEN_IIIF_BACKEND")
    parser.add_argument(
        "--wsgi-app", default="tongwen.config.wsgi", help="what gunicorn serves (for variants)"
    )
    parser.add_argument("--gunicorn-args", default="", help="more gunicorn options, one string")
    parser.add_argument(
        "--postgres",
        action="store_true",
        help="serve from a throwaway PostgreSQL (scripts/pg-test-server) instead of SQLite",
    )
    parser.add_argument(
        "--backends", default="vips", help="in-process engine backends, e.g. vips,pillow"
    )
    parser.add_argument("--no-in-process", action="store_true", help="skip in-process figures")
    parser.add_argument("--no-server", action="store_true", help="do not start Tongwen")
    parser.add_argument("--tongwen-url", help="measure this running Tongwen server instead")
    parser.add_argument("--identifier", help="IIIF identifier of the image on that server")
    parser.add_argument("--write-source", type=Path, help="save the generated source JPEG here")
    parser.add_argument("--no-iipimage", action="store_true", help="skip the IIPImage side")
    parser.add_argument(
        "--rounds", type=int, default=1, help="repeat both servers' cold and warm passes"
    )
    args = parser.parse_args()
    if args.tongwen_url and not args.identifier:
        parser.error("--tongwen-url needs --identifier")
    if args.clients < 1:
        parser.error("--clients must be at least 1")
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")

    setup_django()
    from tongwen.catalog.iiif.image import get_backend, prepare_source, vips_available

    if not vips_available():
        emit(error="libvips is not available; the benchmark needs it to build the master")
        return 0
    factors = [int(f) for f in args.scale_factors.split(",")]
    tiles = tile_list(args.width, args.height, args.tile, factors)
    with tempfile.TemporaryDirectory(prefix="bench-iiif-") as tmp:
        work = Path(tmp)
        source = work / "source.jpg"
        make_source(source, args.width, args.height)
        if args.write_source:
            shutil.copy(source, args.write_source)
        master = work / "master.tif"
        started = time.perf_counter()
        width, height = prepare_source(source, master, get_backend("vips"))
        emit(
            figure="master",
            width=width,
            height=height,
            master_bytes=master.stat().st_size,
            prepare_seconds=round(time.perf_counter() - started, 2),
            scale_factors=factors,
            tiles=len(tiles),
        )

        # Each round starts both servers afresh (so each has a cold pass): IIPImage first, so
        # that each Tongwen figure can stand beside it. On a shared machine single rounds are
        # noisy; with --rounds the medians come last.
        iipimage: dict[str, float] | None = None
        rounds: list[tuple[dict[str, float], dict[str, float]]] = []
        for index in range(args.rounds):
            round_dir = work / f"round-{index + 1}"
            round_dir.mkdir()
            iipimage = None
            if not args.no_iipimage:
                problem = iipimage_missing()
                if problem:
                    emit(engine="iipimage", skipped=True, message=problem)
                else:
                    try:
                        iipimage = bench_iipimage(master, tiles, round_dir, args.clients)
                    except Exception as exc:  # report and carry on: the engine figures stand
                        emit(engine="iipimage", error=f"{type(exc).__name__}: {exc}")

            tongwen: dict[str, float] | None = None
            if args.tongwen_url:
                tongwen = bench_tongwen_url(
                    args.tongwen_url, args.identifier, tiles, args.clients, iipimage
                )
            elif not args.no_server:
                try:
                    tongwen = bench_tongwen_server(source, round_dir, tiles, args, iipimage)
                except Exception as exc:  # report and carry on: the other figures stand
                    emit(engine="tongwen", transport="http", error=f"{type(exc).__name__}: {exc}")
            if iipimage and tongwen:
                rounds.append((iipimage, tongwen))
        if len(rounds) > 1:
            for cache in ("cold", "warm"):
                ratios = [t[cache] / i[cache] for i, t in rounds]
                median = statistics.median(ratios)
                emit(
                    engine="tongwen",
                    transport="http",
                    cache=cache,
                    summary=f"median of {len(rounds)} rounds",
                    clients=args.clients,
                    tiles_per_s=round(statistics.median(t[cache] for _i, t in rounds), 1),
                    iipimage_tiles_per_s=round(statistics.median(i[cache] for i, _t in rounds), 1),
                    ratios=[round(r, 2) for r in ratios],
                    tongwen_over_iipimage=round(median, 2),
                    goal=GOALS[cache],
                    meets_goal=median >= GOALS[cache],
                    load_average=round(os.getloadavg()[0], 2),
                )
        if not args.no_in_process:
            for name in args.backends.split(","):
                bench_tongwen_in_process(master, width, height, tiles, name.strip(), iipimage)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python
"""`make bench`: the site under load, measured with wrk against gunicorn on loopback.

Production settings, 2 gunicorn workers, the machine's PostgreSQL (a database of its own,
recreated each run) and Redis (a database index of its own, flushed each run), the demo
content. Each target is loaded for --duration seconds at 10 and at 50 connections:

  IOP cached     /programs/intensive-outpatient/ served from the page cache
  IOP uncached   the same page with the page cache switched off (every request renders);
                 also at 1 connection, not a target: the render's own time, without queueing
  home           / as deployed (cached)
  search         /search/?q=relapse (never cached)
  static file    the site's CSS, served by the same server (the ceiling)

Prints requests per second, p50/p99 latency, errors and peak RSS per worker, the ratio of the
cached page's throughput to the static file's, and checks the targets; exits 1 if one is missed.

--only NAME (repeat it, or separate names with commas) measures only those figures, to re-measure
one quickly: iop-cached, home, search, static, iop-uncached. A check that needs a figure left out
says SKIP. gunicorn's own log is in artifacts/bench/.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

from cryptography.fernet import Fernet
from gunicorn_server import BENCH_PORTS, Gunicorn, GunicornError, PeakRss, free_port

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DATABASE = "transformations_bench"
REDIS_DB = 13
ARTIFACTS = ROOT / "artifacts"
IOP = "/programs/intensive-outpatient/"
# --only NAME: (row label, path, served with the page cache on).
FIGURES = {
    "iop-cached": ("IOP cached", IOP, True),
    "home": ("home", "/", True),
    "search": ("search", "/search/?q=relapse", True),
    "static": ("static file", None, True),  # the stylesheet the IOP page links to
    "iop-uncached": ("IOP uncached", IOP, False),  # also at 1 connection
}

TARGETS = {
    "cached_vs_static": 0.7,
    "uncached_p50_ms_at_10": 20.0,
    "rss_mb_per_worker": 150.0,
}


def run(cmd, env, **kwargs):
    subprocess.run(cmd, env=env, cwd=ROOT, check=True, **kwargs)


def base_env(port):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="transformations.settings.production",
        SECRET_KEY="bench-only-" + "x" * 50,
        INQUIRY_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        WAGTAILADMIN_BASE_URL=f"http://127.0.0.1:{port}",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        REDIS_URL=f"redis://127.0.0.1:6379/{REDIS_DB}",
        SECURE_SSL_REDIRECT="false",
        PORT=str(port),
        WEB_CONCURRENCY="2",
        LOG_LEVEL="WARNING",
    )
    return env


def prepare(env):
    for sql in (f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)", f"CREATE DATABASE {DATABASE}"):
        run(["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-c", sql], env)
    run(["redis-cli", "-n", str(REDIS_DB), "FLUSHDB"], env, stdout=subprocess.DEVNULL)
    manage = [PYTHON, "manage.py"]
    run([*manage, "migrate", "--noinput", "-v0"], env)
    run([*manage, "load_demo"], env, stdout=subprocess.DEVNULL)
    # Static files first: prepare_renditions renders the pages, and under production settings a
    # page names its stylesheet through the manifest collectstatic writes (on a fresh clone,
    # "Missing staticfiles manifest entry for 'css/site.css'" otherwise).
    run([*manage, "collectstatic", "--noinput", "-v0"], env)
    # As deployed: the scheduler encodes the pages' images at start, not a visitor's request.
    run([*manage, "prepare_renditions"], env, stdout=subprocess.DEVNULL)


def serve(env, page_cache):
    """gunicorn as deployed (gunicorn.conf.py, 2 workers) on loopback, without an access log."""
    name = "cached" if page_cache else "uncached"
    return Gunicorn(
        {**env, "PAGE_CACHE_ENABLED": "true" if page_cache else "false"},
        ARTIFACTS / "bench" / f"gunicorn-{name}.log",
        int(env["PORT"]),
        bind_host="127.0.0.1",
        access_log=False,
    )


def to_ms(text):
    value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url, connections, duration):
    out = subprocess.run(
        [
            "wrk",
            f"-t{min(2, connections)}",  # wrk needs a connection per thread
            f"-c{connections}",
            f"-d{duration}s",
            "--latency",
            "--timeout",
            "5s",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    errors = (
        int(re.search(r"Non-2xx or 3xx responses: (\d+)", out).group(1))
        if ("Non-2xx" in out)
        else 0
    )
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": to_ms(re.search(r"\s50%\s+(\S+)", out).group(1)),
        "p99_ms": to_ms(re.search(r"\s99%\s+(\S+)", out).group(1)),
        "errors": errors,
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
    }


def static_url(base):
    html = urllib.request.urlopen(base + IOP, timeout=10).read().decode()  # noqa: S310
    return base + re.search(r'<link[^>]+href="(/static/[^"]+\.css)"', html).group(1)


def figure_names(values):
    """--only values, repeated or comma-separated, checked against FIGURES."""
    names = [name.strip() for value in values for name in value.split(",") if name.strip()]
    unknown = sorted(set(names) - FIGURES.keys())
    if unknown:
        raise SystemExit(f"unknown figure {', '.join(unknown)}: choose from {', '.join(FIGURES)}")
    return [name for name in FIGURES if name in names]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--connections", default="10,50")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="NAME",
        help=f"measure only these figures (repeat or comma-separate): {', '.join(FIGURES)}",
    )
    parser.add_argument(
        "--no-targets",
        action="store_true",
        help="measure and print, but exit 0 whatever the figures (CI: proves the bench runs; "
        "a short run on a shared machine measures nothing worth a verdict)",
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    connection_counts = [int(n) for n in args.connections.split(",")]
    only = figure_names(args.only) if args.only else list(FIGURES)

    port = free_port(BENCH_PORTS)
    env = base_env(port)
    base = f"http://127.0.0.1:{port}"
    prepare(env)
    rows = []
    peak_rss = []

    def measure(name, url, rss, counts=None):
        urllib.request.urlopen(url, timeout=10).read()  # noqa: S310 - warm (cache, renditions)
        for connections in counts or connection_counts:
            result = wrk(url, connections, args.duration)
            result.update(target=name, connections=connections, rss_mb=rss.peak_mb())
            rows.append(result)
            print(f"  {name:<13} c={connections:<3} {result['rps']:>9.0f} req/s", flush=True)

    try:
        for page_cache in (True, False):
            figures = [name for name in only if FIGURES[name][2] == page_cache]
            if not figures:
                continue
            with serve(env, page_cache) as server, PeakRss(server) as rss:
                for name in figures:
                    label, path, _cached = FIGURES[name]
                    url = static_url(base) if name == "static" else base + path
                    measure(label, url, rss)
                    if name == "iop-uncached":
                        # Not a target: one visitor alone, so the render's own time shows apart
                        # from the queue.
                        measure(label, url, rss, counts=[1])
                peak_rss.append(rss.peak_mb())
    except GunicornError as error:
        raise SystemExit(f"gunicorn did not start: {error}") from None

    print()
    print(
        f"{'target':<14}{'conns':>6}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}"
        f"{'peak RSS/worker MB':>20}"
    )
    for row in rows:
        print(
            f"{row['target']:<14}{row['connections']:>6}{row['rps']:>10.0f}{row['p50_ms']:>9.1f}"
            f"{row['p99_ms']:>9.1f}{row['errors']:>8}{row['rss_mb']:>20.1f}"
        )

    def find(target, connections):
        return next(r for r in rows if r["target"] == target and r["connections"] == connections)

    measured = set(only)
    ratios = {}
    if {"iop-cached", "static"} <= measured:
        ratios = {
            c: find("IOP cached", c)["rps"] / find("static file", c)["rps"]
            for c in connection_counts
        }
    print()
    for c, ratio in ratios.items():
        print(f"cached IOP / static file throughput at {c} connections: {ratio:.2f}")
    uncached_at_10 = "iop-uncached" in measured and 10 in connection_counts
    if uncached_at_10:
        alone, busy = find("IOP uncached", 1), find("IOP uncached", 10)
        print(
            f"uncached IOP: {alone['p50_ms']:.1f} ms for one visitor alone; at 10 connections "
            f"{busy['p50_ms']:.1f} ms, of which ~{busy['p50_ms'] - alone['p50_ms']:.0f} ms is "
            f"waiting for one of the {env['WEB_CONCURRENCY']} workers "
            f"(10 connections / {busy['rps']:.0f} req/s = {10000 / busy['rps']:.0f} ms)"
        )
    # (label, passed), passed None when --only left out what the check needs.
    checks = [
        (
            f"cached/static >= {TARGETS['cached_vs_static']}",
            min(ratios.values()) >= TARGETS["cached_vs_static"] if ratios else None,
        ),
        (
            f"uncached IOP p50 < {TARGETS['uncached_p50_ms_at_10']} ms at 10 connections",
            None
            if "iop-uncached" not in measured
            else not uncached_at_10
            or find("IOP uncached", 10)["p50_ms"] < TARGETS["uncached_p50_ms_at_10"],
        ),
        ("zero errors", all(r["errors"] == 0 for r in rows)),
        (
            f"peak RSS per worker < {TARGETS['rss_mb_per_worker']} MB",
            max(peak_rss) < TARGETS["rss_mb_per_worker"],
        ),
    ]
    for label, ok in checks:
        verdict = "SKIP" if ok is None else "PASS" if ok else "FAIL"
        if args.no_targets and ok is not None:
            verdict += " (not enforced: --no-targets)"
        print(f"{verdict}  {label}{'  (not measured: see --only)' if ok is None else ''}")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "bench.json").write_text(
        json.dumps({"only": only, "rows": rows, "ratios": ratios}, indent=2)
    )
    if args.no_targets:
        return 0
    return 0 if all(ok is not False for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())

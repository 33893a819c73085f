"""The site standing through faults: its own PostgreSQL cluster and Redis, gunicorn in production
settings, and requests arriving all the while.

- PostgreSQL stops: cached pages keep answering 200; uncached pages, an inquiry and a vote get the
  static 503 page with the phone number and the crisis lines, no traceback, nothing written;
  /healthz stays 200 and /readyz says 503.
- PostgreSQL starts again: the same gunicorn serves uncached pages within a few requests.
- Redis stops: pages answer 200 from the database, the cache failure is logged once per worker.
- Two servers share PostgreSQL and Redis: a publish through one is what the other serves next.

Never touches the shared PostgreSQL or Redis of the machine: everything runs on spare ports in a
temporary directory removed at the end. `make resilience` runs this directory alone (about 30 s
on 2 cores, most of it migrating and loading the demo).
"""

import contextlib
import glob
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from scripts.gunicorn_server import FAULT_TEST_PORTS, Gunicorn, free_port
from tests.redis_cache import RedisServer

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
IOP = "/programs/intensive-outpatient/"
CACHED = ["/", IOP]
UNCACHED = "/programs/"  # never warmed, so never in the page cache
PRIVACY = "/privacy/"
PHONE_HREF = "tel:+18002704315"
CRISIS_HREFS = ["tel:988", "tel:911"]
TIMEOUT = 15  # seconds for any one HTTP request
WORKERS = 2

PG_BIN = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
IS_ROOT = os.geteuid() == 0

pytestmark = [
    pytest.mark.skipif(
        not PG_BIN or not Path(PG_BIN[-1], "initdb").exists(),
        reason="PostgreSQL server binaries (initdb, pg_ctl) are not installed",
    ),
    pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server is missing"),
    pytest.mark.skipif(
        IS_ROOT and shutil.which("runuser") is None,
        reason="running as root and runuser is missing (initdb refuses to run as root)",
    ),
]


# HTTP ---------------------------------------------------------------------------------------------


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def http(port, path, data=None, headers=None):
    """(status, headers, body) of one request; HTTP errors are answers too."""
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", data=body, headers=headers or {}
    )
    try:
        with OPENER.open(request, timeout=TIMEOUT) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def assert_outage_page(status, headers, body):
    assert status == 503, body[:300]
    assert "no-store" in headers["Cache-Control"]  # never kept by a CDN or the page cache
    assert int(headers["Retry-After"]) > 0
    assert "script-src 'self'" in (headers["Content-Security-Policy"] or "")  # still the policy
    assert f'href="{PHONE_HREF}"' in body
    for href in CRISIS_HREFS:
        assert f'href="{href}"' in body
    assert "Traceback" not in body and "OperationalError" not in body


# Processes ----------------------------------------------------------------------------------------


def as_postgres(*cmd):
    return ["runuser", "-u", "postgres", "--", *cmd] if IS_ROOT else list(cmd)


class Cluster:
    """A throwaway PostgreSQL cluster: trust auth, loopback only, socket in its own directory."""

    def __init__(self, base):
        self.bin = Path(PG_BIN[-1])
        self.data = base / "pgdata"
        self.sockets = base / "pgsock"
        self.log = base / "postgresql.log"
        self.port = free_port(FAULT_TEST_PORTS)
        self.sockets.mkdir()
        if IS_ROOT:
            shutil.chown(base, "postgres")
            shutil.chown(self.sockets, "postgres")
        subprocess.run(
            as_postgres(str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U",
                        "postgres", "-E", "UTF8", "--no-sync"),
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip

    def pg_ctl(self, *args):
        return subprocess.run(
            as_postgres(str(self.bin / "pg_ctl"), "-D", str(self.data), *args),
            check=True, capture_output=True, timeout=60,
        )  # fmt: skip

    def start(self):
        options = f"-p {self.port} -k {self.sockets} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.pg_ctl("-l", str(self.log), "-o", options, "-w", "-t", "30", "start")

    def stop(self):
        self.pg_ctl("-m", "fast", "-w", "-t", "30", "stop")

    def running(self):
        return (self.data / "postmaster.pid").exists()

    def url(self, name):
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"


class Traffic:
    """A bounded background loop of requests to the cached pages, recording every answer."""

    def __init__(self, port, max_seconds=600):
        self.port = port
        self.answers = []
        self.max_seconds = max_seconds
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        deadline = time.monotonic() + self.max_seconds
        while not self._stop.is_set() and time.monotonic() < deadline:
            for path in CACHED:
                try:
                    status = http(self.port, path)[0]
                except OSError as error:
                    status = repr(error)
                self.answers.append((path, status))
            self._stop.wait(0.05)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    def stop(self):
        """Stop and wait for the loop: every answer it gives is then in `answers`."""
        self._stop.set()
        self.thread.join(timeout=TIMEOUT + 5)


# The site -----------------------------------------------------------------------------------------


class Site:
    def __init__(self, base, cluster, redis):
        self.base, self.cluster, self.redis = base, cluster, redis
        self.secret_key = secrets.token_urlsafe(50)
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": os.environ.get("HOME", "/tmp"),  # noqa: S108
            "LANG": "C.UTF-8",
            "DJANGO_SETTINGS_MODULE": "transformations.settings.production",
            "SECRET_KEY": self.secret_key,
            "INQUIRY_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
            "DATABASE_URL": cluster.url("transformations"),
            "DATABASE_CONNECT_TIMEOUT": "2",
            "REDIS_URL": f"redis://127.0.0.1:{redis.port}/0",
            "SECURE_SSL_REDIRECT": "false",
            "WEB_CONCURRENCY": str(WORKERS),
            "STATIC_ROOT": str(base / "static"),
            "MEDIA_ROOT": str(base / "media"),
        }
        self.servers = []

    def manage(self, *args, timeout=300):
        result = subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=timeout,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout

    def server(self, name):
        port = free_port(FAULT_TEST_PORTS)
        env = {**self.env, "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}"}
        server = Gunicorn(env, self.base / f"gunicorn-{name}.log", port)
        self.servers.append(server)
        server.start()
        return server

    def counts(self):
        out = self.manage(
            "shell",
            "-c",
            "from wagtail.contrib.forms.models import FormSubmission as F;"
            "from ratings.models import PageRating as P, RatingVote as V;"
            "print(F.objects.count(), P.objects.count(), V.objects.count())",
        )
        return tuple(int(n) for n in out.split()[-3:])


@pytest.fixture(scope="module")
def site():
    base = Path(tempfile.mkdtemp(prefix="transformations-faults-"))
    base.chmod(0o755)
    cluster = redis = site = None
    try:
        cluster = Cluster(base)
        cluster.start()
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "postgres",
             "-c", "CREATE DATABASE transformations"],
            check=True, capture_output=True, timeout=60,
        )  # fmt: skip
        redis = RedisServer(FAULT_TEST_PORTS)
        redis.start()
        site = Site(base, cluster, redis)
        site.manage("migrate", "--noinput", "-v0")
        site.manage("load_demo")
        site.manage("collectstatic", "--noinput", "-v0")
        site.a = site.server("a")
        yield site
    finally:
        for server in site.servers if site else []:
            server.stop()
        if redis:
            redis.stop()
        if cluster and cluster.running():
            with contextlib.suppress(subprocess.SubprocessError):
                cluster.pg_ctl("-m", "immediate", "-w", "-t", "30", "stop")
        shutil.rmtree(base, ignore_errors=True)


def hidden_inputs(body):
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', body))


def csrf_cookie(headers):
    for header in headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        if "csrftoken" in name:
            return f"{name}={rest.split(';', 1)[0]}"
    raise AssertionError("no CSRF cookie")


class Outage:
    """What the phases of one database outage share: the background traffic, a vote and an
    inquiry prepared while the database was up, and the counts of stored rows before."""

    def __init__(self, site):
        self.site = site
        self.port = site.a.port
        self.traffic = Traffic(self.port)
        self.vote = self.inquiry = self.cookie = self.before = None
        self.recovered_after = None


@pytest.fixture(scope="class")
def outage(site):
    """The database is stopped under steady traffic to the cached pages, after the page cache is
    warm in every worker. Class-scoped: it ends with the phases below, which run in order, and it
    starts PostgreSQL again (when the recovery phase did not) before any later test."""
    state = Outage(site)
    port = state.port
    with state.traffic:
        try:
            for path in CACHED:  # warm the page cache in both workers
                for _ in range(WORKERS * 3):
                    assert http(port, path)[0] == 200
            iop = http(port, IOP)[2]
            state.vote = hidden_inputs(iop[iop.index('id="rating"') :])
            assert {"page", "token"} <= state.vote.keys()
            status, headers, contact = http(port, "/contact/")
            assert status == 200
            state.inquiry = hidden_inputs(contact)
            assert {"csrfmiddlewaretoken", "form-started"} <= state.inquiry.keys()
            state.cookie = csrf_cookie(headers)
            state.before = site.counts()
            time.sleep(3)  # older than the minimum fill time when it is sent

            site.cluster.stop()
            yield state
        finally:
            if not site.cluster.running():
                site.cluster.start()


class TestDatabaseOutage:
    """PostgreSQL stops under gunicorn and starts again; each phase is a test of its own, so a
    failure names the phase. They share one outage and run in this order."""

    def test_cached_pages_stay_up(self, outage):
        port = outage.port
        for path in CACHED:
            for _ in range(WORKERS * 2):
                status, headers, _ = http(port, path)
                assert (status, headers["X-Page-Cache"]) == (200, "hit"), path
        # A visitor from an ad or a newsletter: the link's campaign parameters change nothing.
        status, headers, _ = http(port, IOP + "?utm_source=news&fbclid=IwAR0x")
        assert (status, headers["X-Page-Cache"]) == (200, "hit")

    def test_a_visited_page_asked_afresh_is_built_from_its_shared_parts(self, outage):
        # Not in the page cache (a query string), but every part of it is shared in Redis (the
        # routed page, its body, the header and footer): the real page, not the outage page.
        for path in ("/?utm=1", IOP + "?q=x") * 2:
            status, headers, body = http(outage.port, path)
            assert status == 200
            assert "X-Page-Cache" not in headers or headers["X-Page-Cache"] != "hit"
            assert f'href="{PHONE_HREF}"' in body and "<h1" in body

    def test_uncached_pages_an_inquiry_and_a_vote_get_the_static_503(self, outage):
        port = outage.port
        for _ in range(4):
            assert_outage_page(*http(port, UNCACHED))
        assert_outage_page(
            *http(
                port,
                "/contact/",
                {
                    **outage.inquiry,
                    "first_name": "Sam",
                    "phone": "412-268-3000",
                    "message": "Please call me back.",
                    "i_agree_that_transformations_may_contact_me_about_my_inquiry": "on",
                },
                {"Cookie": outage.cookie},
            )
        )
        assert_outage_page(
            *http(
                port,
                "/ratings/vote/",
                {"page": outage.vote["page"], "token": outage.vote["token"], "stars": "5"},
                {"Origin": outage.site.a.origin},
            )
        )

    def test_healthz_stays_up_and_readyz_says_the_database_is_down(self, outage):
        assert http(outage.port, "/healthz")[0] == 200
        status, _, ready = http(outage.port, "/readyz")
        assert status == 503 and '"database": "down"' in ready

    def test_recovery_without_restarting_gunicorn(self, outage):
        port = outage.port
        outage.site.cluster.start()
        for attempt in range(1, 11):
            if http(port, UNCACHED)[0] == 200:
                outage.recovered_after = attempt
                break
        assert outage.recovered_after is not None, "no recovery within 10 requests"
        for _ in range(WORKERS * 3):  # every worker, not just the first to reconnect
            assert http(port, UNCACHED)[0] == 200
        assert http(port, "/readyz")[0] == 200

    def test_nothing_was_stored_during_the_outage(self, outage):
        assert outage.site.cluster.running(), "the recovery phase did not start PostgreSQL"
        assert outage.site.counts() == outage.before  # nothing half-written during the outage

    def test_background_traffic_and_the_workers_came_through(self, outage):
        traffic, site = outage.traffic, outage.site
        traffic.stop()
        assert traffic.answers, "the background traffic never ran"
        failed = [answer for answer in traffic.answers if answer[1] != 200]
        assert not failed, failed[:10]
        assert site.a.process.poll() is None  # the same gunicorn throughout
        log = site.a.logs()
        assert log.count("Booting worker") == WORKERS, log[-3000:]  # none died or was replaced
        assert "WORKER TIMEOUT" not in log, log[-3000:]
        # 14 requests failed on the database; each worker logs each distinct error once a minute.
        logged = log.count("ERROR django.request Service Unavailable:")
        assert 1 <= logged <= 2 * WORKERS, log[-3000:]
        answers = len(traffic.answers)
        print(f"recovered after {outage.recovered_after} request(s); {answers} background answers")  # noqa: T201


def test_publish_through_one_server_is_served_by_the_other(site):
    b = site.server("b")
    assert "Intensive" in http(b.port, IOP)[2]
    for _ in range(WORKERS * 3):  # warm B's workers: the old title is in the shared cache
        status, headers, _ = http(b.port, IOP)
        assert (status, headers["X-Page-Cache"]) == (200, "hit")
    title = f"Intensive Outpatient {secrets.token_hex(4)}"
    site.manage(
        "shell",
        "-c",
        "from programs.models import ProgramPage;"
        "page = ProgramPage.objects.get(slug='intensive-outpatient');"
        f"page.title = {title!r};"
        "page.save_revision().publish()",
    )
    for _ in range(WORKERS * 3):  # whichever worker answers
        status, _, body = http(b.port, IOP)
        assert status == 200 and title in body


def test_redis_outage_degrades_to_the_database(site):
    port = site.a.port
    # Count only what this outage logs: the server has run the earlier tests of this module.
    logged_before = len(site.a.logs())
    for path in CACHED:
        assert http(port, path)[0] == 200
    site.redis.stop()
    try:
        for _ in range(WORKERS * 5):
            for path in [*CACHED, UNCACHED]:
                status, headers, body = http(port, path)
                assert status == 200, (path, status, body[:300])
                assert headers["X-Page-Cache"] == "miss"  # rendered from the database
        assert PHONE_HREF in http(port, IOP)[2]
        status, _, ready = http(port, "/readyz")
        assert status == 503 and '"cache": "down"' in ready
    finally:
        site.redis.start()
    log = site.a.logs()[logged_before:]
    lost = log.count("Cache unavailable")
    assert 1 <= lost <= WORKERS, log[-3000:]
    # Redis back: the same workers, with the Redis clients they keep, cache again. Which worker
    # accepts a request is the kernel's choice, so keep asking (bounded) until every worker that
    # logged the outage has served again and logged its recovery.
    for _ in range(50):
        for path in CACHED:
            assert http(port, path)[0] == 200, path
        log = site.a.logs()[logged_before:]
        if log.count("Cache available again") >= lost:
            break
    assert log.count("Cache available again") == lost, log[-3000:]
    for path in CACHED:
        answers = [http(port, path) for _ in range(WORKERS * 3)]
        assert all(status == 200 for status, _, _ in answers)
        cache_answers = [headers["X-Page-Cache"] for _, headers, _ in answers]
        assert cache_answers[-1] == "hit", (path, cache_answers)


def test_an_outage_just_after_a_publish_serves_the_last_copies(site):
    """An editor publishes (every cached copy is now stale) and then the database goes down: the
    pages' last copies are served rather than the outage page, except a page that was unpublished,
    which must not come back."""
    port = site.a.port
    for path in [*CACHED, PRIVACY]:
        for _ in range(WORKERS * 3):
            assert http(port, path)[0] == 200
    site.manage(
        "shell",
        "-c",
        "from wagtail.models import Page;"
        "Page.objects.get(url_path='/home/programs/intensive-outpatient/')"
        ".get_latest_revision().publish();"
        "Page.objects.get(url_path='/home/privacy/').specific.unpublish()",
    )
    site.cluster.stop()
    try:
        for path in CACHED:
            for _ in range(WORKERS * 2):
                status, headers, body = http(port, path)
                assert (status, headers["X-Page-Cache"]) == (200, "stale"), path
                assert f'href="{PHONE_HREF}"' in body
                assert headers["Cache-Control"] == "no-cache"
        for _ in range(WORKERS * 2):
            assert_outage_page(*http(port, PRIVACY))  # unpublished: its copy is gone for good
    finally:
        site.cluster.start()
    for _ in range(WORKERS * 3):
        http(port, IOP)
    status, headers, _ = http(port, IOP)
    assert (status, headers["X-Page-Cache"]) == (200, "hit")
    assert http(port, PRIVACY)[0] == 404
    site.manage(
        "shell",
        "-c",
        "from wagtail.models import Page;"
        "Page.objects.get(url_path='/home/privacy/').get_latest_revision().publish()",
    )
    assert http(port, PRIVACY)[0] == 200

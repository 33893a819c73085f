#!/usr/bin/env python3
"""The compose stack with several web replicas, checked the way it fails (run by scripts/docker-test
once `--scale web=3` is healthy; standard library only, on the Docker host).

Everything goes over HTTPS through the proxy, as a visitor's browser does:
1. a static file and an image come from the proxy with their cache lifetimes, compressed where
   that helps; documents are never served from the media folder;
2. a publish made through one replica is seen by the next 30 requests, spread over all replicas;
3. 50 votes from 50 client addresses (the test's own X-Forwarded-For counts: docker-test trusts one
   more proxy hop) through different replicas add up to exactly 50;
4. under a continuous load one web replica is stopped: requests go on (the proxy retries on
   another replica), the failures are counted (at most the requests in flight on it), and the
   replica rejoins when it starts again;
5. Redis stopped: pages still answer, rendered from the database; started again: the page cache
   serves hits again.
Prints one line per check; exits 1 on the first that fails.
"""

import argparse
import http.client
import json
import re
import shlex
import ssl
import subprocess
import sys
import threading
import time
import urllib.parse
from datetime import UTC, datetime

IOP = "/programs/intensive-outpatient/"
START = time.monotonic()


class CheckFailed(Exception):
    pass


def say(message):
    print(f"stack-checks [{time.monotonic() - START:.0f}s] {message}", flush=True)


class SniConnection(http.client.HTTPSConnection):
    """HTTPS to the proxy on this machine, verifying the certificate of the site's name."""

    def __init__(self, server_name, *args, **kwargs):
        self.server_name = server_name
        super().__init__(*args, **kwargs)

    def connect(self):
        http.client.HTTPConnection.connect(self)
        self.sock = self._context.wrap_socket(self.sock, server_hostname=self.server_name)


class Site:
    def __init__(self, host, port, cacert):
        self.host = host
        self.port = port
        self.context = ssl.create_default_context(cafile=cacert)

    def request(self, method, path, body=None, headers=None, timeout=20):
        """(status, headers as a lowercase dict, body bytes) of one request on a new connection."""
        connection = SniConnection(
            self.host, "127.0.0.1", self.port, context=self.context, timeout=timeout
        )
        try:
            all_headers = {"Host": f"{self.host}:{self.port}", **(headers or {})}
            connection.request(method, path, body=body, headers=all_headers)
            response = connection.getresponse()
            return (
                response.status,
                {k.lower(): v for k, v in response.getheaders()},
                response.read(),
            )
        finally:
            connection.close()

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)


class Stack:
    def __init__(self, compose, docker):
        self.compose = shlex.split(compose)
        self.docker = docker

    def run(self, *args, check=True):
        return subprocess.run(args, check=check, capture_output=True, text=True).stdout

    def web_ids(self):
        return self.run(*self.compose, "ps", "-q", "web").split()

    def manage(self, container, code):
        return self.run(
            self.docker, "exec", container, "python", "manage.py", "shell", "-c", code
        ).strip()

    def requests_since(self, container, since, needle):
        logs = subprocess.run(
            [self.docker, "logs", "--since", since, container],
            capture_output=True,
            text=True,
            check=True,
        )
        return sum(needle in line for line in (logs.stdout + logs.stderr).splitlines())

    def healthy(self, container):
        return (
            self.run(self.docker, "inspect", "-f", "{{.State.Health.Status}}", container).strip()
            == "healthy"
        )


def now():
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def expect(condition, message):
    if not condition:
        raise CheckFailed(message)


# 1. Static files and images -----------------------------------------------------------------------


def check_files(site):
    status, headers, body = site.get(IOP)
    expect(status == 200, f"GET {IOP} answered {status}")
    html = body.decode()
    css = re.search(r'href="(/static/[^"]+\.css)"', html)
    expect(css, "no stylesheet on the program page")
    status, headers, body = site.get(css.group(1), headers={"Accept-Encoding": "gzip"})
    expect(status == 200, f"GET {css.group(1)} answered {status}")
    expect(
        "max-age=31536000" in headers.get("cache-control", "")
        and "immutable" in headers.get("cache-control", ""),
        f"stylesheet Cache-Control is {headers.get('cache-control')!r}",
    )
    expect(headers.get("content-encoding") == "gzip", "the stylesheet is not sent compressed")
    expect("strict-transport-security" in headers, "no HSTS on a static file")
    say(
        f"ok: {css.group(1)} from the proxy: Cache-Control {headers['cache-control']}, "
        f"Content-Encoding {headers['content-encoding']}"
    )
    images = re.findall(r'(/media/images/[^"\s,]+)', html)
    expect(images, "no image of the media volume on the program page")
    status, headers, body = site.get(images[0])
    expect(status == 200, f"GET {images[0]} answered {status}")
    expect(headers.get("content-type", "").startswith("image/"), "the image is not an image")
    expect(
        "max-age=2592000" in headers.get("cache-control", ""),
        f"image Cache-Control is {headers.get('cache-control')!r}",
    )
    say(f"ok: {images[0]} from the proxy: Cache-Control {headers['cache-control']}")
    status, _, _ = site.get("/media/documents/anything.pdf")
    expect(
        status == 404, f"/media/documents/ answered {status}: documents must go through the site"
    )
    say("ok: /media/documents/ is not served by the proxy (404)")


# 2. A publish through one replica, seen by all ----------------------------------------------------


def check_publish(site, stack):
    replicas = stack.web_ids()
    expect(len(replicas) == 3, f"{len(replicas)} web replicas, expected 3")
    for _ in range(12):  # every replica holds the page in its cache (shared: Redis)
        expect(site.get(IOP)[0] == 200, "GET before the publish")
    marker = f"Checked on {int(time.time())}"
    stack.manage(
        replicas[0],
        "from programs.models import ProgramPage; p = ProgramPage.objects.get(slug="
        f"'intensive-outpatient'); p.intro = p.intro.split(' Checked on')[0] + ' {marker}.'; "
        "p.save_revision().publish()",
    )
    since = now()
    stale = 0
    for _ in range(30):
        status, _, body = site.get(IOP)
        expect(status == 200, f"GET {IOP} after the publish answered {status}")
        stale += marker not in body.decode()
    time.sleep(1)
    served = [stack.requests_since(r, since, f"GET {IOP} ") for r in replicas]
    expect(stale == 0, f"{stale} of 30 requests after the publish showed the old page")
    expect(all(served), f"the 30 requests did not reach every replica: {served}")
    say(f"ok: published through one replica; 30 requests (per replica {served}) all see it")


# 3. Votes through several replicas ----------------------------------------------------------------


def votes_of(stack):
    out = stack.manage(
        stack.web_ids()[0],
        "from ratings.models import PageRating; from programs.models import ProgramPage; "
        "r = PageRating.objects.filter(page=ProgramPage.objects.get(slug='intensive-outpatient'))"
        ".first(); print(r.votes if r else 0)",
    )
    return int(out.splitlines()[-1])


def check_votes(site, stack):
    html = site.get(IOP)[2].decode()
    form = re.search(r'<form class="rating__form" method="post" action="([^"]+)"', html)
    expect(form, "no rating form on the program page")
    fields = dict(re.findall(r'<input type="hidden" name="(page|token)" value="([^"]*)"', html))
    expect(set(fields) == {"page", "token"}, f"rating form fields: {sorted(fields)}")
    before = votes_of(stack)
    since = now()
    origin = f"https://{site.host}:{site.port}"
    refused = []

    def vote(number):
        body = urllib.parse.urlencode({**fields, "stars": str(1 + number % 5)})
        status, _, _ = site.request(
            "POST",
            form.group(1),
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": origin,
                "X-Forwarded-For": f"198.51.100.{number + 1}",
            },
        )
        if status not in (200, 302, 303):
            refused.append(status)

    threads = [threading.Thread(target=vote, args=(n,)) for n in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    time.sleep(1)
    served = [stack.requests_since(r, since, "POST ") for r in stack.web_ids()]
    after = votes_of(stack)
    expect(not refused, f"{len(refused)} votes refused: {sorted(set(refused))}")
    expect(after - before == 50, f"50 votes sent, {after - before} counted")
    expect(sum(1 for n in served if n) >= 2, f"the votes went through one replica only: {served}")
    say(f"ok: 50 votes from 50 addresses through the replicas (per replica {served}) count 50")


# 4. A replica stopped under load ------------------------------------------------------------------


class Load:
    """Four visitors asking for pages without pause; counts what failed."""

    def __init__(self, site, paths):
        self.site = site
        self.paths = paths
        self.done = 0
        self.failed = []
        self.running = True
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self.visit, args=(n,)) for n in range(4)]

    def visit(self, number):
        index = number
        while self.running:
            path = self.paths[index % len(self.paths)]
            index += 1
            try:
                status, _, _ = self.site.get(path, timeout=15)
                ok = status == 200
            except OSError as error:
                status, ok = type(error).__name__, False
            with self.lock:
                self.done += 1
                if not ok:
                    self.failed.append(f"{path}: {status}")

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.running = False
        for thread in self.threads:
            thread.join()


def check_replica_stopped(site, stack):
    replicas = stack.web_ids()
    victim = replicas[1]
    # The page cache bypassed (a query string): every request is rendered by a replica.
    paths = [f"{IOP}?load={n}" for n in range(20)] + ["/?load=1", "/programs/?load=1"]
    with Load(site, paths) as load:
        time.sleep(3)
        stack.run(stack.docker, "stop", "-t", "20", victim)
        stopped_at = load.done
        time.sleep(5)
        during = load.done - stopped_at
        failed_while_stopping = list(load.failed)
        stack.run(stack.docker, "start", victim)
        for _ in range(60):
            if stack.healthy(victim):
                break
            time.sleep(1)
        expect(stack.healthy(victim), "the stopped replica did not become healthy again")
        rejoined_since = now()
        time.sleep(5)
    rejoined = stack.requests_since(victim, rejoined_since, "GET ")
    say(
        f"stopping one replica under load: {load.done} requests, {len(load.failed)} failed "
        f"({', '.join(load.failed[:5]) or 'none'}); {during} answered in the 5 s after the stop"
    )
    expect(during > 0, "nothing was answered after a replica stopped")
    expect(
        len(failed_while_stopping) <= 4,
        f"{len(failed_while_stopping)} requests failed: more than the 4 that can be in flight",
    )
    expect(
        len(load.failed) == len(failed_while_stopping), "requests failed after the replica rejoined"
    )
    expect(rejoined > 0, "the restarted replica received no requests")
    say(f"ok: the restarted replica rejoined ({rejoined} requests in 5 s)")


# 5. Redis stopped ---------------------------------------------------------------------------------


def check_redis_stopped(site, stack):
    stack.run(*stack.compose, "stop", "redis")
    try:
        for _ in range(6):
            status, headers, body = site.get(IOP)
            expect(status == 200, f"with Redis stopped {IOP} answered {status}")
            expect("Intensive Outpatient" in body.decode(), "with Redis stopped: not the page")
        say(f"ok: Redis stopped: {IOP} answers 200, X-Page-Cache {headers.get('x-page-cache')}")
    finally:
        stack.run(*stack.compose, "start", "redis")
    redis = stack.run(*stack.compose, "ps", "-q", "redis").strip()
    for _ in range(30):
        if stack.healthy(redis):
            break
        time.sleep(1)
    labels = []
    for _ in range(20):
        labels.append(site.get(IOP)[1].get("x-page-cache"))
        if labels[-1] == "hit":
            break
        time.sleep(0.5)
    expect(labels[-1] == "hit", f"after Redis came back the page cache answered {labels}")
    say(f"ok: Redis started again: the page cache serves hits ({len(labels)} requests)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--cacert", required=True)
    parser.add_argument("--compose", required=True)
    parser.add_argument("--docker", default="docker")
    args = parser.parse_args()
    site = Site(args.host, args.port, args.cacert)
    stack = Stack(args.compose, args.docker)
    try:
        check_files(site)
        check_publish(site, stack)
        check_votes(site, stack)
        check_replica_stopped(site, stack)
        check_redis_stopped(site, stack)
    except (CheckFailed, subprocess.CalledProcessError, OSError, json.JSONDecodeError) as error:
        print(f"stack-checks FAILED: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

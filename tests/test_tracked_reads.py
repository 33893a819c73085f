"""Page-cache hits on Redis answered from the copies a process keeps while Redis says nothing
changed (transformations.cache.TrackedCopies): no round trip for a hit, and every change, made
by this process or another, seen by the very next request."""

import logging
import shutil
import subprocess
import sys
import time

import pytest
import redis

from ratings.votes import form_token
from tests.redis_cache import CountingConnection, RedisServer, use_redis
from transformations.cache import FaultTolerantRedisCache, TrackedCopies

LOCATION = "redis://127.0.0.1:6379/11"
IOP = "/programs/intensive-outpatient/"


@pytest.fixture
def on_redis(settings):
    use_redis(settings, LOCATION)
    yield redis.Redis.from_url(LOCATION)
    redis.Redis.from_url(LOCATION).flushdb()


def cache_state(client, path=IOP):
    response = client.get(path)
    assert response.status_code == 200
    return response.headers["X-Page-Cache"]


def round_trips(client, path=IOP, times=1):
    before = CountingConnection.sent
    answers = [cache_state(client, path) for _ in range(times)]
    return CountingConnection.sent - before, answers


def warmed(client, path=IOP):
    assert cache_state(client, path) == "miss"
    assert cache_state(client, path) == "hit"  # read from Redis once, and tracked


def test_hits_make_no_round_trip_while_nothing_changed(client, demo, on_redis):
    warmed(client)
    first = client.get(IOP).content
    assert round_trips(client, times=5) == (0, ["hit"] * 5)
    assert client.get(IOP).content == first


def test_a_publish_is_seen_by_the_next_request(client, demo, on_redis):
    warmed(client)
    demo.iop.title = "Intensive Outpatient Program (IOP)"
    demo.iop.save_revision().publish()
    response = client.get(IOP)
    assert response.headers["X-Page-Cache"] == "miss"
    assert "<h1>Intensive Outpatient Program (IOP)</h1>" in response.text


def assert_a_vote_is_seen_next(client, demo):
    client.post(
        "/ratings/vote/",
        {"page": demo.iop.pk, "stars": 4, "token": form_token(demo.iop.pk)},
        HTTP_ORIGIN="http://testserver",
    )
    response = client.get(IOP)
    assert response.headers["X-Page-Cache"] == "miss"
    assert "4 (80%) 1 vote" in response.text


def test_a_counted_vote_is_seen_by_the_next_request(client, demo, on_redis):
    warmed(client)
    assert_a_vote_is_seen_next(client, demo)


def another_process(code):
    """Run `code` with `r`, a plain Redis client, in a separate Python process."""
    script = f"import redis; r = redis.Redis.from_url({LOCATION!r}); {code}"
    subprocess.run([sys.executable, "-c", script], check=True, timeout=30)  # noqa: S603


@pytest.mark.parametrize(
    "change",
    [
        "r.delete(*r.keys('*pagecache:v2:*intensive-outpatient*'))",  # what a vote does
        "r.delete(*r.keys('*pagecache:generation'))",  # what a publish does (a new token)
        "r.flushdb()",
    ],
    ids=["page-forgotten", "generation-gone", "flushed"],
)
def test_a_change_another_process_made_is_seen_by_the_next_request(client, demo, on_redis, change):
    warmed(client)
    another_process(change)
    assert cache_state(client) == "miss"


def test_copies_are_dropped_when_the_connection_is_lost(client, demo, on_redis, monkeypatch):
    """Killed (as by a Redis restart), the connection can no longer hear of changes: a change
    another process makes meanwhile must not be answered from a copy, then or once connected
    again."""
    monkeypatch.setattr(TrackedCopies, "RETRY_AFTER", 0)  # connect again at the next request
    warmed(client, IOP)
    warmed(client, "/")
    tracking = [c["id"] for c in on_redis.client_list() if "t" in c["flags"] and c["db"] == "11"]
    assert tracking
    for client_id in tracking:
        on_redis.client_kill_filter(_id=client_id)
    another_process("r.delete(*r.keys('*pagecache:v2:*intensive-outpatient*'))")  # a vote
    assert cache_state(client, "/") == "hit"  # read from Redis: the connection is found dead
    assert cache_state(client, IOP) == "miss"  # connected again: nothing kept from before


def test_copies_are_read_again_after_a_silence(client, demo, on_redis, monkeypatch):
    """A connection that died without closing would never say so: after MAX_SILENCE without a
    reply, the keys are read again (which fails on such a connection, dropping the copies)."""
    monkeypatch.setattr(TrackedCopies, "MAX_SILENCE", 0.5)
    warmed(client)
    assert round_trips(client) == (0, ["hit"])
    time.sleep(0.6)
    assert round_trips(client) == (1, ["hit"])
    assert round_trips(client) == (0, ["hit"])


def test_copies_stay_within_their_memory_bound(client, demo, on_redis, monkeypatch):
    monkeypatch.setattr(TrackedCopies, "MAX_BYTES", 40_000)  # room for one page, not two
    warmed(client, IOP)
    warmed(client, "/")
    assert round_trips(client, "/") == (0, ["hit"])
    assert round_trips(client, IOP) == (1, ["hit"])  # the oldest copy made room
    assert round_trips(client, IOP) == (0, ["hit"])


def test_a_server_refusing_tracking_is_read_as_usual(client, demo, on_redis, settings, caplog):
    """A Redis user without the CLIENT command (an ACL, or a managed Redis) still gets hits, each
    read from Redis; the refusal is logged once."""
    name = "no-client-tracking"
    on_redis.acl_setuser(
        name, enabled=True, passwords=["+secret"], keys="*", commands=["+@all", "-client"]
    )
    try:
        use_redis(settings, LOCATION.replace("redis://", f"redis://{name}:secret@"))
        with caplog.at_level(logging.WARNING, logger="transformations.cache"):
            warmed(client)
            assert round_trips(client, times=3) == (3, ["hit"] * 3)
        refused = [r for r in caplog.records if "refused client tracking" in r.getMessage()]
        assert len(refused) == 1
    finally:
        on_redis.acl_deluser(name)


def test_this_process_sees_its_own_writes_before_redis_says_so(client, demo, on_redis, monkeypatch):
    """Redis may answer a write before it pushes the news of it: what this process wrote (the
    page it stored, the page a vote forgot) is read again at once, not when the news arrives."""
    monkeypatch.setattr(redis.Connection, "can_read", lambda self, timeout=0: False)  # news late
    warmed(client)  # the entry this process stored is read, though no push said it was written
    assert_a_vote_is_seen_next(client, demo)


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server is missing")
def test_the_recovery_is_logged_by_a_worker_that_only_reads(caplog, monkeypatch):
    """After an outage, a worker whose reads are all hits (another worker wrote the pages back)
    hears from Redis only through its tracked reads: that is its recovery, and the log says so."""
    monkeypatch.setattr(TrackedCopies, "RETRY_AFTER", 0)
    server = RedisServer()
    server.start()
    try:
        writer, reader = (FaultTolerantRedisCache(server.url, {}) for _ in range(2))
        writer.set("page", "before")
        assert reader.get_many_tracked(["page"]) == {"page": "before"}
        server.stop()
        with caplog.at_level(logging.INFO, logger="transformations.cache"):
            assert reader.get_many_tracked(["page"]) == {}  # a miss, logged once
            assert reader.get_many_tracked(["page"]) == {}
            server.start()
            writer.set("page", "after")
            caplog.clear()
            assert reader.get_many_tracked(["page"]) == {"page": "after"}
        assert [r.getMessage() for r in caplog.records] == ["Cache available again."]
    finally:
        server.stop()

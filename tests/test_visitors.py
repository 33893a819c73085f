"""Recognising a client again without knowing who it is: keyed hashes and rate limits."""

import re

from django.core.cache import cache
from django.test import RequestFactory

from pages.visitors import client_key, keyed_hash, over_rate_limit, visitor_key


def request_from(address, user_agent="Firefox", **meta):
    return RequestFactory().get("/", REMOTE_ADDR=address, HTTP_USER_AGENT=user_agent, **meta)


def test_keyed_hashes_are_stable_one_way_and_separate_per_purpose(settings):
    request = request_from("198.51.100.23")
    key = client_key(request, "ratings")
    assert re.fullmatch(r"[0-9a-f]{64}", key)
    assert "198.51.100.23" not in key
    assert key == client_key(request_from("198.51.100.23"), "ratings")
    assert key != client_key(request, "inquiries")
    assert key != client_key(request_from("198.51.100.24"), "ratings")
    # Keyed: without SECRET_KEY nobody can hash all addresses to find this one.
    settings.SECRET_KEY = "another-key-entirely"
    assert client_key(request, "ratings") != key


def test_visitor_key_tells_browsers_on_one_address_apart():
    one = visitor_key(request_from("198.51.100.23", "Firefox"), "vote")
    other = visitor_key(request_from("198.51.100.23", "Safari"), "vote")
    assert one != other
    assert one == visitor_key(request_from("198.51.100.23", "Firefox"), "vote")
    assert one == keyed_hash("vote", "198.51.100.23", "Firefox")


def test_rate_limit_counts_per_client_under_a_hashed_key():
    request = request_from("198.51.100.23")
    assert [over_rate_limit(request, "demo", 2, 60) for _ in range(4)] == [
        False,
        False,
        True,
        True,
    ]
    assert over_rate_limit(request_from("198.51.100.99"), "demo", 2, 60) is False
    stored_key = f"ratelimit:demo:{client_key(request, 'ratelimit.demo')}"
    assert cache.get(stored_key) == 4
    assert "198.51.100.23" not in stored_key

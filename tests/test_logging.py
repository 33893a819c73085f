"""Application logs during a database outage: the first failure in full, then a summary."""

import logging

import pytest
from django.db import OperationalError

from ops.logs import RepeatedDatabaseErrorFilter


@pytest.fixture
def request_log():
    """What the configured django.request logger passes on (its filters apply first)."""
    logger = logging.getLogger("django.request")
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logger.addHandler(handler)
    yield logger, records
    logger.removeHandler(handler)


def fail(logger, error, path="/programs/"):
    try:
        raise error
    except Exception:
        logger.error("Service Unavailable: %s", path, exc_info=True)


def test_an_outage_logs_its_first_failure_and_holds_back_the_repeats(request_log, monkeypatch):
    logger, records = request_log
    outage = OperationalError('connection to server at "db" (10.0.0.5), port 5432 failed')
    clock = [1000.0]
    monkeypatch.setattr("ops.logs.time.monotonic", lambda: clock[0])

    for _ in range(500):
        fail(logger, outage)
    assert len(records) == 1
    assert records[0].exc_info[1] is outage  # the first one keeps its traceback

    fail(logger, OperationalError("could not translate host name"))  # a different failure
    assert len(records) == 2

    clock[0] += RepeatedDatabaseErrorFilter.WINDOW
    fail(logger, outage)
    assert len(records) == 3
    assert records[2].getMessage() == (
        "Service Unavailable: /programs/ (the same database error also failed 499 more "
        "request(s) in the last 60 s, not logged)"
    )


def test_other_errors_are_all_logged(request_log):
    logger, records = request_log
    for _ in range(3):
        fail(logger, ValueError("a bug"))
    logger.error("Service Unavailable: %s", "/")
    assert len(records) == 4

"""The compose `scheduler` service: periodic management commands in one long-running process.

Every --interval seconds it runs `publish_scheduled` (Wagtail publishes and unpublishes pages at
their scheduled time only when that command runs), then `prepare_renditions` for the pages
published since its previous turn (their images are encoded here, not in a visitor's request).
At start and once a day it runs `prepare_renditions` for every live page and the housekeeping
commands: `purge_inquiries` (deletes inquiries past their retention) and `clearsessions`. A
failing command is logged and retried at the next turn; SIGTERM (docker stop) ends the loop
between commands.
"""

import logging
import signal
import threading
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

logger = logging.getLogger("ops.scheduler")

DAILY = ["prepare_renditions", "purge_inquiries", "clearsessions"]
DAY = 24 * 60 * 60


class Command(BaseCommand):
    help = (
        "Run publish_scheduled and prepare_renditions every few minutes and the daily "
        "housekeeping commands."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=int, default=300, help="Seconds between publish_scheduled runs."
        )
        parser.add_argument(
            "--once", action="store_true", help="Run every command once and exit (for cron)."
        )

    def handle(self, *args, interval, once, **options):
        if interval < 1:
            raise ValueError("--interval must be at least 1 second.")
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())

        # Twice the interval: a turn that starts late still covers what the last one missed.
        frequent = [
            ("publish_scheduled",),
            ("prepare_renditions", "--published-within", str(2 * interval)),
        ]
        logger.info(
            "scheduler: every %ss %s; daily %s",
            interval,
            ", ".join(name for name, *_ in frequent),
            ", ".join(DAILY),
        )
        last_daily = None
        while not stop.is_set():
            self._run(frequent)
            if last_daily is None or time.monotonic() - last_daily >= DAY:
                self._run([(name,) for name in DAILY])
                last_daily = time.monotonic()
            if once:
                break
            stop.wait(interval)
        logger.info("scheduler: stopped")

    def _run(self, commands):
        for name, *arguments in commands:
            close_old_connections()
            started = time.monotonic()
            try:
                call_command(name, *arguments, verbosity=0)
            except Exception:
                logger.exception("scheduler: %s failed", name)
            else:
                logger.info("scheduler: %s done in %.1fs", name, time.monotonic() - started)
            finally:
                close_old_connections()

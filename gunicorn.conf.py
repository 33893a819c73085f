"""gunicorn settings for the web container (`gunicorn -c gunicorn.conf.py`).

Environment: PORT, WEB_CONCURRENCY, GUNICORN_TIMEOUT, FORWARDED_ALLOW_IPS (see .env.example).
"""

import gc
import os

from transformations import env

wsgi_app = "transformations.wsgi:application"
bind = f"0.0.0.0:{env.get_int('PORT', 8000)}"
workers = env.get_int("WEB_CONCURRENCY", 3)
# Load the application once in the master: a missing setting stops the container with one line
# instead of workers failing to boot in a loop, and workers share the loaded code's memory.
preload_app = True
timeout = env.get_int("GUNICORN_TIMEOUT", 30)
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so slow leaks cannot grow; jitter staggers their restarts. A
# worker's memory stays flat at ~100 MB over 100,000 requests (make bench), so this is insurance:
# at 1000 a spike of traffic replaced each worker every second, halving throughput and stalling
# the requests queued behind each restart.
max_requests = 20000
max_requests_jitter = 2000
# Heartbeat files in memory, not on the container's overlay filesystem.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
forwarded_allow_ips = env.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Logs to stdout, one line per request: no client address, no query string (it may carry what a
# visitor typed), no user agent.
accesslog = "-"
errorlog = "-"
access_log_format = "%(t)s %(m)s %(U)s %(s)s %(B)sB %(M)sms"

# No runtime control socket: nothing here uses it, and the container's home is not writable.
control_socket_disable = True


def pre_fork(server, worker):
    """Move everything the master has loaded out of the garbage collector's sight before forking.

    A worker's first collections otherwise walk every object inherited from the master, writing
    to each one and so copying every shared memory page: a new worker stalled its first requests
    for 200-250 ms, which was the whole p99 of make bench (5 ms with this).
    """
    gc.collect()
    gc.freeze()

"""Serve the project on this machine the way production serves it: gunicorn with the project's
gunicorn.conf.py and production settings.

The one launcher of everything that needs a real server: the HTTP, backup and fault tests
(`tests/production_server.py`, `tests/resilience/`), `make bench` and `make audit`. Standard
library only, so a script runs it without Django. The scripts import it as a sibling module
(`import gunicorn_server`), the tests as `scripts.gunicorn_server`: tests may use the project's
tools, a tool never imports the tests.
"""

import contextlib
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_SETTINGS = "transformations.settings.production"

# Each user takes its ports from a range of its own, so the tests, the bench and the audit can run
# on one machine at once without picking the same port between choosing it and binding it.
AUDIT_PORTS = range(8310, 8350)
HTTP_TEST_PORTS = range(8650, 8700)
FAULT_TEST_PORTS = range(8700, 8800)
BENCH_PORTS = range(8800, 8850)


def free_port(ports=()):
    """The first free loopback port in `ports`, else any free port."""
    for port in [*ports, 0]:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise RuntimeError("no free port")


def listening(port):
    """Whether a server listens on this loopback port (connections in TIME_WAIT do not count:
    gunicorn binds with SO_REUSEADDR, and so does this check)."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return True
        return False


def stop_process(process, timeout=30):
    """Stop a server process: SIGTERM, then SIGKILL if it has not exited within `timeout`."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=timeout)


class GunicornError(RuntimeError):
    """gunicorn exited while starting, or did not answer /healthz in time (the log is attached)."""


class Gunicorn:
    """gunicorn with gunicorn.conf.py and production settings, its output in `log_path`.

    `env`: the process environment (the settings' variables); PORT and DJANGO_SETTINGS_MODULE are
    set here. `bind_host`: listen on this address only (default: gunicorn.conf.py's bind, all
    interfaces, as in the container). `access_log=False` drops the per-request lines (the bench:
    writing them would be measured too). `args`: more gunicorn options.

    `start()` returns once /healthz answers 200; `stop()` sends SIGTERM, then SIGKILL. Also a
    context manager.
    """

    def __init__(
        self, env, log_path, port, *, bind_host=None, access_log=True, args=(), python=None
    ):
        self.port = port
        self.env = {**env, "DJANGO_SETTINGS_MODULE": PRODUCTION_SETTINGS, "PORT": str(port)}
        self.log_path = Path(log_path)
        self.command = [str(python or sys.executable), "-m", "gunicorn"]
        self.command += ["--config", "gunicorn.conf.py"]
        if bind_host:
            self.command += ["--bind", f"{bind_host}:{port}"]
        if not access_log:
            self.command += ["--access-logfile", "/dev/null"]
        self.command += list(args)
        self.process = None
        self._log = None

    @property
    def origin(self):
        return f"http://127.0.0.1:{self.port}"

    def url(self, path):
        return self.origin + path

    def start(self, timeout=60):
        # Another server on the port would answer the readiness check in this one's place.
        if listening(self.port):
            raise GunicornError(f"port {self.port} is already in use")
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log = open(self.log_path, "w")  # noqa: SIM115 - closed by stop()
        self.process = subprocess.Popen(
            self.command, cwd=ROOT, env=self.env, stdout=self._log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.stop()
                raise GunicornError(f"gunicorn exited: {self.logs()}")
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(self.url("/healthz"), timeout=2) as response,  # noqa: S310
            ):
                if response.status == 200:
                    return self
            time.sleep(0.3)
        self.stop()
        raise GunicornError(f"gunicorn did not answer {self.url('/healthz')}: {self.logs()}")

    def stop(self, timeout=30):
        stop_process(self.process, timeout=timeout)
        if self._log:
            self._log.close()
            self._log = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def logs(self):
        return self.log_path.read_text(errors="replace")

    def workers(self):
        """The process ids of the master's workers."""
        if self.process is None:
            return []
        out = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True)
        return [int(pid) for pid in out.stdout.split()]


class PeakRss:
    """Samples the peak resident memory (VmHWM) of each of a gunicorn's workers, twice a second,
    while it is entered. A worker replaced meanwhile keeps its own entry."""

    def __init__(self, server, interval=0.5):
        self.server = server
        self.interval = interval
        self.peak_kb = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self):
        while not self._stop.is_set():
            for pid in self.server.workers():
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                except OSError:
                    continue
                match = re.search(r"VmHWM:\s+(\d+) kB", status)
                if match:
                    self.peak_kb[pid] = max(self.peak_kb.get(pid, 0), int(match.group(1)))
            self._stop.wait(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(timeout=5)

    def peak_mb(self):
        """The largest peak of any one worker so far, in MB."""
        return max(self.peak_kb.values(), default=0) / 1024

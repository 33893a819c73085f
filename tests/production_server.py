"""Run the project as production runs it: production settings, gunicorn, PostgreSQL.

Used by the HTTP, lockout and backup tests, which start gunicorn with the launcher the fault
tests, `make bench` and `make audit` share (`scripts/gunicorn_server.py`). Each database here is
a copy of the pytest test database (migrated, empty) made with CREATE DATABASE ... TEMPLATE,
filled through management commands in subprocesses: committed data that gunicorn and pg_dump can
see, without touching the test database the other tests roll back in."""

import os
import secrets
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg2
from cryptography.fernet import Fernet
from django.db import connection, connections

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HOST = "www.example.org"
ADMIN_PASSWORD = "correct-horse-battery-staple-42"


def is_postgresql():
    return connection.vendor == "postgresql"


def server_dsn(dbname):
    """libpq connection parameters for `dbname` on the test database's server."""
    settings = connection.settings_dict
    params = {
        "dbname": dbname,
        "user": settings["USER"],
        "host": settings["HOST"] or "127.0.0.1",
        "port": settings["PORT"] or 5432,
    }
    if settings["PASSWORD"]:
        params["password"] = settings["PASSWORD"]
    return params


def database_url(dbname):
    p = server_dsn(dbname)
    auth = p["user"] + (f":{p['password']}" if "password" in p else "")
    return f"postgres://{auth}@{p['host']}:{p['port']}/{dbname}"


def _admin_cursor_run(sql):
    conn = psycopg2.connect(**server_dsn("postgres"))
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            cursor.execute(sql)
    finally:
        conn.close()


def create_database(name, template=None):
    drop_database(name)
    connections.close_all()  # a template must have no other connections
    template_sql = f' TEMPLATE "{template}"' if template else ""
    _admin_cursor_run(f'CREATE DATABASE "{name}"{template_sql}')


def drop_database(name):
    _admin_cursor_run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def source_database_name():
    return connection.settings_dict["NAME"]


def production_env(database, media_root, static_root, **extra):
    """The environment of a production container, as .env.example describes it."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),  # noqa: S108
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "transformations.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "INQUIRY_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "ALLOWED_HOSTS": HOST,
        "WAGTAILADMIN_BASE_URL": f"https://{HOST}",
        "DATABASE_URL": database_url(database),
        "MEDIA_ROOT": str(media_root),
        "STATIC_ROOT": str(static_root),
        "TRUSTED_PROXY_COUNT": "1",
        "AXES_FAILURE_LIMIT": "3",
        "WEB_CONCURRENCY": "2",
        "FORWARDED_ALLOW_IPS": "127.0.0.1",
    }
    env.update(extra)
    return env


def manage(env, *args, check=True):
    return subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=check,
        timeout=300,
    )


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # an email.message.Message: case-insensitive, get_all()
        self.body = body

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def cookies(self):
        """Set-Cookie headers by cookie name: {name: [attribute, ...]} (attributes lowercased)."""
        found = {}
        for header in self.headers.get_all("Set-Cookie") or []:
            first, *attributes = [part.strip() for part in header.split(";")]
            name = first.split("=", 1)[0]
            found[name] = [a.lower() for a in attributes]
        return found


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def request(
    server, path, *, method="GET", data=None, headers=None, https=True, client="198.51.100.10"
):
    """One request as the TLS proxy forwards it: Host, X-Forwarded-Proto and -For set."""
    all_headers = {"Host": HOST, "X-Forwarded-For": client}
    if https:
        all_headers["X-Forwarded-Proto"] = "https"
    all_headers.update(headers or {})
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    req = urllib.request.Request(  # noqa: S310
        server.url(path), data=body, headers=all_headers, method=method
    )
    try:
        with OPENER.open(req, timeout=30) as response:
            return Response(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Response(error.code, error.headers, error.read())

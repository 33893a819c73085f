"""The production settings module, loaded as the container loads it (a fresh process)."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent
REQUIRED = [
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "WAGTAILADMIN_BASE_URL",
    "DATABASE_URL",
    "INQUIRY_ENCRYPTION_KEYS",
]


def example_env():
    """.env.example's values (with ${VAR} expanded as compose does) and the secrets filled in."""
    values = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, _, value = line.partition("=")
        values[key] = re.sub(r"\$\{(\w+)\}", lambda m: values.get(m.group(1), ""), value)
    values["SECRET_KEY"] = secrets.token_urlsafe(50)
    values["INQUIRY_ENCRYPTION_KEYS"] = Fernet.generate_key().decode()
    values["POSTGRES_PASSWORD"] = secrets.token_hex(16)
    values["DATABASE_URL"] = values["DATABASE_URL"].replace(
        ":@", f":{values['POSTGRES_PASSWORD']}@"
    )
    return values


def run(env, *args):
    full_env = {
        "PATH": os.environ["PATH"],
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "transformations.settings.production",
        **env,
    }
    return subprocess.run(  # noqa: S603
        [sys.executable, *args], cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=120
    )


def production_settings(env, *names):
    code = (
        "import json; from django.conf import settings; "
        f"found = {{n: getattr(settings, n, None) for n in {list(names)!r}}}; "
        "print(json.dumps(found, default=str))"
    )
    result = run(env, "-c", code)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_example_environment_documents_every_required_variable():
    env = example_env()
    for name in REQUIRED:
        assert env.get(name), name
    assert env["DATABASE_URL"].startswith("postgres://transformations:")


def test_check_deploy_passes_with_the_example_environment():
    result = run(example_env(), "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", REQUIRED)
def test_refuses_to_start_with_one_line_when_a_required_variable_is_missing(missing):
    env = {k: v for k, v in example_env().items() if k != missing}
    result = run(env, "manage.py", "check")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"Refusing to start: required environment variable(s) not set: {missing}. See .env.example."
    ]


@pytest.mark.parametrize(
    ("keys", "position"),
    [("not-a-key", 1), (f"{Fernet.generate_key().decode()},c2hvcnQ=", 2)],
)
def test_refuses_to_start_with_one_line_when_an_encryption_key_is_invalid(keys, position):
    result = run({**example_env(), "INQUIRY_ENCRYPTION_KEYS": keys}, "manage.py", "check")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"Refusing to start: INQUIRY_ENCRYPTION_KEYS holds an invalid key (key {position}): each "
        "key must be 32 bytes in url-safe base64, as Fernet.generate_key() makes them. "
        "See README, Operations."
    ]


def test_check_deploy_warns_when_two_factor_is_off():
    env = {**example_env(), "ADMIN_2FA_REQUIRED": "false"}
    result = run(env, "manage.py", "check", "--deploy")
    assert "staffauth.W001" in result.stderr + result.stdout
    assert "ADMIN_2FA_REQUIRED is off" in result.stderr + result.stdout


def test_blank_values_count_as_missing():
    env = {**example_env(), "SECRET_KEY": "  ", "ALLOWED_HOSTS": ""}
    result = run(env, "manage.py", "check")
    assert result.returncode == 1
    assert "not set: SECRET_KEY, ALLOWED_HOSTS." in result.stderr
    assert "Traceback" not in result.stderr


def test_redis_url_switches_the_cache_to_redis_and_turns_the_page_cache_on():
    found = production_settings(
        {**example_env(), "REDIS_URL": "redis://redis:6379/0"}, "CACHES", "PAGE_CACHE_ENABLED"
    )
    cache = found["CACHES"]["default"]
    assert cache["BACKEND"] == "transformations.cache.FaultTolerantRedisCache"
    assert cache["LOCATION"] == "redis://redis:6379/0"
    assert found["PAGE_CACHE_ENABLED"] is True


def test_the_example_stack_shares_its_cache_and_page_cache_in_redis():
    found = production_settings(example_env(), "CACHES", "PAGE_CACHE_ENABLED")
    assert found["CACHES"]["default"]["LOCATION"] == "redis://redis:6379/0"
    assert found["PAGE_CACHE_ENABLED"] is True


def test_without_a_shared_cache_the_page_cache_is_off():
    env = {k: v for k, v in example_env().items() if k != "REDIS_URL"}
    found = production_settings(env, "CACHES", "PAGE_CACHE_ENABLED")
    assert found["CACHES"]["default"]["BACKEND"].endswith("LocMemCache")
    assert found["PAGE_CACHE_ENABLED"] is False


def test_a_bucket_switches_media_to_s3_and_allows_its_images_in_the_csp():
    env = {
        **example_env(),
        "AWS_STORAGE_BUCKET_NAME": "transformations-media",
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_S3_CUSTOM_DOMAIN": "media.example.org",
    }
    found = production_settings(env, "STORAGES", "SECURE_CSP")
    storage = found["STORAGES"]["default"]
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "transformations-media"
    assert storage["OPTIONS"]["custom_domain"] == "media.example.org"
    # Static files stay with the web containers (whitenoise), minified: only media moves.
    assert found["STORAGES"]["staticfiles"]["BACKEND"] == (
        "transformations.storage.MinifiedManifestStaticFilesStorage"
    )
    assert found["SECURE_CSP"]["img-src"] == ["'self'", "data:", "https://media.example.org"]
    assert found["SECURE_CSP"]["script-src"] == ["'self'"]


def test_frontend_cache_purge_is_configured_on_request():
    env = {
        **example_env(),
        "FRONTEND_CACHE_BACKEND": "cloudflare",
        "CLOUDFLARE_BEARER_TOKEN": "token",
        "CLOUDFLARE_ZONEID": "zone",
    }
    found = production_settings(env, "WAGTAILFRONTENDCACHE", "INSTALLED_APPS")
    assert found["WAGTAILFRONTENDCACHE"]["default"]["BACKEND"].endswith("CloudflareBackend")
    assert "wagtail.contrib.frontend_cache" in found["INSTALLED_APPS"]
    assert (
        "wagtail.contrib.frontend_cache"
        not in production_settings(example_env(), "INSTALLED_APPS")["INSTALLED_APPS"]
    )


def test_an_unknown_frontend_cache_backend_is_refused():
    result = run({**example_env(), "FRONTEND_CACHE_BACKEND": "akamai"}, "manage.py", "check")
    assert result.returncode != 0
    assert "FRONTEND_CACHE_BACKEND must be one of cloudflare, cloudfront, http, not 'akamai'." in (
        result.stderr
    )


# Read by the image or the development settings only, not set by operators.
NOT_FOR_OPERATORS = {"DEBUG", "MEDIA_ROOT", "STATIC_ROOT"}


def test_env_example_documents_every_variable_the_settings_read():
    settings_dir = ROOT / "transformations" / "settings"
    source = (settings_dir / "base.py").read_text() + (settings_dir / "production.py").read_text()
    read = set(re.findall(r'env\.(?:get|get_bool|get_int|get_list|require)\(\s*"(\w+)"', source))
    assert {"DATABASE_CONNECT_TIMEOUT", "REDIS_URL", "AWS_S3_REGION_NAME"} <= read
    documented = set(
        re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M)
    )
    assert read - NOT_FOR_OPERATORS - documented == set()

"""Production: everything that depends on the deployment comes from the environment.

.env.example documents every variable read here. The process refuses to start, with one line
saying why, when a required variable is missing.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, INSTALLED_APPS, SECURE_CSP, STORAGES, env

env.exit_if_missing(
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "WAGTAILADMIN_BASE_URL",
    "DATABASE_URL",
    "INQUIRY_ENCRYPTION_KEYS",
)
env.exit_if_invalid_fernet_keys("INQUIRY_ENCRYPTION_KEYS")

SECRET_KEY = env.require("SECRET_KEY")
ALLOWED_HOSTS = env.get_list("ALLOWED_HOSTS")
WAGTAILADMIN_BASE_URL = env.require("WAGTAILADMIN_BASE_URL")
CSRF_TRUSTED_ORIGINS = env.get_list("CSRF_TRUSTED_ORIGINS")
INQUIRY_ENCRYPTION_KEYS = env.get_list("INQUIRY_ENCRYPTION_KEYS")

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Fail fast when the database is unreachable: /readyz and pages answer 503 within seconds.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env.get_int(
        "DATABASE_CONNECT_TIMEOUT", 5
    )

# TLS ends at the reverse proxy, which must set X-Forwarded-Proto (and X-Forwarded-For).
SECURE_SSL_REDIRECT = env.get_bool("SECURE_SSL_REDIRECT", True)
if env.get_bool("BEHIND_TLS_PROXY", True):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
TRUSTED_PROXY_COUNT = env.get_int("TRUSTED_PROXY_COUNT", 1)

# Cookie names with the __Host- prefix: the browser accepts them only over HTTPS, for this exact
# host and path /, so no subdomain can set or overwrite them.
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# Cache: Redis when REDIS_URL is set (shared by every web container), else per-process memory.
REDIS_URL = env.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's Redis backend, but a Redis that is down is a cache miss, not a 500.
            "BACKEND": "transformations.cache.FaultTolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.get("CACHE_KEY_PREFIX", "transformations"),
            "TIMEOUT": env.get_int("CACHE_TIMEOUT", 300),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The full-page cache needs a cache every web process shares: with per-process memory, a page
# published through one worker would stay stale in the others. On by default with Redis only.
PAGE_CACHE_ENABLED = env.get_bool("PAGE_CACHE_ENABLED", bool(REDIS_URL))
# The same for the fragments pages share (pagecache.store.fragment); independent of the page
# cache, so that a page rendered afresh (a miss, or the page cache off) still reuses them.
FRAGMENT_CACHE_ENABLED = env.get_bool("FRAGMENT_CACHE_ENABLED", bool(REDIS_URL))

# Media (images, documents): S3-compatible object storage when a bucket is named, else the
# MEDIA_ROOT volume. With a bucket, web containers keep no state of their own.
AWS_STORAGE_BUCKET_NAME = env.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_CUSTOM_DOMAIN = env.get("AWS_S3_CUSTOM_DOMAIN", "") or None
    STORAGES = {
        **STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": AWS_STORAGE_BUCKET_NAME,
                "access_key": env.get("AWS_ACCESS_KEY_ID") or None,
                "secret_key": env.get("AWS_SECRET_ACCESS_KEY") or None,
                "region_name": env.get("AWS_S3_REGION_NAME") or None,
                "endpoint_url": env.get("AWS_S3_ENDPOINT_URL") or None,
                "custom_domain": AWS_S3_CUSTOM_DOMAIN,
                "location": env.get("AWS_LOCATION", "media"),
                "default_acl": None,
                "querystring_auth": env.get_bool("AWS_QUERYSTRING_AUTH", False),
                "file_overwrite": False,
            },
        },
    }
    # Images are then loaded from the bucket's host: allow exactly that host, nothing else.
    if AWS_S3_CUSTOM_DOMAIN:
        media_origin = f"https://{AWS_S3_CUSTOM_DOMAIN}"
    else:
        endpoint = env.get("AWS_S3_ENDPOINT_URL", "")
        media_origin = endpoint or f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com"
    SECURE_CSP = {**SECURE_CSP, "img-src": [*SECURE_CSP["img-src"], media_origin]}

# Purge a CDN or caching proxy when pages are published (Wagtail's frontend cache).
FRONTEND_CACHE_BACKEND = env.get("FRONTEND_CACHE_BACKEND", "").strip().lower()
if FRONTEND_CACHE_BACKEND:
    backends = {
        "http": lambda: {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": env.require("FRONTEND_CACHE_HTTP_LOCATION"),
        },
        "cloudflare": lambda: {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": env.require("CLOUDFLARE_BEARER_TOKEN"),
            "ZONEID": env.require("CLOUDFLARE_ZONEID"),
        },
        "cloudfront": lambda: {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": env.require("CLOUDFRONT_DISTRIBUTION_ID"),
        },
    }
    if FRONTEND_CACHE_BACKEND not in backends:
        raise ImproperlyConfigured(
            f"FRONTEND_CACHE_BACKEND must be one of {', '.join(sorted(backends))}, "
            f"not {FRONTEND_CACHE_BACKEND!r}."
        )
    INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.contrib.frontend_cache"]
    WAGTAILFRONTENDCACHE = {"default": backends[FRONTEND_CACHE_BACKEND]()}

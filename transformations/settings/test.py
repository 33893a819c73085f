"""The test suite: SQLite unless DATABASE_URL is set (CI sets it to PostgreSQL)."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"

# Serve static files from the source folders; no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Lockouts are tested over HTTP through gunicorn with production settings
# (tests/test_http_production.py); here they would get in the way of client.login().
AXES_ENABLED = False

# The admin fixtures log in with force_login, which has no second factor: tests that are about
# two-factor authentication switch it on (tests/test_staffauth.py).
ADMIN_2FA_REQUIRED = False

# Inquiries are encrypted here too, with a key derived from this development-only SECRET_KEY
# unless INQUIRY_ENCRYPTION_KEYS is set.
INQUIRY_ENCRYPTION_KEYS = env.get_list("INQUIRY_ENCRYPTION_KEYS") or [
    env.development_fernet_key(SECRET_KEY)
]

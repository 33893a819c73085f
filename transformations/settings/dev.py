"""Local development: `make run`. Relaxes base.py for plain-HTTP loopback use."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.get_bool("DEBUG", True)
# A fixed key is fine on a developer's machine only; production.py refuses to start without one.
SECRET_KEY = env.get("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
ALLOWED_HOSTS = env.get_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Serve static files from the source folders; no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Inquiries are encrypted here too, with a key derived from this development-only SECRET_KEY
# unless INQUIRY_ENCRYPTION_KEYS is set.
INQUIRY_ENCRYPTION_KEYS = env.get_list("INQUIRY_ENCRYPTION_KEYS") or [
    env.development_fernet_key(SECRET_KEY)
]

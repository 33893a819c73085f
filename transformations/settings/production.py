"""Production: everything that depends on the deployment comes from the environment."""

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = env.require("SECRET_KEY")
ALLOWED_HOSTS = env.get_list("ALLOWED_HOSTS") or [env.require("ALLOWED_HOSTS")]
WAGTAILADMIN_BASE_URL = env.require("WAGTAILADMIN_BASE_URL")
env.require("DATABASE_URL")

SECURE_SSL_REDIRECT = env.get_bool("SECURE_SSL_REDIRECT", True)
if env.get_bool("BEHIND_TLS_PROXY", True):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env.get_list("CSRF_TRUSTED_ORIGINS")

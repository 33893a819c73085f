"""Settings shared by every environment.

Safe for production by default: DEBUG is off, cookies are secure, HSTS is on.
dev.py and test.py only relax what they must; production.py adds what needs the environment.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

from transformations import env

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = False
SECRET_KEY = env.get("SECRET_KEY", "")
ALLOWED_HOSTS = env.get_list("ALLOWED_HOSTS")

# The project's apps, by layer (README, "What is where"; `make lint` enforces it): the demo and
# the home page on top, then page types, then features they are built from, then the core.
INSTALLED_APPS = [
    "demo",
    "wordpress",
    "home",
    "programs",
    "articles",
    "inquiries",
    "insurance",
    "credentials",
    # After inquiries: both give the Admissions group work, described in this order.
    "admissions",
    "locations",
    "reviews",
    "ratings",
    "pagecache",
    "ops",
    "staffauth",
    "pages",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.sites",
    # Wagtail's users app, with what each role may do shown (pages.staff_admin).
    "pages.apps.StaffUsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    # /healthz and /readyz: before the HTTPS redirect and the host check (see ops/health.py).
    "ops.health.HealthCheckMiddleware",
    # A hit is answered here, with the headers every middleware below added when the page was
    # stored (security headers, CSP without nonces): it touches no session, no auth, no database.
    "pagecache.middleware.PageCacheMiddleware",
    # A page rendered afresh gets the site, its settings and its menu from the shared cache.
    "pagecache.middleware.SharedSiteDataMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Below Django's: the admin's own policy is set first, and Django leaves it in place.
    "ops.middleware.AdminContentSecurityPolicyMiddleware",
    "ops.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # request.user.is_verified(): has this session passed the second factor?
    "django_otp.middleware.OTPMiddleware",
    # The admin: idle timeout, and a second factor for whoever must have one (staffauth/).
    "staffauth.middleware.StaffSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: turns a lockout into its 429 answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "transformations.urls"
WSGI_APPLICATION = "transformations.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # `site_settings`: the one way templates read the site settings.
                "pages.context_processors.site_settings",
            ],
        },
    },
]

# An embedded SQLite database unless DATABASE_URL points elsewhere (PostgreSQL in production).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env.get_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "America/New_York"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# static/ is source; collected files go to an ignored folder of their own.
STATIC_ROOT = Path(env.get("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.get("MEDIA_ROOT", str(BASE_DIR / "media")))
# Let Django serve MEDIA_URL itself when nothing in front of it does (off by default).
SERVE_MEDIA = env.get_bool("SERVE_MEDIA", False)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "transformations.storage.MinifiedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Security defaults (relaxed only in dev/test).
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = True

# Content-Security-Policy (Django's built-in middleware; the admin's by ops.middleware).
# Public pages: strict and without nonces, so that a page can be served from a shared cache.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-src": [CSP.NONE],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
# The Wagtail admin (and the page previews it frames) needs inline styles and scripts and frames
# its own previews; still nothing from other hosts.
ADMIN_CSP_PATH_PREFIXES = ["/admin/"]
ADMIN_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "frame-src": [CSP.SELF],
    "worker-src": [CSP.SELF, "blob:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
    "form-action": [CSP.SELF],
}
# Browser features the site never uses, turned off for every page.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "bluetooth",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)

# Admin login brute-force protection (django-axes): after AXES_FAILURE_LIMIT failures for one
# username from one client address, that pair is locked out for AXES_COOLOFF_TIME (HTTP 429).
AUTHENTICATION_BACKENDS = [
    # AxesBackend = the lockout check + ModelBackend's get_user, so sessions made by
    # force_login (tests, Wagtail's test utilities) resolve their user.
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.get_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env.get_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HTTP_RESPONSE_CODE = 429
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # successful logins are not recorded with their address
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "pages.visitors.client_ip"
# A wrong two-factor code counts like a wrong password; codes are kept out of axes' records.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code"]
# Reverse proxies in front of the application (each appends to X-Forwarded-For); 0 = none.
TRUSTED_PROXY_COUNT = env.get_int("TRUSTED_PROXY_COUNT", 0)

# Full-page cache for anonymous visitors (pagecache/). Never the database cache.
PAGE_CACHE_ENABLED = env.get_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_TIMEOUT = env.get_int("PAGE_CACHE_TIMEOUT", 600)
PAGE_CACHE_STALE_TIMEOUT = env.get_int("PAGE_CACHE_STALE_TIMEOUT", 24 * 60 * 60)
PAGE_CACHE_BROWSER_MAX_AGE = env.get_int("PAGE_CACHE_BROWSER_MAX_AGE", 60)
PAGE_CACHE_SHARED_MAX_AGE = env.get_int("PAGE_CACHE_SHARED_MAX_AGE", 300)
PAGE_CACHE_EXCLUDED_PATHS = ["/admin/", "/documents/", "/static/", "/media/", "/healthz", "/readyz"]
# Parts of pages built once and shared (pagecache.store.fragment, e.g. the footer's credentials),
# in the page cache's cache. Only where every web process shares that cache: one process's
# locmem would keep a fragment another process was told to forget.
FRAGMENT_CACHE_ENABLED = env.get_bool("FRAGMENT_CACHE_ENABLED", True)

# Wagtail
WAGTAIL_SITE_NAME = "Transformations"
WAGTAILADMIN_BASE_URL = env.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Every document is downloaded as an attachment, never rendered inline on our origin.
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
# Alt text starts from the image's description, never its title (pages.models.images).
WAGTAILIMAGES_IMAGE_MODEL = "pages.SiteImage"
# Nothing from the admin calls other hosts.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILEMBEDS_FINDERS = []
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# Approving a page in the "Clinical review" workflow records the review, then publishes.
WAGTAIL_FINISH_WORKFLOW_ACTION = "reviews.workflow.publish_reviewed"

PHONENUMBER_DEFAULT_REGION = "US"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {
            "()": "ops.logs.OneLineFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        }
    },
    "filters": {
        "repeated_database_errors": {"()": "ops.logs.RepeatedDatabaseErrorFilter"},
        "health_probes": {"()": "ops.logs.HealthProbeFilter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "line",
            "stream": "ext://sys.stdout",
        },
        "null": {"class": "logging.NullHandler"},
    },
    "root": {"handlers": ["console"], "level": env.get("LOG_LEVEL", "INFO")},
    # One line per background task run is noise, not an event worth logging.
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        # axes logs usernames and addresses; ops.events logs the same events without them.
        "axes": {"level": "ERROR"},
        # A database outage fails every uncached request: its traceback once a minute is enough.
        "django.request": {"filters": ["repeated_database_errors", "health_probes"]},
        # Requests for other hosts are scanners' noise (answered 400), not events.
        "django.security.DisallowedHost": {"handlers": ["null"], "propagate": False},
    },
}

# One cache for rate limits and short-lived counters: this process's memory by default.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "transformations",
    }
}

# Staff accounts (staffauth/): a second factor (an authenticator app's code, or a one-time
# recovery code) for superusers and for everyone who reads confidential data (the Admissions
# group). On in every environment; `ADMIN_2FA_REQUIRED=false` is for a local trial or an
# automated check (`manage.py check --deploy` warns when it is off).
ADMIN_2FA_REQUIRED = env.get_bool("ADMIN_2FA_REQUIRED", True)
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
# An admin session ends after this long without a request to the admin; for staff who read
# confidential data it also ends when the browser closes.
ADMIN_SESSION_IDLE_MINUTES = env.get_int("ADMIN_SESSION_IDLE_MINUTES", 30)

# `manage.py ensure_admin` (make run) gives a new "admin" account this password, else a random one.
ADMIN_INITIAL_PASSWORD = env.get("DJANGO_SUPERUSER_PASSWORD", "")

# Confidential inquiries: how long submissions are kept (`manage.py purge_inquiries`).
INQUIRY_RETENTION_DAYS = env.get_int("INQUIRY_RETENTION_DAYS", 90)
# What people write is stored encrypted (Fernet) with the first of these comma-separated keys; the
# others still decrypt older rows until `manage.py reencrypt_inquiries`. Losing every key loses
# every inquiry. Production refuses to start without one; dev.py and test.py derive one.
INQUIRY_ENCRYPTION_KEYS = env.get_list("INQUIRY_ENCRYPTION_KEYS")
# A person needs at least this long to fill in the form; faster posts are treated as automated.
INQUIRY_MIN_FILL_SECONDS = 3
# At most this many posts of the inquiry form per client address per window.
INQUIRY_RATE_LIMIT = (8, 10 * 60)
# A form post larger than this is refused unread (a 2,000-character message fits many times over).
INQUIRY_MAX_BODY_BYTES = 64 * 1024

# Article ratings (ratings app): one vote per visitor per page for this long.
RATING_VOTE_WINDOW_DAYS = 30
RATING_RATE_LIMIT = (20, 60 * 60)
RATING_MAX_BODY_BYTES = 10 * 1024

# A form post that fails the CSRF check gets a page that says what to do and gives the phone number.
CSRF_FAILURE_VIEW = "inquiries.views.csrf_failure"

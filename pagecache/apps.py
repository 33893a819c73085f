from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = "Full-page cache"

    def ready(self):
        # Receivers and checks register when their modules are imported, and the signals module
        # needs the models loaded: only ready() runs after the app registry is.
        from . import checks, signals  # noqa: F401

from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = "Full-page cache"

    def ready(self):
        from . import checks, signals  # noqa: F401 - registers the invalidation signals and checks

from django.conf import settings
from django.core.checks import Error, register


@register()
def page_cache_not_in_database(app_configs, **kwargs):
    alias = settings.PAGE_CACHE_ALIAS
    backend = settings.CACHES.get(alias, {}).get("BACKEND", "")
    if backend.endswith("DatabaseCache"):
        return [
            Error(
                f"The page cache (CACHES[{alias!r}]) must not be the database cache: it would fail "
                "exactly when the database does.",
                hint="Use Redis (REDIS_URL) in production or local memory in development.",
                id="pagecache.E001",
            )
        ]
    return []

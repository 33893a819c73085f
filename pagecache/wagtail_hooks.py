from wagtail import hooks

from pages.views import SEARCH_RESULTS_HOOK

from .middleware import CACHEABLE_ATTR
from .search import shared_results


@hooks.register("before_serve_page")
def mark_page_cacheable(page, request, serve_args, serve_kwargs):
    """A live page may go into the shared page cache.

    Whether the visitor is anonymous was settled by the middleware (requests with a session never
    reach the cache); asking for request.user here would read the session and add Vary: Cookie.
    """
    if page.live:
        setattr(request, CACHEABLE_ATTR, True)


# Result pages kept until a page changes (pagecache.search).
hooks.register(SEARCH_RESULTS_HOOK, shared_results)

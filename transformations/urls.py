from django.conf import settings
from django.conf.urls.static import static
from django.contrib.staticfiles.urls import staticfiles_urlpatterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from pages import views as pages_views

# The 500/503 pages must render even when the database is down: static templates, no queries.
handler500 = "ops.errors.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("search/", pages_views.search, name="search"),
    path("ratings/", include("ratings.urls")),
    path("robots.txt", pages_views.robots_txt, name="robots_txt"),
]

if settings.DEBUG:
    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
else:
    # Answers only when settings.SERVE_MEDIA is on (make audit, browser tests): nothing in front.
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", pages_views.serve_media, name="serve_media")]

urlpatterns += [path("", include(wagtail_urls))]

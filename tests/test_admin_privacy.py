"""The admin loads nothing from other hosts; uploads and downloads stay safe."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

# Attributes that make a browser fetch something by itself (links only load when clicked).
FETCHING = {
    ("img", "src"),
    ("img", "srcset"),
    ("source", "src"),
    ("source", "srcset"),
    ("script", "src"),
    ("iframe", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("link", "href"),
    ("form", "action"),
    ("input", "src"),
}


class ResourceCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and (tag, name) in FETCHING:
                self.urls.extend(part.strip().split(" ")[0] for part in value.split(","))
            if value and name == "style":
                self.urls.extend(re.findall(r"url\(['\"]?([^'\")]+)", value))


def foreign_resources(html):
    collector = ResourceCollector()
    collector.feed(html)
    return [url for url in collector.urls if urlsplit(url).netloc not in ("", "testserver")]


def admin_paths(demo):
    return [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{demo.home.pk}/",
        f"/admin/pages/{demo.iop.pk}/edit/",
        f"/admin/pages/add/programs/programpage/{demo.programs.pk}/",
        "/admin/images/",
        "/admin/images/multiple/add/",
        "/admin/documents/",
        "/admin/documents/multiple/add/",
        f"/admin/settings/pages/sitesettings/{demo.site.pk}/",
        "/admin/users/",
        "/admin/account/",
    ]


def test_admin_pages_load_nothing_from_other_hosts(admin_client, demo):
    for path in admin_paths(demo):
        response = admin_client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert foreign_resources(html) == [], path
        assert "gravatar" not in html.lower(), path
        assert 'data-controller="w-upgrade' not in html, path  # the update check


def test_admin_login_page_loads_nothing_from_other_hosts(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert foreign_resources(response.content.decode()) == []


def test_the_collector_would_catch_a_third_party_resource():
    html = (
        '<img src="https://www.gravatar.com/avatar/x"><a href="https://guide.wagtail.org/">'
        '<link rel="stylesheet" href="/static/a.css"><script src="https://cdn.example/x.js">'
        "</script>"
    )
    assert foreign_resources(html) == [
        "https://www.gravatar.com/avatar/x",
        "https://cdn.example/x.js",
    ]


def test_embeds_are_not_available_to_editors(settings):
    assert settings.WAGTAILEMBEDS_FINDERS == []
    assert "wagtail.embeds" not in settings.INSTALLED_APPS


def test_svg_images_cannot_be_uploaded(admin_client, demo):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    before = get_image_model().objects.count()
    response = admin_client.post(
        "/admin/images/add/",
        {"title": "logo", "file": SimpleUploadedFile("logo.svg", svg, "image/svg+xml")},
    )
    assert response.status_code == 200  # the form again, with its error
    assert "Not a supported image format" in response.content.decode()
    assert get_image_model().objects.count() == before


@pytest.mark.parametrize(
    ("name", "content"), [("leaflet.pdf", b"%PDF-1.4\n%%EOF"), ("notes.txt", b"x")]
)
def test_documents_are_downloaded_as_attachments(client, demo, settings, tmp_path, name, content):
    # Files on disk as in production. PDF and text are the types Wagtail shows inline by default.
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    document = get_document_model().objects.create(title=name)
    document.file.save(name, ContentFile(content))
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == content

"""The admin loads nothing from other hosts; uploads and downloads stay safe."""

import json
import socket
from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.test.utils.form_data import streamfield

from tests.editor_helpers import program_form_data
from tests.reading import resources, text_of


def foreign_resources(html):
    return [url for url in resources(html) if urlsplit(url).netloc not in ("", "testserver")]


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


VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
# What the rich text editor sends for a paragraph followed by a video embed, had it offered one
# (Draftail's EMBED entity, as wagtail.embeds would produce it from a pasted video address).
TEXT_WITH_AN_EMBED = json.dumps(
    {
        "blocks": [
            {
                "key": "intro",
                "type": "unstyled",
                "text": "Watch our welcome video.",
                "depth": 0,
                "inlineStyleRanges": [],
                "entityRanges": [],
                "data": {},
            },
            {
                "key": "video",
                "type": "atomic",
                "text": " ",
                "depth": 0,
                "inlineStyleRanges": [],
                "entityRanges": [{"offset": 0, "length": 1, "key": 0}],
                "data": {},
            },
        ],
        "entityMap": {
            "0": {
                "type": "EMBED",
                "mutability": "IMMUTABLE",
                "data": {"url": VIDEO, "embedType": "video", "providerName": "YouTube"},
            }
        },
    }
)


def test_an_embed_sent_from_the_editor_shows_and_fetches_nothing(admin_client, demo, monkeypatch):
    """The editor offers no embed tool; a video address that reaches the server as an embed
    anyway is dropped: the page loads nothing from the video site and the server never looks it
    up (which would tell the video site who reads the page, and when)."""
    looked_up = []
    real_getaddrinfo = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        looked_up.append(host)
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    editor = admin_client.get(f"/admin/pages/{demo.iop.pk}/edit/").content.decode()
    assert "EMBED" not in editor  # no embed among the rich text editor's tools

    response = admin_client.post(
        reverse("wagtailadmin_pages:add", args=["programs", "programpage", demo.programs.pk]),
        program_form_data(
            body=streamfield([("text", TEXT_WITH_AN_EMBED)]), **{"action-publish": "1"}
        ),
    )
    assert response.status_code == 302
    page = Client().get("/programs/partial-hospitalization/")
    assert page.status_code == 200
    assert "Watch our welcome video." in text_of(page)
    html = page.content.decode()
    assert "youtube" not in html.lower()
    assert foreign_resources(html) == []
    assert [host for host in looked_up if host not in ("localhost", "127.0.0.1")] == []


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

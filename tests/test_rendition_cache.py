"""A page that is rendered again reads its pictures' renditions from the cache and writes none
back (Wagtail's own lookup does not mark cache hits, so each render wrote every rendition back:
six pickles per picture)."""

import pytest
from django.core.cache import caches

from pages.models import SiteRendition

IOP = "/programs/intensive-outpatient/?render=1"  # a query string: the page cache is bypassed


@pytest.fixture
def rendition_writes(monkeypatch):
    """The renditions written to the rendition cache, as (key, rendition) pairs."""
    backend = SiteRendition.cache_backend
    writes = []
    real_set, real_set_many = backend.set, backend.set_many

    def set_(key, value, *args, **kwargs):
        if isinstance(value, SiteRendition):
            writes.append((key, value))
        return real_set(key, value, *args, **kwargs)

    def set_many(data, *args, **kwargs):
        writes.extend((k, v) for k, v in data.items() if isinstance(v, SiteRendition))
        return real_set_many(data, *args, **kwargs)

    monkeypatch.setattr(backend, "set", set_)
    monkeypatch.setattr(backend, "set_many", set_many)
    return writes


@pytest.mark.django_db
def test_a_second_render_writes_no_rendition_back(demo, client, rendition_writes):
    caches["default"].clear()
    first = client.get(IOP)
    assert first.status_code == 200
    assert "/media/images/" in first.content.decode()
    written = len(rendition_writes)
    assert written >= 2  # the first render, from the database, fills the cache

    rendition_writes.clear()
    second = client.get(IOP)
    assert second.status_code == 200
    assert second.content == first.content  # the same pictures, from the cache
    assert rendition_writes == []

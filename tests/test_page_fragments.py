"""A page rendered afresh (the page cache bypassed) reuses the parts of it that every process
shares: the page routed, its body and references, its structured data (pagecache.fragments,
pagecache.shared). Every change an editor or the admissions team makes is still seen on the very
next request, and publishing one page leaves the other pages' bodies as they were."""

import redis
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.images import get_image_model

from admissions.models import Availability
from pagecache import store
from pages.models import StandardPage
from tests.reading import json_ld, links, nodes_of_type, soup_of, text_of, texts_of
from tests.redis_cache import CountingConnection, use_redis

IOP = "/programs/intensive-outpatient/"


def render(client, path=IOP):
    """A real render: a query string keeps the page cache out (as `make bench`'s "miss")."""
    response = client.get(path, {"render": "1"})
    assert response.status_code == 200
    assert "X-Page-Cache" not in response.headers
    return response.text


def queries_of(client, path=IOP):
    with CaptureQueriesContext(connection) as queries:
        html = render(client, path)
    return html, [query["sql"] for query in queries]


def references(html):
    return texts_of(soup_of(html).select_one("section.references"), "li")


def publish_body_text(page, index, text):
    """Publish `page` with the rich text of its first benefit section (or text block) replaced."""
    body = page.body
    block = body[index]
    if block.block_type == "benefit_section":
        block.value["text"].source = f"<p>{text}</p>"
    else:
        block.value.source = f"<p>{text}</p>"
    page.body = body
    page.save_revision().publish()


def test_a_program_page_rendered_again_reads_nothing_from_the_database(client, demo):
    first = render(client)
    html, queries = queries_of(client)
    assert queries == []
    assert html == first  # the same page, byte for byte: body, references, JSON-LD
    assert "Intensive Outpatient" in texts_of(html, "h1")[0]
    assert references(html)  # the numbered sources are there
    [page] = nodes_of_type(html, "MedicalWebPage")
    assert page["citation"]


def test_the_home_page_with_every_block_renders_again_without_queries(client, demo):
    first = render(client, "/")
    html, queries = queries_of(client, "/")
    assert queries == []
    assert html == first
    assert "Intensive Outpatient" in texts_of(html, ".card__title")


def test_publishing_another_page_leaves_this_pages_body_as_it_was(client, demo):
    render(client)
    store.invalidate_all()
    _, cold = queries_of(client)  # everything built again: the body reads its images
    render(client)
    privacy = demo.home.get_children().get(slug="privacy").specific
    privacy.title = "Privacy notice (updated)"
    privacy.save_revision().publish()
    html, after_publish = queries_of(client)
    assert len(after_publish) < len(cold)
    assert not [sql for sql in after_publish if "pages_siteimage" in sql]  # the body's picture
    assert references(html)


def test_a_published_edit_shows_on_the_next_render(client, demo):
    render(client)
    publish_body_text(demo.iop, 0, "Quokka evenings now run Monday to Thursday.")
    assert "Quokka evenings now run Monday to Thursday." in text_of(render(client))


def test_a_changed_phone_number_shows_in_the_body_at_once(client, demo):
    assert "tel:+15615550142" not in render(client)
    demo.settings.admissions_phone = "+15615550142"
    demo.settings.save()
    html = render(client)
    body = soup_of(html).select_one("div.stream")
    assert 'href="tel:+15615550142"' in str(body)


def image_sources(html):
    return {img.get("src") for img in soup_of(html).select("div.stream img")}


def test_a_deleted_image_leaves_the_body_at_once(client, demo):
    before = image_sources(render(client))
    assert len(before) == 2
    image = get_image_model().objects.get(file__contains="morning-path")
    image.delete()
    after = image_sources(render(client))
    assert len(after) == 1 and "morning-path" not in next(iter(after))


def test_a_renamed_section_shows_in_the_breadcrumbs_and_structured_data(client, demo):
    render(client)
    demo.programs.title = "Treatment programs"
    demo.programs.save_revision().publish()
    html = render(client)
    assert "Treatment programs" in texts_of(html, "nav.breadcrumbs a")
    [trail] = nodes_of_type(html, "BreadcrumbList")
    assert "Treatment programs" in [item["name"] for item in trail["itemListElement"]]


def test_a_moved_page_is_linked_at_its_new_address(client, demo):
    html = render(client, "/")
    assert IOP in [href for href, _ in links(html)]
    demo.iop.slug = "iop"
    demo.iop.save_revision().publish()
    home = render(client, "/")
    hrefs = [href for href, _ in links(home)]
    assert "/programs/iop/" in hrefs and IOP not in hrefs


def test_confirmed_availability_shows_on_the_home_pages_cards_at_once(client, demo):
    home = render(client, "/")
    assert "Accepting new clients" not in text_of(home)
    Availability.objects.update_or_create(
        page=demo.iop, defaults={"status": "yes", "confirmed_on": timezone.localdate()}
    )
    assert "Accepting new clients" in text_of(render(client, "/"))
    assert "Accepting new clients" in text_of(render(client))


def test_a_chosen_page_retitled_shows_its_new_title_in_the_body(client, demo):
    page = StandardPage(title="Family night", slug="family-night")
    demo.home.add_child(instance=page)
    page.save_revision().publish()
    body = demo.iop.body
    cta = body.stream_block.child_blocks["call_to_action"].to_python(
        {
            "heading": "Bring your family",
            "text": "One evening a week for the people who support you.",
            "show_phone": True,
            "phone": "",
            "link": {"text": "", "page": page.pk, "url": ""},
        }
    )
    body.append(("call_to_action", cta))
    demo.iop.body = body
    demo.iop.save_revision().publish()
    assert ("/family-night/", "Family night") in links(render(client))
    page.title = "Family evening"
    page.save_revision().publish()
    assert ("/family-night/", "Family evening") in links(render(client))


def test_an_editors_preview_never_reaches_visitors(client, demo):
    render(client)
    draft = demo.iop
    publish_body_text_unsaved = draft.body
    publish_body_text_unsaved[0].value["text"].source = "<p>Draft words visitors never see.</p>"
    draft.body = publish_body_text_unsaved
    draft.save_revision()
    # As the admin's preview renders it: a request through the middleware, for the page's URL.
    preview = draft.make_preview_request()
    assert "Draft words visitors never see." in preview.content.decode()
    assert "Draft words" not in render(client)
    assert "Draft words" not in client.get(IOP).text


def test_without_the_shared_cache_pages_render_in_full(client, demo, settings):
    render(client)
    settings.FRAGMENT_CACHE_ENABLED = False
    html, queries = queries_of(client)
    assert queries  # nothing shared: the page reads what it shows
    assert references(html)
    assert json_ld(html)


def test_the_header_and_footer_follow_the_site_settings_and_pages_at_once(client, demo):
    for path in (IOP, "/search/"):
        render(client, path)
    demo.settings.admissions_phone = "+15615550142"
    demo.settings.header_cta_text = "Talk to us tonight"
    demo.settings.save()
    for path in (IOP, "/search/"):
        html = client.get(path, {"render": "1", "q": "relapse"}).text
        header = soup_of(html).select_one("header.site-header")
        assert "Talk to us tonight" in text_of(header)
        assert 'href="tel:+15615550142"' in str(header)
        assert 'href="tel:+15615550142"' in str(soup_of(html).select_one("footer.site-footer"))
    privacy = demo.home.get_children().get(slug="privacy").specific
    privacy.title = "How we protect your privacy"
    privacy.save_revision().publish()
    footer = soup_of(render(client)).select_one("footer.site-footer")
    assert ("/privacy/", "How we protect your privacy") in links(str(footer))


def test_a_page_rendered_afresh_reads_its_parts_and_writes_what_it_built_in_one_round_trip_each(
    client, demo, settings
):
    location = "redis://127.0.0.1:6379/12"
    use_redis(settings, location)
    render(client)  # the pictures' renditions made, as a deploy makes them (prepare_renditions)
    redis.Redis.from_url(location).flushdb()
    before = CountingConnection.sent
    html = render(client)
    # One read of the tokens, the site data and the route; the two tokens started; one read of
    # the parts (body, structured data, top, bottom); the footer's credentials; all that was
    # built, written at once. (Fifteen round trips when each part was read and wrote itself.)
    assert CountingConnection.sent - before == 1 + 2 + 1 + 1 + 1
    before = CountingConnection.sent
    assert render(client) == html  # and the next render reads them: two reads, nothing written
    assert CountingConnection.sent - before == 2

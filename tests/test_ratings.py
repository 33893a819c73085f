"""The article rating: widget, voting with and without JS, bad input, repeat votes, admin reset."""

import json
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.template import engines
from django.test import Client
from django.utils import timezone
from wagtail.models import GroupPagePermission, PageLogEntry

from programs.models import ProgramPage
from ratings.models import PageRating, RatingVote
from ratings.votes import form_token
from tests.editor_helpers import program_form_data, site_settings_form_data, site_settings_url
from tests.reading import soup_of, text_of

VOTE_URL = "/ratings/vote/"
ORIGIN = "http://testserver"


def vote(client, page, stars=5, *, token=None, origin=ORIGIN, address="203.0.113.7", **extra):
    token = form_token(page.pk) if token is None else token
    data = {"page": page.pk, "stars": stars, "token": token}
    if stars is None:
        del data["stars"]
    headers = {"REMOTE_ADDR": address, **extra}
    if origin:
        headers["HTTP_ORIGIN"] = origin
    return client.post(VOTE_URL, data, **headers)


def nothing_stored():
    return not PageRating.objects.exists() and not RatingVote.objects.exists()


def assert_ratings_off(client, page):
    """The page shows no rating widget and refuses a vote, clearly, storing nothing."""
    assert rating_section(client.get(page.url).text) is None
    response = vote(client, page)
    assert response.status_code == 403
    assert "switched off" in response.text
    assert nothing_stored()


def rating_section(html):
    return soup_of(html).find("section", id="rating")


# The widget ---------------------------------------------------------------------------------------


def test_no_votes_invites_to_rate_without_numbers(client, demo):
    response = client.get(demo.iop.url)
    section = rating_section(response.text)
    assert section.h2.get_text() == "Rate this article"
    text = section.find(class_="rating__summary").get_text(" ", strip=True)
    assert text == "No ratings yet. Be the first to rate this article."
    assert "%" not in section.get_text()
    assert "vote" not in section.find(class_="rating__summary").get_text().replace("rate", "")


def test_form_is_accessible_without_javascript(client, demo):
    section = rating_section(client.get(demo.iop.url).text)
    form = section.find("form")
    assert form["method"] == "post" and form["action"] == VOTE_URL
    fieldset = form.find("fieldset")
    assert fieldset.legend.get_text(strip=True) == "How would you rate this article?"
    radios = fieldset.find_all("input", type="radio")
    assert [r["value"] for r in radios] == ["1", "2", "3", "4", "5"]
    names = []
    for radio in radios:
        label = section.find("label", attrs={"for": radio["id"]})
        hidden = label.find(attrs={"aria-hidden": "true"})
        names.append(label.get_text(strip=True).replace(hidden.get_text(), "", 1).strip())
    assert names == ["1 star", "2 stars", "3 stars", "4 stars", "5 stars"]
    assert form.find("button", type="submit").get_text(strip=True) == "Send my rating"
    assert form.find(attrs={"role": "status"}) is not None


def test_aggregate_in_the_seed_form_with_words_for_screen_readers(client, demo):
    PageRating.objects.create(page=demo.iop, votes=12, total=54)
    section = rating_section(client.get(demo.iop.url).text)
    summary = section.find(class_="rating__summary")
    assert summary.get_text() == "4.5 (90%) 12 votes — rated 4.5 out of 5 by 12 readers"
    assert summary.find(class_="visually-hidden").get_text() == (
        " — rated 4.5 out of 5 by 12 readers"
    )


def test_one_vote_reads_like_the_seed(client, demo):
    PageRating.objects.create(page=demo.iop, votes=1, total=5)
    summary = rating_section(client.get(demo.iop.url).text).find(class_="rating__summary")
    assert summary.get_text() == "5 (100%) 1 vote — rated 5 out of 5 by 1 reader"


def test_program_page_stays_cacheable(client, demo):
    response = client.get(demo.iop.url)
    assert response.status_code == 200
    assert not response.cookies
    # The widget adds no Vary of its own. (Today every page varies on Cookie because base.html's
    # {% wagtailuserbar %} reads the session: that is base.html's to solve, not the widget's.)
    assert response.get("Vary") == client.get(demo.programs.url).get("Vary")
    assert "csrfmiddlewaretoken" not in response.text
    # No inline script: every <script> has a src (or is JSON-LD data).
    for script in soup_of(response).find_all("script"):
        assert script.get("src") or script.get("type") == "application/ld+json"
    assert 'src="/static/ratings/rating.js"' in response.text
    # No rating markup for search engines (see rating_tags.py for why).
    assert "AggregateRating" not in response.text and "ratingValue" not in response.text
    # The form token is the same for everybody.
    other = client.get(demo.iop.url, REMOTE_ADDR="198.51.100.9", HTTP_USER_AGENT="Other")
    assert other.text == response.text


def test_widget_reads_no_session_and_sets_no_cookie(rf, demo):
    from django.contrib.sessions.backends.db import SessionStore

    request = rf.get(demo.iop.url)
    request.session = SessionStore()
    template = engines["django"].from_string("{% load rating_tags %}{% rating_widget page %}")
    html = template.render({"page": demo.iop, "request": request}, request)
    assert "Rate this article" in html
    assert request.session.accessed is False
    assert "csrf" not in html.lower()
    assert not getattr(request, "META", {}).get("CSRF_COOKIE_NEEDS_UPDATE")


def test_rendering_the_widget_costs_at_most_one_query(rf, demo, django_assert_max_num_queries):
    PageRating.objects.create(page=demo.iop, votes=3, total=12)
    request = rf.get(demo.iop.url)
    page = ProgramPage.objects.get(pk=demo.iop.pk)
    template = engines["django"].from_string("{% load rating_tags %}{% rating_widget page %}")
    context = {"page": page, "request": request, "site_settings": demo.settings}
    with django_assert_max_num_queries(1):
        html = template.render(context, request)
    assert "4 (80%) 3 votes" in html


# Voting ---------------------------------------------------------------------------------------


def test_vote_without_javascript_redirects_back_with_a_confirmation(client, demo):
    response = vote(client, demo.iop, 4)
    assert response.status_code == 303
    assert response["Location"] == f"{demo.iop.url}?rated=thanks#rating"
    assert "no-store" in response["Cache-Control"]
    page = client.get(response["Location"].split("#")[0])
    section = rating_section(page.text)
    assert section.find(attrs={"role": "status"}).get_text() == (
        "Thank you: your rating has been counted."
    )
    assert section.find(class_="rating__summary").get_text().startswith("4 (80%) 1 vote")
    rating = PageRating.objects.get(page=demo.iop)
    assert (rating.votes, rating.total) == (1, 4)


def test_vote_with_javascript_answers_json(client, demo):
    vote(client, demo.iop, 5, address="198.51.100.1")
    response = vote(client, demo.iop, 4, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "thanks"
    assert data["counted"] is True
    assert data["rating"]["text"] == "4.5 (90%) 2 votes"
    assert data["rating"]["words"] == "rated 4.5 out of 5 by 2 readers"


def test_repeat_vote_is_answered_politely_and_not_counted(client, demo):
    assert vote(client, demo.iop, 5).status_code == 303
    response = vote(client, demo.iop, 1)
    assert response.status_code == 303
    assert response["Location"] == f"{demo.iop.url}?rated=already#rating"
    page = client.get(f"{demo.iop.url}?rated=already")
    assert "already rated this article in the last 30 days" in page.text
    rating = PageRating.objects.get(page=demo.iop)
    assert (rating.votes, rating.total) == (1, 5)
    as_json = vote(client, demo.iop, 2, HTTP_ACCEPT="application/json").json()
    assert as_json["status"] == "already" and as_json["counted"] is False
    assert as_json["rating"]["votes"] == 1


def test_another_visitor_counts(client, demo):
    vote(client, demo.iop, 5, address="198.51.100.1")
    vote(client, demo.iop, 3, address="198.51.100.2")
    # Same address, another browser: another person in the same household.
    vote(client, demo.iop, 4, address="198.51.100.2", HTTP_USER_AGENT="Another browser")
    rating = PageRating.objects.get(page=demo.iop)
    assert (rating.votes, rating.total) == (3, 12)


def test_vote_stores_no_address_or_personal_data(client, demo):
    vote(client, demo.iop, 5, address="198.51.100.77", HTTP_USER_AGENT="Firefox/140")
    stored = RatingVote.objects.get()
    assert re.fullmatch(r"[0-9a-f]{64}", stored.visitor)
    row = json.dumps(list(RatingVote.objects.values())[0], default=str)
    assert "198.51.100.77" not in row and "Firefox" not in row
    # The stars are only in the aggregate, never next to the visitor.
    assert {f.name for f in RatingVote._meta.fields} == {"id", "page", "visitor", "created_at"}


def test_vote_window_is_30_days(client, demo):
    vote(client, demo.iop, 5)
    RatingVote.objects.update(created_at=timezone.now() - timedelta(days=31))
    assert vote(client, demo.iop, 3)["Location"].endswith("?rated=thanks#rating")
    assert RatingVote.objects.count() == 1  # the old record is gone
    assert PageRating.objects.get(page=demo.iop).votes == 2
    RatingVote.objects.update(created_at=timezone.now() - timedelta(days=29))
    assert vote(client, demo.iop, 3)["Location"].endswith("?rated=already#rating")


# Bad input: a clear 4xx and nothing stored ------------------------------------------------------


@pytest.mark.parametrize("stars", ["0", "6", "-1", "2.5", "abc", None])
def test_bad_stars(client, demo, stars):
    response = vote(client, demo.iop, stars)
    assert response.status_code == 400
    assert "1 to 5" in response.text
    assert nothing_stored()


@pytest.mark.parametrize("stars", ["0", "2.5", None])
def test_bad_stars_as_json(client, demo, stars):
    response = vote(client, demo.iop, stars, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert "1 to 5" in response.json()["error"]
    assert nothing_stored()


def test_page_that_does_not_exist(client, demo):
    class Missing:
        pk = 987654

    response = vote(client, Missing)
    assert response.status_code == 404
    assert "no published article" in response.text
    assert nothing_stored()


def test_page_that_is_not_live(client, demo):
    draft = ProgramPage(title="Draft program", slug="draft-program", live=False)
    demo.programs.add_child(instance=draft)
    response = vote(client, draft)
    assert response.status_code == 404
    assert nothing_stored()


def test_page_that_is_not_a_program_page(client, demo):
    response = vote(client, demo.programs)
    assert response.status_code == 404
    assert nothing_stored()


def test_get_on_the_vote_url(client, demo):
    response = client.get(VOTE_URL)
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert "sent with the form" in response.text
    assert nothing_stored()


def test_body_over_10_kb(client, demo):
    data = {
        "page": demo.iop.pk,
        "stars": 5,
        "token": form_token(demo.iop.pk),
        "padding": "x" * (10 * 1024),
    }
    response = client.post(VOTE_URL, data, HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 413
    assert "too large" in response.text
    assert nothing_stored()


def test_post_without_the_token(client, demo):
    response = vote(client, demo.iop, 5, token="")
    assert response.status_code == 403
    assert "did not come from the article's rating form" in text_of(response)
    assert nothing_stored()


def test_post_with_another_pages_token(client, demo):
    response = vote(client, demo.iop, 5, token=form_token(demo.programs.pk))
    assert response.status_code == 403
    assert nothing_stored()


def test_cross_site_post(client, demo):
    response = vote(client, demo.iop, 5, origin="https://evil.example")
    assert response.status_code == 403
    assert "own page" in response.text
    assert nothing_stored()


def test_post_without_origin_or_referer(client, demo):
    assert vote(client, demo.iop, 5, origin=None).status_code == 403
    assert nothing_stored()


def test_same_origin_referer_is_enough_when_origin_is_missing(client, demo):
    response = vote(client, demo.iop, 5, origin=None, HTTP_REFERER=f"{ORIGIN}{demo.iop.url}")
    assert response.status_code == 303
    assert PageRating.objects.get(page=demo.iop).votes == 1


def test_burst_from_one_client_is_limited(client, demo, settings):
    settings.RATING_RATE_LIMIT = (3, 3600)
    statuses = [vote(client, demo.iop, 5, HTTP_USER_AGENT=f"ua-{i}").status_code for i in range(5)]
    assert statuses == [303, 303, 303, 429, 429]
    assert PageRating.objects.get(page=demo.iop).votes == 3
    # Another client is not affected.
    assert vote(client, demo.iop, 5, address="198.51.100.200").status_code == 303


# The admin -----------------------------------------------------------------------------------


def test_reset_from_the_admin_is_logged_in_the_history(admin_client, client, demo):
    for i in range(3):
        vote(client, demo.iop, 4 + (i % 2), address=f"198.51.100.{i + 1}")
    edit = admin_client.get(f"/admin/pages/{demo.iop.pk}/edit/")
    assert f"/admin/ratings/reset/{demo.iop.pk}/" in edit.text
    confirm = admin_client.get(f"/admin/ratings/reset/{demo.iop.pk}/")
    assert confirm.status_code == 200
    assert "This article is rated 4.3 (87%) 3 votes." in confirm.text
    response = admin_client.post(f"/admin/ratings/reset/{demo.iop.pk}/")
    assert response.status_code == 302
    assert nothing_stored()
    entry = PageLogEntry.objects.get(page=demo.iop, action="ratings.reset")
    assert entry.data == {"votes": 3, "average": "4.3"}
    history = admin_client.get(f"/admin/pages/{demo.iop.pk}/history/")
    assert "Reset the article rating (it was 4.3 out of 5 from 3 votes)" in history.text
    # Everybody can rate again, and the page invites them to.
    page = client.get(demo.iop.url)
    assert "Be the first to rate this article." in page.text
    assert vote(client, demo.iop, 5, address="198.51.100.1").status_code == 303


def test_reset_needs_publish_permission(client, demo, django_user_model):
    PageRating.objects.create(page=demo.iop, votes=2, total=10)
    editor = django_user_model.objects.create_user("writer", "w@example.com", "x" * 16)
    group = Group.objects.create(name="Writers without publishing")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(group=group, page=demo.home, permission_type="change")
    editor.groups.add(group)
    client.force_login(editor)
    assert (
        f"/admin/ratings/reset/{demo.iop.pk}/"
        not in client.get(f"/admin/pages/{demo.iop.pk}/edit/").text
    )
    # Wagtail answers a denied admin view with a redirect to the dashboard and a message.
    for method in (client.get, client.post):
        response = method(f"/admin/ratings/reset/{demo.iop.pk}/")
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert PageRating.objects.get(page=demo.iop).votes == 2
    assert not PageLogEntry.objects.filter(action="ratings.reset").exists()


def test_editors_switch_ratings_off_in_the_page_settings(admin_client, demo):
    visitor = Client()
    edit_url = f"/admin/pages/{demo.iop.pk}/edit/"
    page = {"title": "Intensive Outpatient", "slug": "intensive-outpatient", "action-publish": "1"}
    response = admin_client.post(edit_url, program_form_data(ratings_enabled="on", **page))
    assert response.status_code == 302
    assert rating_section(visitor.get(demo.iop.url).text) is not None

    response = admin_client.post(edit_url, program_form_data(**page))  # the box left unticked
    assert response.status_code == 302
    assert_ratings_off(visitor, demo.iop)


def test_editors_switch_ratings_off_for_the_whole_site(admin_client, demo):
    visitor = Client()
    assert rating_section(visitor.get(demo.iop.url).text) is not None
    form = site_settings_form_data(demo.settings, ratings_enabled="")
    response = admin_client.post(site_settings_url(demo.site), form)
    assert response.status_code == 302
    assert_ratings_off(visitor, demo.iop)

"""Generated input against what visitors can send: the inquiry form, the vote endpoint, search
and page URLs. Whatever arrives, the answer is never a 500, and invalid input stores nothing.

Each example starts with an empty cache: the per-client rate limits would otherwise turn most
examples into 429s and hide what the views do with the input itself.
"""

import time
import urllib.parse

import pytest
from django.core.cache import caches
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st
from wagtail.contrib.forms.models import FormSubmission

from inquiries.forms import HONEYPOT_FIELD, STARTED_FIELD, started_token
from ratings.models import PageRating, RatingVote
from ratings.votes import form_token
from tests.contact_form import CONSENT, CONTACT_URL

VOTE_URL = "/ratings/vote/"
ORIGIN = "http://testserver"
# Page-cache keys carry the request path as sent; Redis keys are binary-safe, only memcached (not
# used) would choke on them, which is what this warning is about.
pytestmark = pytest.mark.filterwarnings("ignore::django.core.cache.CacheKeyWarning")
FIELDS = ["first_name", "phone", "email", "best_time_to_call", "who_is_this_for", "message"]

FUZZ = settings(
    max_examples=40,
    deadline=None,
    database=None,  # no .hypothesis directory in the worktree or in CI
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Anything a browser, a robot or a broken proxy might send as a form value.
any_text = st.text(max_size=300)
short_text = st.text(max_size=40)


def clear_caches():
    """What conftest's _empty_caches does before each test, here before each example."""
    for cache in caches.all():
        cache.clear()


def assert_no_server_error(response):
    assert response.status_code < 500, (response.status_code, response.content[:500])


# The inquiry form ---------------------------------------------------------------------------------

invalid_reason = st.sampled_from(
    ["no consent", "no token", "forged token", "too fast", "honeypot", "no way to reach"]
)


@FUZZ
@given(
    values=st.fixed_dictionaries({}, optional=dict.fromkeys(FIELDS, any_text)),
    extra=st.dictionaries(short_text, any_text, max_size=4),
    reason=invalid_reason,
)
def test_invalid_inquiry_stores_nothing(client, contact, values, extra, reason):
    clear_caches()
    data = {**extra, **values, CONSENT: "on", STARTED_FIELD: started_token(time.time() - 30)}
    data.pop(HONEYPOT_FIELD, None)
    if reason == "no consent":
        del data[CONSENT]
    elif reason == "no token":
        del data[STARTED_FIELD]
    elif reason == "forged token":
        data[STARTED_FIELD] = data[STARTED_FIELD][:-3] + "abc"
    elif reason == "too fast":
        data[STARTED_FIELD] = started_token(time.time())
    elif reason == "honeypot":
        data[HONEYPOT_FIELD] = "https://spam.example"
    elif reason == "no way to reach":
        data.pop("phone", None)
        data.pop("email", None)
    before = FormSubmission.objects.count()

    response = client.post(CONTACT_URL, data, REMOTE_ADDR="203.0.113.30")

    assert_no_server_error(response)
    assert FormSubmission.objects.count() == before, (reason, data)


VALID = {
    "first_name": "Sam",
    "phone": "412-268-3000",
    "email": "sam@example.org",
    "best_time_to_call": "Evening",
    "who_is_this_for": "Myself",
    "message": "Please call me back.",
}


@FUZZ
@given(
    garbled=st.dictionaries(st.sampled_from(FIELDS), any_text, max_size=3),
    first_name=st.text(min_size=1, max_size=60),
    message=any_text,
)
def test_any_inquiry_text_is_stored_whole_or_refused_clearly(
    client, contact, garbled, first_name, message
):
    """With consent and a valid timestamp, generated text (any name and message, up to three fields
    replaced by anything at all) is either stored once and thanked, or refused with the form shown
    again and its errors: never a 500, never half of either."""
    values = {**VALID, "first_name": first_name, "message": message, **garbled}
    clear_caches()
    data = {**values, CONSENT: "on", STARTED_FIELD: started_token(time.time() - 30)}
    before = FormSubmission.objects.count()

    response = client.post(CONTACT_URL, data, REMOTE_ADDR="203.0.113.31")

    assert_no_server_error(response)
    stored = FormSubmission.objects.count() - before
    event("stored" if stored else "refused")  # --hypothesis-show-statistics: both paths are taken
    if response.status_code == 200:
        assert stored == 1
        assert "Thank you" in response.text
    else:
        assert response.status_code == 400, response.status_code
        assert stored == 0
        assert response.context["form"].errors
        assert "Thank you" not in response.text


# The vote endpoint --------------------------------------------------------------------------------

field_value = st.one_of(st.none(), any_text, st.integers(-(10**20), 10**20).map(str))


@FUZZ
@given(
    stars=st.sampled_from(["1", "2", "3", "4", "5"]),
    garbled=st.dictionaries(
        st.sampled_from(["page", "stars", "token", "origin"]), field_value, max_size=4
    ),
    accept_json=st.booleans(),
)
def test_vote_input_never_errors_and_invalid_votes_store_nothing(
    client, demo, stars, garbled, accept_json
):
    """A valid vote from the article's form, with any of its parts replaced by anything at all
    (None: left out)."""
    clear_caches()
    sent = {
        "page": str(demo.iop.pk),
        "stars": stars,
        "token": form_token(demo.iop.pk),
        "origin": ORIGIN,
        **garbled,
    }
    # " 5" for "5" is a matter of the form's whitespace rules, not of validity: left out.
    for key in ("page", "stars"):
        assume(sent[key] is None or sent[key] == sent[key].strip())
    data = {key: sent[key] for key in ("page", "stars", "token") if sent[key] is not None}
    headers = {"REMOTE_ADDR": "203.0.113.40"}
    if sent["origin"] is not None:
        headers["HTTP_ORIGIN"] = sent["origin"]
    if accept_json:
        headers["HTTP_ACCEPT"] = "application/json"
    valid = (
        sent["origin"] == ORIGIN
        and sent["token"] == form_token(demo.iop.pk)
        and sent["page"] == str(demo.iop.pk)
        and sent["stars"] in {"1", "2", "3", "4", "5"}
    )
    before = (RatingVote.objects.count(), PageRating.objects.count())

    response = client.post(VOTE_URL, data, **headers)

    assert_no_server_error(response)
    event("valid vote" if valid else "invalid vote")
    if valid:
        assert response.status_code in (200, 303), response.status_code
        assert RatingVote.objects.count() - before[0] in (0, 1)
    else:
        assert (RatingVote.objects.count(), PageRating.objects.count()) == before, data
        assert response.status_code >= 400


# Search and page URLs -----------------------------------------------------------------------------


@FUZZ
@given(query=st.text(max_size=200), page=st.one_of(st.none(), short_text))
def test_search_never_errors(client, demo, query, page):
    clear_caches()
    params = {"q": query}
    if page is not None:
        params["page"] = page
    response = client.get("/search/", params)
    assert_no_server_error(response)


path_segment = st.text(min_size=1, max_size=30)


@FUZZ
@given(
    segments=st.lists(path_segment, min_size=1, max_size=4),
    under_programs=st.booleans(),
    trailing_slash=st.booleans(),
    query=st.one_of(st.none(), short_text),
)
def test_any_page_path_never_errors(client, demo, segments, under_programs, trailing_slash, query):
    clear_caches()
    path = "/" + "/".join(urllib.parse.quote(segment, safe="") for segment in segments)
    if under_programs:
        path = "/programs" + path
    if trailing_slash:
        path += "/"
    if query is not None:
        path += "?" + urllib.parse.urlencode({"q": query})
    response = client.get(path)
    assert_no_server_error(response)
    assert response.status_code in (200, 301, 302, 404), (path, response.status_code)

"""Licenses and accreditations: in every footer and on the About page with a link to the issuer's
lookup, never once expired, flagged to staff, and refused when they cannot be right."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data

from credentials.models import AboutPage, Credential
from pagecache import store
from tests.editor_helpers import field_error
from tests.reading import links, soup_of, text_of, texts_of

ADD_URL = "/admin/snippets/credentials/credential/add/"
TODAY = timezone.localdate


def days(n):
    return TODAY() + datetime.timedelta(days=n)


def footer_credentials(client, path="/programs/"):
    section = soup_of(client.get(path).text).select_one(".site-footer__credentials")
    return texts_of(section, "li") if section else []


@pytest.fixture
def accredited(demo):
    """The demo's example license and a real-looking accreditation, valid for a year."""
    return Credential.objects.create(
        name="Behavioral Health Care Accreditation",
        kind=Credential.Kind.ACCREDITATION,
        issuing_body="The Joint Commission",
        number="123456",
        verification_url="https://www.qualitycheck.org/",
        issued_on=days(-200),
        expires_on=days(165),
        sort_order=1,
    )


def test_the_footer_lists_each_credential_with_a_link_to_its_issuer(client, demo, accredited):
    lines = footer_credentials(client)
    assert lines == [
        "Substance use treatment facility license (demo), Example State Department of Health "
        "(demo), no. DEMO-0000. Verify Substance use treatment facility license (demo) with "
        "Example State Department of Health (demo)",
        "Behavioral Health Care Accreditation, The Joint Commission, no. 123456. Verify "
        "Behavioral Health Care Accreditation with The Joint Commission",
    ]
    footer = soup_of(client.get("/").text).select_one(".site-footer")
    assert (
        "https://www.qualitycheck.org/",
        "Verify Behavioral Health Care Accreditation with The Joint Commission",
    ) in links(footer)
    assert ("/about/", "About us and our credentials") in links(footer)


def test_the_about_page_shows_them_in_full(client, demo, accredited):
    html = client.get("/about/").text
    listed = soup_of(html).select(".credentials .credential")
    assert [text_of(item.select_one(".credential__name")) for item in listed] == [
        "Substance use treatment facility license (demo)",
        "Behavioral Health Care Accreditation",
    ]
    second = text_of(listed[1])
    assert "Accreditation issued by The Joint Commission on" in second
    assert "Number: 123456" in second
    assert f"Valid until {days(165):%B} {days(165).day}, {days(165).year}" in second


def test_an_expired_credential_is_hidden_everywhere_and_flagged(admin_client, client, demo):
    Credential.objects.create(
        name="Old license",
        issuing_body="State board",
        verification_url="https://example.org/lookup",
        issued_on=days(-400),
        expires_on=days(-1),
    )
    Credential.objects.create(
        name="License ending today",
        issuing_body="State board",
        verification_url="https://example.org/lookup",
        expires_on=days(0),
    )
    for path in ["/", "/about/", "/programs/intensive-outpatient/"]:
        text = text_of(client.get(path).text)
        assert "Old license" not in text, path
        assert "License ending today" in text, path  # valid on its last day

    dashboard = soup_of(admin_client.get("/admin/").text).select_one(
        "#credentials-to-renew-section"
    )
    rows = [texts_of(row, "td") for row in dashboard.select("tbody tr")]
    assert rows[0][0] == "Old license (State board)" and rows[0][2] == "No: expired"
    assert rows[1][0] == "License ending today (State board)"
    assert rows[1][2] == "Yes, until then"


def test_nothing_to_renew_means_no_panel(admin_client, demo):
    assert (
        soup_of(admin_client.get("/admin/").text).select_one("#credentials-to-renew-section")
        is None
    )


def test_a_change_shows_on_the_very_next_request(client, demo, accredited):
    assert "The Joint Commission" in text_of(client.get("/programs/").text)
    assert client.get("/programs/").headers["X-Page-Cache"] == "hit"

    accredited.issuing_body = "TJC"
    accredited.save()
    assert "no. 123456" in " ".join(footer_credentials(client))
    assert "TJC" in " ".join(footer_credentials(client))

    accredited.delete()
    assert not any("123456" in line for line in footer_credentials(client))

    AboutPage.objects.get().unpublish()
    footer = soup_of(client.get("/programs/").text).select_one(".site-footer")
    assert "About us and our credentials" not in text_of(footer)


def test_the_footer_is_built_once_and_shared_by_the_pages(client, demo, accredited):
    client.get("/programs/")  # builds the footer's list
    store.invalidate_all()  # a publish elsewhere: pages render again, the list is still good
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/about/")
    assert response.headers["X-Page-Cache"] == "miss"
    footer_reads = [q for q in queries if "credentials_credential" in q["sql"]]
    assert len(footer_reads) == 1  # the About page's own list, not the footer's
    assert "no. 123456" in " ".join(footer_credentials(client, "/about/"))


def credential_form(**changes):
    data = {
        "name": "Outpatient treatment license",
        "kind": "license",
        "issuing_body": "State Department of Health",
        "number": "OP-42",
        "verification_url": "https://example.org/lookup",
        "logo": "",
        "issued_on": str(days(-30)),
        "expires_on": str(days(335)),
    }
    data.update(changes)
    return nested_form_data(data)


def test_a_credential_is_added_in_the_admin_and_shown_at_once(admin_client, client, demo):
    client.get("/programs/")  # cached, footer and all
    response = admin_client.post(ADD_URL, credential_form())
    assert response.status_code == 302
    assert "Outpatient treatment license" in " ".join(footer_credentials(client))


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"issued_on": str(days(-10)), "expires_on": str(days(-20))},
            "expires_on",
            "The expiry date must be after the issue date.",
        ),
        ({"issued_on": str(days(3))}, "issued_on", "The issue date cannot be in the future."),
        (
            {"verification_url": "javascript:alert(1)"},
            "verification_url",
            "Enter a web address starting with http:// or https://.",
        ),
        ({"verification_url": "ftp://example.org/"}, "verification_url", "http:// or https://"),
        ({"verification_url": ""}, "verification_url", "This field is required."),
        ({"issuing_body": ""}, "issuing_body", "This field is required."),
    ],
)
def test_bad_input_is_refused_next_to_the_field(admin_client, demo, changes, field, message):
    response = admin_client.post(ADD_URL, credential_form(**changes))
    assert response.status_code == 200
    assert message in field_error(response, field)
    assert not Credential.objects.filter(name="Outpatient treatment license").exists()

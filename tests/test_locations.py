"""Locations: the Locations page, where each program is offered, the footer, the JSON-LD, and
what the editor refuses."""

import datetime

import pytest
from wagtail.test.utils.form_data import nested_form_data, streamfield

from locations.models import Location
from tests.editor_helpers import stream_errors
from tests.reading import json_ld, nodes_of_type, resources, soup_of, text_of

ADD_URL = "/admin/snippets/locations/location/add/"


@pytest.fixture
def demo_location(demo):
    return Location.objects.get(slug="demo-location")


def test_the_locations_page_lists_the_demo_location(client, demo):
    html = client.get("/locations/").text
    section = soup_of(html).select_one("section#demo-location")
    assert text_of(section.select_one("h2")) == "Transformations (demo location)"
    assert text_of(section.select_one("address")) == "100 Example Street Exampleville, FL 00000"
    # No number of its own: the admissions number.
    assert section.select_one('a[href="tel:+18002704315"]') is not None
    programs = [(a["href"], text_of(a)) for a in section.select("h3 + ul a")]
    assert programs == [("/programs/intensive-outpatient/", "Intensive Outpatient")]


def test_no_embedded_map_and_no_third_party_request(client, demo, demo_location):
    demo_location.directions_url = "https://maps.example.org/?q=100+Example+Street"
    demo_location.save()
    html = client.get("/locations/").text
    assert [url for url in resources(html) if url.startswith(("http:", "https:", "//"))] == []
    assert not soup_of(html).select("iframe")
    link = soup_of(html).find(
        "a", string="Directions to Transformations (demo location) on a map service"
    )
    assert link["href"] == "https://maps.example.org/?q=100+Example+Street"


def test_json_ld_medical_clinic_per_location(client, demo, demo_location):
    demo_location.phone = "+13055550100"
    demo_location.latitude = "25.761681"
    demo_location.longitude = "-80.191788"
    demo_location.opening_hours = [
        (
            "hours",
            {
                "days": ["Monday", "Tuesday"],
                "opens": datetime.time(8),
                "closes": datetime.time(17, 30),
            },
        )
    ]
    demo_location.save()
    html = client.get("/locations/").text
    clinics = [
        node for node in nodes_of_type(html, "MedicalClinic") if "parentOrganization" in node
    ]
    assert len(clinics) == 1
    clinic = clinics[0]
    assert clinic["name"] == "Transformations (demo location)"
    assert clinic["telephone"] == "+13055550100"
    assert clinic["address"]["streetAddress"] == "100 Example Street"
    assert clinic["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": 25.761681,
        "longitude": -80.191788,
    }
    assert clinic["openingHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": ["https://schema.org/Monday", "https://schema.org/Tuesday"],
            "opens": "08:00",
            "closes": "17:30",
        }
    ]
    organisation = [
        n
        for n in json_ld(html)
        if n.get("@type") == "MedicalClinic" and "parentOrganization" not in n
    ]
    assert clinic["parentOrganization"] == {"@id": organisation[0]["@id"]}
    section = soup_of(html).select_one("section#demo-location")
    assert "Monday, Tuesday: 8:00 AM to 5:30 PM" in text_of(section)
    assert section.select_one('a[href="tel:+13055550100"]') is not None


def test_program_page_and_card_say_where_the_program_is_offered(client, demo, demo_location):
    def offered(html):
        for item in soup_of(html).select(".facts__item"):
            if text_of(item.select_one("dt")) == "Where it is offered":
                return text_of(item.select_one("dd"))
        return None

    assert offered(client.get("/programs/intensive-outpatient/").text) == (
        "Transformations (demo location)"
    )
    assert offered(client.get("/programs/").text) == "Transformations (demo location)"
    second = Location.objects.create(
        name="Second Street Clinic",
        slug="second",
        street_address="2 Example Street",
        locality="Exampleville",
        region="FL",
        postal_code="00000",
        sort_order=5,
    )
    second.programs.add(demo.iop)  # the cached page goes stale at once
    assert offered(client.get("/programs/intensive-outpatient/").text) == (
        "Transformations (demo location), Second Street Clinic"
    )
    demo_location.programs.clear()
    second.programs.clear()
    assert offered(client.get("/programs/intensive-outpatient/").text) is None


def test_the_footer_shows_the_main_address(client, demo):
    footer = soup_of(client.get("/programs/").text).select_one("footer address")
    assert "100 Example Street" in text_of(footer)


def location_form(**changes):
    data = {
        "name": "North Clinic",
        "slug": "north",
        "street_address": "3 Example Street",
        "locality": "Exampleville",
        "region": "FL",
        "postal_code": "00000",
        "country": "US",
        "phone": "",
        "opening_hours": streamfield([]),
        "admissions_hours": streamfield([]),
        "photo": "",
        "map_image": "",
        "directions_url": "",
        "latitude": "",
        "longitude": "",
    }
    data.update(changes)
    return nested_form_data(data)


def test_a_location_is_saved_through_the_admin(admin_client, demo):
    data = location_form(latitude="40.5")
    data["programs"] = [demo.iop.pk]
    response = admin_client.post(ADD_URL, data)
    assert response.status_code == 302
    assert list(Location.objects.get(slug="north").programs.all()) == [demo.iop]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"latitude": "91"}, "latitude", "less than or equal to 90"),
        ({"longitude": "-181"}, "longitude", "greater than or equal to -180"),
        ({"directions_url": "javascript:alert(1)"}, "directions_url", "http:// or https://"),
        ({"phone": "12"}, "phone", ""),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(admin_client, demo, changes, field, message):
    from tests.editor_helpers import field_error

    response = admin_client.post(ADD_URL, location_form(**changes))
    assert response.status_code == 200
    assert message in field_error(response, field)
    assert field_error(response, field)
    assert not Location.objects.filter(slug="north").exists()


def test_hours_that_end_before_they_start_are_refused(admin_client, demo):
    hours = streamfield([("hours", {"days": "Monday", "opens": "17:00", "closes": "09:00"})])
    response = admin_client.post(ADD_URL, location_form(opening_hours=hours))
    assert response.status_code == 200
    errors = stream_errors(response, "opening_hours")
    assert errors["blockErrors"]["0"]["blockErrors"]["closes"]["messages"] == [
        "Closing time must be after opening time."
    ]
    assert not Location.objects.filter(slug="north").exists()

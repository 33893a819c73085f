"""Site settings: one place for the phone number and messages."""

import pytest

from pages.blocks import CallToActionBlock
from pages.models import SiteSettings
from tests.editor_helpers import site_settings_form_data, site_settings_url
from tests.reading import links, soup_of, text_of

PAGES = ["/", "/programs/", "/programs/intensive-outpatient/"]


def test_changing_the_number_changes_every_page_and_every_default_cta(client, demo):
    demo.settings.admissions_phone = "(561) 555-0142"
    demo.settings.full_clean()
    demo.settings.save()
    assert SiteSettings.objects.get().admissions_phone == "+15615550142"
    for url in PAGES:
        html = client.get(url).text
        crisis_lines = {"tel:911", "tel:988", "tel:+18006624357"}
        tel_links = {href for href, _ in links(html) if href.startswith("tel:")} - crisis_lines
        assert tel_links == {"tel:+15615550142"}, url
        assert "561-555-0142" in text_of(html)
        assert "800-270-4315" not in text_of(html)


def test_messages_come_from_settings(client, demo):
    demo.settings.header_cta_text = "Talk to us today"
    demo.settings.footer_heading = "Nobody is alone"
    demo.settings.save()
    text = text_of(client.get("/").text)
    assert "Talk to us today" in text
    assert "Nobody is alone" in text


def test_admin_refuses_an_invalid_phone_number_and_saves_nothing(admin_client, demo):
    url = site_settings_url(demo.site)
    form = admin_client.get(url)
    assert form.status_code == 200
    data = site_settings_form_data(demo.settings, admissions_phone="12345")
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Enter a valid phone number" in response.text
    assert SiteSettings.objects.get().admissions_phone == "+18002704315"

    data["admissions_phone"] = "561.555.0142"
    response = admin_client.post(url, data)
    assert response.status_code == 302
    assert SiteSettings.objects.get().admissions_phone == "+15615550142"


@pytest.mark.parametrize("value", ["", "abc", "555-0142", "+1 800 270 431", "+44 20"])
def test_phone_validator_refuses(value):
    from django.core.exceptions import ValidationError

    from pages.phone import validate_phone

    with pytest.raises(ValidationError):
        validate_phone(value)


def test_the_admissions_number_shows_back_as_typed_not_in_its_stored_form(admin_client, demo):
    url = site_settings_url(demo.site)
    data = site_settings_form_data(demo.settings, admissions_phone="888-432-7654")
    assert admin_client.post(url, data).status_code == 302
    assert SiteSettings.objects.get().admissions_phone == "+18884327654"  # stored as E.164
    [field] = soup_of(admin_client.get(url)).select('input[name="admissions_phone"]')
    assert (field["value"], field["type"], field["autocomplete"]) == ("888-432-7654", "tel", "tel")


def test_a_call_to_action_phone_field_is_a_telephone_field():
    field = CallToActionBlock().child_blocks["phone"].field
    html = field.widget.render("phone", "(888) 432-7654")
    [element] = soup_of(html).select("input")
    assert (element["type"], element["value"]) == ("tel", "888-432-7654")

"""Program facts: the facts box under the title, the program cards, the JSON-LD, the editor's
Facts tab, and the migration that gives existing program pages their level of care."""

import importlib

from django.urls import reverse

from programs.models import ProgramPage
from tests.editor_helpers import field_error, program_form_data
from tests.reading import json_ld, nodes_of_type, soup_of, text_of

IOP_URL = "/programs/intensive-outpatient/"


def facts_in(element):
    return {
        text_of(item.select_one("dt")): text_of(item.select_one("dd"))
        for item in element.select(".facts__item")
    }


def test_the_facts_box_sits_under_the_title(client, demo):
    soup = soup_of(client.get(IOP_URL).text)
    header = soup.select_one("article.program header")
    assert facts_in(header.select_one("dl.facts")) == {
        "Level of care": "Intensive outpatient (ASAM level 2.1)",
        "Who it is for": (
            "People with a substance use disorder who need structured treatment while living "
            "at home."
        ),
        "Schedule": "Several days a week",
        "Setting": "In person",
        "Where it is offered": "Transformations (demo location)",
    }
    # Under the title: after the h1, before the introduction.
    assert header.select_one("h1").find_next("dl") is header.select_one("dl.facts")
    assert header.select_one("dl.facts").find_next("p", class_="lead") is not None


def test_empty_facts_are_left_out(client, demo):
    demo.iop.who_it_is_for = ""
    demo.iop.schedule = ""
    demo.iop.setting = ""
    demo.iop.typical_length = ""
    demo.iop.locations.clear()
    demo.iop.save_revision().publish()
    facts = facts_in(soup_of(client.get(IOP_URL).text))
    assert facts == {"Level of care": "Intensive outpatient (ASAM level 2.1)"}


def test_aftercare_has_no_asam_level(client, demo):
    demo.iop.level_of_care = "aftercare"
    demo.iop.typical_length = "As long as you like"
    demo.iop.save_revision().publish()
    facts = facts_in(soup_of(client.get(IOP_URL).text))
    assert facts["Level of care"] == "Aftercare and alumni"
    assert facts["Typical length"] == "As long as you like"


def test_program_cards_show_the_facts(client, demo):
    card = soup_of(client.get("/programs/").text).select_one(".card-list .card")
    assert "Intensive Outpatient" in text_of(card.select_one(".card__title"))
    facts = facts_in(card)
    assert facts["Level of care"] == "Intensive outpatient (ASAM level 2.1)"
    assert facts["Schedule"] == "Several days a week"


def test_json_ld_describes_the_program_as_a_therapy_the_clinic_offers(client, demo):
    html = client.get(IOP_URL).text
    (therapy,) = nodes_of_type(html, "MedicalTherapy")
    assert therapy["name"] == "Intensive Outpatient"
    assert therapy["alternateName"] == "Intensive outpatient (ASAM level 2.1)"
    assert therapy["description"].startswith("People with a substance use disorder")
    assert therapy["howPerformed"] == "Several days a week; in person."
    assert therapy["url"].endswith(IOP_URL)
    (page,) = nodes_of_type(html, "MedicalWebPage")
    assert page["about"] == {"@id": therapy["@id"]}
    (clinic,) = nodes_of_type(html, "MedicalClinic")
    offers = [
        node
        for node in json_ld(html)
        if node.get("@id") == clinic["@id"] and "availableService" in node
    ]
    assert offers == [{"@id": clinic["@id"], "availableService": {"@id": therapy["@id"]}}]


def add_url(demo):
    return reverse("wagtailadmin_pages:add", args=["programs", "programpage", demo.programs.pk])


def test_the_editor_has_a_facts_tab(admin_client, demo):
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[demo.iop.pk]))
    soup = soup_of(response.content.decode())
    tabs = [text_of(tab).split(" (")[0] for tab in soup.select('[role="tab"]')]
    assert tabs[:2] == ["Content", "Facts"]
    chosen = soup.select_one('select[name="level_of_care"] option[selected]')
    assert chosen["value"] == "intensive_outpatient"


def test_a_program_page_is_not_published_without_a_level_of_care(admin_client, demo):
    # (Wagtail lets a draft leave required fields empty; publishing checks them.)
    data = program_form_data(level_of_care="", **{"action-publish": "1"})
    response = admin_client.post(add_url(demo), data)
    assert response.status_code == 200
    assert "This field is required" in field_error(response, "level_of_care")
    assert not ProgramPage.objects.filter(slug="partial-hospitalization").exists()


def test_facts_saved_through_the_editor(admin_client, demo):
    data = program_form_data(
        schedule="5 hours a day, 5 days a week",
        typical_length="2 to 4 weeks",
        setting="in_person",
        **{"action-publish": "1"},
    )
    response = admin_client.post(add_url(demo), data)
    assert response.status_code == 302
    html = admin_client.get("/programs/partial-hospitalization/").text
    facts = facts_in(soup_of(html))
    assert facts["Level of care"] == "Partial hospitalization (ASAM level 2.5)"
    assert facts["Schedule"] == "5 hours a day, 5 days a week"
    assert facts["Typical length"] == "2 to 4 weeks"


def test_the_migration_names_levels_from_titles_and_guesses_nothing():
    migration = importlib.import_module("programs.migrations.0003_program_facts")
    level = migration.level_from_title
    assert level("Intensive Outpatient") == "intensive_outpatient"
    assert level("Virtual Intensive Outpatient (IOP)") == "virtual_intensive_outpatient"
    assert level("Outpatient Program") == "outpatient"
    assert level("Partial Hospitalization (PHP)") == "partial_hospitalization"
    assert level("Medical Detox") == "medical_detox"
    assert level("Alumni Program") == "aftercare"
    assert level("Family Program") == ""

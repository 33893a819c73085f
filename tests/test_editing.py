"""Editing comfort: tabs, FAQ, block previews, scheduling, redirects, accessibility checker."""

import datetime
import json

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Revision
from wagtail.test.utils.form_data import rich_text

from demo.loader import load_demo
from pages.blocks import FAQBlock
from programs.models import ProgramPage
from tests.editor_helpers import program_form_data
from tests.reading import nodes_of_type, soup_of, text_of, texts_of

FAQ_VALUE = {
    "heading": "Questions about IOP",
    "items": [
        {
            "question": "Can I keep working?",
            "answer": "<p>Yes. Most people keep working &amp; studying.</p><ul><li>Day</li>"
            "<li>Evening</li></ul>",
        },
        {"question": "Is it <really> confidential?", "answer": "<p>Yes, always.</p>"},
    ],
}


def test_program_page_editor_has_the_five_tabs_with_plain_help(admin_client, demo):
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[demo.iop.pk]))
    tabs = [tab.split(" (")[0] for tab in texts_of(response, '[role="tab"]')]
    assert tabs == ["Content", "Facts", "Clinical review", "Promote", "Settings"]
    text = text_of(response)
    assert "A clinician checks every program page before it is published" in text
    assert "The last part of the page’s web address" in text


def test_faq_block_renders_a_disclosure_list_and_faqpage_json_ld():
    block = FAQBlock()
    html = block.render(block.to_python(FAQ_VALUE))
    soup = soup_of(html)
    assert soup.h2.get_text() == "Questions about IOP"
    details = soup.select("details.faq__item")
    assert [d.summary.get_text() for d in details] == [
        "Can I keep working?",
        "Is it <really> confidential?",
    ]
    assert details[0].find("li").get_text() == "Day"
    script = soup.find("script", type="application/ld+json")
    assert "<really>" not in script.string  # no markup can end the script element early
    data = json.loads(script.string)
    assert data["@type"] == "FAQPage"
    assert data["mainEntity"][0] == {
        "@type": "Question",
        "name": "Can I keep working?",
        "acceptedAnswer": {
            "@type": "Answer",
            "text": "Yes. Most people keep working & studying. Day Evening",
        },
    }
    assert data["mainEntity"][1]["name"] == "Is it <really> confidential?"


def test_faq_on_a_program_page_through_the_admin(admin_client, demo):
    data = program_form_data(
        body={
            "count": "1",
            "0": {
                "type": "faq",
                "deleted": "",
                "order": "0",
                "value": {
                    "heading": "Frequently asked questions",
                    "items": {
                        "count": "1",
                        "0": {
                            "deleted": "",
                            "order": "0",
                            "value": {
                                "question": "How long does an IOP last?",
                                "answer": rich_text("<p>Usually eight to twelve weeks.</p>"),
                            },
                        },
                    },
                },
            },
        },
        **{"action-publish": "1"},
    )
    from wagtail.test.utils.form_data import nested_form_data

    response = admin_client.post(
        reverse("wagtailadmin_pages:add", args=["programs", "programpage", demo.programs.pk]),
        nested_form_data(data),
    )
    assert response.status_code == 302
    page = ProgramPage.objects.get(slug="partial-hospitalization")
    assert page.live
    html = admin_client.get(page.url).text
    assert '<summary class="faq__question">How long does an IOP last?</summary>' in html
    [faq] = nodes_of_type(html, "FAQPage")
    assert [q["name"] for q in faq["mainEntity"]] == ["How long does an IOP last?"]


def test_block_previews_use_the_site_stylesheet(admin_client):
    body = ProgramPage._meta.get_field("body").stream_block
    faq = body.child_blocks["faq"]
    response = admin_client.get(
        reverse("wagtailadmin_block_preview"), {"id": faq.definition_prefix}
    )
    assert response.status_code == 200
    assert '<link rel="stylesheet" href="/static/css/site.css">' in response.text
    assert "Can I keep working during an intensive outpatient program?" in response.text
    cta = body.child_blocks["call_to_action"]
    response = admin_client.get(
        reverse("wagtailadmin_block_preview"), {"id": cta.definition_prefix}
    )
    assert 'href="tel:+18002704315"' in response.text  # the site's admissions number


def test_scheduled_page_goes_live_when_publish_scheduled_runs(admin_client, demo):
    go_live = timezone.now() + datetime.timedelta(hours=2)
    data = program_form_data(
        go_live_at=timezone.localtime(go_live).strftime("%Y-%m-%d %H:%M"),
        **{"action-publish": "1"},
    )
    response = admin_client.post(
        reverse("wagtailadmin_pages:add", args=["programs", "programpage", demo.programs.pk]),
        data,
    )
    assert response.status_code == 302
    page = ProgramPage.objects.get(slug="partial-hospitalization")
    revision = Revision.page_revisions.get(object_id=str(page.pk))
    assert revision.approved_go_live_at is not None
    assert not page.live

    call_command("publish_scheduled")  # too early: nothing happens
    page.refresh_from_db()
    assert not page.live
    assert admin_client.get("/programs/partial-hospitalization/").status_code == 404

    # Time passes: the go-live moment is now behind us.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live
    response = admin_client.get("/programs/partial-hospitalization/")
    assert response.status_code == 200
    assert "Structured care during the day, home at night." in response.text


def test_old_wordpress_address_redirects_to_the_iop_page(client, demo):
    response = client.get("/intensive-outpatient/")
    assert response.status_code == 301
    assert response["Location"] == "/programs/intensive-outpatient/"
    assert client.get(response["Location"]).status_code == 200


def test_demo_redirect_is_created_once(demo):
    load_demo()
    load_demo()
    assert Redirect.objects.filter(old_path="/intensive-outpatient").count() == 1


def test_accessibility_checker_runs_for_editors_on_the_main_content(client, demo, editor):
    client.force_login(editor)
    html = client.get(demo.iop.url).text
    config = soup_of(html).find("script", id="checker-axe-configuration")
    assert config is not None
    data = json.loads(config.string)
    assert data["context"]["include"] == ["main"]
    assert "image-alt" in data["options"]["runOnly"]
    assert "heading-order" in data["options"]["runOnly"]


def test_visitors_get_no_checker(client, demo):
    assert "axe" not in client.get(demo.iop.url).text

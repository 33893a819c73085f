"""An editor and a clinician through the real admin, in Chromium at 1366x900 (issue 15's walk).

The editor builds a "Partial Hospitalization" program page (three benefit sections, a picture, a
call to action, two sources cited with the Cite button), previews it and submits it for clinical
review; the clinician finds it first on their dashboard and approves it with the editor's main
button; the page is live with the byline; an administrator changes the admissions number. Then
the bad inputs a new editor types, each refused next to the field that fixes it, nothing lost.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from programs.models import ProgramPage
from reviews.models import Reviewer
from reviews.roles import CLINICAL_REVIEWERS, EDITORS
from tests.editor_helpers import sign_in

PASSWORD = "correct-horse-battery-staple-42"
VIEWPORT = {"width": 1366, "height": 900}
SOURCES = [
    (
        "Substance Abuse and Mental Health Services Administration",
        "Clinical Guidance for Treating Pregnant and Parenting Women With Opioid Use Disorder "
        "and Their Infants",
        "https://store.samhsa.gov/product/clinical-guidance",
    ),
    (
        "National Institute on Drug Abuse",
        "Principles of Drug Addiction Treatment: A Research-Based Guide (Third Edition)",
        "https://nida.nih.gov/principles",
    ),
]
SECTIONS = [
    ("Structure every weekday", "Treatment runs during the day, five days a week."),
    ("Evenings at home", "Clients sleep at home and practise new skills with family."),
    ("A step down from inpatient care", "It often follows a hospital or residential stay."),
]


@pytest.fixture
def staff(site):
    User = get_user_model()
    editor = User.objects.create_user("editor", "editor@example.org", PASSWORD)
    editor.groups.add(Group.objects.get(name=EDITORS))
    clinician = User.objects.create_user("clinician", "clinician@example.org", PASSWORD)
    clinician.groups.add(Group.objects.get(name=CLINICAL_REVIEWERS))
    Reviewer.objects.create(
        name="Dana Whitfield",
        credentials="MD",
        role="Medical Director",
        bio="Board-certified in addiction medicine.",
        user=clinician,
    )
    User.objects.create_superuser("admin", "admin@example.org", PASSWORD)
    return site


def signed_in(browser, base_url, username):
    context = browser.new_context(base_url=base_url, viewport=VIEWPORT)
    return sign_in(context.new_page(), base_url, username, PASSWORD)


def add_block(page, name):
    """Press the last "Insert a block" (+) of the body and choose a block type."""
    blocks = page.locator("[data-streamfield-child]")
    position = blocks.count()
    page.locator("[data-streamfield-stream-container] .c-sf-add-button").last.click()
    page.get_by_role("option", name=name, exact=True).click()
    block = blocks.nth(position)  # fixed: later blocks must not change what this points at
    block.wait_for()
    return block


def type_into_rich_text(block, text):
    editor = block.locator(".public-DraftEditor-content").first
    editor.click()
    editor.type(text)
    return editor


def add_citation(page, source, title, url):
    page.get_by_role("button", name="Add Citation").click()
    child = page.locator("[data-inline-panel-child]:visible").last
    child.locator("input[name$='-source']").fill(source)
    child.locator("input[name$='-title']").fill(title)
    child.locator("input[name$='-url']").fill(url)
    return child


def cite(page, editor, words, source_number):
    """Select the last `words` characters of `editor` and cite a source with the Cite button."""
    editor.click()
    page.keyboard.press("End")
    for _ in range(words):
        page.keyboard.press("Shift+ArrowLeft")
    page.locator("button[name=CITATION]:visible").first.click()
    dialog = page.locator("dialog.citation-picker")
    options = dialog.locator(".citation-picker__option")
    options.nth(source_number - 1).click()
    dialog.get_by_role("button", name="Insert citation").click()
    dialog.wait_for(state="detached")


def test_an_editor_builds_cites_and_submits_a_clinician_approves_it_goes_live(staff, browser):
    base = staff
    programs_index = ProgramPage.objects.first().get_parent()

    # The editor builds the page.
    page = signed_in(browser, base, "editor")
    page.goto(f"/admin/pages/add/programs/programpage/{programs_index.pk}/")
    page.fill("#id_title", "Partial Hospitalization")
    page.fill("#id_intro", "Day treatment five days a week, evenings and nights at home.")
    # The level of care, in the Facts tab: required before the page can go to review.
    page.get_by_role("tab", name="Facts").click()
    page.select_option("#id_level_of_care", "partial_hospitalization")
    page.get_by_role("tab", name="Content").click()
    for source, title, url in SOURCES:
        add_citation(page, source, title, url)
    editors = []
    for position, (heading, text) in enumerate(SECTIONS):
        block = add_block(page, "Benefit section")
        block.locator("input[name$='-heading']").fill(heading)
        editors.append(type_into_rich_text(block, text))
        if position == 1:
            block.get_by_role("button", name="Choose an image").click()
            page.get_by_role("link", name=re.compile("Evening hills")).click()
            alt_text = block.locator("input[name$='-alt_text']")
            assert alt_text.input_value() == ""  # the title is not a description
            alt_text.fill("Green hills at dusk under a warm sky")
    add_block(page, "Call to action")
    cite(page, editors[0], len("five days a week."), 2)
    cite(page, editors[2], len("residential stay."), 1)
    # The editor sees each marker as the page will number it (first appearance: NIDA is [1]).
    markers = page.locator(".citation-marker[data-number]")
    assert [markers.nth(i).get_attribute("data-number") for i in range(2)] == ["1", "2"]
    notes = page.locator(".citation-page-number").all_text_contents()
    assert notes == [" — shown as [2] on the page", " — shown as [1] on the page"]

    # Preview: the page as visitors will see it, references numbered. (Leaving the text editor
    # stores its content in the form, as an editor moving on to another field does.)
    page.locator("#id_intro").click()
    # The body's form fields hold both markers before the preview is asked for (under load the
    # text editor may store its content a moment after the field is left).
    page.wait_for_function(
        "() => [...document.querySelectorAll('input[name^=\"body-\"]')]"
        ".map((input) => input.value).join(' ').match(/CITATION/g)?.length >= 2"
    )
    page.click('[data-side-panel-toggle="preview"]')
    preview = page.frame_locator("#w-preview-iframe")
    heading = preview.get_by_role("heading", name="Partial Hospitalization", level=1)
    heading.wait_for(timeout=15000)
    assert preview.locator("li#cite-1").inner_text().startswith("National Institute on Drug Abuse")
    assert preview.locator("li#cite-2").inner_text().startswith("Substance Abuse and Mental")
    page.click('[data-side-panel-toggle="preview"]')

    # Submit to Clinical review (the editor cannot publish).
    page.locator(
        "footer [data-w-dropdown-target='toggle'], footer .w-dropdown__toggle"
    ).first.click()
    page.get_by_role("button", name="Submit to Clinical review").click()
    page.get_by_text(re.compile("submitted for moderation")).first.wait_for()
    draft = ProgramPage.objects.get(slug="partial-hospitalization")
    assert not draft.live
    page.context.close()

    # The clinician: their queue first, the page's Review button, Approve and publish.
    page = signed_in(browser, base, "clinician")
    headings = page.locator("main h2").all_inner_texts()
    panels = [
        h.strip()
        for h in headings
        if h.strip() in ("Awaiting your review", "Due for clinical review")
    ]
    assert panels[0] == "Awaiting your review"
    queue = page.locator("section", has=page.get_by_role("heading", name="Awaiting your review"))
    queue.get_by_role("link", name=re.compile("^Review")).click()
    main_button = page.locator("footer button").first
    assert main_button.inner_text().strip() == "Approve and publish"
    main_button.click()
    today = timezone.localdate()
    page.get_by_text(
        "Approved and published: ‘Partial Hospitalization’ is live, clinically reviewed by "
        f"Dana Whitfield, MD on {today:%B} {today.day}, {today.year}."
    ).wait_for()
    page.context.close()

    # Live, with the byline and the numbered citations.
    visitor = browser.new_page(base_url=base, viewport=VIEWPORT)
    visitor.goto("/programs/partial-hospitalization/")
    byline = visitor.locator(".review-byline").inner_text()
    assert byline.startswith("Clinically reviewed by Dana Whitfield, MD — last reviewed")
    assert visitor.locator("sup.citation-marker a").all_inner_texts() == ["1", "2"]
    assert visitor.locator(".benefit h2").all_inner_texts() == [h for h, _ in SECTIONS]
    assert visitor.locator("img[alt='Green hills at dusk under a warm sky']").count() == 1
    visitor.close()

    # An administrator changes the admissions number: shown back as typed, used on the page.
    page = signed_in(browser, base, "admin")
    page.goto("/admin/settings/pages/sitesettings/")
    page.fill("input[name=admissions_phone]", "888-432-7654")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("updated").first.wait_for()
    assert page.locator("input[name=admissions_phone]").input_value() == "888-432-7654"
    page.goto("/programs/partial-hospitalization/")
    assert page.locator("a[href='tel:+18884327654']").count() >= 2
    page.context.close()


def test_bad_input_is_refused_next_to_the_field_and_nothing_is_lost(staff, browser):
    base = staff
    programs_index = ProgramPage.objects.first().get_parent()
    page = signed_in(browser, base, "editor")
    page.goto(f"/admin/pages/add/programs/programpage/{programs_index.pk}/")

    # A call to action with a number typed but "Show a phone number" unticked.
    cta = add_block(page, "Call to action")
    cta.locator("input[name$='-show_phone']").uncheck()
    cta.locator("input[name$='-phone']").fill("888-432-7654")
    # A javascript: address for a source.
    citation = add_citation(page, "A source", "A title", "javascript:alert(1)")

    # A pasted 5,000-character title: not cut, and the editor is told by how much it is over.
    # (insert_text is input as a paste is: a browser cuts it to the field's maxlength.)
    page.locator("#id_title").click()
    page.keyboard.insert_text("A" * 5000)
    title = page.locator("#id_title")
    assert len(title.input_value()) == 5000
    counter = page.locator("#id_title + .length-limit")
    assert "more than the 255 allowed" in counter.inner_text()

    page.get_by_role("button", name="Save draft").click()
    page.get_by_text(
        re.compile("could not be (saved|created) due to validation errors")
    ).first.wait_for()
    assert not ProgramPage.objects.filter(title__startswith="AAAA").exists()

    title_field = page.locator("[data-field-wrapper]", has=page.locator("#id_title"))
    assert "Ensure this value has at most 255 characters" in title_field.inner_text()
    assert len(page.locator("#id_title").input_value()) == 5000  # kept, to be shortened
    show_phone = cta.locator("[data-field-wrapper]", has=page.locator("input[name$='-show_phone']"))
    assert "Tick ‘Show a phone number’ to show the number you typed" in show_phone.inner_text()
    assert cta.locator("input[name$='-phone']").input_value() == "888-432-7654"
    url_field = page.locator(
        "[data-field-wrapper]", has=page.locator("input[name$='-url']:visible")
    )
    assert "Enter a web address starting with http:// or https://" in url_field.last.inner_text()
    assert "Enter a valid URL" not in url_field.last.inner_text()
    assert citation.locator("input[name$='-source']").input_value() == "A source"
    page.context.close()

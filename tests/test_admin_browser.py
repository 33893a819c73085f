"""The Wagtail admin works in a real browser under its Content-Security-Policy.

Chromium (Debian's /usr/bin/chromium) logs in, opens the program page in the editor, edits and
saves a draft, opens the live preview: no CSP violation, no request to another host, and the
draft is stored.
"""

import pytest
from django.contrib.auth import get_user_model

from demo.loader import load_demo
from programs.models import ProgramPage
from tests.editor_helpers import sign_in

PASSWORD = "correct-horse-battery-staple-42"

pytestmark = [
    # The live server reads committed data.
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def browser_page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.csp_violations = []
    page.console_errors = []
    page.requested = []
    page.expose_binding("reportViolation", lambda source, text: page.csp_violations.append(text))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "window.reportViolation(e.violatedDirective + ' ' + e.blockedURI + ' ' + "
        "e.sourceFile + ':' + e.lineNumber));"
    )
    page.on(
        "console",
        lambda message: message.type == "error" and page.console_errors.append(message.text),
    )
    page.on("request", lambda request: page.requested.append(request.url))
    yield page
    context.close()


def test_editor_logs_in_edits_and_saves_a_draft_under_the_admin_csp(live_server, browser_page):
    load_demo()
    get_user_model().objects.create_superuser("editor", "editor@example.org", PASSWORD)
    iop = ProgramPage.objects.get(slug="intensive-outpatient")
    page = browser_page

    sign_in(page, live_server.url, "editor", PASSWORD)

    page.goto(f"{live_server.url}/admin/pages/{iop.pk}/edit/")
    title = page.locator("#id_title")
    title.wait_for()
    # The StreamField is drawn by the admin's JavaScript: its blocks appear only if it ran.
    page.locator("[data-streamfield-stream-container]").first.wait_for()
    assert page.locator("[data-streamfield-child]").count() >= 3
    title.fill("Intensive Outpatient Program")
    page.get_by_role("button", name="Save draft").click()
    page.locator(".messages").get_by_text("has been updated").wait_for()
    page.wait_for_load_state("networkidle")

    # The live preview frames the page as visitors will see it (same origin, admin policy).
    page.click('[data-side-panel-toggle="preview"]')
    preview = page.frame_locator("#w-preview-iframe")
    preview.get_by_role("heading", name="Intensive Outpatient Program").wait_for()
    page.wait_for_load_state("networkidle")

    # A public page seen by a logged-in editor, under the strict public policy: Wagtail's userbar
    # (external script and stylesheet) still works.
    page.goto(f"{live_server.url}/programs/intensive-outpatient/")
    page.locator("wagtail-userbar").get_by_role("button", name="View Wagtail quick actions").click()
    page.locator("wagtail-userbar").get_by_role("menuitem", name="Edit this page").wait_for()

    iop.refresh_from_db()
    assert iop.draft_title == "Intensive Outpatient Program"
    assert iop.title == "Intensive Outpatient"  # a draft, not published
    assert page.csp_violations == []
    assert [e for e in page.console_errors if "Content Security Policy" in e] == []
    foreign = [
        url for url in page.requested if not url.startswith((live_server.url, "data:", "blob:"))
    ]
    assert foreign == []


DEMO_PAGES = ["/", "/programs/", "/programs/intensive-outpatient/", "/privacy/", "/accessibility/"]


def test_the_checks_find_nothing_on_the_demo_pages(live_server, browser_page):
    """Wagtail's accessibility checker (the userbar's Checks, as the editor's preview runs it)
    reports no issue an editor did not cause: our own templates raise none."""
    load_demo()
    get_user_model().objects.create_superuser("editor", "editor@example.org", PASSWORD)
    page = browser_page
    sign_in(page, live_server.url, "editor", PASSWORD)
    found = {}
    for path in [*DEMO_PAGES, "/contact/"]:
        page.goto(f"{live_server.url}{path}")
        count = page.locator("wagtail-userbar [data-content-checker-count]").first
        # The checker runs once the page has loaded and writes its count (0 included).
        page.wait_for_function(
            "() => document.querySelector('wagtail-userbar').shadowRoot"
            ".querySelector('[data-content-checker-count]').textContent !== ''"
        )
        issues = page.locator("wagtail-userbar [data-content-checker-name]").all_text_contents()
        found[path] = (count.text_content(), issues)
    assert found == {path: ("0", []) for path in [*DEMO_PAGES, "/contact/"]}

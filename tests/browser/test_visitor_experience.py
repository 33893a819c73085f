"""A person on a phone or a desktop, with or without JavaScript, using only the keyboard.

Each test walks the home page, the programs index and the Intensive Outpatient page.
Screenshots land in artifacts/screenshots/ (ignored by git) for people to look at.
"""

import json
from urllib.parse import urlsplit

import pytest

from tests.browser.visiting import ADMISSIONS_TEL, ARTIFACTS, VIEWPORTS, axe_violations, javascript

PAGES = {
    "home": "/",
    "programs": "/programs/",
    "iop": "/programs/intensive-outpatient/",
    "locations": "/locations/",
    "insurance": "/insurance/",
    "about": "/about/",
}


viewports = pytest.mark.parametrize("viewport", list(VIEWPORTS))

# The live server reads committed rows.
pytestmark = pytest.mark.django_db(transaction=True)


def box_in_viewport(page, locator):
    box = locator.bounding_box()
    size = page.viewport_size
    return (
        box is not None
        and box["y"] >= 0
        and box["y"] + box["height"] <= size["height"]
        and box["x"] >= 0
        and box["x"] + box["width"] <= size["width"]
    )


TWO_FRAMES_JS = "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def after_next_frame(page, js):
    """Wait until the browser has rendered a frame, as it has by the time a person looks.

    Scroll-driven styles (the call bar sliding in once the header has scrolled away) are only
    updated when a frame is produced; on a loaded machine the next Tab could otherwise come
    before the focus scroll was painted. Without JavaScript the page runs no callbacks, so a
    one-pixel screenshot makes the frame instead.
    """
    if js:
        page.evaluate(TWO_FRAMES_JS)
    else:
        page.screenshot(clip={"x": 0, "y": 0, "width": 1, "height": 1})


@viewports
@javascript
def test_call_button_is_visible_without_scrolling(visit, viewport, js):
    v = visit(viewport, js)
    for name, path in PAGES.items():
        page = v.goto(path)
        button = page.locator(".site-header a.button--call")
        assert button.is_visible(), name
        assert button.get_attribute("href") == ADMISSIONS_TEL, name
        assert box_in_viewport(page, button), f"{name}: the call button is below the fold"
        assert "800-270-4315" in button.inner_text()
        bar = page.locator(".call-bar a")
        if viewport == "phone":
            # Once the header scrolls away, the call bar is on screen wherever the reader is.
            assert bar.get_attribute("href") == ADMISSIONS_TEL
            for y in (600, 1500, 3000):
                page.evaluate(f"window.scrollTo(0, {y})")
                after_next_frame(page, js)
                assert bar.is_visible(), f"{name}: no call button at {y}px"
                visible_header = box_in_viewport(page, button)
                assert visible_header or box_in_viewport(page, bar), f"{name}: {y}px"
        else:
            assert not bar.is_visible(), f"{name}: the call bar is for narrow screens only"


@viewports
@javascript
def test_skip_link_moves_focus_to_main_content(visit, viewport, js):
    v = visit(viewport, js)
    for name, path in PAGES.items():
        page = v.goto(path)
        page.keyboard.press("Tab")
        skip = page.locator(".skip-link")
        assert page.evaluate("document.activeElement.className") == "skip-link", name
        assert box_in_viewport(page, skip), f"{name}: the focused skip link is not visible"
        page.keyboard.press("Enter")
        page.wait_for_function("document.activeElement && document.activeElement.id === 'main'")
        # The next Tab continues from the main content, not from the header.
        page.keyboard.press("Tab")
        inside_main = page.evaluate(
            "document.querySelector('main').contains(document.activeElement)"
        )
        assert inside_main, f"{name}: Tab after the skip link left the main content"


# What Tab should reach: every control on screen, "Menu" (a <summary>) included; not the links
# of a closed "Menu" (their box exists, but the browser skips them: checkVisibility()).
FOCUSABLE_JS = """() => [...document.querySelectorAll(
    'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select, textarea,'
    + ' details > summary:first-of-type, [tabindex]:not([tabindex="-1"])'
  )].filter(el => el.getClientRects().length && el.checkVisibility())
   // A radio group is one Tab stop (arrow keys move within it): expect its first radio only.
   .filter((el, _, all) => el.type !== 'radio'
     || all.find(other => other.type === 'radio' && other.name === el.name) === el)
   .map((el, i) => { el.dataset.focusId = String(i); return String(i); })"""

FOCUS_STATE_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const bar = document.querySelector('.call-bar');
  const shown = bar && getComputedStyle(bar).display !== 'none';
  const barBox = shown ? bar.getBoundingClientRect() : null;
  const hiddenByBar = !!barBox && !bar.contains(el) && box.top >= barBox.top
    && box.bottom <= barBox.bottom;
  return {
    id: el.dataset.focusId || null,
    html: el.outerHTML.slice(0, 90),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    onScreen: box.bottom > 0 && box.top < innerHeight && box.width > 0,
    hiddenByBar,
  };
}"""


@viewports
@javascript
def test_keyboard_reaches_every_control_with_visible_focus(visit, viewport, js):
    v = visit(viewport, js)
    for name, path in PAGES.items():
        page = v.goto(path)
        expected = page.evaluate(FOCUSABLE_JS)
        assert len(expected) > 10, name
        reached = []
        for _ in range(len(expected) + 5):
            page.keyboard.press("Tab")
            after_next_frame(page, js)
            state = page.evaluate(FOCUS_STATE_JS)
            if state is None or state["id"] is None or state["id"] in reached:
                break
            reached.append(state["id"])
            assert state["outline"], f"{name}: no visible focus on {state['html']}"
            assert state["onScreen"], f"{name}: focused element off screen: {state['html']}"
            assert not state["hiddenByBar"], f"{name}: call bar hides focus: {state['html']}"
        missing = sorted(set(expected) - set(reached), key=int)
        assert not missing, f"{name}: not reachable by Tab: {missing}"
        assert reached == sorted(reached, key=int), f"{name}: focus order is not the page order"


@viewports
@javascript
def test_citation_leads_to_its_reference_and_back(visit, viewport, js):
    v = visit(viewport, js)
    page = v.goto(PAGES["iop"])
    marker = page.locator("#cite-ref-2")
    assert marker.get_attribute("href") == "#cite-2"
    marker.click()
    page.wait_for_url("**#cite-2")
    reference = page.locator("li#cite-2")
    assert "Psychiatric Services" in reference.inner_text()
    assert box_in_viewport(page, reference), "reference 2 is not on screen after following it"
    back = reference.locator('a[href="#cite-ref-2"]')
    back.click()  # fails if anything (the call bar) covers it
    page.wait_for_url("**#cite-ref-2")
    assert box_in_viewport(page, marker), "the back link did not return to citation 2"
    # With room above it: the cited line is not hidden under the top edge of the screen.
    assert marker.bounding_box()["y"] >= 48, "citation 2 landed under the top edge"


@viewports
def test_pages_stay_on_our_origin_log_no_errors_and_are_photographed(visit, site, viewport):
    v = visit(viewport)
    origin = urlsplit(site)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name, path in PAGES.items():
        page = v.goto(path)
        # Scroll through the page so lazy images load too.
        height = page.evaluate("document.documentElement.scrollHeight")
        for _y in range(0, height, 600):
            page.mouse.wheel(0, 600)
        page.wait_for_load_state("networkidle")
        page.evaluate("window.scrollTo(0, 0)")
        page.wait_for_timeout(100)
        # What a person sees first, and the whole page (in a full-page capture the sticky call
        # bar is drawn where the first screen ends).
        page.screenshot(path=ARTIFACTS / f"{name}-{viewport}.png")
        page.screenshot(path=ARTIFACTS / f"{name}-{viewport}-full.png", full_page=True)
    foreign = [
        url for url in v.requests if urlsplit(url)[:2] != origin[:2] and not url.startswith("data:")
    ]
    assert not foreign, f"requests to other origins: {foreign}"
    assert not v.errors, f"console errors: {v.errors}"
    images = [url for url in v.requests if "/media/images/" in url]
    assert images, "the lazy images never loaded"
    assert all(url.endswith((".avif", ".webp")) for url in images), images


@viewports
def test_axe_finds_no_wcag_violations(visit, axe_source, viewport):
    v = visit(viewport, bypass_csp=True)
    report = {}
    for name, path in [*PAGES.items(), ("not-found", "/no-such-page/")]:
        page = v.goto(path, status=404 if name == "not-found" else 200)
        violations = axe_violations(page, axe_source, name)
        if violations:
            report[name] = violations
    assert not report, json.dumps(report, indent=1)


def test_the_call_bar_settles_after_the_footer(visit):
    v = visit("phone")
    page = v.goto(PAGES["iop"])
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    after_next_frame(page, js=True)
    footer = page.locator(".site-footer").bounding_box()
    bar = page.locator(".call-bar").bounding_box()
    assert bar["y"] >= footer["y"] + footer["height"] - 1, (footer, bar)


def test_print_shows_reference_urls_and_hides_the_chrome(visit):
    v = visit("desktop")
    page = v.goto(PAGES["iop"])
    page.emulate_media(media="print")
    for selector in [".crisis-strip", ".primary-nav", ".call-bar", ".references__back"]:
        assert not page.locator(selector).first.is_visible(), selector
    urls = page.locator(".references__url").all_inner_texts()
    assert urls[1] == "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC4152944/"
    assert page.locator("#cite-2").is_visible()
    bracket = page.evaluate(
        "getComputedStyle(document.querySelector('#cite-ref-2'), '::before').content"
    )
    assert bracket == '"["'


@javascript
def test_quick_exit_leaves_and_drops_this_site_from_history(visit, site, js):
    from pages.models import SiteSettings

    settings_row = SiteSettings.objects.get()
    settings_row.quick_exit_enabled = True
    settings_row.quick_exit_url = "https://neutral.example/"
    settings_row.save()
    v = visit("phone", js)
    # The neutral site is answered here: the test never reaches the internet.
    v.page.route(
        "https://neutral.example/**",
        lambda route: route.fulfill(
            status=200, content_type="text/html", body="<title>Neutral</title>"
        ),
    )
    v.goto(PAGES["home"])
    v.goto(PAGES["programs"])
    exit_link = v.page.locator("a[data-quick-exit]")
    assert exit_link.get_attribute("rel") == "noreferrer"
    assert box_in_viewport(v.page, exit_link)
    exit_link.click()
    v.page.wait_for_url("https://neutral.example/")
    v.page.go_back()
    # With JavaScript the programs page was replaced in history; without, it is a plain link.
    expected = PAGES["home"] if js else PAGES["programs"]
    assert urlsplit(v.page.url).path == expected

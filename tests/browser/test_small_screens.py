"""The first screen of a small phone (320 x 640): the crisis lines, the call button and the page's
own heading are all on it, with or without JavaScript, and nothing is wider than the screen.

The navigation folds behind "Menu" there (a <details>: it opens without JavaScript, from the
keyboard too); on a laptop it is one row of links as before. Screenshots of the first screen at
320 x 640, 375 x 667 and 1280 x 800 land in artifacts/screenshots/ for people to look at.
"""

import json

import pytest

from tests.browser.visiting import ADMISSIONS_TEL, ARTIFACTS, SCREENS, axe_violations, javascript

PAGES = {
    "home": "/",
    "programs": "/programs/",
    "iop": "/programs/intensive-outpatient/",
    "locations": "/locations/",
    "insurance": "/insurance/",
}
# The pages whose first screen is measured: the front door, a program, the locations.
FIRST_SCREEN_PAGES = ["home", "programs", "iop", "locations"]
CRISIS_HREFS = {"tel:911", "tel:988", "sms:988", "tel:+18006624357"}
# Of a 640 px tall screen, at least this much shows the page itself, from its heading down.
MIN_CONTENT_PX = 200
TARGET_PX = 24  # WCAG 2.2, 2.5.8 Target Size (Minimum)


pytestmark = pytest.mark.django_db(transaction=True)

FIRST_SCREEN_JS = """() => {
  const box = el => el.getBoundingClientRect();
  const bar = document.querySelector('.call-bar');
  // The call bar covers the bottom of the screen only where it is shown.
  const barShown = !!bar && bar.checkVisibility({visibilityProperty: true});
  const links = [...document.querySelectorAll('.crisis-strip a')];
  return {
    heading: box(document.querySelector('main h1')).top,
    bottom: barShown ? Math.min(innerHeight, box(bar).top) : innerHeight,
    scrollWidth: document.documentElement.scrollWidth,
    crisis: links.map(a => ({href: a.getAttribute('href'), ...box(a).toJSON()})),
  };
}"""


def within_screen(box, size):
    return (
        box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= size["width"]
        and box["y"] + box["height"] <= size["height"]
    )


def nav_state(page):
    """Whether "Menu" and each navigation link is rendered for a person to see."""
    return page.evaluate(
        """() => ({
          menu: document.querySelector('.primary-nav summary').checkVisibility(),
          links: [...document.querySelectorAll('.primary-nav li a')].map(a => ({
            text: a.textContent, shown: a.checkVisibility(), y: a.getBoundingClientRect().top,
          })),
        })"""
    )


@javascript
def test_first_screen_at_320_shows_crisis_lines_call_button_and_heading(visit, js):
    v = visit("320x640", js)
    size = SCREENS["320x640"]["viewport"]
    for name in FIRST_SCREEN_PAGES:
        page = v.goto(PAGES[name])
        first = page.evaluate(FIRST_SCREEN_JS)
        content = first["bottom"] - first["heading"]
        assert content >= MIN_CONTENT_PX, (
            f"{name}: the heading starts at {first['heading']:.0f}px; only {content:.0f}px of "
            f"the first screen shows the page"
        )
        assert first["scrollWidth"] <= size["width"], f"{name}: wider than the screen"

        button = page.locator(".site-header a.button--call")
        assert button.get_attribute("href") == ADMISSIONS_TEL
        assert within_screen(button.bounding_box(), size), f"{name}: call button off screen"

        links = first["crisis"]
        assert {link["href"] for link in links} >= CRISIS_HREFS, (name, links)
        for link in links:
            assert within_screen(link, size), f"{name}: {link['href']} is off screen: {link}"
            assert link["width"] >= TARGET_PX and link["height"] >= TARGET_PX - 0.01, (
                f"{name}: {link['href']} is smaller than {TARGET_PX}px: {link}"
            )


@javascript
def test_menu_opens_from_the_keyboard_on_a_small_screen(visit, js):
    v = visit("320x640", js)
    page = v.goto(PAGES["iop"])
    state = nav_state(page)
    assert state["menu"], "no Menu on a small screen"
    assert not any(link["shown"] for link in state["links"]), state
    # Tab from the top of the page to "Menu", then open it with Enter.
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "SUMMARY":
            break
    else:
        pytest.fail("Tab never reached Menu")
    menu = page.locator(".primary-nav summary")
    assert menu.inner_text().strip() == "Menu"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    state = nav_state(page)
    assert all(link["shown"] for link in state["links"]), state
    assert [link["text"] for link in state["links"]][:2] == ["Home", "Programs"]
    # The open menu lists its links one under the other, and they are the next Tab stops.
    ys = [link["y"] for link in state["links"]]
    assert ys == sorted(ys) and len(set(ys)) == len(ys), ys
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Home"
    box = page.evaluate("document.activeElement.getBoundingClientRect().toJSON()")
    assert box["height"] >= 44 and within_screen(box, SCREENS["320x640"]["viewport"])
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    # Enter on "Menu" again folds it.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    assert not any(link["shown"] for link in nav_state(page)["links"])


@javascript
def test_a_laptop_shows_the_navigation_as_one_row_without_menu(visit, js):
    v = visit("1280x800", js)
    for name in FIRST_SCREEN_PAGES:
        page = v.goto(PAGES[name])
        state = nav_state(page)
        assert not state["menu"], f"{name}: Menu shown on a wide screen"
        assert all(link["shown"] for link in state["links"]), (name, state)
        assert len({round(link["y"]) for link in state["links"]}) == 1, (name, state)
        first = page.evaluate(FIRST_SCREEN_JS)
        # As before this change: the heading well up in the first screen.
        assert first["heading"] < 320, (name, first["heading"])


def test_text_at_twice_the_size_still_fits_a_small_screen(visit):
    """Resize Text (1.4.4) on a small phone: with the browser's text size doubled (its default
    font size setting, which rem sizes and rem breakpoints follow), nothing needs scrolling
    sideways; a name or a number too wide for the screen breaks instead."""
    v = visit("320x640")
    cdp = v.context.new_cdp_session(v.page)
    cdp.send("Page.enable")
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
    for name, path in PAGES.items():
        page = v.goto(path)
        assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "32px"
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{name}: {width}px wide with text at 200%"
        button = page.locator(".site-header a.button--call")
        assert button.bounding_box()["width"] <= 320


def test_axe_finds_no_wcag_violations_on_a_small_screen_with_the_menu_open(visit, axe_source):
    v = visit("320x640", bypass_csp=True)
    report = {}
    for name in FIRST_SCREEN_PAGES:
        page = v.goto(PAGES[name])
        page.locator(".primary-nav summary").click()
        violations = axe_violations(page, axe_source, name)
        if violations:
            report[name] = violations
    assert not report, json.dumps(report, indent=1)


@pytest.mark.parametrize("size", list(SCREENS))
def test_first_screens_are_photographed(visit, size):
    v = visit(size)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name, path in PAGES.items():
        page = v.goto(path)
        page.screenshot(path=ARTIFACTS / f"first-screen-{name}-{size}.png")
    if size == "320x640":
        page = v.goto(PAGES["iop"])
        page.locator(".primary-nav summary").click()
        page.screenshot(path=ARTIFACTS / f"first-screen-iop-{size}-menu-open.png")
    assert not v.errors, f"console errors: {v.errors}"

"""What the browser tests share: one visit (a context, its requests and console errors),
the viewports, and axe-core's WCAG check."""

from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
VIEWPORTS = {
    "phone": {
        "viewport": {"width": 375, "height": 812},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    },
    "desktop": {"viewport": {"width": 1280, "height": 800}},
}
# The first screen at the narrowest phones people use, a common one, and a laptop
# (tests/browser/test_small_screens.py).
SCREENS = {
    "320x640": {
        "viewport": {"width": 320, "height": 640},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    },
    "375x667": {
        "viewport": {"width": 375, "height": 667},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    },
    "1280x800": {"viewport": {"width": 1280, "height": 800}},
}
# The call button's link: the demo's admissions number.
ADMISSIONS_TEL = "tel:+18002704315"
# Each test so marked runs with JavaScript on and off.
javascript = pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


class Visit:
    """One browser context: a page plus everything it requested and logged."""

    def __init__(self, browser, base_url, viewport, js=True, **options):
        self.base_url = base_url
        size = VIEWPORTS.get(viewport) or SCREENS[viewport]
        self.context = browser.new_context(java_script_enabled=js, **size, **options)
        self.page = self.context.new_page()
        self.requests = []
        self.errors = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on(
            "console",
            lambda message: message.type == "error" and self.errors.append(message.text),
        )
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def goto(self, path, status=200):
        response = self.page.goto(self.base_url + path, wait_until="load")
        assert response.status == status, (path, response.status)
        return self.page

    def close(self):
        self.context.close()


def axe_violations(page, axe_source, name):
    """axe-core's WCAG 2.2 AA violations on the page as loaded: [{rule, impact, nodes}]."""
    page.evaluate(axe_source)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    assert result["testEngine"]["version"].startswith("4."), result["testEngine"]
    assert len(result["passes"]) >= 10, f"{name}: axe checked almost nothing"
    return [
        {
            "rule": item["id"],
            "impact": item["impact"],
            "nodes": [node["target"] for node in item["nodes"]][:5],
        }
        for item in result["violations"]
    ]

"""Demo copy for the privacy notice and the accessibility statement, written for this site.

Both describe what the site really does (see the tests and `make audit`): no cookies for visitors
reading pages, no analytics or trackers, nothing loaded from other sites, a quick-exit button that
editors can switch on, and the accessibility checks the project runs on every change.
"""

PRIVACY = {
    "title": "Privacy notice",
    "slug": "privacy",
    "intro": (
        "Looking for help with addiction is private. This page explains what this website does "
        "and does not do with your visit, and how to keep your visit private on a shared phone or "
        "computer."
    ),
    "search_description": (
        "How the Transformations website protects your privacy: no trackers, no advertising "
        "cookies, nothing loaded from other sites, and tips for browsing on a shared device."
    ),
    "body": [
        (
            "benefit_section",
            {
                "heading": "What this website does not do",
                "text": "<ul>"
                "<li>It does not use analytics, advertising or social media trackers.</li>"
                "<li>It does not set cookies when you read its pages.</li>"
                "<li>It does not load fonts, scripts, videos or pictures from other websites, so "
                "no other company learns that you visited a page here.</li>"
                "<li>It does not sell or share information about your visit with anyone.</li>"
                "</ul>",
            },
        ),
        (
            "benefit_section",
            {
                "heading": "What our web server keeps",
                "text": "<p>Like every website, ours needs the address of your device to send "
                "you the page you asked for. Our server keeps short technical records so that we "
                "can keep the site working and safe from attacks. We do not use them to find out "
                "who you are, and we do not combine them with anything else.</p>"
                "<p>Pages you visit are not added to any profile, and nothing you read here is "
                "ever sent to us by email or passed to an advertiser.</p>",
            },
        ),
        (
            "benefit_section",
            {
                "heading": "When you call or write to us",
                "text": "<p>When you call our admissions team, the conversation is confidential. "
                "We use what you tell us to understand your situation and to talk with you about "
                "treatment, and we treat it as health information that we protect under the law "
                "that applies to treatment providers.</p>"
                "<p>If you send us a message through this website, we use it only to answer you, "
                "we keep it only as long as we need it for that, and it is then deleted.</p>",
            },
        ),
        (
            "benefit_section",
            {
                "heading": "If you share a phone or computer",
                "text": "<p>Other people who use your device may be able to see which websites "
                "you opened. To keep your visit private:</p>"
                "<ul>"
                "<li>Use your browser's private or incognito window: it forgets the pages you "
                "opened when you close it.</li>"
                "<li>Or delete this site from your browsing history afterwards.</li>"
                "<li>Calls to our number appear in your phone's call log; delete the entry if you "
                "need to.</li>"
                "</ul>"
                "<p>If you may be in danger, you can also call or text 988 from any phone, or "
                "call 911 in an emergency.</p>",
            },
        ),
        (
            "benefit_section",
            {
                "heading": "Questions about your privacy",
                "text": "<p>Call our admissions team at the number on this page and ask for "
                "help with a privacy question. You do not have to give your name to ask.</p>",
            },
        ),
    ],
}

ACCESSIBILITY = {
    "title": "Accessibility statement",
    "slug": "accessibility",
    "intro": (
        "Everyone should be able to find help on this website, on any phone or computer, with "
        "any assistive technology. This statement says what we aim for, how we check it and how "
        "to tell us about a problem."
    ),
    "search_description": (
        "The Transformations website aims to meet WCAG 2.2 level AA: how we test it, what we know "
        "is not yet perfect, and how to report an accessibility problem."
    ),
    "body": [
        (
            "benefit_section",
            {
                "heading": "Our goal",
                "text": "<p>We aim to meet the Web Content Accessibility Guidelines (WCAG) 2.2 "
                "at level AA. In practice this means that you can:</p>"
                "<ul>"
                "<li>reach our phone number and the crisis lines from the top of every page;</li>"
                "<li>use every part of the site with a keyboard alone, with a visible focus "
                "outline and a link that skips to the main content;</li>"
                "<li>zoom text to 200% and use a small phone screen without losing anything;</li>"
                "<li>use the site with JavaScript switched off;</li>"
                "<li>use a screen reader: pages have headings, landmarks and labelled links;</li>"
                "<li>read text with enough contrast against its background.</li>"
                "</ul>",
            },
        ),
        (
            "benefit_section",
            {
                "heading": "How we check",
                "text": "<p>Every change to the site is tested in a real browser, on a phone-sized "
                "and a desktop-sized screen, before it is published. The tests use only the "
                "keyboard, switch JavaScript off, and run the axe-core accessibility checker "
                "against the WCAG 2.0, 2.1 and 2.2 A and AA rules. We also check the pages with "
                "Lighthouse and the Nu Html Checker.</p>"
                "<p>Automated tests cannot find every problem, so we also welcome reports from "
                "the people who use the site.</p>",
            },
        ),
        (
            "benefit_section",
            {
                "heading": "What we know is not perfect",
                "text": "<ul>"
                "<li>The research articles we cite are on other websites, which we do not "
                "control; some of them may be harder to use.</li>"
                "<li>The pictures on our pages are decorative and have no description, so a "
                "screen reader skips them.</li>"
                "</ul>",
            },
        ),
        (
            "benefit_section",
            {
                "heading": "Tell us about a problem",
                "text": "<p>If something on this website is hard for you to use, please call "
                "our admissions team at the number at the top of this page and tell us what "
                "happened. We will help you with what you were looking for straight away, and "
                "fix the problem on the site.</p>",
            },
        ),
    ],
}

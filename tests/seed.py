"""Reads the client's original page (tests/fixtures/intensive-outpatient-page.txt)."""

import re
from pathlib import Path

SEED = Path(__file__).parent / "fixtures" / "intensive-outpatient-page.txt"
BOILERPLATE = {
    "800-270-4315",
    "Intensive Outpatient",
    "5 (100%) 1 vote",
    "image",
    "Need More Information?",
    "Call now to be connected with one of our friendly, helpful treatment specialists.",
}


def seed_lines():
    return [line.strip() for line in SEED.read_text().splitlines()]


def seed_article():
    """The article's lines: after the published-date line, before the first reference."""
    lines = seed_lines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Intensive Outpatient 2018"))
    end = next(i for i, line in enumerate(lines) if re.match(r"^1[A-Z]", line))
    return [line for line in lines[start + 1 : end] if line and line not in BOILERPLATE]


def seed_headings():
    """Section headings: the short lines of the article that are not sentences."""
    return [line for line in seed_article() if len(line) < 90 and not line.endswith(".")]


def seed_citations():
    """(number, source-and-title, url) of the numbered references at the end of the page."""
    lines = seed_lines()
    found = []
    for i, line in enumerate(lines):
        match = re.match(r"^(\d)([A-Z].+)$", line)
        if match and i + 1 < len(lines) and lines[i + 1].startswith("http"):
            found.append((int(match.group(1)), match.group(2), lines[i + 1]))
    return found


def seed_published_date():
    line = next(line for line in seed_lines() if line.startswith("Intensive Outpatient 2018"))
    return line.split()[-1][:10]

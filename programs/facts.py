"""What a person comparing programs reads first: the level of care and the practical facts.

The levels of care are a fixed list, each with its ASAM Criteria level (3rd edition) where one
applies, so that every program page names its level the same way and search engines read the same
words. The facts box on the page, the program cards and the JSON-LD are all built from
`ProgramFacts`: one description of a program, three ways of showing it.
"""

from dataclasses import dataclass

from django.db import models


class LevelOfCare(models.TextChoices):
    MEDICAL_DETOX = "medical_detox", "Medical detox"
    RESIDENTIAL = "residential", "Residential"
    PARTIAL_HOSPITALIZATION = "partial_hospitalization", "Partial hospitalization"
    INTENSIVE_OUTPATIENT = "intensive_outpatient", "Intensive outpatient"
    OUTPATIENT = "outpatient", "Outpatient"
    VIRTUAL_INTENSIVE_OUTPATIENT = "virtual_intensive_outpatient", "Virtual intensive outpatient"
    AFTERCARE = "aftercare", "Aftercare and alumni"


# The ASAM Criteria (3rd edition) level of each level of care; aftercare has none.
ASAM_LEVELS = {
    LevelOfCare.MEDICAL_DETOX: "3.7-WM",
    LevelOfCare.RESIDENTIAL: "3.5",
    LevelOfCare.PARTIAL_HOSPITALIZATION: "2.5",
    LevelOfCare.INTENSIVE_OUTPATIENT: "2.1",
    LevelOfCare.OUTPATIENT: "1",
    LevelOfCare.VIRTUAL_INTENSIVE_OUTPATIENT: "2.1",
}


class Setting(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    VIRTUAL = "virtual", "Virtual"
    BOTH = "both", "In person or virtual"


# Where a program is offered: the locations app annotates a served program page with the names of
# its locations, joined by this separator, under this attribute (absent: nothing shown).
LOCATION_NAMES_ATTR = "location_names_joined"
NAME_SEPARATOR = "\x1f"  # the ASCII unit separator: never in a name someone types


def location_names(page):
    joined = getattr(page, LOCATION_NAMES_ATTR, None)
    return joined.split(NAME_SEPARATOR) if joined else []


@dataclass(frozen=True)
class Fact:
    label: str
    value: str


def level_label(level):
    """ "Intensive outpatient (ASAM level 2.1)", or "" for a page without a level yet."""
    if not level:
        return ""
    label = LevelOfCare(level).label
    asam = ASAM_LEVELS.get(level)
    return f"{label} (ASAM level {asam})" if asam else label


def program_facts(page):
    """The facts a program page shows, in reading order; empty ones left out."""
    setting = Setting(page.setting).label if page.setting else ""
    facts = [
        Fact("Level of care", level_label(page.level_of_care)),
        Fact("Who it is for", page.who_it_is_for),
        Fact("Schedule", page.schedule),
        Fact("Typical length", page.typical_length),
        Fact("Setting", setting),
        Fact("Where it is offered", ", ".join(location_names(page))),
    ]
    return [fact for fact in facts if fact.value]


def how_performed(page):
    """The schedule, the setting and the length as one sentence (schema.org `howPerformed`)."""
    setting = Setting(page.setting).label.lower() if page.setting else ""
    parts = [
        page.schedule,
        setting,
        f"typically {page.typical_length}" if page.typical_length else "",
    ]
    text = "; ".join(part for part in parts if part)
    return f"{text[:1].upper()}{text[1:]}." if text else ""

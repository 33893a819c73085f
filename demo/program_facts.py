"""The demo program's facts, taken from what the client's own page says about it (its intro:
"programming several days a week, without a stay in a residential facility"). Nothing is added that
the page does not say: no length of stay, no hours."""

from programs.facts import LevelOfCare, Setting

IOP_FACTS = {
    "level_of_care": LevelOfCare.INTENSIVE_OUTPATIENT,
    "who_it_is_for": (
        "People with a substance use disorder who need structured treatment while living at home."
    ),
    "schedule": "Several days a week",
    "setting": Setting.IN_PERSON,
}

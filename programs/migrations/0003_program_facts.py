"""Program facts. The level of care is required in the editor (blank in the database); the pages that exist before it get
one from their title where the title names a level ("Intensive Outpatient" is intensive
outpatient), in the live page and in its latest revision (which the editor opens), so the demo's
page keeps working and its editor shows the level already chosen. A page whose title names no
level keeps an empty level (shown as nothing) until an editor chooses one, which the form then
requires: a guess would put a wrong level of care in front of visitors.
"""

import re

from django.db import migrations, models

# Longest names first: "virtual intensive outpatient" before "intensive outpatient" before
# "outpatient".
TITLE_WORDS = [
    ("virtual intensive outpatient", "virtual_intensive_outpatient"),
    ("virtual iop", "virtual_intensive_outpatient"),
    ("intensive outpatient", "intensive_outpatient"),
    ("partial hospitalization", "partial_hospitalization"),
    ("php", "partial_hospitalization"),
    ("iop", "intensive_outpatient"),
    ("detox", "medical_detox"),
    ("residential", "residential"),
    ("inpatient", "residential"),
    ("aftercare", "aftercare"),
    ("alumni", "aftercare"),
    ("outpatient", "outpatient"),
]


def level_from_title(title):
    words = " " + " ".join(re.findall(r"[a-z]+", title.lower())) + " "
    for phrase, level in TITLE_WORDS:
        if f" {phrase} " in words:
            return level
    return ""


def fill_levels(apps, schema_editor):
    ProgramPage = apps.get_model("programs", "ProgramPage")
    Revision = apps.get_model("wagtailcore", "Revision")
    for page in ProgramPage.objects.all():
        level = level_from_title(page.title)
        if not level:
            continue
        page.level_of_care = level
        page.save(update_fields=["level_of_care"])
        if page.latest_revision_id:
            revision = Revision.objects.get(pk=page.latest_revision_id)
            revision.content["level_of_care"] = level
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0002_programpage_show_latest_articles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="programpage",
            name="level_of_care",
            field=models.CharField(
                choices=[
                    ("medical_detox", "Medical detox"),
                    ("residential", "Residential"),
                    ("partial_hospitalization", "Partial hospitalization"),
                    ("intensive_outpatient", "Intensive outpatient"),
                    ("outpatient", "Outpatient"),
                    ("virtual_intensive_outpatient", "Virtual intensive outpatient"),
                    ("aftercare", "Aftercare and alumni"),
                ],
                blank=True,
                help_text=(
                    "The level of care this program provides. The ASAM level shown next to it "
                    "on the page comes with the choice."
                ),
                max_length=40,
            ),
        ),
        migrations.AddField(
            model_name="programpage",
            name="who_it_is_for",
            field=models.CharField(
                blank=True,
                help_text=(
                    "One sentence, e.g. ‘Adults who need structured treatment while living at "
                    "home.’ Left empty, it is not shown."
                ),
                max_length=200,
                verbose_name="who it is for",
            ),
        ),
        migrations.AddField(
            model_name="programpage",
            name="schedule",
            field=models.CharField(
                blank=True,
                help_text="e.g. ‘3 hours a day, 3 to 5 days a week’. Left empty, it is not shown.",
                max_length=120,
            ),
        ),
        migrations.AddField(
            model_name="programpage",
            name="typical_length",
            field=models.CharField(
                blank=True,
                help_text="e.g. ‘8 to 12 weeks’. Left empty, it is not shown.",
                max_length=80,
            ),
        ),
        migrations.AddField(
            model_name="programpage",
            name="setting",
            field=models.CharField(
                blank=True,
                choices=[
                    ("in_person", "In person"),
                    ("virtual", "Virtual"),
                    ("both", "In person or virtual"),
                ],
                help_text="Where the program takes place. Left empty, it is not shown.",
                max_length=20,
            ),
        ),
        migrations.RunPython(fill_levels, migrations.RunPython.noop),
    ]

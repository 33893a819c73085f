"""Wagtail's leftover Moderators group goes (see reviews.workflow.retire_wagtail_moderators)."""

from django.db import migrations

from reviews.workflow import retire_wagtail_moderators


def forwards(apps, schema_editor):
    retire_wagtail_moderators(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0002_clinical_review_workflow_and_groups"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

"""Groups Editors and Clinical reviewers, and the "Clinical review" workflow.

A page that holds health pages (a programs index) is put under the workflow when it is created
(reviews.signals; same code path: reviews.workflow).
"""

from django.db import migrations

from reviews.workflow import ensure_groups_and_workflow


def forwards(apps, schema_editor):
    ensure_groups_and_workflow(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    # Reversing leaves the groups and the workflow: people may have been added to them since.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

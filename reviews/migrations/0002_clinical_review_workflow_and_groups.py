"""Groups Editors, Clinical reviewers and Admissions, and the "Clinical review" workflow.

The workflow is assigned to the program index when one exists; a program index created later
gets it from reviews.signals (same code path: reviews.workflow).
"""

from django.db import migrations


def forwards(apps, schema_editor):
    from reviews.workflow import attach_to_program_index, ensure_groups_and_workflow

    ensure_groups_and_workflow(apps)
    ProgramIndexPage = apps.get_model("pages", "ProgramIndexPage")
    for index_page in ProgramIndexPage.objects.all():
        attach_to_program_index(apps, index_page)


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0001_reviewer"),
        ("pages", "0002_clinical_review_fields_and_faq_block"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    # Reversing leaves the groups and the workflow: people may have been added to them since.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

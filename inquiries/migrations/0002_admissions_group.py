"""The Admissions group: may sign in to the admin and read confidential inquiries, nothing else.

get_or_create throughout: another branch may create the group too, and re-running is harmless.
The permission row is created here because Django only adds Meta.permissions after migrating.
"""

from django.db import migrations


def create_admissions_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")

    contact_page_type, _ = ContentType.objects.get_or_create(
        app_label="inquiries", model="contactpage"
    )
    view_inquiries, _ = Permission.objects.get_or_create(
        content_type=contact_page_type,
        codename="view_inquiries",
        defaults={"name": "Can read confidential inquiries"},
    )
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type,
        codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )
    admissions, _ = Group.objects.get_or_create(name="Admissions")
    admissions.permissions.add(view_inquiries, access_admin)


class Migration(migrations.Migration):
    dependencies = [
        ("inquiries", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        # After Wagtail's one-off grant of "choose" permissions to every admin group then present:
        # Admissions staff read inquiries; they have no business in the image or document library.
        ("wagtailimages", "0023_add_choose_permissions"),
        ("wagtaildocs", "0011_add_choose_permissions"),
    ]

    operations = [migrations.RunPython(create_admissions_group, migrations.RunPython.noop)]

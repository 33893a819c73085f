"""The Admissions group may change availability (and, as before, sign in and read inquiries).

The group is inquiries' (inquiries/migrations/0002); get_or_create so either migration may run
first on a fresh database. The permission row is created here because Django only adds a model's
permissions after migrating.
"""

from django.db import migrations


def let_admissions_keep_availability(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")

    availability_type, _ = ContentType.objects.get_or_create(
        app_label="admissions", model="availability"
    )
    change, _ = Permission.objects.get_or_create(
        content_type=availability_type,
        codename="change_availability",
        defaults={"name": "Can change availability"},
    )
    admissions, _ = Group.objects.get_or_create(name="Admissions")
    admissions.permissions.add(change)


class Migration(migrations.Migration):
    dependencies = [
        ("admissions", "0001_initial"),
        ("inquiries", "0002_admissions_group"),
    ]

    operations = [migrations.RunPython(let_admissions_keep_availability, migrations.RunPython.noop)]

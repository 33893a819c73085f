"""Inquiries encrypted at rest: the rows already stored are encrypted in place.

With the keys of INQUIRY_ENCRYPTION_KEYS (production refuses to start without one). Reversing
decrypts them again, with the same keys.
"""

from django.db import migrations

from inquiries.encryption import is_sealed, seal, unseal


def contact_page_submissions(apps):
    FormSubmission = apps.get_model("wagtailforms", "FormSubmission")
    return FormSubmission.objects.filter(
        page__content_type__app_label="inquiries", page__content_type__model="contactpage"
    )


def encrypt_stored_inquiries(apps, schema_editor):
    for submission in contact_page_submissions(apps).iterator():
        if not is_sealed(submission.form_data):
            submission.form_data = seal(submission.form_data)
            submission.save(update_fields=["form_data"])


def decrypt_stored_inquiries(apps, schema_editor):
    for submission in contact_page_submissions(apps).iterator():
        if is_sealed(submission.form_data):
            submission.form_data = unseal(submission.form_data)
            submission.save(update_fields=["form_data"])


class Migration(migrations.Migration):
    dependencies = [
        ("inquiries", "0002_admissions_group"),
        ("wagtailcore", "0001_initial"),
        ("wagtailforms", "0005_alter_formsubmission_form_data"),
    ]

    operations = [
        migrations.CreateModel(
            name="Inquiry",
            fields=[],
            options={
                "verbose_name": "inquiry",
                "verbose_name_plural": "inquiries",
                "proxy": True,
                "indexes": [],
                "constraints": [],
            },
            bases=("wagtailforms.formsubmission",),
        ),
        migrations.RunPython(encrypt_stored_inquiries, decrypt_stored_inquiries, elidable=False),
    ]

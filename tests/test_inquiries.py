"""The confidential inquiry form: what visitors see, what is stored, who reads it, what is sent."""

import importlib
import io
import json
import logging
import os
import shutil
import subprocess
import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import GroupPagePermission, ModelLogEntry, PageLogEntry
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import rich_text

from demo.loader import load_demo
from home.models import HomePage
from inquiries.forms import started_token
from inquiries.models import ContactPage, Inquiry
from tests.contact_form import CONSENT, CONTACT_URL
from tests.editor_helpers import make_user
from tests.reading import form_values, soup_of, text_of, texts_of

VALUES = {
    "first_name": "Samantha",
    "phone": "412-268-3000",
    "email": "samantha.private@example.org",
    "best_time_to_call": "Evening",
    "who_is_this_for": "Someone I care about",
    "message": "My brother Daniel drinks every night and we are scared.",
}


def form_data(seconds_ago=10, **overrides):
    data = {**VALUES, CONSENT: "on", "form-started": started_token(time.time() - seconds_ago)}
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def submit(client, seconds_ago=10, address="203.0.113.20", **overrides):
    return client.post(CONTACT_URL, form_data(seconds_ago, **overrides), REMOTE_ADDR=address)


def nothing_stored_or_sent():
    return not FormSubmission.objects.exists() and not mail.outbox


# The page ---------------------------------------------------------------------------------------


def test_demo_contact_page_has_the_listed_fields(contact):
    fields = [
        (f.label, f.field_type, f.required, f.purpose)
        for f in contact.form_fields.order_by("sort_order")
    ]
    assert fields == [
        ("First name", "singleline", True, "name"),
        ("Phone", "singleline", False, "phone"),
        ("Email", "email", False, "email"),
        ("Best time to call", "radio", False, ""),
        ("Who is this for?", "radio", True, ""),
        ("Message", "multiline", False, ""),
        (
            "I agree that Transformations may contact me about my inquiry",
            "checkbox",
            True,
            "consent",
        ),
    ]
    message = contact.form_fields.get(label="Message")
    assert "don't include medical details" in message.help_text
    assert load_demo() == []  # idempotent
    assert ContactPage.objects.count() == 1


def test_demo_consent_links_the_privacy_notice_of_the_site_settings(client, demo):
    assert demo.settings.privacy_page.url == "/privacy/"
    soup = soup_of(client.get(CONTACT_URL))
    assert soup.find(id=f"id_{CONSENT}_helptext").find("a", href="/privacy/") is not None


def test_contact_page_shows_the_phone_and_the_form(client, contact):
    response = client.get(CONTACT_URL)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    soup = soup_of(response)
    assert soup.find("a", href="tel:+18002704315") is not None
    text = text_of(response)
    assert "Call us for a confidential discussion" in text
    assert "Or write to us" in text
    form = soup.find("form", class_="contact__form")
    assert form["method"] == "post" and form["action"] == CONTACT_URL
    labels = texts_of(form, "label, legend")
    assert "First name" in labels
    assert "Phone" in labels and "Email" in labels
    assert "Best time to call (optional)" in labels
    assert "Who is this for?" in labels
    assert "Leave this field empty" in labels  # the honeypot, off-screen
    assert form.find("input", attrs={"name": "phone"})["type"] == "tel"
    assert form.find("input", attrs={"name": "phone"})["autocomplete"] == "tel"
    assert form.find("input", attrs={"name": "email"})["autocomplete"] == "email"
    assert form.find("input", attrs={"name": "first_name"})["autocomplete"] == "given-name"
    assert form.find("textarea", attrs={"name": "message"})["maxlength"] == "2000"
    assert form.find("input", attrs={"name": "contact-website"})["tabindex"] == "-1"
    assert form.find("input", attrs={"name": "form-started"})["value"]
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"}) is not None
    for script in soup.find_all("script"):
        assert script.get("src") or script.get("type") == "application/ld+json"


def test_consent_links_to_the_privacy_notice_chosen_in_the_site_settings(client, contact, demo):
    from pages.models import StandardPage

    privacy = StandardPage(title="Our privacy notice", slug="our-privacy")
    demo.home.add_child(instance=privacy)
    privacy.save_revision().publish()
    demo.settings.privacy_page = privacy
    demo.settings.save()
    soup = soup_of(client.get(CONTACT_URL))
    help_text = soup.find(id=f"id_{CONSENT}_helptext")
    assert help_text.find("a", href="/our-privacy/").get_text() == "Read our privacy notice"
    footer = soup.find("footer")
    assert footer.find("a", href="/our-privacy/") is not None  # the same notice as the footer's

    privacy.unpublish()
    soup = soup_of(client.get(CONTACT_URL))
    assert soup.find(id=f"id_{CONSENT}_helptext").find("a") is None  # no link to a missing page


# Sending ----------------------------------------------------------------------------------------


def test_inquiry_is_stored_and_the_visitor_thanked(client, contact, demo, caplog):
    demo.settings.refresh_from_db()
    caplog.set_level(logging.DEBUG)
    response = submit(client)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    text = text_of(response)
    assert "Thank you" in text
    assert "Someone from our admissions team will contact you soon" in text
    assert soup_of(response).find("a", href="tel:+18002704315")
    submission = Inquiry.objects.get(page=contact)
    data = submission.get_data()
    assert data["first_name"] == "Samantha"
    assert data["email"] == VALUES["email"]
    assert data[CONSENT] is True
    assert "contact-website" not in data and "form-started" not in data
    # No personal data in logs.
    for value in VALUES.values():
        assert value not in caplog.text


def test_notification_email_contains_no_submitted_data(client, contact, demo):
    submit(client)
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["admissions@example.com"]
    assert email.subject == "New confidential inquiry"
    assert f"http://testserver/admin/forms/submissions/{contact.pk}/" in email.body
    assert "does not contain what they wrote" in email.body
    message = email.message()
    # Message-ID and Date are Django's (random digits, the clock) and could contain "412" by chance.
    del message["Message-ID"], message["Date"]
    whole_message = message.as_string()
    for value in [*VALUES.values(), "412", "2683000", "samantha", "Daniel"]:
        assert value.lower() not in email.subject.lower()
        assert value.lower() not in email.body.lower()
        assert value.lower() not in whole_message.lower()


def test_no_admissions_address_still_stores_and_thanks(client, contact, demo, caplog):
    demo.settings.admissions_email = ""
    demo.settings.save()
    response = submit(client)
    assert response.status_code == 200 and "Thank you" in text_of(response)
    assert FormSubmission.objects.count() == 1
    assert not mail.outbox
    assert "no admissions email address is set" in caplog.text


def test_mail_server_failure_still_stores_logs_and_thanks(client, contact, settings, caplog):
    # A real SMTP connection to a port in this branch's range where nothing listens.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 8599
    settings.EMAIL_TIMEOUT = 5
    response = submit(client)
    assert response.status_code == 200
    assert "Thank you" in text_of(response)
    assert FormSubmission.objects.count() == 1
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1
    logged = errors[0].getMessage()
    assert "notification email could not be sent (ConnectionRefusedError)" in logged
    for value in VALUES.values():
        assert value not in caplog.text
    assert "admissions@example.com" not in caplog.text


def test_database_failure_shows_the_phone_never_a_thank_you(client, contact, caplog):
    # A real failure of the real database: the submissions table is not there.
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE wagtailforms_formsubmission RENAME TO formsubmission_away")
    try:
        response = submit(client)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE formsubmission_away RENAME TO wagtailforms_formsubmission")
    assert response.status_code == 503
    text = text_of(response)
    assert "Your message could not be sent" in text
    assert "Thank you" not in text
    assert "Traceback" not in response.text
    assert soup_of(response).find("a", href="tel:+18002704315")
    assert "no-store" in response["Cache-Control"]
    assert not mail.outbox
    assert not FormSubmission.objects.exists()
    assert "An inquiry could not be stored" in caplog.text
    for value in VALUES.values():
        assert value not in caplog.text


# Bad input: a clear 4xx, nothing stored or emailed, what was typed is kept -----------------------


BAD_INPUT = {
    "missing required field": ({"first_name": ""}, "First name: This field is required."),
    "email that is not an email": (
        {"email": "samantha at example"},
        "Enter an email address like name@example.com",
    ),
    "message over 2,000 characters": (
        {"message": "x" * 2001},
        "Please keep your message under 2,000 characters (it has 2001)",
    ),
    "phone that is not a phone number": ({"phone": "12"}, "Enter a valid phone number"),
    "neither phone nor email": (
        {"phone": "", "email": ""},
        "Please give us a way to reach you: Phone or Email.",
    ),
    "honeypot filled": (
        {"contact-website": "http://spam.example"},
        "“Leave this field empty” was filled in",
    ),
    "no consent": (
        {CONSENT: None},
        "I agree that Transformations may contact me about my inquiry: This field is required.",
    ),
    "who is this for, made up": (
        {"who_is_this_for": "Nobody"},
        "Who is this for?: Select a valid choice.",
    ),
}


@pytest.mark.parametrize("overrides,message", BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_bad_input(client, contact, overrides, message):
    response = submit(client, **overrides)
    assert response.status_code == 400
    assert message in text_of(response)
    assert nothing_stored_or_sent()
    soup = soup_of(response)
    assert soup.find(attrs={"role": "alert"}) is not None
    assert soup.find("a", href="tel:+18002704315")
    if overrides.get("first_name") is None:
        assert soup.find("input", attrs={"name": "first_name"})["value"] == "Samantha"


def test_form_sent_faster_than_a_person_can(client, contact):
    response = submit(client, seconds_ago=0)
    assert response.status_code == 400
    assert "quicker than a person can fill in the form" in text_of(response)
    assert nothing_stored_or_sent()
    # Nothing typed is lost, and a fresh timestamp lets the person send it again.
    soup = soup_of(response)
    assert soup.find("textarea", attrs={"name": "message"}).get_text().strip() == VALUES["message"]
    fresh = soup.find("input", attrs={"name": "form-started"})["value"]
    assert fresh


@pytest.mark.parametrize("token", [None, "", "eyJ0IjoxfQ:forged:signature"])
def test_form_post_without_a_valid_timestamp_token(client, contact, token):
    response = submit(client, **{"form-started": token})
    assert response.status_code == 400
    assert "This form was out of date" in text_of(response)
    assert nothing_stored_or_sent()


def test_form_post_without_the_csrf_token(contact):
    client = Client(enforce_csrf_checks=True)
    response = client.post(CONTACT_URL, form_data())
    assert response.status_code == 403
    assert "no-store" in response["Cache-Control"]
    text = text_of(response)
    assert "Your message was not sent" in text
    assert "reload the page, and send the form again" in text
    assert "CSRF" not in text
    assert soup_of(response).find("a", href="tel:+18002704315")
    assert nothing_stored_or_sent()


def test_form_with_its_csrf_cookie_is_accepted(contact):
    client = Client(enforce_csrf_checks=True)
    page = soup_of(client.get(CONTACT_URL))
    token = page.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    response = client.post(CONTACT_URL, form_data(csrfmiddlewaretoken=token))
    assert response.status_code == 200
    assert FormSubmission.objects.count() == 1


def test_body_over_the_limit(client, contact):
    response = submit(client, padding="x" * (64 * 1024))
    assert response.status_code == 413
    assert "too long" in text_of(response)
    assert nothing_stored_or_sent()


def test_burst_from_one_client_is_limited(client, contact, settings):
    settings.INQUIRY_RATE_LIMIT = (3, 600)
    statuses = [submit(client).status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    limited = submit(client, first_name="Fourth")
    assert limited.status_code == 429
    assert "several messages from your connection" in text_of(limited)
    soup = soup_of(limited)
    assert soup.find("a", href="tel:+18002704315")
    assert soup.find("input", attrs={"name": "first_name"})["value"] == "Fourth"
    assert FormSubmission.objects.count() == 3
    assert len(mail.outbox) == 3
    # Another client is not affected.
    assert submit(client, address="198.51.100.30").status_code == 200


# Who reads inquiries ---------------------------------------------------------------------------


@pytest.fixture
def submission(client, contact):
    submit(client)
    return Inquiry.objects.get()


def test_admissions_group_exists_with_only_what_it_needs(db):
    group = Group.objects.get(name="Admissions")
    perms = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
    # Inquiries, and the programs' availability (admissions app): no pages, images or settings.
    assert perms == {
        "inquiries.view_inquiries",
        "wagtailadmin.access_admin",
        "admissions.change_availability",
    }


def test_superuser_reads_and_exports_inquiries(admin_client, contact, submission):
    listing = admin_client.get(f"/admin/forms/submissions/{contact.pk}/")
    assert listing.status_code == 200
    assert "Samantha" in listing.text
    export = admin_client.get(f"/admin/forms/submissions/{contact.pk}/?export=csv")
    assert export.status_code == 200
    assert "Samantha" in b"".join(export.streaming_content).decode()


def test_admissions_read_inquiries_through_their_menu(
    client, contact, submission, django_user_model
):
    user = make_user(django_user_model, "admissions", "Admissions")
    client.force_login(user)
    menu = client.get("/admin/").text  # the sidebar is JSON for the admin's script
    assert '"name": "inquiries", "label": "Inquiries"' in menu
    assert '"url": "/admin/forms/"' not in menu  # Wagtail's forms listing would refuse them
    index = client.get("/admin/inquiries/")
    assert index.status_code == 302
    assert index["Location"] == f"/admin/forms/submissions/{contact.pk}/"
    listing = client.get(index["Location"])
    assert listing.status_code == 200
    assert "Samantha" in listing.text
    export = client.get(f"/admin/forms/submissions/{contact.pk}/?export=xlsx")
    assert export.status_code == 200


def test_editors_who_can_edit_the_page_cannot_read_inquiries(
    client, demo, contact, submission, django_user_model
):
    editors = Group.objects.create(name="Page editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    for permission_type in ("add", "change", "publish"):
        GroupPagePermission.objects.create(
            group=editors, page=demo.home, permission_type=permission_type
        )
    client.force_login(make_user(django_user_model, "editor", editors.name))
    assert client.get(f"/admin/pages/{contact.pk}/edit/").status_code == 200
    for url in (
        f"/admin/forms/submissions/{contact.pk}/",
        f"/admin/forms/submissions/{contact.pk}/?export=csv",
        f"/admin/forms/submissions/{contact.pk}/delete/?selected-submissions={submission.pk}",
    ):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, "/admin/"), url
        assert "Samantha" not in response.content.decode()
    forms_index = client.get("/admin/forms/")
    assert forms_index.status_code == 200
    assert "Contact us" not in forms_index.text
    assert '"url": "/admin/inquiries/"' not in client.get("/admin/").text
    refused = client.get("/admin/inquiries/")
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    assert FormSubmission.objects.count() == 1


# Retention -------------------------------------------------------------------------------------


def test_purge_removes_only_old_inquiries(client, contact, settings):
    for seconds in range(4):
        submit(client, address=f"198.51.100.{seconds + 1}")
    old, older, recent, new = FormSubmission.objects.order_by("pk")
    now = timezone.now()
    FormSubmission.objects.filter(pk=old.pk).update(submit_time=now - timedelta(days=91))
    FormSubmission.objects.filter(pk=older.pk).update(submit_time=now - timedelta(days=400))
    FormSubmission.objects.filter(pk=recent.pk).update(submit_time=now - timedelta(days=89))
    out = io.StringIO()
    call_command("purge_inquiries", stdout=out)
    assert out.getvalue().strip() == "Deleted 2 inquiries older than 90 days."
    assert set(FormSubmission.objects.values_list("pk", flat=True)) == {recent.pk, new.pk}

    settings.INQUIRY_RETENTION_DAYS = 30
    out = io.StringIO()
    call_command("purge_inquiries", stdout=out)
    assert out.getvalue().strip() == "Deleted 1 inquiry older than 30 days."
    assert list(FormSubmission.objects.values_list("pk", flat=True)) == [new.pk]


def test_retention_comes_from_the_environment(monkeypatch):
    from transformations import env

    monkeypatch.setenv("INQUIRY_RETENTION_DAYS", "45")
    assert env.get_int("INQUIRY_RETENTION_DAYS", 90) == 45
    monkeypatch.delenv("INQUIRY_RETENTION_DAYS")
    assert env.get_int("INQUIRY_RETENTION_DAYS", 90) == 90


# Editors ---------------------------------------------------------------------------------------


def test_editors_change_fields_intro_and_thank_you_text(admin_client, contact):
    edit_url = f"/admin/pages/{contact.pk}/edit/"
    edited = form_values(admin_client.get(edit_url), "form[data-edit-form]")
    assert edited["form_fields-0-label"] == "First name"
    edited.update(
        {
            "intro": "Write to us, or call: either way it stays between us.",
            "form_fields-0-label": "Your first name",
            "thank_you_text": rich_text(
                "<p>We will call you back within one working day.</p>",
                features=["bold", "italic", "link"],
            ),
            "action-publish": "action-publish",
        }
    )
    response = admin_client.post(edit_url, edited)
    assert response.status_code == 302, text_of(response)[:2000]

    admin_client.logout()
    page = admin_client.get(CONTACT_URL)
    assert "Write to us, or call: either way it stays between us." in text_of(page)
    labels = texts_of(page, "form.contact__form label")
    assert "Your first name" in labels and "First name" not in labels
    thanks = submit(admin_client)
    assert thanks.status_code == 200
    assert "We will call you back within one working day." in text_of(thanks)
    assert Inquiry.objects.get().get_data()["first_name"] == "Samantha"


class TestContactPageType(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo()
        cls.contact = ContactPage.objects.get(slug="contact")

    def setUp(self):
        self.login()

    def test_lives_under_the_home_page_only(self):
        self.assertCanCreateAt(HomePage, ContactPage)
        self.assertAllowedParentPageTypes(ContactPage, {HomePage})
        self.assertAllowedSubpageTypes(ContactPage, {})

    def test_renders_edits_and_previews_form_and_thank_you(self):
        self.assertPageIsRenderable(self.contact)
        self.assertPageIsEditable(self.contact)
        self.assertPageIsPreviewable(self.contact, mode="form")
        self.assertPageIsPreviewable(self.contact, mode="landing")


# Encrypted at rest ------------------------------------------------------------------------------


def stored_form_data(submission):
    """The form_data column exactly as PostgreSQL holds it."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT form_data::text FROM wagtailforms_formsubmission WHERE id = %s",
            [submission.pk],
        )
        return cursor.fetchone()[0]


def test_the_database_holds_only_ciphertext(submission):
    stored = stored_form_data(submission)
    assert stored.startswith('{"encrypted": "gAAAAA')  # a Fernet token
    for value in VALUES.values():
        assert value not in stored
    assert "Samantha" not in str(submission)  # the label the audit log and messages use
    # Wagtail's own model, reading the row without our key, sees only the token.
    assert set(FormSubmission.objects.get(pk=submission.pk).get_data()) == {
        "encrypted",
        "submit_time",
    }


@pytest.mark.django_db(transaction=True)
def test_a_real_pg_dump_shows_no_submitted_value(client, settings, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump needs the PostgreSQL test database (DATABASE_URL)")
    load_demo()
    submit(client)
    assert Inquiry.objects.get().get_data()["first_name"] == "Samantha"
    db = connection.settings_dict
    pg_dump = shutil.which("pg_dump")
    assert pg_dump, "pg_dump (postgresql-client) is needed"
    result = subprocess.run(  # noqa: S603
        [
            pg_dump,
            "--no-owner",
            "-h",
            db["HOST"] or "127.0.0.1",
            "-p",
            str(db["PORT"] or 5432),
            "-U",
            db["USER"] or "postgres",
            db["NAME"],
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PGPASSWORD": db["PASSWORD"] or ""},
        check=True,
    )
    dump = result.stdout
    assert "wagtailforms_formsubmission" in dump and '{"encrypted": "gAAAAA' in dump
    # What the person typed (the choices they ticked are also the form's own field definitions).
    for name in ("first_name", "phone", "email", "message"):
        assert VALUES[name] not in dump, name
    assert "Daniel" not in dump and "412-268" not in dump and "samantha.private" not in dump


def test_keys_rotate_and_reencrypt_moves_every_inquiry_to_the_newest(client, contact, settings):
    from cryptography.fernet import Fernet

    old_key = settings.INQUIRY_ENCRYPTION_KEYS[0]
    submit(client, address="198.51.100.1")
    submit(client, address="198.51.100.2", first_name="Jordan")
    new_key = Fernet.generate_key().decode()
    settings.INQUIRY_ENCRYPTION_KEYS = [new_key, old_key]
    # Both keys read both rows; new rows use the new key.
    assert {i.get_data()["first_name"] for i in Inquiry.objects.all()} == {"Samantha", "Jordan"}
    out = io.StringIO()
    call_command("reencrypt_inquiries", stdout=out)
    assert out.getvalue().strip() == "Re-encrypted 2 inquiries with the newest key."
    settings.INQUIRY_ENCRYPTION_KEYS = [new_key]  # the old key retired
    assert {i.get_data()["first_name"] for i in Inquiry.objects.all()} == {"Samantha", "Jordan"}


def test_without_the_key_an_inquiry_cannot_be_read_and_reencrypt_changes_nothing(
    submission, settings
):
    from cryptography.fernet import Fernet

    from inquiries.encryption import UnreadableInquiry

    before = stored_form_data(submission)
    settings.INQUIRY_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(UnreadableInquiry):
        Inquiry.objects.get().get_data()
    with pytest.raises(CommandError, match=f"^Inquiry {submission.pk} cannot be decrypted"):
        call_command("reencrypt_inquiries")
    assert stored_form_data(submission) == before


def test_an_invalid_key_is_refused_with_the_variable_named(settings):
    from inquiries.encryption import seal

    settings.INQUIRY_ENCRYPTION_KEYS = ["not-a-fernet-key"]
    with pytest.raises(ImproperlyConfigured, match="^INQUIRY_ENCRYPTION_KEYS holds an invalid"):
        seal({"first_name": "Samantha"})


def test_the_migration_encrypts_inquiries_stored_before_it(contact):
    from django.apps import apps

    migration = importlib.import_module("inquiries.migrations.0003_encrypted_inquiries")
    plain = FormSubmission.objects.create(page=contact, form_data=dict(VALUES))
    migration.encrypt_stored_inquiries(apps, None)
    stored = stored_form_data(plain)
    assert "Samantha" not in stored and "encrypted" in stored
    assert {k: v for k, v in Inquiry.objects.get().get_data().items() if k in VALUES} == VALUES
    migration.encrypt_stored_inquiries(apps, None)  # a second run leaves it as it is
    assert stored_form_data(plain) == stored
    migration.decrypt_stored_inquiries(apps, None)
    assert FormSubmission.objects.get().form_data == VALUES


# Audit log ---------------------------------------------------------------------------------------


def test_each_inquiry_read_and_each_export_is_in_the_audit_log(
    client, contact, submission, django_user_model
):
    user = make_user(django_user_model, "admissions", "Admissions")
    client.force_login(user)
    submit(Client(), address="198.51.100.40", first_name="Jordan")
    second = Inquiry.objects.exclude(pk=submission.pk).get()
    listing = client.get(f"/admin/forms/submissions/{contact.pk}/")
    assert "Samantha" in listing.text and "Jordan" in listing.text
    views = ModelLogEntry.objects.filter(action="inquiries.view").order_by("object_id")
    assert [(e.object_id, e.user, e.label) for e in views] == [
        (str(submission.pk), user, f"Inquiry {submission.pk}"),
        (str(second.pk), user, f"Inquiry {second.pk}"),
    ]
    assert views[0].content_type.model_class() is Inquiry

    today = timezone.localdate().isoformat()
    export = client.get(
        f"/admin/forms/submissions/{contact.pk}/?export=csv&date_from={today}&date_to={today}"
    )
    assert "Jordan" in b"".join(export.streaming_content).decode()
    entry = PageLogEntry.objects.get(action="inquiries.export")
    assert (entry.page_id, entry.user) == (contact.pk, user)
    assert entry.data == {
        "rows": 2,
        "format": "csv",
        "filter": {"date_from": today, "date_to": today},
    }
    # What was written is in no log entry.
    logged = json.dumps(
        [[e.label, e.data] for e in (*ModelLogEntry.objects.all(), *PageLogEntry.objects.all())]
    )
    for value in ("Samantha", "Jordan", VALUES["email"], VALUES["phone"], "Daniel"):
        assert value not in logged

    # Superusers read the record; Admissions staff cannot.
    own_history = client.get("/admin/reports/site-history/")
    assert own_history.status_code == 200
    assert "Read an inquiry" not in text_of(own_history)
    assert "Exported" not in text_of(own_history)
    client.force_login(
        django_user_model.objects.create_superuser("boss", "b@example.com", "x" * 16)
    )
    history = text_of(client.get("/admin/reports/site-history/"))
    assert f"Inquiry {submission.pk}" in history and "Read an inquiry" in history
    assert f"Exported 2 inquiries as CSV (from {today}, to {today})" in history
    assert "Samantha" not in history

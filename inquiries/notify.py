"""Telling Admissions that an inquiry arrived, without putting what the person wrote in an email."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from pages.models import SiteSettings

logger = logging.getLogger(__name__)


def notify_admissions(request, page, submission):
    """Email the admissions address a link to the inquiry. Never raises: the inquiry is stored."""
    site_settings = SiteSettings.for_request(request)
    if not site_settings.admissions_email:
        logger.warning(
            "Inquiry %s was stored, but no admissions email address is set to tell anyone.",
            submission.pk,
        )
        return False
    admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "wagtailforms:list_submissions", args=[page.pk]
    )
    body = render_to_string(
        "inquiries/notification_email.txt",
        {
            "organisation_name": site_settings.organisation_name,
            "page_title": page.title,
            "received_at": timezone.localtime(submission.submit_time),
            "admin_url": admin_url,
        },
    )
    message = EmailMessage(
        subject="New confidential inquiry", body=body, to=[site_settings.admissions_email]
    )
    try:
        message.send()
    except Exception as error:  # noqa: BLE001 - whatever the mail system does, the inquiry is stored
        # The class name only: mail errors can quote addresses, and logs must hold no personal data.
        logger.error(
            "Inquiry %s was stored, but the notification email could not be sent (%s).",
            submission.pk,
            type(error).__name__,
        )
        return False
    return True

"""The contact page: Wagtail's form builder, private by design.

Editors choose the fields, the introduction and the thank-you text. What people write is stored
(Wagtail's form submissions) and readable in the admin only by superusers and the Admissions
group (see wagtail_hooks.py). The notification email says only that an inquiry arrived.
"""

import logging

from django.conf import settings
from django.db import DatabaseError, models, transaction
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField, FormSubmission
from wagtail.fields import RichTextField

from pages.guards import RATE_LIMITED, check_post
from pages.models import BasePage, SiteSettings

from .encryption import seal, unseal
from .forms import PURPOSE_CHOICES, InquiryFormBuilder, started_token
from .notify import notify_admissions

logger = logging.getLogger(__name__)


class InquiryFormField(AbstractFormField):
    page = ParentalKey("ContactPage", on_delete=models.CASCADE, related_name="form_fields")
    purpose = models.CharField(
        "what this field is for",
        max_length=16,
        choices=PURPOSE_CHOICES,
        blank=True,
        help_text=(
            "Lets the form fill in and check the field: phone numbers must be real numbers, the "
            "person must give a phone number or an email address, consent shows the privacy link."
        ),
    )

    panels = [*AbstractFormField.panels, FieldPanel("purpose")]


class Inquiry(FormSubmission):
    """A contact page's submission: Wagtail's row, the values in it encrypted (encryption.py)."""

    class Meta:
        proxy = True
        verbose_name = "inquiry"
        verbose_name_plural = "inquiries"

    def __str__(self):
        # Wagtail's own shows the form data; a label (audit log, messages) must not.
        return f"Inquiry {self.pk}"

    def get_data(self):
        return {**unseal(self.form_data), "submit_time": self.submit_time}


class ContactPage(AbstractForm, BasePage):
    """“Call us for a confidential discussion — or write to us.”"""

    template = "inquiries/contact_page.html"
    landing_page_template = "inquiries/contact_page_landing.html"
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    form_builder = InquiryFormBuilder

    thank_you_text = RichTextField(
        features=["bold", "italic", "link"],
        blank=True,
        help_text="Shown after someone sends the form, above the phone number.",
    )
    submit_label = models.CharField("button text", max_length=60, default="Send my message")

    content_panels = [
        *BasePage.content_panels,
        InlinePanel("form_fields", label="Form fields"),
        FieldPanel("submit_label"),
        MultiFieldPanel([FieldPanel("thank_you_text")], heading="After sending"),
    ]

    class Meta:
        verbose_name = "contact page"
        permissions = [("view_inquiries", "Can read confidential inquiries")]

    def get_form_class(self):
        # The consent field links the privacy notice chosen in the site settings (also the one
        # in every page's footer).
        privacy = SiteSettings.for_site(self.get_site()).privacy_page
        privacy_url = privacy.url if privacy is not None and privacy.live else ""
        return self.form_builder(self.get_form_fields(), privacy_url=privacy_url).get_form_class()

    def render_form(self, request, form, status=200, problem=""):
        context = self.get_context(request)
        context.update(form=form, started_token=started_token(), problem=problem)
        return TemplateResponse(request, self.get_template(request), context, status=status)

    def render_problem(self, request, status, heading, message):
        context = self.get_context(request)
        context.update(heading=heading, message=message)
        return TemplateResponse(request, "inquiries/inquiry_problem.html", context, status=status)

    def get_submission_class(self):
        return Inquiry

    def get_submissions_list_view_class(self):
        from .audit import AuditedSubmissionsListView

        return AuditedSubmissionsListView

    def process_form_submission(self, form):
        with transaction.atomic():
            return Inquiry.objects.create(form_data=seal(form.submission_data()), page=self)

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            response = self.serve_post(request)
        else:
            response = self.render_form(request, self.get_form(page=self, user=request.user))
        # Per-visitor content (CSRF token, what they wrote): never stored by any cache.
        add_never_cache_headers(response)
        return response

    def serve_post(self, request):
        # The form carries a CSRF token (the page is never cached), so no Origin check here.
        refusal = check_post(
            request,
            scope="inquiries",
            max_bytes=settings.INQUIRY_MAX_BODY_BYTES,
            rate_limit=settings.INQUIRY_RATE_LIMIT,
            require_same_origin=False,
        )
        if refusal is not None and refusal.reason != RATE_LIMITED:
            return self.render_problem(
                request,
                refusal.status,
                "Your message was too long to send",
                "Please shorten it and send it again from the form, or call us.",
            )
        form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
        if refusal is not None:
            # What they wrote stays in the form: they can send it later, or call.
            problem = (
                "We have received several messages from your connection in a short time, so "
                "this one was not sent. Please call us, or try again in a few minutes."
            )
            return self.render_form(request, form, status=refusal.status, problem=problem)
        if not form.is_valid():
            return self.render_form(request, form, status=400)
        try:
            submission = self.process_form_submission(form)
        except DatabaseError as error:
            logger.error(
                "An inquiry could not be stored (%s); the visitor was shown the phone number.",
                type(error).__name__,
            )
            return self.render_problem(
                request,
                503,
                "Your message could not be sent",
                "Something went wrong on our side and your message was not saved. "
                "Please call us: we are here to talk.",
            )
        notify_admissions(request, self, submission)
        return self.render_landing_page(request, submission)

from django.db import models

from pages.validators import HTTP_URL_MESSAGE, validate_http_url


class HttpURLField(models.URLField):
    """A web address: http or https only (no javascript:, data: or ftp:), and the form says so in
    plain words (Django's form field would answer 'Enter a valid URL.')."""

    default_validators = [validate_http_url]

    def formfield(self, **kwargs):
        return super().formfield(**{"error_messages": {"invalid": HTTP_URL_MESSAGE}, **kwargs})

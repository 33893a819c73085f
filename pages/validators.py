"""Validators shared by models and blocks."""

from django.core.validators import URLValidator

HTTP_URL_MESSAGE = "Enter a web address starting with http:// or https://."

# Only web addresses: no javascript:, data: or mailto: links where a source or a button belongs.
validate_http_url = URLValidator(schemes=["http", "https"], message=HTTP_URL_MESSAGE)

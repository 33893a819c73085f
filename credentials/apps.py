from django.apps import AppConfig


class CredentialsConfig(AppConfig):
    """Licenses and accreditations: in the footer of every page and on the About page, each with a
    link to the issuer's own lookup; hidden once expired, and flagged to staff."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "credentials"
    verbose_name = "Credentials"

    def ready(self):
        # Receivers connect when their module is imported, which needs the models loaded.
        from . import signals  # noqa: F401

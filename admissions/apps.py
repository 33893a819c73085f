from django.apps import AppConfig


class AdmissionsConfig(AppConfig):
    """Whether each program takes new clients now, kept by the Admissions group and shown only
    while someone has confirmed it recently."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "admissions"
    verbose_name = "Admissions"

    def ready(self):
        # Receivers connect when their module is imported, which needs the models loaded.
        from . import signals  # noqa: F401

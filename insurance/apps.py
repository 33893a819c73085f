from django.apps import AppConfig


class InsuranceConfig(AppConfig):
    """ "Insurance we work with": the carriers, in the center's order, on the Insurance page."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "insurance"
    verbose_name = "Insurance"

    def ready(self):
        # Receivers connect when their module is imported, which needs the models loaded.
        from . import signals  # noqa: F401

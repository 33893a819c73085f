from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    """Clinical review: who reviewed a health page, when, and when it is due again."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "reviews"
    verbose_name = "Clinical review"

    def ready(self):
        # Receivers connect when their module is imported, which needs the models loaded: only
        # ready() runs after the app registry is.
        from . import signals  # noqa: F401

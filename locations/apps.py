from django.apps import AppConfig


class LocationsConfig(AppConfig):
    """Where the center is: addresses, hours, phone numbers and the programs offered at each."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "locations"
    verbose_name = "Locations"

    def ready(self):
        # Receivers connect when their module is imported, which needs the models loaded.
        from . import signals  # noqa: F401

from django.apps import AppConfig


class StaffAuthConfig(AppConfig):
    name = "staffauth"
    verbose_name = "Staff accounts"

    def ready(self):
        from . import checks  # noqa: F401  (registers the deploy check)

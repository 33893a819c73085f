from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "ops"
    verbose_name = "Operations"

    def ready(self):
        # Receivers connect when their module is imported, and axes' signals need the app
        # registry loaded: only ready() runs after it is.
        from ops import events  # noqa: F401  (connects the login event receivers)

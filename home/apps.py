from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The home page: the site's front door, which leads to the programs and the contact page."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = "Home page"

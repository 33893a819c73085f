from django.apps import AppConfig


class PagesConfig(AppConfig):
    """The core every feature builds on: the base page, standard pages, site settings, phone
    numbers, crisis lines, navigation, body blocks, citations and JSON-LD."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "pages"
    verbose_name = "Site"

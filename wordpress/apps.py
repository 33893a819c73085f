from django.apps import AppConfig


class WordPressConfig(AppConfig):
    """Moving in from WordPress: `manage.py import_wordpress EXPORT.xml`, and the old site's
    addresses (`/?p=123`, old permalinks) answered with redirects to the new pages."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "wordpress"
    verbose_name = "WordPress import"

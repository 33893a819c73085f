from django.apps import AppConfig


class RatingsConfig(AppConfig):
    name = "ratings"
    verbose_name = "Article ratings"
    default_auto_field = "django.db.models.BigAutoField"

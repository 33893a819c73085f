from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    """Levels of care: the programs index and a page per program."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "programs"
    verbose_name = "Programs"

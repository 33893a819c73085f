from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo site (`manage.py load_demo`): the client's pages built from every feature."""

    name = "demo"
    verbose_name = "Demo site"

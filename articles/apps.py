from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    """Articles (the posts of a blog): the articles index, its feed, and a page per article."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "Articles"

from django.apps import AppConfig


class InquiriesConfig(AppConfig):
    name = "inquiries"
    verbose_name = "Confidential inquiries"
    default_auto_field = "django.db.models.BigAutoField"

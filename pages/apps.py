from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class PagesConfig(AppConfig):
    """The core every feature builds on: the base page, standard pages, site settings, phone
    numbers, crisis lines, navigation, body blocks, citations and JSON-LD."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "pages"
    verbose_name = "Site"


class StaffUsersConfig(WagtailUsersAppConfig):
    """Wagtail's users app, with users' roles and the group list described (pages.staff_admin)."""

    user_viewset = "pages.staff_admin.StaffUserViewSet"
    group_viewset = "pages.staff_admin.StaffGroupViewSet"

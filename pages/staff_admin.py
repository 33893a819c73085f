"""Settings → Users and Groups say what each role may do (descriptions: pages.roles)."""

from django.utils.functional import cached_property
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.groups import GroupViewSet
from wagtail.users.views.groups import IndexView as GroupIndexView
from wagtail.users.views.users import UserViewSet

from pages.roles import label_with_description, role_descriptions


class DescribedRolesMixin:
    """The Roles tab's group tick boxes, each with what the role may do."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "groups" in self.fields:
            self.fields["groups"].label_from_instance = label_with_description
            self.fields["groups"].help_text = (
                "An administrator (above) may do everything, including approving pages that are "
                "not health pages. Give everyone else only the roles they need."
            )


class StaffUserCreationForm(DescribedRolesMixin, UserCreationForm):
    pass


class StaffUserEditForm(DescribedRolesMixin, UserEditForm):
    pass


class StaffUserViewSet(UserViewSet):
    def get_form_class(self, for_update=False):
        return StaffUserEditForm if for_update else StaffUserCreationForm


class GroupIndex(GroupIndexView):
    @cached_property
    def columns(self):
        descriptions = role_descriptions()
        return [
            TitleColumn("name", label="Name", sort_key="name", url_name="wagtailusers_groups:edit"),
            Column(
                "description",
                label="What this role may do",
                accessor=lambda group: descriptions.get(group.name, ""),
            ),
        ]


class StaffGroupViewSet(GroupViewSet):
    index_view_class = GroupIndex

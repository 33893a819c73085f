"""What each group of staff may do, in plain words, for the admin's Roles tab and group list.

The apps that create a group describe it through the `describe_staff_roles` Wagtail hook: a
function returning {group name: description}. The core knows no group by name. When several apps
give one group work (Admissions reads inquiries and keeps availability), their descriptions are
joined in the order of INSTALLED_APPS.
"""

from wagtail import hooks

HOOK = "describe_staff_roles"


def role_descriptions():
    descriptions = {}
    for describe in hooks.get_hooks(HOOK):
        for name, description in describe().items():
            earlier = descriptions.get(name)
            descriptions[name] = f"{earlier} {description}" if earlier else description
    return descriptions


def label_with_description(group):
    description = role_descriptions().get(group.name)
    return f"{group.name}: {description}" if description else group.name

"""Who must pass a second factor to use the admin.

Superusers, and whoever an app says reads confidential data: each app answers through the
`reads_confidential_data` Wagtail hook, a function of a user returning True or False (the
inquiries app answers for the people who read inquiries). This app knows no group by name.
"""

from django.conf import settings
from wagtail import hooks

HOOK = "reads_confidential_data"


def reads_confidential_data(user):
    if not user.is_authenticated:
        return False
    return user.is_superuser or any(answer(user) for answer in hooks.get_hooks(HOOK))


def second_factor_required(user):
    """Must set one up (if not yet) and pass it at each login."""
    return settings.ADMIN_2FA_REQUIRED and reads_confidential_data(user)

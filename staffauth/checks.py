from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def second_factor_is_on(app_configs, **kwargs):
    if settings.ADMIN_2FA_REQUIRED:
        return []
    return [
        Warning(
            "ADMIN_2FA_REQUIRED is off: superusers and Admissions staff sign in to the admin "
            "with a password alone.",
            hint="Unset ADMIN_2FA_REQUIRED (it defaults to true) in production.",
            id="staffauth.W001",
        )
    ]

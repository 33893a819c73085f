from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp import devices_for_user
from wagtail.log_actions import log


class Command(BaseCommand):
    help = (
        "Remove a staff member's two-factor devices (a lost phone): they set up a new one at "
        "their next login. Recorded in the admin's audit log under the superuser named by --by."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="Whose two-factor authentication to reset.")
        parser.add_argument(
            "--by", required=True, metavar="SUPERUSER", help="The superuser doing the reset."
        )

    def handle(self, *args, username, by, **options):
        User = get_user_model()
        try:
            superuser = User.objects.get(username=by, is_superuser=True, is_active=True)
        except User.DoesNotExist:
            raise CommandError(f"--by must name an active superuser; {by!r} is not one.") from None
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(f"There is no user {username!r}.") from None
        with transaction.atomic():
            devices = list(devices_for_user(user, confirmed=None))
            for device in devices:
                device.delete()
            if devices:
                log(user, "staffauth.2fa_reset", user=superuser, data={"devices": len(devices)})
        if not devices:
            self.stdout.write(f"{username} has no two-factor device; nothing to reset.")
            return
        self.stdout.write(
            f"Removed {len(devices)} two-factor device(s) of {username}. They set up a new one "
            "at their next login to the admin."
        )

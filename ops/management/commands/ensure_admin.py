import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Create the superuser 'admin' if it does not exist, with DJANGO_SUPERUSER_PASSWORD or a "
        "random password printed once. An existing admin is left unchanged."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(f"Admin login: user '{username}' (existing password, unchanged).")
            return
        password = settings.ADMIN_INITIAL_PASSWORD
        generated = not password
        if generated:
            password = secrets.token_urlsafe(15)
        user = User(username=username, is_staff=True, is_superuser=True)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(
                "DJANGO_SUPERUSER_PASSWORD is too weak: " + " ".join(error.messages)
            ) from None
        user.set_password(password)
        user.save()
        if generated:
            self.stdout.write(
                f"Admin login: user '{username}', password '{password}' "
                "(shown once; change it in the admin)."
            )
        else:
            self.stdout.write(
                f"Admin login: user '{username}', password from DJANGO_SUPERUSER_PASSWORD."
            )

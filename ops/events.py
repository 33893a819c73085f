"""One log line per security event, without personal data (no usernames, no addresses)."""

import logging

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

logger = logging.getLogger("ops.auth")


@receiver(user_login_failed)
def log_login_failure(sender, **kwargs):
    logger.warning("login failed")


@receiver(user_locked_out)
def log_lockout(sender, **kwargs):
    logger.warning("login locked out after repeated failures")


@receiver(user_logged_in)
def log_login(sender, user, **kwargs):
    logger.info("login succeeded for user id %s", user.pk)

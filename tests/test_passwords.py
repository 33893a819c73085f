"""Admin passwords: the validators refuse weak ones, as Wagtail's user forms apply them."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("Sh0rt-pass!", "too short"),  # 11 characters: 12 is the minimum
        ("password1234", "too common"),
        ("739204851736", "entirely numeric"),
        ("dana.rivera.transformations", "too similar"),
    ],
)
def test_weak_passwords_are_refused(password, reason):
    user = get_user_model()(username="dana.rivera", email="dana.rivera@transformations.example")
    with pytest.raises(ValidationError) as error:
        validate_password(password, user)
    assert reason in " ".join(error.value.messages)


def test_a_long_passphrase_is_accepted():
    user = get_user_model()(username="dana.rivera")
    assert validate_password("lantern orbit meadow cobalt", user) is None

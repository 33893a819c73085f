from django import forms

from .models import MAX_STARS

NOT_A_RATING = f"A rating is a whole number of stars from 1 to {MAX_STARS}."


class VoteForm(forms.Form):
    page = forms.IntegerField(min_value=1, error_messages={"required": "Which page is this?"})
    stars = forms.IntegerField(
        min_value=1,
        max_value=MAX_STARS,
        error_messages={
            "required": f"Choose from 1 to {MAX_STARS} stars before sending your rating.",
            "invalid": NOT_A_RATING,
            "min_value": NOT_A_RATING,
            "max_value": NOT_A_RATING,
        },
    )
    token = forms.CharField(required=False, max_length=200)

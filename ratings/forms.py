from django import forms


class VoteForm(forms.Form):
    page = forms.IntegerField(min_value=1, error_messages={"required": "Which page is this?"})
    stars = forms.IntegerField(
        min_value=1,
        max_value=5,
        error_messages={
            "required": "Choose from 1 to 5 stars before sending your rating.",
            "invalid": "A rating is a whole number of stars from 1 to 5.",
            "min_value": "A rating is a whole number of stars from 1 to 5.",
            "max_value": "A rating is a whole number of stars from 1 to 5.",
        },
    )
    token = forms.CharField(required=False, max_length=200)

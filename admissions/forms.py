"""The availability screen: one small form per program, all saved at once."""

from django import forms
from django.utils import timezone

from .models import Accepting


class AvailabilityForm(forms.Form):
    status = forms.ChoiceField(
        label="Accepting new clients",
        choices=[("", "Not known (hidden from visitors)"), *Accepting.choices],
        required=False,
    )
    next_group_on = forms.DateField(
        label="Next group starts on",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Optional. Leave empty when groups start at any time.",
    )
    still_correct = forms.BooleanField(
        label="Still correct: confirm it today",
        required=False,
        help_text="Tick when nothing changed, so visitors keep seeing it.",
    )

    def __init__(self, *args, page, availability=None, **kwargs):
        self.page = page
        self.availability = availability
        initial = {}
        if availability is not None:
            initial = {"status": availability.status, "next_group_on": availability.next_group_on}
        super().__init__(*args, prefix=f"program-{page.pk}", initial=initial, **kwargs)

    def clean_next_group_on(self):
        day = self.cleaned_data["next_group_on"]
        if day and day < timezone.localdate():
            raise forms.ValidationError(
                "This date has passed. Enter the next date a group starts, or leave it empty."
            )
        return day

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("next_group_on") and not cleaned.get("status"):
            self.add_error(
                "status",
                "Choose whether the program is accepting new clients before giving a date.",
            )
        return cleaned

    @property
    def confirms(self):
        """Saving this row confirms it today: its values changed, or staff ticked 'still
        correct'."""
        changed = set(self.changed_data) - {"still_correct"}
        return bool(changed) or self.cleaned_data.get("still_correct", False)

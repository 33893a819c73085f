"""The groups clinical review works with (created by this app's data migration)."""

EDITORS = "Editors"
CLINICAL_REVIEWERS = "Clinical reviewers"

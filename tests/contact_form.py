"""The demo contact page's form (demo/contact.py) as the tests fill it in."""

CONTACT_URL = "/contact/"
# Wagtail names a form field after its label: this is the consent checkbox.
CONSENT = "i_agree_that_transformations_may_contact_me_about_my_inquiry"

from django.urls import path
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.log_actions import LogFormatter

from .models import MAX_STARS, RateablePage
from .views import ResetRatingView


@hooks.register("register_admin_urls")
def register_rating_admin_urls():
    return [
        path(
            "ratings/reset/<int:page_id>/",
            ResetRatingView.as_view(),
            name="ratings_reset",
        )
    ]


class ResetRatingMenuItem(PageMenuItem):
    label = "Reset rating"
    icon_name = "rotate"
    url_name = "ratings_reset"

    def is_shown(self, user):
        return issubclass(self.page.specific_class or object, RateablePage) and (
            self.page.permissions_for_user(user).can_publish()
        )


@hooks.register("register_page_header_buttons")
def rating_header_buttons(page, user, view_name, next_url=None):
    yield ResetRatingMenuItem(page=page, priority=75)


@hooks.register("register_page_listing_more_buttons")
def rating_listing_buttons(page, user, next_url=None):
    yield ResetRatingMenuItem(page=page, priority=75)


@hooks.register("register_log_actions")
def register_rating_log_actions(actions):
    @actions.register_action("ratings.reset")
    class RatingReset(LogFormatter):
        label = "Reset article rating"

        def format_message(self, log_entry):
            votes = (log_entry.data or {}).get("votes") or 0
            average = (log_entry.data or {}).get("average")
            if not votes:
                return "Reset the article rating (it had no votes)"
            from_votes = ngettext("%(count)d vote", "%(count)d votes", votes) % {"count": votes}
            return (
                f"Reset the article rating (it was {average} out of {MAX_STARS} from {from_votes})"
            )

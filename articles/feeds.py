"""/articles/feed/: an Atom feed of the newest articles, for feed readers and newsletters."""

from django.contrib.syndication.views import Feed
from django.utils import feedgenerator, timezone

FEED_LENGTH = 20


class ArticleFeed(Feed):
    """The articles index's newest articles. Built per request for the index page it serves."""

    feed_type = feedgenerator.Atom1Feed

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return self.index_page.title

    def subtitle(self):
        return self.index_page.intro

    def link(self):
        return self.index_page.get_full_url(self.request)

    def feed_url(self):
        return f"{self.link()}feed/"

    def items(self):
        return self.index_page.articles()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_author_name(self, item):
        return item.author.name if item.author else None

    def item_pubdate(self, item):
        return item.first_published_at or timezone.now()

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at or timezone.now()

    def item_categories(self, item):
        return [category.name for category in item.categories.all()]

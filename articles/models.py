"""Articles: health writing that goes through clinical review like program pages.

Categories are a snippet, not free tags: a reader filters by them, so the list must stay short
and spelled one way ("Relapse", never also "relapse" and "Relapse prevention"), and WordPress
categories (a name and a slug each) map onto them one for one.
"""

from django import forms
from django.core.paginator import InvalidPage, Paginator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.text import slugify
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from pages.blocks import BodyBlock
from pages.models import BasePage, CitingPage
from pages.panels import editor_tabs
from pages.structured_data import article, medical_web_page
from pages.visibility import public
from ratings.models import RateablePage
from reviews.models import ClinicallyReviewed

from .feeds import ArticleFeed

ARTICLES_PER_PAGE = 12
# Newest first: by the article's own date, then by when it was first published.
NEWEST_FIRST = ("-date", "-first_published_at", "-pk")


class Author(index.Indexed, models.Model):
    """Who wrote an article: shown in its byline and its structured data."""

    name = models.CharField(max_length=120, unique=True)
    bio = models.TextField(
        "short bio",
        max_length=600,
        blank=True,
        help_text="One or two sentences shown under the article, e.g. their role at the center.",
    )

    panels = [FieldPanel("name"), FieldPanel("bio")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ArticleCategory(models.Model):
    """A topic readers can filter the articles by (e.g. Family, Recovery, Treatment)."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(
        max_length=80,
        unique=True,
        blank=True,
        help_text="The category's part of the address (/articles/?category=family). Made from the "
        "name when left blank.",
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = "article category"
        verbose_name_plural = "article categories"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:80] or "category"
        super().save(*args, **kwargs)


class ArticleIndexPage(RoutablePageMixin, BasePage):
    """/articles/: the newest articles first, 12 a page, filtered by category, and a feed.

    Every child is an ArticlePage, so BasePage.route fetches an article with its reviewer, its
    rating and its author in one query. A new articles index is put under the "Clinical review"
    workflow by the reviews app (articles are health pages).
    """

    template = "articles/article_index_page.html"
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["articles.ArticlePage"]

    def articles(self):
        return (
            public(ArticlePage.objects.live())
            .child_of(self)
            .select_related("author")
            .prefetch_related("categories")
            .order_by(*NEWEST_FIRST)
        )

    def categories(self):
        """The categories at least one live article of this index is in."""
        live = public(ArticlePage.objects.live()).child_of(self)
        return ArticleCategory.objects.filter(articles__in=live).distinct()

    @path("")
    def index(self, request):
        categories = list(self.categories())
        slug = request.GET.get("category") or ""
        current = next((c for c in categories if c.slug == slug), None)
        if slug and current is None:
            raise Http404("No such category.")
        articles = self.articles()
        if current is not None:
            articles = articles.filter(categories=current)
        paginator = Paginator(articles, ARTICLES_PER_PAGE)
        number = request.GET.get("page") or 1
        try:
            page_obj = paginator.page(number)
        except InvalidPage as error:  # ?page=0, ?page=x or past the last page: nothing to list
            raise Http404("No such page of articles.") from error
        return self.render(
            request,
            context_overrides={
                "articles": page_obj.object_list,
                "page_obj": page_obj,
                "categories": categories,
                "current_category": current,
            },
        )

    @path("feed/")
    def feed(self, request):
        return ArticleFeed(self)(request)


class ArticlePage(ClinicallyReviewed, RateablePage, CitingPage, BasePage):
    """One article: a date, an author, categories, and the same body and citations as a program."""

    template = "articles/article_page.html"
    parent_page_types = ["articles.ArticleIndexPage"]
    subpage_types = []

    date = models.DateField(
        "article date",
        default=timezone.localdate,
        help_text="Shown on the article and used to order the articles, newest first.",
    )
    author = models.ForeignKey(
        Author,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
        help_text="Optional. Add authors under Snippets → Authors.",
    )
    categories = ParentalManyToManyField(
        ArticleCategory,
        blank=True,
        related_name="articles",
        help_text="Readers can list the articles of a category.",
    )
    body = StreamField(BodyBlock(), blank=True)

    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    content_panels = [
        *BasePage.content_panels,
        FieldPanel("date"),
        FieldPanel("author"),
        FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
        FieldPanel(
            "body",
            help_text=(
                "Write the article in sections: text, benefit sections (a heading and text), "
                "pictures and calls to action. Cite sources with the ‘Cite’ button."
            ),
        ),
        CitingPage.citation_panel,
    ]
    edit_handler = editor_tabs(
        content_panels,
        ClinicallyReviewed.review_tab("article about health"),
        settings_panels=RateablePage.rating_panels,
    )

    @classmethod
    def serve_queryset(cls, queryset):
        return (
            super().serve_queryset(queryset).select_related("author").prefetch_related("categories")
        )

    def structured_data(self, graph):
        citations = self.citation_index().all_citations()
        page = medical_web_page(self, graph, citations)
        page.update(self.review_structured_data())
        page["mainEntity"] = {"@id": f"{graph.page_url}#article"}
        author = {"@type": "Person", "name": self.author.name} if self.author else None
        return [page, article(self, graph, citations, author=author, date=self.date)]

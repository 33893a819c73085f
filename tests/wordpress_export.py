"""WordPress exports written the way WordPress writes them (WXR 1.2), for the import's tests and
its benchmark. Each item is given as keyword arguments; the file is built as text, with CDATA
sections as WordPress uses them."""

from xml.sax.saxutils import escape

SITE = "https://transformations.example"

HEADER = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
    xmlns:excerpt="http://wordpress.org/export/{version}/excerpt/"
    xmlns:content="http://purl.org/rss/1.0/modules/content/"
    xmlns:wfw="http://wellformedweb.org/CommentAPI/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:wp="http://wordpress.org/export/{version}/"
>
<channel>
    <title>{title}</title>
    <link>{site}</link>
    <description>Just another WordPress site</description>
    <language>en-US</language>
    <wp:wxr_version>{version}</wp:wxr_version>
    <wp:base_site_url>{site}</wp:base_site_url>
    <wp:base_blog_url>{site}</wp:base_blog_url>
    <wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[dana]]></wp:author_login>
        <wp:author_email><![CDATA[dana@transformations.example]]></wp:author_email>
        <wp:author_display_name><![CDATA[Dana Whitfield]]></wp:author_display_name></wp:author>
    <wp:category><wp:term_id>2</wp:term_id>
        <wp:category_nicename><![CDATA[family]]></wp:category_nicename>
        <wp:category_parent><![CDATA[]]></wp:category_parent>
        <wp:cat_name><![CDATA[Family]]></wp:cat_name></wp:category>
    <generator>https://wordpress.org/?v=6.7</generator>
"""

FOOTER = "</channel>\n</rss>\n"


def cdata(text):
    return "<![CDATA[" + str(text).replace("]]>", "]]]]><![CDATA[>") + "]]>"


def item(
    wp_id,
    title,
    *,
    post_type="page",
    slug=None,
    status="publish",
    parent=0,
    content="",
    excerpt="",
    link=None,
    date="2019-03-04 09:15:00",
    date_gmt="2019-03-04 14:15:00",
    modified_gmt="2020-05-06 10:00:00",
    meta=None,
    categories=(),
    comments=0,
    attachment_url="",
    creator="dana",
    menu_order=0,
):
    slug = title.lower().replace(" ", "-") if slug is None else slug
    if link is None:
        link = f"{SITE}/{slug}/" if post_type != "post" else f"{SITE}/2019/03/{slug}/"
    parts = [
        "<item>",
        f"<title>{escape(title)}</title>",
        f"<link>{escape(link)}</link>",
        f"<dc:creator>{cdata(creator)}</dc:creator>",
        f'<guid isPermaLink="false">{SITE}/?p={wp_id}</guid>',
        f"<content:encoded>{cdata(content)}</content:encoded>",
        f"<excerpt:encoded>{cdata(excerpt)}</excerpt:encoded>",
        f"<wp:post_id>{wp_id}</wp:post_id>",
        f"<wp:post_date>{cdata(date)}</wp:post_date>",
        f"<wp:post_date_gmt>{cdata(date_gmt)}</wp:post_date_gmt>",
        f"<wp:post_modified_gmt>{cdata(modified_gmt)}</wp:post_modified_gmt>",
        "<wp:comment_status><![CDATA[open]]></wp:comment_status>",
        f"<wp:post_name>{cdata(slug)}</wp:post_name>",
        f"<wp:status>{cdata(status)}</wp:status>",
        f"<wp:post_parent>{parent}</wp:post_parent>",
        f"<wp:menu_order>{menu_order}</wp:menu_order>",
        f"<wp:post_type>{cdata(post_type)}</wp:post_type>",
        "<wp:post_password><![CDATA[]]></wp:post_password>",
        "<wp:is_sticky>0</wp:is_sticky>",
    ]
    if attachment_url:
        parts.append(f"<wp:attachment_url>{cdata(attachment_url)}</wp:attachment_url>")
    for domain, nicename, name in categories:
        parts.append(f'<category domain="{domain}" nicename="{nicename}">{cdata(name)}</category>')
    for key, value in (meta or {}).items():
        for one in value if isinstance(value, list) else [value]:
            parts.append(
                f"<wp:postmeta><wp:meta_key>{cdata(key)}</wp:meta_key>"
                f"<wp:meta_value>{cdata(one)}</wp:meta_value></wp:postmeta>"
            )
    for number in range(comments):
        parts.append(
            f"<wp:comment><wp:comment_id>{wp_id * 100 + number}</wp:comment_id>"
            "<wp:comment_author><![CDATA[A reader]]></wp:comment_author>"
            "<wp:comment_author_email><![CDATA[reader@example.org]]></wp:comment_author_email>"
            "<wp:comment_author_IP><![CDATA[203.0.113.7]]></wp:comment_author_IP>"
            "<wp:comment_content><![CDATA[Thank you, this helped my family.]]></wp:comment_content>"
            "</wp:comment>"
        )
    parts.append("</item>")
    return "\n".join(parts) + "\n"


def attachment(wp_id, relative_path, *, alt="", title=None, parent=0, site=SITE):
    url = f"{site}/wp-content/uploads/{relative_path}"
    meta = {"_wp_attached_file": relative_path}
    if alt:
        meta["_wp_attachment_image_alt"] = alt
    return item(
        wp_id,
        title or relative_path.rsplit("/", 1)[-1].rsplit(".", 1)[0],
        post_type="attachment",
        status="inherit",
        parent=parent,
        slug=f"attachment-{wp_id}",
        link=f"{site}/?attachment_id={wp_id}",
        attachment_url=url,
        meta=meta,
    )


def menu_item(wp_id, object_id, object_type="page"):
    return item(
        wp_id,
        str(wp_id),
        post_type="nav_menu_item",
        slug=str(wp_id),
        link=f"{SITE}/?p={wp_id}",
        meta={
            "_menu_item_type": "post_type",
            "_menu_item_object": object_type,
            "_menu_item_object_id": str(object_id),
        },
        categories=[("nav_menu", "main-menu", "Main menu")],
    )


def export(*items, title="Transformations Treatment Center", version="1.2", site=SITE):
    return HEADER.format(title=escape(title), version=version, site=site) + "".join(items) + FOOTER


def write(path, *items, **kwargs):
    path.write_text(export(*items, **kwargs), encoding="utf-8")
    return path

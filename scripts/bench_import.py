#!/usr/bin/env python
"""`make bench-import`: the WordPress import measured on a synthetic export of a real site's size.

The export: 2,000 posts and 200 pages (20 top-level pages with 9 children each), every one
with 5 sections, 3 numbered citations and a Sources list, one call-to-action box and one image
of its own (2,200 attachments, files in an uploads folder). Half the posts are Gutenberg
content, the rest classic-editor HTML without <p> tags, as WordPress stores them.

1. import: `manage.py import_wordpress EXPORT --uploads DIR` into a new PostgreSQL database
   (migrated, no demo content: the usual move-in), production settings. Items per second (the
   target) are the pages and posts imported divided by the command's wall time, start-up
   included; the rate over all the export's items (attachments too) is shown below it. Peak
   RSS is the command's own.
2. memory: `--dry-run` of that export and of one 10 times larger (22,000 items); the larger
   one's peak RSS may be at most 100 MB above the smaller one's (the file is streamed).

Prints one table and exits 1 when a target is missed. --scale N changes the export's size (a
quick look: --scale 0.1); the targets hold at the default size.
"""

import argparse
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cryptography.fernet import Fernet
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.wordpress_export import FOOTER, HEADER, SITE, attachment, item  # noqa: E402

PYTHON = sys.executable
# Its own database (dropped and made again on each run) and Redis number; both can be
# changed so that two people benchmarking on one machine never share them.
DATABASE = os.environ.get("BENCH_IMPORT_DATABASE", "transformations_bench_import")
REDIS_URL = os.environ.get("BENCH_IMPORT_REDIS_URL", "redis://127.0.0.1:6379/14")
TARGETS = {"items_per_second": 25.0, "peak_rss_mb": 400.0, "dry_run_growth_mb": 100.0}
CATEGORIES = [
    ("family", "Family"),
    ("recovery", "Recovery"),
    ("treatment", "Treatment"),
    ("mental-health", "Mental health"),
    ("alcohol", "Alcohol"),
    ("opioids", "Opioids"),
    ("aftercare", "Aftercare"),
    ("news", "News"),
]
TEXT = (
    "recovery is a process that takes time and support from people who understand what you "
    "are going through and the first step is often a phone call to someone who listens"
)
WORDS = TEXT.split()


def sentence(seed, length=18):
    words = [WORDS[(seed * 7 + i * 3) % len(WORDS)] for i in range(length)]
    return " ".join(words).capitalize() + "."


def body(number, image_url, gutenberg):
    """5 sections, markers for 3 sources, one CTA box, one picture and the Sources list."""
    parts = []
    if gutenberg:
        parts.append(f"<!-- wp:paragraph -->\n<p>{sentence(number)}</p>\n<!-- /wp:paragraph -->")
    else:
        parts.append(sentence(number))
    for section in range(1, 6):
        marker = f"<sup>{section}</sup>" if section <= 3 else ""
        heading = f"<h2>Part {section}: {sentence(number + section, 5)[:-1]}</h2>"
        paragraphs = [sentence(number + section * 11) + marker, sentence(number + section * 13)]
        if gutenberg:
            parts.append(f"<!-- wp:heading -->\n{heading}\n<!-- /wp:heading -->")
            parts.extend(
                f"<!-- wp:paragraph -->\n<p>{p}</p>\n<!-- /wp:paragraph -->" for p in paragraphs
            )
        else:
            parts.append(heading)
            parts.append("\n\n".join(paragraphs))
        if section == 1:
            parts.append(f'<img class="wp-image-{number + 100000}" src="{image_url}" alt="" />')
        if section == 2:
            parts.append(
                '<div class="cta-box"><h3>Need More Information?</h3>Call now to be connected '
                'with one of our specialists. <a href="tel:800-270-4315">800-270-4315</a></div>'
            )
    sources = "".join(
        f'<li>Source {n}. <a href="https://example.org/study/{number}/{n}">Study {n} of item '
        f"{number}</a></li>"
        for n in (1, 2, 3)
    )
    parts.append(f"<h3>Sources</h3><ol>{sources}</ol>")
    return "\n\n".join(parts)


def generate(path, uploads, posts, pages):
    """Writes the export item by item (never the whole file in memory)."""
    with path.open("w", encoding="utf-8") as out:
        out.write(HEADER.format(title="Synthetic Recovery Center", version="1.2", site=SITE))
        for category, name in CATEGORIES:
            out.write(
                f"<wp:category><wp:category_nicename>{category}</wp:category_nicename>"
                f"<wp:cat_name><![CDATA[{name}]]></wp:cat_name></wp:category>\n"
            )
        top_level = max(1, pages // 10)
        for number in range(1, pages + posts + 1):
            relative = f"2020/{number % 12 + 1:02d}/picture-{number}.jpg"
            image_id = number + 100000
            out.write(attachment(image_id, relative, alt=f"Picture {number}"))
            is_post = number > pages
            resized = f"{SITE}/wp-content/uploads/" + relative.replace(".jpg", "-1024x683.jpg")
            content = body(number, resized, gutenberg=is_post and number % 2 == 0)
            if is_post:
                category = CATEGORIES[number % len(CATEGORIES)]
                out.write(
                    item(
                        number,
                        f"Article {number}: {sentence(number, 4)[:-1]}",
                        post_type="post",
                        slug=f"article-{number}",
                        content=content,
                        categories=[("category", *category)],
                        meta={"_yoast_wpseo_metadesc": sentence(number, 20)},
                    )
                )
            else:
                parent = 0 if number <= top_level else (number % top_level) + 1
                slug = f"page-{number}"
                link = f"{SITE}/page-{parent}/{slug}/" if parent else f"{SITE}/{slug}/"
                out.write(
                    item(
                        number,
                        f"Page {number}",
                        slug=slug,
                        parent=parent,
                        link=link,
                        content=content,
                        meta={"_kksr_count_default": "3", "_kksr_ratings_default": "13"},
                    )
                )
        out.write(FOOTER)
    uploads.mkdir(parents=True, exist_ok=True)
    pictures = []
    for shade in range(8):
        buffer = io.BytesIO()
        Image.new("RGB", (96, 64), (40 + shade * 25, 90, 120)).save(buffer, "JPEG")
        pictures.append(buffer.getvalue())
    for number in range(1, pages + posts + 1):
        target = uploads / f"2020/{number % 12 + 1:02d}/picture-{number}.jpg"
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(pictures[number % len(pictures)])


def env_for(media):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="transformations.settings.production",
        SECRET_KEY="bench-only-" + "x" * 50,
        INQUIRY_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        WAGTAILADMIN_BASE_URL="http://127.0.0.1:8000",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        REDIS_URL=REDIS_URL,
        MEDIA_ROOT=str(media),
        LOG_LEVEL="WARNING",
    )
    return env


def measured(cmd, env):
    """(seconds, peak RSS in MB) of one command, its own rusage (not this script's)."""
    started = time.monotonic()
    process = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.monotonic() - started
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"{' '.join(map(str, cmd))} failed (exit {code})")
    return seconds, usage.ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    args = parser.parse_args()
    posts, pages = round(2000 * args.scale), round(200 * args.scale)
    work = Path(tempfile.mkdtemp(prefix="bench-import-"))
    try:
        env = env_for(work / "media")
        small, large, uploads = work / "export.xml", work / "export-10x.xml", work / "uploads"
        print(f"Generating exports: {pages + posts} and {(pages + posts) * 10} items …")
        generate(small, uploads, posts, pages)
        generate(large, uploads, posts * 10, pages * 10)
        for sql in (
            f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)",
            f"CREATE DATABASE {DATABASE}",
        ):
            subprocess.run(
                ["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-c", sql], env=env, check=True
            )
        subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env=env, cwd=ROOT,
                       check=True)  # fmt: skip
        command = [PYTHON, "manage.py", "import_wordpress", "--uploads", str(uploads)]
        report = work / "report.json"
        seconds, rss = measured([*command, str(small), "--report", str(report)], env)
        rate = (pages + posts) / seconds
        all_items = json.loads(report.read_text())["items"]
        again, again_rss = measured([*command, str(small)], env)
        dry_small = measured([*command, str(small), "--dry-run", "-v0"], env)[1]
        dry_seconds, dry_large = measured([*command, str(large), "--dry-run", "-v0"], env)
        growth = dry_large - dry_small
        rows = [
            ("import", f"{pages + posts} items in {seconds:.1f} s", f"{rate:.1f} items/s",
             f"≥ {TARGETS['items_per_second']:.0f} items/s", rate >= TARGETS["items_per_second"]),
            ("  all export items", f"{all_items} (with attachments)",
             f"{all_items / seconds:.1f} items/s", "", None),
            ("import peak RSS", f"{rss:.0f} MB", "", f"< {TARGETS['peak_rss_mb']:.0f} MB",
             rss < TARGETS["peak_rss_mb"]),
            ("re-run (nothing changed)", f"{again:.1f} s", f"{(pages + posts) / again:.1f} items/s",
             "", None),
            ("dry run, 1x", f"{dry_small:.0f} MB", "", "", None),
            ("dry run, 10x", f"{dry_large:.0f} MB",
             f"{(pages + posts) * 10 / dry_seconds:.1f} items/s", "", None),
            ("dry-run growth 1x → 10x", f"{growth:+.0f} MB", "",
             f"≤ {TARGETS['dry_run_growth_mb']:.0f} MB", growth <= TARGETS["dry_run_growth_mb"]),
        ]  # fmt: skip
        print(f"\n{'measure':<26} {'value':<26} {'rate':<18} {'target':<16} result")
        failed = False
        for name, value, extra, target, ok in rows:
            result = "" if ok is None else ("PASS" if ok else "FAIL")
            if args.scale != 1.0 and ok is not None:
                result += " (not the target size)"
            failed |= ok is False and args.scale == 1.0
            print(f"{name:<26} {value:<26} {extra:<18} {target:<16} {result}")
        kept = ROOT / "artifacts" / "bench" / "import-report.json"
        kept.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(report, kept)
        print(f"\nre-run peak RSS {again_rss:.0f} MB; the import's report: {kept}")
        if args.keep:
            print(f"Files kept in {work}")
        return 1 if failed else 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

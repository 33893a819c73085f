import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

from wordpress.importer import Importer
from wordpress.wxr import NotAnExport


class Progress:
    """`  312/2200 items  (41.5 items/s)` on one line of a terminal; silent elsewhere."""

    def __init__(self, stream, enabled):
        self.stream = stream
        self.enabled = enabled and stream.isatty()
        self.started = time.monotonic()
        self.shown = 0.0

    def __call__(self, done, total):
        if not self.enabled:
            return
        now = time.monotonic()
        if done not in (0, total) and now - self.shown < 0.2:
            return
        self.shown = now
        rate = done / max(now - self.started, 1e-6)
        width = 30
        filled = int(width * done / total) if total else width
        bar = "█" * filled + "·" * (width - filled)
        self.stream.write(f"\r  {bar} {done}/{total} items  ({rate:.1f} items/s) ")
        if done == total:
            self.stream.write("\n")
        self.stream.flush()


class Command(BaseCommand):
    help = (
        "Import a WordPress export (Tools → Export, WXR 1.1 or 1.2): pages, posts as articles, "
        "images, redirects from the old addresses, SEO fields and star ratings. Running it "
        "again updates what changed in WordPress and keeps what editors changed here."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help="The export file (.xml).")
        parser.add_argument(
            "--uploads",
            metavar="DIR",
            help="A copy of the site's wp-content/uploads folder: where the images come from.",
        )
        parser.add_argument(
            "--download",
            action="store_true",
            help="Fetch the attachments from the export's own site instead of --uploads "
            "(public addresses of that site only).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Read, convert and report; write nothing.",
        )
        parser.add_argument(
            "--program-parent",
            metavar="SLUG",
            default="",
            help="The WordPress page whose children are the programs (levels of care). Pages "
            "with a program page template are programs too.",
        )
        parser.add_argument("--report", metavar="FILE", help="Also write the report as JSON.")

    def handle(self, *args, **options):
        if options["uploads"] and options["download"]:
            raise CommandError("Give --uploads or --download, not both.")
        if options["uploads"] and not Path(options["uploads"]).is_dir():
            raise CommandError(f"--uploads {options['uploads']}: no such folder.")
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        unapplied = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if unapplied:
            raise CommandError(
                f"The database is not set up for this version ({len(unapplied)} migrations not "
                "applied): run `manage.py migrate` first, then the import."
            )
        verbosity = options["verbosity"]
        try:
            importer = Importer(
                options["export"],
                uploads=options["uploads"],
                download=options["download"],
                dry_run=options["dry_run"],
                program_parent=options["program_parent"],
                progress=Progress(sys.stderr, verbosity > 0),
            )
            report = importer.run()
        except NotAnExport as error:
            self.stderr.write(f"Not imported: {error}")
            sys.exit(2)
        except ValueError as error:
            raise CommandError(str(error)) from error
        if options["report"]:
            Path(options["report"]).write_text(report.to_json() + "\n", encoding="utf-8")
        if verbosity > 0:
            for line in report.lines():
                self.stdout.write(line)
            if options["report"]:
                self.stdout.write(f"Report written to {options['report']}.")

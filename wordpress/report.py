"""What an import did and what it could not do, for the person who checks the result."""

import json
from collections import Counter, defaultdict


class Report:
    def __init__(self, *, source="", dry_run=False):
        self.source = source
        self.dry_run = dry_run
        self.found = Counter()  # "page/publish" -> n: what the export holds
        self.done = defaultdict(Counter)  # "created"/"updated"/"unchanged"/"kept" -> "page" -> n
        self.not_mapped = []  # {"id", "type", "title", "why"}
        self.problems = []  # {"id", "title", "problem"}
        self.redirects = []  # {"from", "to"}
        self.images_missing = []  # {"id" or "url", "why"}
        self.slugs_changed = []  # {"id", "title", "from", "to", "why"}
        self.shortcodes_removed = Counter()
        self.elements_removed = Counter()
        self.comments = 0
        self.tags = Counter()  # WordPress tag name -> posts carrying it
        self.ratings = 0
        self.images = Counter()  # created / reused
        self.documents = Counter()
        self.links = Counter()  # "to pages" / "to documents"
        self.seconds = 0.0
        self.items = 0

    def did(self, what, kind):
        self.done[what][kind] += 1

    def not_mapping(self, item, why):
        self.not_mapped.append(
            {"id": item.wp_id, "type": item.post_type, "title": item.title, "why": why}
        )

    def problem(self, item, problem):
        self.problems.append({"id": item.wp_id, "title": item.title, "problem": problem})

    def absorb(self, item, notes):
        """What converting an item's content noted."""
        self.shortcodes_removed.update(notes.shortcodes)
        self.elements_removed.update(notes.removed)
        self.links["to pages"] += notes.links_to_pages
        self.links["to documents"] += notes.links_to_documents
        for problem in notes.problems:
            self.problem(item, problem)
        for url in notes.images_missing:
            self.images_missing.append(
                {"id": item.wp_id, "url": url, "why": f"in “{item.title}”: not an imported image"}
            )

    def as_dict(self):
        return {
            "source": self.source,
            "dry_run": self.dry_run,
            "items": self.items,
            "seconds": round(self.seconds, 2),
            "found": dict(sorted(self.found.items())),
            "done": {what: dict(kinds) for what, kinds in self.done.items()},
            "images": dict(self.images),
            "documents": dict(self.documents),
            "ratings_imported": self.ratings,
            "comments_not_imported": self.comments,
            "tags_not_imported": dict(self.tags.most_common()),
            "links": dict(self.links),
            "redirects": self.redirects,
            "slugs_changed": self.slugs_changed,
            "not_mapped": self.not_mapped,
            "images_missing": self.images_missing,
            "shortcodes_removed": dict(self.shortcodes_removed.most_common()),
            "elements_removed": dict(self.elements_removed.most_common()),
            "problems": self.problems,
        }

    def to_json(self):
        return json.dumps(self.as_dict(), indent=2, ensure_ascii=False, default=str)

    def lines(self):
        """The report as text, most important first."""
        heading = "Dry run (nothing written)" if self.dry_run else "Imported"
        yield f"{heading}: {self.items} items from {self.source} in {self.seconds:.1f} s."
        yield "In the export: " + ", ".join(f"{n} {key}" for key, n in sorted(self.found.items()))
        for what in ("created", "updated", "unchanged", "kept", "not imported"):
            kinds = self.done.get(what)
            if kinds:
                label = {
                    "kept": "kept as edited here (changed since the last import; not overwritten)"
                }.get(what, what)
                yield f"Pages {label}: " + ", ".join(
                    f"{n} {kind}" for kind, n in sorted(kinds.items())
                )
        if self.images or self.documents:
            yield (
                f"Images: {self.images['created']} created, {self.images['reused']} already "
                f"here; documents: {self.documents['created']} created, "
                f"{self.documents['reused']} already here."
            )
        yield (
            f"Links: {self.links['to pages']} to imported pages, {self.links['to documents']} "
            f"to documents. Ratings imported: {self.ratings}. Comments not imported (personal "
            f"data of the public): {self.comments}."
        )
        sections = [
            ("Redirects made", self.redirects, lambda r: f"{r['from']} → {r['to']}"),
            (
                "Slugs changed",
                self.slugs_changed,
                lambda s: f"#{s['id']} {s['title']}: {s['from']} → {s['to']} ({s['why']})",
            ),
            (
                "Not imported",
                self.not_mapped,
                lambda n: f"#{n['id']} {n['type']} {n['title']}: {n['why']}",
            ),
            (
                "Images missing",
                self.images_missing,
                lambda i: f"#{i['id']} {i.get('url', '')}: {i['why']}",
            ),
            ("To check", self.problems, lambda p: f"#{p['id']} {p['title']}: {p['problem']}"),
        ]
        if self.tags:
            yield (
                f"Tags not imported ({len(self.tags)}; articles have categories here): "
                + ", ".join(f"{name} ×{n}" for name, n in self.tags.most_common())
            )
        if self.shortcodes_removed:
            yield "Shortcodes removed: " + ", ".join(
                f"[{name}] ×{n}" for name, n in self.shortcodes_removed.most_common()
            )
        if self.elements_removed:
            yield "Removed by the sanitiser: " + ", ".join(
                f"{name} ×{n}" for name, n in self.elements_removed.most_common()
            )
        for title, rows, show in sections:
            if rows:
                yield f"{title} ({len(rows)}):"
                for row in rows:
                    yield "  " + show(row)

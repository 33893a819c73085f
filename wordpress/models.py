"""What an import brought in, so that running it again updates instead of duplicating."""

from django.db import models


class ImportedItem(models.Model):
    """One WordPress object (by its site and ID) and what it became here."""

    PAGE = "page"
    IMAGE = "image"
    DOCUMENT = "document"
    KINDS = [(PAGE, "page"), (IMAGE, "image"), (DOCUMENT, "document")]

    source = models.CharField(
        max_length=255, help_text="The WordPress site the ID belongs to (its address)."
    )
    wp_id = models.PositiveBigIntegerField("WordPress ID")
    kind = models.CharField(max_length=16, choices=KINDS)
    object_id = models.PositiveBigIntegerField(help_text="The page, image or document made of it.")
    fingerprint = models.CharField(
        max_length=64, help_text="A hash of the WordPress item as last imported."
    )
    revision_id = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="The page revision the import wrote last."
    )
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "wp_id"], name="one_import_per_wordpress_object"
            )
        ]

    def __str__(self):
        return f"WordPress {self.kind} {self.wp_id} from {self.source}"

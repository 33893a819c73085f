from django.db import models
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class SiteImage(AbstractImage):
    """The site's images: Wagtail's, but the alt text a picture starts with is its description.

    Wagtail fills in a new picture's alt text from the image's description, else its title; titles
    are file names and labels ("IMG_2041", "Morning path (illustration)") that editors then leave
    as they are. Here an image without a description leaves the alt text empty, so the editor is
    asked to describe it (or mark it decorative).
    """

    description = models.CharField(
        "description (alt text)",
        max_length=255,
        blank=True,
        default="",
        help_text=(
            "What the picture shows, for people who cannot see it, e.g. ‘A counselor talking with "
            "a client in a bright room’. Used as the alt text wherever the image is placed."
        ),
    )

    admin_form_fields = Image.admin_form_fields

    class Meta(AbstractImage.Meta):
        verbose_name = "image"
        verbose_name_plural = "images"
        permissions = [("choose_image", "Can choose image")]

    @property
    def default_alt_text(self):
        return self.description


class SiteRendition(AbstractRendition):
    image = models.ForeignKey(SiteImage, related_name="renditions", on_delete=models.CASCADE)

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)

    def __setstate__(self, state):
        # Only the cache unpickles renditions. Wagtail's get_renditions() writes back every
        # rendition not marked as read from the cache, and its cache lookup does not mark them:
        # without this, each render of a page wrote all its renditions back (six per picture).
        super().__setstate__(state)
        self._from_cache = True

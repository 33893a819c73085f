from .base import BasePage
from .citations import Citation, CitingPage
from .images import SiteImage, SiteRendition
from .site_settings import SiteSettings
from .standard import StandardPage

__all__ = [
    "BasePage",
    "Citation",
    "CitingPage",
    "SiteImage",
    "SiteRendition",
    "SiteSettings",
    "StandardPage",
]

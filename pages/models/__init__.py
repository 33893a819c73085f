from .base import BasePage
from .home import HomePage
from .program import Citation, ProgramIndexPage, ProgramPage
from .site_settings import SiteSettings
from .standard import StandardPage

__all__ = [
    "BasePage",
    "Citation",
    "HomePage",
    "ProgramIndexPage",
    "ProgramPage",
    "SiteSettings",
    "StandardPage",
]

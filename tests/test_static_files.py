"""Static files as production collects them: our stylesheet minified, named by its content."""

import json

from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

PRODUCTION_STATIC = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "transformations.storage.MinifiedManifestStaticFilesStorage"},
}


def test_the_stylesheet_is_served_minified_under_its_content_hash(tmp_path):
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=PRODUCTION_STATIC):
        call_command("collectstatic", interactive=False, verbosity=0)
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    served = (tmp_path / manifest["css/site.css"]).read_text()
    source = (settings.BASE_DIR / "static" / "css" / "site.css").read_text()
    assert "/*" not in served and "\n" not in served.strip()
    assert len(served) < 0.85 * len(source)
    assert ":root{--ink:#1d2b36;" in served  # the same rules, without the spaces
    assert (tmp_path / (manifest["css/site.css"] + ".gz")).exists()

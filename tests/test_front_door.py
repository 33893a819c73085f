"""`make run` without DATABASE_URL: the demo site on its embedded SQLite database answers every
page (the suite itself runs on PostgreSQL in CI, which would not notice a query SQLite refuses)."""

import os
import subprocess
import sys

from django.conf import settings

CHECK = """
from django.test import Client
from wagtail.models import Page
client = Client(HTTP_HOST="localhost")
paths = [page.url for page in Page.objects.live().specific() if page.depth > 1]
paths += ["/search/?q=outpatient", "/no-such-page/"]
for path in paths:
    print(path, client.get(path).status_code)
"""


def test_the_demo_site_answers_on_sqlite(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "transformations.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'front-door.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
    for command in (["migrate", "--noinput", "-v0"], ["load_demo"]):
        subprocess.run([*manage, *command], env=env, check=True, capture_output=True)  # noqa: S603
    result = subprocess.run(  # noqa: S603 - our own manage.py
        [*manage, "shell", "-v0", "-c", CHECK], env=env, check=True, capture_output=True, text=True
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("/")]  # not the logs
    answers = dict(line.rsplit(" ", 1) for line in lines)
    assert answers.pop("/no-such-page/") == "404"
    assert len(answers) >= 10, answers
    assert {path for path, status in answers.items() if status != "200"} == set()

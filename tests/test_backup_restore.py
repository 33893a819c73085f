"""scripts/backup and scripts/restore against the real PostgreSQL server.

The demo site is loaded into a copy of the test database (committed, so pg_dump sees it), backed
up, restored into a new database and a new media folder, and both are compared.
"""

import hashlib
import os
import subprocess

import psycopg2
import pytest

from tests.production_server import (
    ROOT,
    create_database,
    database_url,
    drop_database,
    is_postgresql,
    manage,
    production_env,
    server_dsn,
    source_database_name,
)

pytestmark = [
    pytest.mark.skipif(not is_postgresql(), reason="backups are of PostgreSQL databases"),
    pytest.mark.django_db,
]

CONTENT_QUERIES = {
    "pages": "SELECT url_path, title, live, draft_title FROM wagtailcore_page ORDER BY path",
    "program bodies": """
        SELECT p.url_path, pp.body::text FROM programs_programpage pp
        JOIN wagtailcore_page p ON p.id = pp.page_ptr_id ORDER BY p.path""",
    "citations": "SELECT uuid::text, source, title, url FROM pages_citation ORDER BY sort_order",
    "site settings": "SELECT organisation_name, admissions_phone FROM pages_sitesettings",
    "images": "SELECT title, file, width, height FROM pages_siteimage ORDER BY id",
    "revisions": "SELECT count(*) FROM wagtailcore_revision",
}


def content(dbname):
    conn = psycopg2.connect(**server_dsn(dbname))
    try:
        with conn.cursor() as cursor:
            found = {}
            for name, sql in CONTENT_QUERIES.items():
                cursor.execute(sql)
                found[name] = cursor.fetchall()
            return found
    finally:
        conn.close()


def files(folder):
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def script(name, *args, env):
    return subprocess.run(  # noqa: S603
        [str(ROOT / "scripts" / name), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def databases(django_db_blocker):
    source = source_database_name() + "_backup"
    target = source_database_name() + "_restored"
    with django_db_blocker.unblock():
        create_database(source, template=source_database_name())
        create_database(target)
    yield source, target
    drop_database(source)
    drop_database(target)


def test_backup_then_restore_into_a_new_database_gives_the_same_site(databases, tmp_path):
    source, target = databases
    media, restored_media, backups = tmp_path / "media", tmp_path / "restored", tmp_path / "b"
    env = production_env(source, media, tmp_path / "static")
    manage(env, "load_demo")
    assert files(media), "the demo site has images"

    shell_env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path)}
    backup = script(
        "backup",
        str(backups),
        env={**shell_env, "DATABASE_URL": database_url(source), "MEDIA_ROOT": str(media)},
    )
    assert backup.returncode == 0, backup.stderr
    dump, archive = backup.stdout.split()
    assert dump.endswith(".dump") and archive.endswith("-media.tar.gz")
    assert sorted(p.name for p in backups.iterdir()) == sorted(
        [os.path.basename(dump), os.path.basename(archive)]
    )

    restore = script(
        "restore",
        dump,
        archive,
        env={**shell_env, "DATABASE_URL": database_url(target), "MEDIA_ROOT": str(restored_media)},
    )
    assert restore.returncode == 0, restore.stderr

    original, restored = content(source), content(target)
    assert len(original["pages"]) >= 3
    assert any(row[0].endswith("/programs/intensive-outpatient/") for row in original["pages"])
    assert len(original["citations"]) == 3
    assert len(original["images"]) == 2  # the demo's two pictures
    assert restored == original
    assert files(restored_media) == files(media)


def test_restore_refuses_files_that_are_not_backups_and_changes_nothing(databases, tmp_path):
    target, _ = databases  # the migrated copy of the test database
    before = content(target)
    bogus = tmp_path / "notes.dump"
    bogus.write_text("not a dump")
    media = tmp_path / "media"
    media.mkdir()
    (media / "keep.txt").write_text("still here")
    env = {
        "PATH": os.environ["PATH"],
        "DATABASE_URL": database_url(target),
        "MEDIA_ROOT": str(media),
    }

    result = script("restore", str(bogus), env=env)
    assert result.returncode != 0
    assert "not a pg_dump custom-format file" in result.stderr

    result = script("restore", str(tmp_path / "missing.dump"), env=env)
    assert result.returncode != 0
    assert "no such dump file" in result.stderr

    result = script("restore", env=env)
    assert "usage: scripts/restore DUMP [MEDIA_ARCHIVE]" in result.stderr

    assert content(target) == before
    assert (media / "keep.txt").read_text() == "still here"

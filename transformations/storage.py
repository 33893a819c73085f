"""Static files as production serves them: the stylesheets minified, then named by their content
and compressed (whitenoise).

The source CSS keeps its comments and layout for the people who edit it; visitors download it
without them (about a fifth smaller, before compression). Minified in STATIC_ROOT before Django
names each file by the hash of its content, so the name always follows what is served.
"""

from pathlib import Path, PurePosixPath

import rcssmin
from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage


class MinifiedManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    def post_process(self, paths, dry_run=False, **options):
        if not dry_run:
            paths = dict(paths)
            ours = {str(Path(folder).resolve()) for folder in settings.STATICFILES_DIRS}
            for name, (storage, path) in list(paths.items()):
                # Our stylesheets only: the apps' own (the admin's) come as their authors ship them.
                source_folder = str(Path(getattr(storage, "location", "")).resolve())
                if PurePosixPath(name).suffix == ".css" and source_folder in ours:
                    with storage.open(path) as source:
                        text = source.read().decode("utf-8")
                    with open(self.path(name), "w", encoding="utf-8") as target:
                        target.write(rcssmin.cssmin(text))
                    # Hashed and compressed from the minified copy, not from the source.
                    paths[name] = (self, name)
        yield from super().post_process(paths, dry_run=dry_run, **options)

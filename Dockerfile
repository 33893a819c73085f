# syntax=docker/dockerfile:1
# The Transformations web image: gunicorn serving Django + Wagtail, static files built in.
# Build: docker compose build. Run: docker compose up -d (see README.md, "Operations").

# --- build: a virtualenv with the runtime dependencies, pinned by requirements.lock ------------------
FROM python:3.13-slim AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 PYTHONDONTWRITEBYTECODE=1
WORKDIR /src
COPY pyproject.toml requirements.lock ./
# Only [project.dependencies] (not the dev extras), at the exact versions of the lock file.
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > requirements.txt \
 && python -m venv /opt/venv \
 && /opt/venv/bin/pip install -c requirements.lock -r requirements.txt

# --- runtime ------------------------------------------------------------------------------------------
FROM python:3.13-slim
LABEL org.opencontainers.image.title="transformations-web" \
      org.opencontainers.image.description="Transformations website: Django + Wagtail served by gunicorn"
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=transformations.settings.production \
    MEDIA_ROOT=/app/media \
    PORT=8000
RUN groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY --chown=root:root . .
# Static files are collected into the image (hashed names, pre-compressed; whitenoise serves them
# with far-future cache headers). The throwaway values only let the production settings load:
# collectstatic touches neither the database nor the secret key nor the inquiries' key.
RUN SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost WAGTAILADMIN_BASE_URL=http://localhost \
    INQUIRY_ENCRYPTION_KEYS=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= \
    DATABASE_URL=sqlite:////tmp/collectstatic.sqlite3 \
    python manage.py collectstatic --noinput --verbosity 0 \
 && python -m compileall -q /app \
 && mkdir -p /app/media /srv/static \
 && chown app:app /app/media /srv/static
# /app/media and /srv/static are where compose mounts the `media` and `static` volumes (a new
# volume takes this owner).
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, sys, urllib.request; sys.exit(urllib.request.urlopen(f\"http://127.0.0.1:{os.environ.get('PORT', '8000')}/healthz\", timeout=4).status != 200)"]
CMD ["gunicorn", "--config", "gunicorn.conf.py"]

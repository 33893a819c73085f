# shellcheck shell=bash
# Shared by scripts/backup and scripts/restore (sourced, not run).

die() { echo "$(basename "$0"): $*" >&2; exit 1; }

# The compose command: $COMPOSE if set, else `docker compose` (v2), else `docker-compose` (v1).
compose_cmd() {
    if [ -n "${COMPOSE:-}" ]; then
        echo "$COMPOSE"
    elif docker compose version >/dev/null 2>&1; then
        echo "docker compose"
    elif command -v docker-compose >/dev/null 2>&1; then
        echo "docker-compose"
    else
        die "neither 'docker compose' nor 'docker-compose' is available (or set DATABASE_URL)"
    fi
}

# Direct mode when DATABASE_URL is set (host tools against that database and MEDIA_ROOT);
# compose mode otherwise (the db and web services of docker-compose.yml).
mode() {
    if [ -n "${DATABASE_URL:-}" ]; then echo direct; else echo compose; fi
}

# DATABASE_URL as libpq takes it (dj-database-url also accepts the pgsql:// and postgis:// schemes).
libpq_url() {
    echo "$DATABASE_URL" | sed -E 's#^(pgsql|postgis)://#postgres://#'
}

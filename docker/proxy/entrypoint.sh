#!/bin/sh
# Starts Caddy only with a usable certificate: without one it stops with one line saying why, and
# nothing is served (never plain HTTP instead of HTTPS).
set -eu
cert=/certs/fullchain.pem
key=/certs/privkey.pem
for file in "$cert" "$key"; do
    if [ ! -r "$file" ]; then
        echo "proxy: refusing to start: no readable $file (mount the certificate and key at /certs; for a local trial: scripts/self-signed-cert)" >&2
        exit 1
    fi
done
if ! caddy validate --config /etc/caddy/Caddyfile --adapter caddyfile >/tmp/validate.log 2>&1; then
    reason=$(grep -o '"error":"[^"]*"' /tmp/validate.log | tail -1 | cut -d'"' -f4)
    echo "proxy: refusing to start: the certificate or key in /certs cannot be used: ${reason:-$(tail -1 /tmp/validate.log)}" >&2
    exit 1
fi
exec caddy run --config /etc/caddy/Caddyfile --adapter caddyfile

"""`--download`: fetching an attachment from the export's own site, and nothing else.

Only http(s) addresses on the export's own host names are fetched. The host is resolved first
and every address it resolves to must be a public one (no private, loopback, link-local or
reserved networks: the import must not become a way to reach the servers beside it); the
connection is made to the address that was checked, and each redirect is checked again. A time
limit and a size limit stop a slow or endless answer.
"""

import http.client
import ipaddress
import socket
import ssl
import time
from urllib.parse import urljoin, urlsplit

MAX_BYTES = 25 * 1024 * 1024
TIMEOUT_SECONDS = 15
MAX_REDIRECTS = 3


class DownloadRefused(Exception):
    """Why a file was not downloaded (one line for the report)."""


def public_address(host, port):
    """The first address of `host`, which must be public (else DownloadRefused)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise DownloadRefused(f"{host} does not resolve ({error})") from error
    addresses = [info[4][0] for info in infos]
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not ip.is_global or ip.is_multicast:
            raise DownloadRefused(
                f"refused: {host} resolves to {ip}, a private, loopback or link-local address"
            )
    return addresses[0]


class PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host, address, **kwargs):
        super().__init__(host, **kwargs)
        self.address = address

    def connect(self):
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host, address, **kwargs):
        super().__init__(host, context=ssl.create_default_context(), **kwargs)
        self.address = address

    def connect(self):
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def fetch(url, allowed_hosts, *, max_bytes=MAX_BYTES, timeout=TIMEOUT_SECONDS):
    """The bytes at `url` (an attachment of the export's own site), or DownloadRefused."""
    deadline = time.monotonic() + timeout
    for _ in range(MAX_REDIRECTS + 1):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise DownloadRefused(f"refused: {url} is not an http(s) address")
        host = parts.hostname or ""
        if host not in allowed_hosts:
            raise DownloadRefused(f"refused: {host or url} is not the export's own site")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        address = public_address(host, port)
        connection_class = (
            PinnedHTTPSConnection if parts.scheme == "https" else PinnedHTTPConnection
        )
        connection = connection_class(host, address, port=port, timeout=timeout)
        try:
            path = parts.path or "/"
            if parts.query:
                path += "?" + parts.query
            connection.request("GET", path, headers={"User-Agent": "transformations-import"})
            response = connection.getresponse()
            if response.status in (301, 302, 303, 307, 308):
                url = urljoin(url, response.getheader("Location", ""))
                continue
            if response.status != 200:
                raise DownloadRefused(f"{url} answered {response.status}")
            length = int(response.getheader("Content-Length") or 0)
            if length > max_bytes:
                raise DownloadRefused(f"{url} is larger than {max_bytes // 1024 // 1024} MB")
            chunks = []
            received = 0
            while chunk := response.read(64 * 1024):
                received += len(chunk)
                if received > max_bytes:
                    raise DownloadRefused(f"{url} is larger than {max_bytes // 1024 // 1024} MB")
                if time.monotonic() > deadline:
                    raise DownloadRefused(f"{url} took longer than {timeout} s")
                chunks.append(chunk)
            return b"".join(chunks)
        except (OSError, http.client.HTTPException) as error:
            raise DownloadRefused(f"{url} could not be fetched ({error})") from error
        finally:
            connection.close()
    raise DownloadRefused(f"{url} redirects more than {MAX_REDIRECTS} times")

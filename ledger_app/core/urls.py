"""URL normalisation, so that the same page written differently matches.

Scheme and host are lower-cased, default ports dropped, the fragment dropped, an empty path becomes
"/", a trailing slash on a non-root path is dropped, percent-escapes of unreserved characters are
decoded and the rest upper-cased, and `www.` is kept (it can be a different site) but
`registered_domain`-style matching is done by `domain_matches`.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from ledger_app.core.errors import UserError

_DEFAULT_PORTS = {"http": 80, "https": 443}
_UNRESERVED = re.compile(r"%([0-9A-Fa-f]{2})")


def _norm_escapes(part: str, safe: str) -> str:
    # Decode everything, then re-quote: %7e -> ~, %2f stays encoded only if it must.
    return quote(unquote(part), safe=safe)


def normalize_url(url: str) -> str:
    raw = url.strip()
    if not raw:
        raise UserError("an empty URL cannot be matched")
    if "://" not in raw:
        raw = "http://" + raw
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError as e:
        raise UserError(f"{url!r} is not a valid URL ({e})") from None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        raise UserError(f"{url!r} has no host name")
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        pass
    netloc = host
    if port is not None and _DEFAULT_PORTS.get(scheme) != port:
        netloc = f"{host}:{port}"
    path = _norm_escapes(parts.path or "/", safe="/:@!$&'()*+,;=~-._")
    if len(path) > 1 and path.endswith("/"):
        path = path.rstrip("/") or "/"
    query = _norm_escapes(parts.query, safe="=&/:@!$'()*+,;~-._?")
    return urlunsplit((scheme, netloc, path, query, ""))


def url_domain(url: str) -> str:
    return urlsplit(normalize_url(url)).hostname or ""


def normalize_domain(domain: str) -> str:
    d = domain.strip().lower().rstrip(".")
    if "://" in d or "/" in d:
        d = url_domain(d)
    if d.startswith("*."):
        d = d[2:]
    if not d or " " in d:
        raise UserError(f"{domain!r} is not a domain name")
    return d


def domain_matches(host: str, domain: str) -> bool:
    """True if `host` is `domain` or one of its subdomains (www.example.com matches example.com)."""
    host, domain = host.lower(), domain.lower()
    return host == domain or host.endswith("." + domain)


def url_key(url: str) -> str:
    """The matching key of a URL: normalised, without its scheme (http and https copies match)."""
    n = normalize_url(url)
    return n.split("://", 1)[1]

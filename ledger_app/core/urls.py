"""URL canonicalisation, so that the same page written differently matches (docs/url-matching.md).

`normalize_url` is the written form: scheme and host lower-cased, a trailing dot of the host and the
default port (80, 443) dropped, the fragment dropped, an empty path becomes "/", a trailing slash on
a non-root path dropped, percent-escapes normalised. `url_key` is the matching key, used the same way
at ingest (items' `url_norm`) and at every lookup (locate, `ledger check`, claims): the normalised
URL without its scheme, without a leading `www.`, without tracking parameters (`utm_*`, `fbclid`,
`gclid` and the others in `TRACKING_PARAMS`) and with the remaining query parameters in sorted order.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from ledger_app.core.messages import QT_TRANSLATE_NOOP, refused, url_error_said

_DEFAULT_PORTS = {"http": 80, "https": 443}
_UNRESERVED = re.compile(r"%([0-9A-Fa-f]{2})")


def _norm_escapes(part: str, safe: str) -> str:
    # Decode everything, then re-quote: %7e -> ~, %2f stays encoded only if it must.
    return quote(unquote(part), safe=safe)


def normalize_url(url: str) -> str:
    raw = url.strip()
    if not raw:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "an empty URL cannot be matched"))
    if "://" not in raw:
        raw = "http://" + raw
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError as e:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "{url} is not a valid URL ({problem})"), url=repr(url),
                      problem=url_error_said(e)) from None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "{url} has no host name"), url=repr(url))
    if "." not in host and len(host) >= 32 and all(c in "0123456789abcdef" for c in host) and parts.path in ("", "/"):
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "{url} is not a URL: it looks like a hash; give it as a hash "
                                                          "(--hash) instead"), url=repr(url.strip()))
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


# Query parameters that say how a visitor arrived, never which page it is.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid", "li_fat_id",
    "igshid", "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id",
    "vero_id", "wickedid", "rb_clickid", "s_cid", "ref_src", "spm",
})


def is_tracking_param(name: str) -> bool:
    n = name.lower()
    return n.startswith("utm_") or n in TRACKING_PARAMS


def _strip_www(host: str) -> str:
    return host[4:] if host.startswith("www.") and host.count(".") >= 2 else host


def parse_sha256(value: str) -> str:
    """A SHA-256 as 64 lower-case hex digits, or a UserError that says what is wrong with it (used by
    the CLI, the import and every window that takes a hash)."""
    v = (value or "").strip().lower()
    if v.startswith("sha256:"):
        v = v[7:]
    bad = sorted({c for c in v if c not in "0123456789abcdef"})
    if bad:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "{value} is not a SHA-256 value: it contains {bad}; a "
                                                          "SHA-256 is 64 hex digits (0-9, a-f)"),
                      value=repr(value.strip()), bad=repr("".join(bad)))
    if len(v) != 64:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "{value} is not a SHA-256 value: it has {n} hex digits, a "
                                                          "SHA-256 has 64; check that it was copied whole"),
                      value=repr(value.strip()), n=len(v))
    return v


def canonical_url(url: str) -> str:
    """The normalised URL with `www.` and tracking parameters removed and the query sorted."""
    parts = urlsplit(normalize_url(url))
    netloc = _strip_www(parts.netloc)
    params = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking_param(k)]
    query = urlencode(sorted(params, key=lambda kv: kv[0]), quote_via=quote, safe="/:@!$'()*+,;~-._?")
    return urlunsplit((parts.scheme, netloc, parts.path, query, ""))


def url_domain(url: str) -> str:
    """The host of a URL as domain lookups see it (lower case, without `www.`)."""
    return _strip_www(urlsplit(normalize_url(url)).hostname or "")


def normalize_domain(domain: str) -> str:
    d = domain.strip().lower().rstrip(".")
    if "://" in d or "/" in d:
        d = url_domain(d)
    if d.startswith("*."):
        d = d[2:]
    d = _strip_www(d)
    if not d or " " in d:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "{domain} is not a domain name"), domain=repr(domain))
    return d


def domain_matches(host: str, domain: str) -> bool:
    """True if `host` is `domain` or one of its subdomains (www.example.com matches example.com)."""
    host, domain = host.lower(), domain.lower()
    return host == domain or host.endswith("." + domain)


def url_key(url: str) -> str:
    """The matching key of a URL: canonical, without its scheme (http and https copies match)."""
    return canonical_url(url).split("://", 1)[1]

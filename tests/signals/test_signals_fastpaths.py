"""The signals' fast paths give what the general code gives: a URL's host and path as `urlsplit`
splits it, and a Unix time's ISO 8601 text as `time.gmtime` writes it, over many generated inputs
(odd ports, user info, queries, fragments, brackets, controls, non-ASCII, years out of range)."""

from __future__ import annotations

import random
import time
from urllib.parse import urlsplit

from ledger_app.provenance.carriers import iso_time
from ledger_app.provenance.signals import _host_of, _host_path


def _host_path_by_urlsplit(url: str | None) -> tuple[str | None, str]:
    if not url:
        return None, "/"
    try:
        parts = urlsplit(url.strip())
        host = _host_of(parts.netloc)
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        return host, path
    except ValueError:
        return None, "/"


def _iso_by_gmtime(raw: int) -> str | None:
    u = time.gmtime(raw)
    if not 1990 <= u.tm_year <= 2200:
        return None
    return f"{u.tm_year:04d}-{u.tm_mon:02d}-{u.tm_mday:02d}T{u.tm_hour:02d}:{u.tm_min:02d}:{u.tm_sec:02d}Z"


def test_host_and_path_are_urlsplits():
    rng = random.Random(19)
    pieces = ["a", "B", "/", "?", "#", "&", "=", ":", "@", ".", "%2F", "[", "]", "::1", " ", "\t", "\n", "\\",
              "é", "80", "443", "8080", "x:y", "*", "-", "~", "//", "\x00", "\x7f"]
    schemes = ["https://", "http://", "HTTPS://", "ftp://", "https:/", "", "//", " https://"]
    urls = [None, "", "https://", "http://", "https://h", "https://h?", "https://h?x", "https://h#f?x", "https://h/p?q#f",
            "https://user:pw@Host.Example:8443/a?b", "https://h:80/", "https://h:443/x", "https://h:99999/x",
            "https://h:port/x", "https://[::1]:8080/x", "https://[::1/x", "http://h/\tp", " https://h/p "]
    for _ in range(20000):
        urls.append(rng.choice(schemes) + "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 12))))
    wrong = [(u, _host_path(u), _host_path_by_urlsplit(u)) for u in urls if _host_path(u) != _host_path_by_urlsplit(u)]
    assert wrong == []


def test_unix_seconds_are_gmtimes():
    rng = random.Random(19)
    edges = [0, 1, 86399, 86400, 631152000 - 1, 631152000, 7258118400 - 1, 7258118400, 7289654400 - 1, 7289654400,
             951782400, 4107542400, 10**11]
    values = edges + [rng.randrange(631_000_000, 7_300_000_000) for _ in range(50000)]
    values += [rng.randrange(0, 10**11) for _ in range(5000)]
    assert [v for v in values if iso_time(v) != _iso_by_gmtime(v)] == []


def _ai_choice_by_lists(rules, path):
    """The ai.txt rule that decides a path as the longest-match rule states it: the matching rules,
    those of the longest path, Allow winning a tie, the first such rule."""
    hits = [r for r in rules if r.matches(path)]
    if not hits:
        return None
    best = max(len(r.path) for r in hits)
    top = [r for r in hits if len(r.path) == best]
    allow = any(r.value == "allow" for r in top)
    return next(x for x in top if x.value == ("allow" if allow else "disallow")), allow


def test_ai_txt_choice_is_the_longest_match_with_allow_winning_ties():
    import hashlib

    from ledger_app.provenance.policy_files import ParsedSite, PolicyFile, parse_content
    from ledger_app.provenance.signals import _ai_choice

    rng = random.Random(19)
    patterns = ["/", "/a/", "/a/b", "*.jpg", "*.png", "/a/*.jpg", "/b/", "/a", "/a/b$", "*"]
    paths = ["/", "/a/", "/a/b", "/a/b/c.jpg", "/x.png", "/b/1", "/a", "/ab", "/a/b.jpg", "/c"]
    for _ in range(400):
        lines = ["User-Agent: *"] + [f"{rng.choice(['Allow', 'Disallow'])}: {rng.choice(patterns)}"
                                     for _ in range(rng.randrange(1, 7))]
        data = "\n".join(lines).encode()
        site = ParsedSite.parse("h.example", [PolicyFile("h.example", "ai.txt", data, hashlib.sha256(data).hexdigest())],
                                parse_content)
        rules = site.group("ai.txt", None)
        for path in paths:
            assert _ai_choice(site, path, None) == _ai_choice_by_lists(rules, path), (lines, path)

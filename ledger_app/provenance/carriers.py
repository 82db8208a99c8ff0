"""What one item's own carriers say: the values of its Content-Usage, Content-Signal and X-Robots-Tag
headers, and its HTTP response headers, fetch time and HTML meta tags as the corpus's metadata holds
them. Nothing here raises on bad input: a malformed value becomes a problem sentence.

Why this exists apart from signals.py: these are the parsers of single values and metadata fields,
each cached or cheap; signals.py combines them with the site's policy files into findings.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

ALLOWED, RESERVED, UNKNOWN = "allowed", "reserved", "unknown"
TRAIN_AI, AI_USE, SEARCH = "train-ai", "ai-use", "search"
USES = (TRAIN_AI, AI_USE, SEARCH)
_RANK = {UNKNOWN: 0, ALLOWED: 1, RESERVED: 2}

MAX_HEADER_CHARS = 8192

# Item metadata keys (documented in docs/signals.md). The first present wins.
HEADER_KEYS = ("headers", "http_headers", "response_headers")
FETCHED_KEYS = ("fetched_at", "fetch_time", "crawl_time", "crawled_at", "warc_date", "timestamp")
META_KEYS = ("html_meta", "meta_tags")

# Vocabulary → the three uses.
_CONTENT_USAGE = {"train-ai": TRAIN_AI, "train-genai": TRAIN_AI, "ai-use": AI_USE, "search": SEARCH}
_CONTENT_SIGNAL = {"ai-train": TRAIN_AI, "ai-input": AI_USE, "search": SEARCH}


def combine(states: Iterable[str]) -> str:
    """draft-ietf-aipref-vocab §7.1: any reserved → reserved; else any allowed → allowed; else unknown."""
    best = UNKNOWN
    for s in states:
        if _RANK[s] > _RANK[best]:
            best = s
    return best


# --- structured-field statements ------------------------------------------------------------------


def _sf_dictionary(value: str) -> tuple[dict[str, Any] | None, str | None]:
    import http_sf

    if len(value) > MAX_HEADER_CHARS:
        return None, f"is longer than {MAX_HEADER_CHARS} characters"
    try:
        parsed = http_sf.parse(value.encode("ascii"), tltype="dictionary")
    except UnicodeEncodeError:
        return None, "holds characters outside ASCII"
    except Exception as e:  # http_sf raises its own error type and, on odd input, others
        return None, f"is not an RFC 9651 dictionary ({e})"
    return dict(parsed), None


def _token(v: Any) -> str | None:
    import http_sf

    item = v[0] if isinstance(v, tuple) else v
    return str(item) if isinstance(item, http_sf.Token) else None


@lru_cache(maxsize=4096)  # the same few values recur on every page of a site: parse each once
def parse_content_usage(value: str) -> tuple[dict[str, str], str | None]:
    """{use: allowed|reserved} stated by a Content-Usage value, and a problem sentence (or None).

    Follows draft-ietf-aipref-vocab §6.5: a value that does not parse states nothing; a key whose
    value is not the Token y or n states nothing (that is not an error, but we report it)."""
    d, problem = _sf_dictionary(value.strip())
    if d is None:
        return {}, f"Content-Usage {value.strip()!r} {problem}; its preferences are unknown"
    out: dict[str, str] = {}
    odd = []
    for label, use in _CONTENT_USAGE.items():
        if label not in d:
            continue
        tok = _token(d[label])
        if tok == "y":
            out[use] = combine([out.get(use, UNKNOWN), ALLOWED])
        elif tok == "n":
            out[use] = RESERVED
        else:
            odd.append(label)
    problem = (f"Content-Usage {value.strip()!r}: {', '.join(odd)} is neither y nor n, so unknown" if odd else None)
    return out, problem


@lru_cache(maxsize=4096)
def parse_content_signal(value: str) -> tuple[dict[str, str], str | None]:
    """{use: allowed|reserved} stated by a Content-Signal value (yes / no), and a problem or None."""
    d, problem = _sf_dictionary(value.strip())
    if d is None:
        return {}, f"Content-Signal {value.strip()!r} {problem}; its signals are unknown"
    out: dict[str, str] = {}
    odd = []
    for label, use in _CONTENT_SIGNAL.items():
        if label not in d:
            continue
        tok = _token(d[label])
        if tok == "yes":
            out[use] = combine([out.get(use, UNKNOWN), ALLOWED])
        elif tok == "no":
            out[use] = RESERVED
        else:
            odd.append(label)
    problem = f"Content-Signal {value.strip()!r}: {', '.join(odd)} is neither yes nor no, so unknown" if odd else None
    return out, problem


@lru_cache(maxsize=4096)
def parse_x_robots_tag(value: str, agent: str | None) -> frozenset[str]:
    """The directives of an X-Robots-Tag / robots meta value that apply to `agent` (lowercased)."""
    out: set[str] = set()
    scope: str | None = None
    for part in value.split(","):
        part = part.strip().lower()
        if ":" in part:
            head, _, rest = part.partition(":")
            if head.strip() and " " not in head.strip() and head.strip() not in ("unavailable_after", "max-snippet",
                                                                                 "max-image-preview", "max-video-preview"):
                scope, part = head.strip(), rest.strip()
        if scope is None or scope == "*" or (agent and scope == agent.lower()):
            if part:
                out.add(part)
    return frozenset(out)


# --- item-level carriers: headers, fetch time, HTML meta --------------------------------------------


def headers_from(meta: Mapping[str, Any]) -> tuple[dict[str, list[str]], str | None]:
    """The item's response headers ({lowercased name: [values]}) from its metadata, and a problem."""
    raw = first_of(meta, HEADER_KEYS)
    if raw is None:
        return {}, None
    if type(raw) is dict:  # the common case, a JSON object of text values: as `add` below reads it
        fast: dict[str, list[str]] = {}
        for k, v in raw.items():
            if type(k) is not str or type(v) is not str:
                break
            name = k.strip().lower()
            if name in fast:
                fast[name].append(v.strip())
            else:
                fast[name] = [v.strip()]
        else:
            return fast, None
    if isinstance(raw, str):
        text = raw
        if text.lstrip().startswith(("{", "[")):
            try:
                raw = json.loads(text)
            except ValueError:
                return {}, "the item's headers field is neither JSON nor a header block; ignored"
        else:
            pairs = []
            for line in text.splitlines():
                if ":" in line and not line.startswith(("HTTP/", " ", "\t")):
                    name, _, val = line.partition(":")
                    pairs.append([name, val])
            raw = pairs
    out: dict[str, list[str]] = {}

    def add(name: Any, value: Any) -> bool:
        if not isinstance(name, str):
            return False
        values = value if isinstance(value, list) else [value]
        for v in values:
            if not isinstance(v, str | int | float):
                return False
            out.setdefault(name.strip().lower(), []).append(str(v).strip())
        return True

    ok = True
    if isinstance(raw, Mapping):
        for k, v in raw.items():
            ok = add(k, v) and ok
    elif isinstance(raw, list):
        for pair in raw:
            if isinstance(pair, list | tuple) and len(pair) == 2:
                ok = add(pair[0], pair[1]) and ok
            elif isinstance(pair, Mapping) and {"name", "value"} <= set(pair):
                ok = add(pair["name"], pair["value"]) and ok
            else:
                ok = False
    else:
        return {}, "the item's headers field is not an object or a list of name/value pairs; ignored"
    return out, None if ok else "some of the item's headers are not name/value text pairs; those were ignored"


def first_of(meta: Mapping[str, Any], keys: tuple[str, ...]) -> Any:
    """The value of the first of `keys` that `meta` holds other than None or ""."""
    for k in keys:
        v = meta.get(k)
        if v not in (None, ""):
            return v
    return None


def fetched_at_from(meta: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """The item's fetch time as ISO 8601 UTC (seconds), and a problem sentence."""
    raw = first_of(meta, FETCHED_KEYS)
    if raw is None:
        return None, None
    iso = iso_time(raw)
    if iso is None:
        return None, f"the fetch time {str(raw)[:60]!r} is not an ISO 8601 date or Unix time; ignored"
    return iso, None


def iso_time(raw: Any) -> str | None:
    if type(raw) is int and 0 <= raw <= 1e11:  # Unix seconds, the common case: whole seconds, no rounding
        # Unix time has no leap seconds: the date is the day's (cached: a crawl's items share a few days),
        # the time of day the remainder's.
        day, secs = divmod(raw, 86400)
        date = _utc_date(day)
        if date is None:
            return None
        hour, rest = divmod(secs, 3600)
        return f"{date}T{hour:02d}:{rest // 60:02d}:{rest % 60:02d}Z"
    try:
        if isinstance(raw, bool):
            return None
        if isinstance(raw, int | float):
            t = float(raw)
            if t > 1e11:  # milliseconds
                t /= 1000
            dt = datetime.fromtimestamp(t, UTC)
        elif isinstance(raw, str):
            s = raw.strip()
            if re.fullmatch(r"\d{14}", s):  # WARC/CDX 14-digit timestamps
                dt = datetime.strptime(s, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
            elif re.fullmatch(r"\d+(\.\d+)?", s):
                return iso_time(float(s))
            else:
                dt = datetime.fromisoformat(s.replace("Z", "+00:00"))
                if dt.tzinfo is None:
                    dt = dt.replace(tzinfo=UTC)
        else:
            return None
        if not 1990 <= dt.year <= 2200:
            return None
        u = dt.astimezone(UTC)
        return f"{u.year:04d}-{u.month:02d}-{u.day:02d}T{u.hour:02d}:{u.minute:02d}:{u.second:02d}Z"
    except (ValueError, OverflowError, OSError):
        return None


@lru_cache(maxsize=1024)
def _utc_date(day: int) -> str | None:
    """YYYY-MM-DD of the UTC day `day` days after 1970-01-01, or None outside 1990-2200."""
    try:
        u = time.gmtime(day * 86400)
    except (OverflowError, OSError, ValueError):
        return None
    if not 1990 <= u.tm_year <= 2200:
        return None
    return f"{u.tm_year:04d}-{u.tm_mon:02d}-{u.tm_mday:02d}"


_META_RE = re.compile(rb"<meta\b[^>]*>", re.I)
_ATTR_RE = re.compile(rb"""([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


def html_meta_from(meta: Mapping[str, Any], data: bytes | None, is_text: bool) -> dict[str, str]:
    """{lowercased meta name: content} from the item's metadata (`html_meta`) or its own HTML head."""
    out: dict[str, str] = {}
    given = first_of(meta, META_KEYS)
    if isinstance(given, Mapping):
        out.update({str(k).lower(): str(v) for k, v in given.items() if isinstance(v, str | int)})
    elif isinstance(given, list):
        for m in given:
            if isinstance(m, Mapping) and isinstance(m.get("name"), str) and isinstance(m.get("content"), str | int):
                out[m["name"].lower()] = str(m["content"])
    # Only a document that starts like markup is searched (cheap for the plain text most items are).
    if data and is_text and data[:512].lstrip()[:1] == b"<":
        head = data[:65536]
        if b"<meta" in head[:16384].lower():
            for tag in _META_RE.findall(head.split(b"</head", 1)[0]):
                attrs = {m[0].lower(): (m[1] or m[2] or m[3]) for m in _ATTR_RE.findall(tag)}
                name = attrs.get(b"name")
                if name and b"content" in attrs:
                    out.setdefault(name.decode("latin-1").lower(), attrs[b"content"].decode("utf-8", "replace"))
    return out

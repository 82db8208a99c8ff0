"""Sites' policy files, parsed once: robots.txt (with its Content-Usage and Content-Signal rules),
/.well-known/tdmrep.json and ai.txt.

Why this exists apart from signals.py: a corpus's policy-file snapshot is parsed once per process
(`parsed_sites`, cached by the snapshot's digest) into one `ParsedSite` per host, with the problems
found in the files; signals.py then asks each site about each item's path. The rule grammar
(RFC 9309 grouping, `*` and `$` patterns, longest match) lives here.

Cost: a host's files are parsed when an item of that host is first evaluated in the process (a
worker that reads one site's shard parses that site only), and a file's content is parsed once per
process whatever the number of sites serving the same bytes (many sites serve the same
robots.txt); path patterns are compiled once per pattern.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import re
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import unquote

#: The largest policy file read (Google reads the first 500 KiB of a robots.txt; so do we).
MAX_POLICY_BYTES = 500 * 1024


@dataclass(frozen=True)
class PolicyFile:
    """One policy file of one site, as a snapshot holds it."""

    host: str
    name: str  # robots.txt | tdmrep.json | ai.txt
    content: bytes
    sha256: str
    fetched_at: str | None = None

    @property
    def url(self) -> str:
        path = "/.well-known/tdmrep.json" if self.name == "tdmrep.json" else f"/{self.name}"
        return f"https://{self.host}{path}"


@dataclass(frozen=True)
class SignalContext:
    """What a corpus's items are judged against: its crawler and the sites' policy files.

    Goes with every work unit (a process pool's or a Ray task's) and is parsed once per process. Its
    pickle is compressed once per context (`_packed`: a 1,000-site snapshot of ~700 KB packs to ~20 KB),
    and a process that already holds a context unpacked from the same bytes takes that one instead of
    unpacking them again (`_unpack`): each unit carries the context, but is not slowed by it."""

    crawler: str | None = None
    files: tuple[PolicyFile, ...] = ()
    snapshot_sha256: str | None = None

    def by_host(self) -> dict[str, list[PolicyFile]]:
        out: dict[str, list[PolicyFile]] = {}
        for f in self.files:
            out.setdefault(f.host, []).append(f)
        return out

    def __reduce__(self) -> tuple[Callable[[bytes], SignalContext], tuple[bytes]]:
        packed = self.__dict__.get("_packed")
        if packed is None:
            fields = (self.crawler, self.files, self.snapshot_sha256)
            packed = zlib.compress(pickle.dumps(fields, protocol=pickle.HIGHEST_PROTOCOL), 1)
            object.__setattr__(self, "_packed", packed)  # not a field: eq, hash and repr ignore it
        return _unpack, (packed,)


_UNPACKED: dict[bytes, SignalContext] = {}  # by the SHA-256 of the packed bytes


def _unpack(packed: bytes) -> SignalContext:
    """The SignalContext packed in these bytes; the same object for the same bytes within a process."""
    key = hashlib.sha256(packed).digest()
    ctx = _UNPACKED.get(key)
    if ctx is None:
        crawler, files, digest = pickle.loads(zlib.decompress(packed))
        ctx = SignalContext(crawler, files, digest)
        object.__setattr__(ctx, "_packed", packed)  # sent on as it came (a Ray task's context, say)
        if len(_UNPACKED) > 8:
            _UNPACKED.clear()
        _UNPACKED[key] = ctx
    return ctx


@lru_cache(maxsize=8192)  # the same few patterns ("/", "/private/", "*.jpg") recur across sites
def _pattern_regex(pattern: str) -> re.Pattern[str]:
    """A robots.txt / tdmrep path pattern (`*` any run, `$` end) as a regex matched at the start."""
    anchored = pattern.endswith("$")
    body = pattern[:-1] if anchored else pattern
    rx = ".*".join(re.escape(unquote(p)) for p in body.split("*"))
    return re.compile(rx + ("$" if anchored else ""), re.S)


@dataclass
class PathRule:
    """One rule line of a policy file: its path pattern, its value (a preference, or allow/disallow)
    and its line number, for the evidence."""

    path: str
    value: str
    line: int
    rx: re.Pattern[str] = field(init=False)

    def __post_init__(self) -> None:
        self.rx = _pattern_regex(self.path or "/")

    def matches(self, path: str) -> bool:
        return self.rx.match(path) is not None


def _robots_groups(text: str, label: str) -> tuple[dict[str, list[PathRule]], list[str]]:
    """{user agent (lowercased): [rules with `label`]} of a robots.txt, per RFC 9309 grouping."""
    groups: dict[str, list[PathRule]] = {}
    agents: list[str] = []
    in_rules = False
    problems: list[str] = []
    label_l = label.lower()
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line or ":" not in line:
            continue
        key, _, value = line.partition(":")
        key, value = key.strip().lower(), value.strip()
        if key in ("user-agent", "useragent"):
            if in_rules:
                agents, in_rules = [], False
            agents.append(value.lower())
            for a in agents:
                groups.setdefault(a, [])
            continue
        in_rules = True
        if key != label_l:
            continue
        if not agents:
            problems.append(f"line {n}: {label} before any User-Agent line; ignored")
            continue
        if value.startswith("/"):
            path, _, pref = value.partition(" ")
            if not pref:
                path, _, pref = value.partition("\t")
            pref = pref.strip()
        else:
            path, pref = "", value
        for a in agents:
            groups[a].append(PathRule(path, pref, n))
    return groups, problems


def _group_for(groups: Mapping[str, list[PathRule]], agent: str | None) -> list[PathRule]:
    if agent:
        a = agent.lower()
        for name, rules in groups.items():
            if name != "*" and (a == name or a.startswith(name)):
                return rules
    return list(groups.get("*", []))


def longest_match(rules: list[PathRule], path: str) -> list[PathRule]:
    """The matching rules with the longest path (RFC 9309: the most specific rule decides)."""
    hits = [r for r in rules if r.matches(path)]
    if not hits:
        return []
    best = max(len(r.path or "") for r in hits)
    return [r for r in hits if len(r.path or "") == best]


@dataclass
class ParsedSite:
    """One site's policy files, parsed: robots.txt (via protego plus our Content-Usage and
    Content-Signal rules), tdmrep.json rules, ai.txt rules; with the problems found in them."""

    host: str
    robots: PolicyFile | None = None
    protego: Any = None
    usage_groups: dict[str, list[PathRule]] = field(default_factory=dict)
    signal_groups: dict[str, list[PathRule]] = field(default_factory=dict)
    tdmrep: PolicyFile | None = None
    tdm_rules: list[tuple[re.Pattern[str], str, Any, Any]] = field(default_factory=list)
    aitxt: PolicyFile | None = None
    ai_groups: dict[str, list[PathRule]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    _groups: dict[tuple[str, str | None], list[PathRule]] = field(default_factory=dict)
    # The findings (signals.Finding) this site's files have stated, by their fields: made once, shared by its pages.
    findings_memo: dict[tuple[Any, ...], Any] = field(default_factory=dict)

    def group(self, label: str, agent: str | None) -> list[PathRule]:
        """The rules of `label` (content-usage, content-signal, ai.txt) for `agent`, chosen once."""
        key = (label, agent)
        rules = self._groups.get(key)
        if rules is None:
            groups = {"content-usage": self.usage_groups, "content-signal": self.signal_groups,
                      "ai.txt": self.ai_groups}[label]
            rules = self._groups[key] = _group_for(groups, agent)
        return rules

    @classmethod
    def parse(cls, host: str, files: Iterable[PolicyFile],
              parsed: Callable[[PolicyFile], _ParsedContent | str] | None = None) -> ParsedSite:
        """The site of `host` from its files; `parsed` (default: `parse_content`) reads one file's bytes,
        and may answer from a cache for bytes it has read before."""
        read = parsed or parse_content
        site = cls(host)
        for f in files:
            content = read(f)
            if isinstance(content, str):  # not UTF-8: nothing of the file is used
                site.problems.append(f"{f.url} {content}")
                continue
            if len(f.content) > MAX_POLICY_BYTES:
                site.problems.append(f"{f.url} is over {MAX_POLICY_BYTES} bytes; only its start was read")
            if f.name in _READERS:
                site.take(f, content)
        return site

    def take(self, f: PolicyFile, parsed: _ParsedContent) -> None:
        """Take one of this site's files, parsed (`parse_content`): its rules, and its problems
        prefixed with the file's URL."""
        if f.name == "robots.txt":
            self.robots, self.protego = f, parsed.protego
            self.usage_groups, self.signal_groups = parsed.groups["content-usage"], parsed.groups["content-signal"]
        elif f.name == "tdmrep.json":
            self.tdmrep, self.tdm_rules = f, list(parsed.tdm_rules)
        else:
            self.aitxt, self.ai_groups = f, parsed.groups["ai.txt"]
        self.problems += [f"{f.url} {p}" for p in parsed.problems]

    def read_robots(self, f: PolicyFile, text: str) -> None:
        """Take this site's robots.txt: protego's Allow/Disallow, and our Content-Usage and Content-Signal rules."""
        self.take(f, _robots_content(text))

    def read_aitxt(self, f: PolicyFile, text: str) -> None:
        """Take this site's ai.txt: Allow/Disallow path or file-type patterns per user agent."""
        self.take(f, _aitxt_content(text))

    def read_tdmrep(self, f: PolicyFile, text: str) -> None:
        """Take this site's /.well-known/tdmrep.json rules."""
        self.take(f, _tdmrep_content(text))

    # Queries per item --------------------------------------------------------------------------

    def can_fetch(self, url: str, agent: str) -> bool | None:
        if self.protego is None:
            return None
        try:
            return bool(self.protego.can_fetch(url, agent))
        except Exception:  # an odd URL: no statement rather than a crash
            return None

    def tdm_index(self, path: str) -> int | None:
        """The index of the first tdmrep.json rule whose location matches `path` (TDMRep: the first wins)."""
        for k, rule in enumerate(self.tdm_rules):
            if rule[0].match(path):
                return k
        return None


def _ai_path(p: str) -> str:
    p = p.strip()
    if not p:
        return "/"
    return p if p.startswith("/") else "*" + p.lstrip("*")


@dataclass(frozen=True)
class _ParsedContent:
    """What one policy file's bytes say, whichever site serves them (shared read-only between the
    sites serving the same bytes): rules, protego's parse, and problems without the file's URL."""

    problems: tuple[str, ...] = ()
    protego: Any = None
    groups: Mapping[str, dict[str, list[PathRule]]] = field(default_factory=dict)
    tdm_rules: tuple[tuple[re.Pattern[str], str, Any, Any], ...] = ()


def _robots_content(text: str) -> _ParsedContent:
    from protego import Protego

    problems: list[str] = []
    try:
        protego = Protego.parse(text)
    except Exception as e:  # protego is lenient, but a parser must never stop an ingest
        problems.append(f"could not be parsed ({e}); its rules were not used")
        protego = None
    usage, p1 = _robots_groups(text, "content-usage")
    signal, p2 = _robots_groups(text, "content-signal")
    return _ParsedContent(tuple(problems + p1 + p2), protego, {"content-usage": usage, "content-signal": signal})


def _aitxt_content(text: str) -> _ParsedContent:
    groups_d, problems_d = _robots_groups(text, "disallow")
    groups_a, problems_a = _robots_groups(text, "allow")
    ai_groups: dict[str, list[PathRule]] = {}
    for a in set(groups_d) | set(groups_a):
        rules = [PathRule(_ai_path(r.path or r.value), "disallow", r.line) for r in groups_d.get(a, [])]
        rules += [PathRule(_ai_path(r.path or r.value), "allow", r.line) for r in groups_a.get(a, [])]
        ai_groups[a] = rules
    # Rules before any User-Agent line belong to no group: reported (in the file's line order), not used.
    problems = sorted(problems_d + problems_a, key=lambda p: int(p.split(":", 1)[0].removeprefix("line ")))
    return _ParsedContent(tuple(problems), groups={"ai.txt": ai_groups})


def _tdmrep_content(text: str) -> _ParsedContent:
    try:
        doc = json.loads(text)
    except ValueError as e:
        return _ParsedContent((f"is not valid JSON ({e}); TDMRep from the file is unknown",))
    if not isinstance(doc, list):
        return _ParsedContent(("is not a JSON array of rules; TDMRep from the file is unknown",))
    problems, rules = [], []
    for k, rule in enumerate(doc, 1):
        if not isinstance(rule, dict) or not isinstance(rule.get("location"), str) or "tdm-reservation" not in rule:
            problems.append(f"rule {k} lacks a location or tdm-reservation; it was skipped")
            continue
        loc = rule["location"]
        rules.append((_pattern_regex(loc if loc.startswith("/") else "/" + loc), loc, rule["tdm-reservation"],
                      rule.get("tdm-policy")))
    return _ParsedContent(tuple(problems), tdm_rules=tuple(rules))


_READERS = {"robots.txt": _robots_content, "tdmrep.json": _tdmrep_content, "ai.txt": _aitxt_content}


def parse_content(f: PolicyFile) -> _ParsedContent | str:
    """One policy file's bytes parsed, whichever site serves them, or, for bytes that are not UTF-8,
    the problem (without the file's URL)."""
    try:
        text = f.content[:MAX_POLICY_BYTES].decode("utf-8")
    except UnicodeDecodeError as e:
        return f"is not UTF-8 text (byte {e.start}); it was not used"
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = _READERS.get(f.name)
    return reader(text) if reader else _ParsedContent()


# --- parsed once per process ---------------------------------------------------------------------


class _Sites:
    """A snapshot's sites by host, each parsed when it is first asked for; a file's bytes are parsed
    once however many sites serve them (many sites serve the same robots.txt)."""

    def __init__(self, ctx: SignalContext):
        self._files = ctx.by_host()
        self._parsed: dict[str, ParsedSite | None] = {}
        self._contents: dict[tuple[str, str], tuple[bytes, _ParsedContent | str]] = {}
        # What provenance/kinds.py has made of the pages of these sites and of their hosts' files.
        self.evidence_memo: dict[tuple[Any, ...], Any] = {}
        self.reason_memo: dict[tuple[Any, ...], Any] = {}
        self.forms: dict[tuple[Any, ...], Any] = {}
        self.form_of: dict[str, Any] = {}
        self.kind_counts = [0, 0]  # pages looked up, kinds made (kinds.item_evidence)

    def get(self, host: str) -> ParsedSite | None:
        try:
            return self._parsed[host]
        except KeyError:
            files = self._files.get(host)
            site = self._parsed[host] = ParsedSite.parse(host, files, self._content) if files else None
            return site

    def files_of(self, host: str) -> list[PolicyFile] | None:
        """The snapshot's files of `host` (None: it has none)."""
        return self._files.get(host)

    def content(self, f: PolicyFile) -> _ParsedContent | str:
        """One file's bytes parsed, once for the same bytes whichever sites serve them (`parse_content`)."""
        return self._content(f)

    def _content(self, f: PolicyFile) -> _ParsedContent | str:
        key = (f.name, f.sha256)
        hit = self._contents.get(key)
        if hit is not None and hit[0] == f.content:  # the digest picks the entry; the bytes confirm it
            return hit[1]
        parsed = parse_content(f)
        self._contents[key] = (f.content, parsed)
        return parsed


_PARSED: dict[str, _Sites] = {}


def parsed_sites(ctx: SignalContext) -> _Sites:
    """The context's sites (`.get(host)`), each parsed once per process (cached by the snapshot's digest)."""
    key = ctx.snapshot_sha256 or ""
    sites = _PARSED.get(key)
    if sites is None:
        sites = _Sites(ctx)
        if len(_PARSED) > 8:
            _PARSED.clear()
        _PARSED[key] = sites
    return sites

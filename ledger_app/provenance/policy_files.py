"""Sites' policy files, parsed once: robots.txt (with its Content-Usage and Content-Signal rules),
/.well-known/tdmrep.json and ai.txt.

Why this exists apart from signals.py: a corpus's policy-file snapshot is parsed once per process
(`parsed_sites`, cached by the snapshot's digest) into one `ParsedSite` per host, with the problems
found in the files; signals.py then asks each site about each item's path. The rule grammar
(RFC 9309 grouping, `*` and `$` patterns, longest match) lives here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
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

    Picklable and small enough to send with every work unit; parsed once per process."""

    crawler: str | None = None
    files: tuple[PolicyFile, ...] = ()
    snapshot_sha256: str | None = None

    def by_host(self) -> dict[str, list[PolicyFile]]:
        out: dict[str, list[PolicyFile]] = {}
        for f in self.files:
            out.setdefault(f.host, []).append(f)
        return out


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
    def parse(cls, host: str, files: Iterable[PolicyFile]) -> ParsedSite:
        site = cls(host)
        for f in files:
            try:
                text = f.content[:MAX_POLICY_BYTES].decode("utf-8")
            except UnicodeDecodeError as e:
                site.problems.append(f"{f.url} is not UTF-8 text (byte {e.start}); it was not used")
                continue
            if len(f.content) > MAX_POLICY_BYTES:
                site.problems.append(f"{f.url} is over {MAX_POLICY_BYTES} bytes; only its start was read")
            if text.startswith("\ufeff"):
                text = text[1:]
            if f.name == "robots.txt":
                site.read_robots(f, text)
            elif f.name == "tdmrep.json":
                site.read_tdmrep(f, text)
            elif f.name == "ai.txt":
                site.read_aitxt(f, text)
        return site

    def read_robots(self, f: PolicyFile, text: str) -> None:
        """Take this site's robots.txt: protego's Allow/Disallow, and our Content-Usage and Content-Signal rules."""
        from protego import Protego

        self.robots = f
        try:
            self.protego = Protego.parse(text)
        except Exception as e:  # protego is lenient, but a parser must never stop an ingest
            self.problems.append(f"{f.url} could not be parsed ({e}); its rules were not used")
            self.protego = None
        self.usage_groups, p1 = _robots_groups(text, "content-usage")
        self.signal_groups, p2 = _robots_groups(text, "content-signal")
        self.problems += [f"{f.url} {p}" for p in p1 + p2]

    def read_aitxt(self, f: PolicyFile, text: str) -> None:
        """Take this site's ai.txt: Allow/Disallow path or file-type patterns per user agent."""
        self.aitxt = f
        self.ai_groups = {}
        groups_d, _ = _robots_groups(text, "disallow")
        groups_a, _ = _robots_groups(text, "allow")
        for a in set(groups_d) | set(groups_a):
            rules = [PathRule(_ai_path(r.path or r.value), "disallow", r.line) for r in groups_d.get(a, [])]
            rules += [PathRule(_ai_path(r.path or r.value), "allow", r.line) for r in groups_a.get(a, [])]
            self.ai_groups[a] = rules

    def read_tdmrep(self, f: PolicyFile, text: str) -> None:
        """Take this site's /.well-known/tdmrep.json rules."""
        self.tdmrep = f
        try:
            doc = json.loads(text)
        except ValueError as e:
            self.problems.append(f"{f.url} is not valid JSON ({e}); TDMRep from the file is unknown")
            return
        if not isinstance(doc, list):
            self.problems.append(f"{f.url} is not a JSON array of rules; TDMRep from the file is unknown")
            return
        for k, rule in enumerate(doc, 1):
            if not isinstance(rule, dict) or not isinstance(rule.get("location"), str) or "tdm-reservation" not in rule:
                self.problems.append(f"{f.url} rule {k} lacks a location or tdm-reservation; it was skipped")
                continue
            loc = rule["location"]
            self.tdm_rules.append((_pattern_regex(loc if loc.startswith("/") else "/" + loc), loc,
                                   rule["tdm-reservation"], rule.get("tdm-policy")))

    # Queries per item --------------------------------------------------------------------------

    def can_fetch(self, url: str, agent: str) -> bool | None:
        if self.protego is None:
            return None
        try:
            return bool(self.protego.can_fetch(url, agent))
        except Exception:  # an odd URL: no statement rather than a crash
            return None

    def tdm_for(self, path: str) -> tuple[str, Any, Any] | None:
        for rx, loc, reservation, policy in self.tdm_rules:
            if rx.match(path):
                return loc, reservation, policy
        return None


def _ai_path(p: str) -> str:
    p = p.strip()
    if not p:
        return "/"
    return p if p.startswith("/") else "*" + p.lstrip("*")


# --- parsed once per process ---------------------------------------------------------------------

_PARSED: dict[str, dict[str, ParsedSite]] = {}


def parsed_sites(ctx: SignalContext) -> dict[str, ParsedSite]:
    """The context's sites, parsed once per process (cached by the snapshot's digest)."""
    key = ctx.snapshot_sha256 or ""
    sites = _PARSED.get(key)
    if sites is None:
        sites = {host: ParsedSite.parse(host, files) for host, files in ctx.by_host().items()}
        if len(_PARSED) > 8:
            _PARSED.clear()
        _PARSED[key] = sites
    return sites

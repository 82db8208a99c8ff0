"""Machine-readable opt-out signals: what each carrier says about each use of an item, as a tri-state.

Why this exists: rights holders state training preferences in many places besides C2PA, and a
crawler captures them with the content (response headers, HTML) or beside it (the site's policy
files). This module reads every carrier the same way and answers, per use, allowed / reserved /
unknown, keeping each statement's source, place and fetch time as evidence:

* IETF AI preferences (draft-ietf-aipref-vocab / -attach): the ``Content-Usage`` HTTP header and
  ``Content-Usage`` rules in robots.txt, an RFC 9651 Dictionary (parsed with ``http_sf``) of
  ``train-ai`` / ``ai-use`` / ``search`` (and the older ``train-genai``) with Tokens ``y`` / ``n``;
  anything else, or a Dictionary that does not parse, is unknown (reported as a problem).
  robots.txt rules follow the group of the corpus's crawler (else ``*``), the longest matching path,
  apply only to crawlable paths, and conflicting rules of the same length combine restrictively.
* Content Signals (contentsignals.org): ``Content-Signal`` lines in robots.txt, ``ai-train`` /
  ``ai-input`` / ``search`` with ``yes`` / ``no``, with the same group and path rules.
* robots.txt Allow/Disallow for the AI crawler the corpus names (``protego``): a page the crawler was
  asked not to fetch is reserved for training.
* W3C TDMRep: ``tdm-reservation`` / ``tdm-policy`` from ``/.well-known/tdmrep.json`` (first matching
  rule), superseded by the HTTP headers, superseded by HTML ``<meta>`` (absence never resets).
  ``tdm-reservation: 1`` reserves text and data mining, which covers AI training and AI use.
* ``X-Robots-Tag`` (header) and ``<meta name="robots">``: ``noai`` (all media), ``noimageai`` (images),
  optionally for one user agent (``GPTBot: noai``).
* Spawning's ``ai.txt``: Allow/Disallow path or file-type patterns, longest match, Allow on ties.
* C2PA and CAWG ``training-mining`` entries (CAWG v1.1 ``cawg.ai_training``,
  ``cawg.ai_generative_training``, ``cawg.ai_inference``, ``cawg.data_mining``, and their ``c2pa.``
  counterparts), from the item's C2PA summary.

Combining (draft-ietf-aipref-vocab §7.1): any reserved → reserved; else any allowed → allowed;
else unknown. Nothing here raises on bad input: a malformed header or file becomes a problem
sentence and the statement it held is unknown.

The findings and the evidence text they make (`Finding`, `ItemSignals`, `reserved_by`) live in
findings.py and are re-exported here.

Per-item cost: each policy file is parsed once per process (`ParsedSite` in policy_files.py, cached
by its digest); an item costs a dictionary lookup by host, a few path matches and the parse of its own
headers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any
from urllib.parse import SplitResult, urlsplit

from ledger_app.provenance.carriers import (
    AI_USE,
    ALLOWED,
    FETCHED_KEYS,
    HEADER_KEYS,
    MAX_HEADER_CHARS,
    META_KEYS,
    RESERVED,
    SEARCH,
    TRAIN_AI,
    UNKNOWN,
    USES,
    combine,
    fetched_at_from,
    headers_from,
    html_meta_from,
    iso_time,
    parse_content_signal,
    parse_content_usage,
    parse_x_robots_tag,
)
from ledger_app.provenance.findings import Finding, ItemSignals, reserved_by, response_where
from ledger_app.provenance.policy_files import (
    MAX_POLICY_BYTES,
    ParsedSite,
    PathRule,
    PolicyFile,
    SignalContext,
    longest_match,
    parsed_sites,
)

__all__ = [
    "ALLOWED", "RESERVED", "UNKNOWN", "USES", "TRAIN_AI", "AI_USE", "SEARCH",
    "Finding", "ItemSignals", "reserved_by", "PolicyFile", "SignalContext", "ParsedSite",
    "parse_content_usage", "parse_content_signal", "parse_x_robots_tag", "evaluate_item",
    "headers_from", "fetched_at_from", "html_meta_from", "combine",
    "MAX_POLICY_BYTES", "parsed_sites", "iso_time", "MAX_HEADER_CHARS", "HEADER_KEYS", "FETCHED_KEYS", "META_KEYS",
]

# Vocabulary → the three uses.
_C2PA_ENTRY = {"ai_training": (TRAIN_AI,), "ai_generative_training": (TRAIN_AI,), "ai_inference": (AI_USE,),
               "data_mining": (TRAIN_AI, AI_USE)}
_TDM_USES = (TRAIN_AI, AI_USE)


def _site_finding(site: ParsedSite, *fields: Any) -> Finding:
    """The Finding of these fields from a site's policy file, made once per process: every page of the
    site that matches the same rule shares it (and its canonical JSON)."""
    f = site.findings_memo.get(fields)
    if f is None:
        f = site.findings_memo[fields] = Finding(*fields)
    return f


# --- the per-item evaluation -------------------------------------------------------------------------


def _tdm_value(raw: Any) -> int | None:
    """tdm-reservation is 0 or 1 (number or string); anything else is a protocol error (unset)."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int) and raw in (0, 1):
        return raw
    if isinstance(raw, str) and raw.strip() in ("0", "1"):
        return int(raw.strip())
    return None


# What urlsplit treats specially (removed or-validated characters, IPv6 brackets, controls): such URLs take urlsplit.
_UNSAFE = re.compile(r"[\x00-\x20\x7f\[\]\\]")


@lru_cache(maxsize=4096)  # a site's pages share their netloc
def _host_of(netloc: str) -> str | None:
    """The host (lowercased, with a port other than 80 and 443) of a URL's netloc; ValueError for a bad port."""
    parts = SplitResult("", netloc, "", "", "")
    host = (parts.hostname or "").lower() or None
    if host and parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    return host


def _host_path(url: str | None) -> tuple[str | None, str]:
    if not url:
        return None, "/"
    u = url.strip()
    if u.startswith(("https://", "http://")) and u.isascii() and not _UNSAFE.search(u):
        # The common case, split as urlsplit splits it (netloc up to the first / ? #, then path, query,
        # fragment) without its general machinery; anything unusual takes urlsplit below.
        rest = u[8:] if u[4] == "s" else u[7:]
        end = len(rest)
        for ch in "/?#":
            k = rest.find(ch)
            if k != -1 and k < end:
                end = k
        try:
            host = _host_of(rest[:end])
        except ValueError:
            return None, "/"
        tail = rest[end:].partition("#")[0]
        path, q, query = tail.partition("?")
        return host, (path or "/") + ("?" + query if query else "")
    try:
        parts = urlsplit(u)
        host = _host_of(parts.netloc)
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        return host, path
    except ValueError:
        return None, "/"


def evaluate_item(
    ctx: SignalContext | None,
    *,
    url: str | None,
    metadata: Mapping[str, Any],
    media_type: str,
    data: bytes | None = None,
    is_text: bool = False,
    c2pa_training: Mapping[str, str] | None = None,
    c2pa_detail: Mapping[str, Mapping[str, str]] | None = None,
) -> ItemSignals:
    """Every signal about one item, from its own evidence and its site's policy files."""
    out = ItemSignals()
    fetched, p = fetched_at_from(metadata)
    out.fetched_at = fetched
    if p:
        out.problems.append(p)
    headers, p = headers_from(metadata)
    if p:
        out.problems.append(p)
    meta = html_meta_from(metadata, data, is_text)
    host, path = _host_path(url)
    site = parsed_sites(ctx).get(host) if (ctx and host) else None
    _evaluate(out, ctx, site, url, path, headers, meta, media_type.startswith("image/"), c2pa_training, c2pa_detail,
              response_where(url), fetched)
    return out


def _evaluate(out: ItemSignals, ctx: SignalContext | None, site: ParsedSite | None, url: str | None, path: str,
              headers: Mapping[str, list[str]], meta: Mapping[str, str], is_image: bool,
              c2pa_training: Mapping[str, str] | None, c2pa_detail: Mapping[str, Mapping[str, str]] | None,
              where_resp: str, fetched: str | None) -> None:
    """The findings and problems of an item's carriers and its site's files (`site`, the site of
    the URL's host), after those of its fetch time and headers' form: what `evaluate_item` reads,
    with where the item's response is and when it was fetched given (`item_evidence` gives
    stand-ins for both, and its site's files with a stand-in for the host)."""
    agent = ctx.crawler if ctx else None
    add = out.findings.append

    # IETF Content-Usage header.
    for v in headers.get("content-usage", []):
        prefs, p = parse_content_usage(v)
        if p:
            out.problems.append(f"header {p}")
        for use, state in prefs.items():
            add(Finding("content-usage", "header", use, state, v, where_resp, fetched))

    # X-Robots-Tag header and robots meta.
    for carrier, values, where in (("header", headers.get("x-robots-tag", []), where_resp),
                                   ("meta", [meta["robots"]] if "robots" in meta else [], "the page's <meta name=robots>")):
        for v in values:
            d = parse_x_robots_tag(v, agent)
            if "noai" in d:
                add(Finding("x-robots-tag" if carrier == "header" else "robots-meta", carrier, TRAIN_AI, RESERVED,
                            "noai", where, fetched))
            if "noimageai" in d and is_image:
                add(Finding("x-robots-tag" if carrier == "header" else "robots-meta", carrier, TRAIN_AI, RESERVED,
                            "noimageai", where, fetched))

    # W3C TDMRep: file, then header supersedes, then meta supersedes; absence never resets.
    tdm: tuple[int, Any, str, str, str | None, str | None] | None = None  # value, policy, carrier, where, when, sha
    rule_k = None  # the tdmrep.json rule that `tdm` holds, while no header or meta supersedes it
    if site and site.tdmrep is not None:
        rule_k = site.tdm_index(path)
        if rule_k is not None:
            said = site.findings_memo.get(("tdm-rule", rule_k))  # what the rule says: the same for all its pages
            if said is None:
                said = site.findings_memo["tdm-rule", rule_k] = _tdm_rule_says(site.tdmrep, site.tdm_rules[rule_k])
            if type(said) is str:
                out.problems.append(said)
                rule_k = None
            else:
                tdm = said
    hdr_tdm = {k: headers[k][-1] for k in ("tdm-reservation", "tdm-policy") if headers.get(k)}
    for carrier, src, where in (("header", hdr_tdm, where_resp), ("meta", meta, "the page's <meta name=tdm-reservation>")):
        raw = src.get("tdm-reservation")
        if raw is None:
            continue
        val = _tdm_value(raw)
        if val is None:
            out.problems.append(f"{carrier} tdm-reservation {str(raw)[:40]!r} is not 0 or 1; ignored")
            continue
        tdm = (val, src.get("tdm-policy") or (tdm[1] if tdm else None), carrier, where, fetched, None)
        rule_k = None
    if tdm is not None:
        pair = site.findings_memo.get(("tdm-findings", rule_k)) if (rule_k is not None and site is not None) else None
        if pair is None:
            val, pol, carrier, where, when, sha = tdm
            state = RESERVED if val == 1 else ALLOWED
            text = f"tdm-reservation: {val}" + (f"; tdm-policy: {pol}" if pol and val == 1 else "")
            if carrier == "tdmrep.json" and site is not None:
                pair = tuple(_site_finding(site, "tdmrep", carrier, use, state, text, where, when, sha)
                             for use in _TDM_USES)
                if rule_k is not None:
                    site.findings_memo["tdm-findings", rule_k] = pair
            else:
                pair = tuple(Finding("tdmrep", carrier, use, state, text, where, when, sha) for use in _TDM_USES)
        out.findings += pair

    if site is not None:
        _site_findings(out, site, url or "", path, agent)
    if site is not None:
        out.problems += [p for p in site.problems if p not in out.problems]

    # C2PA / CAWG training-mining entries.
    for key, value in (c2pa_training or {}).items():
        ns, _, entry = key.partition(".")
        uses = _C2PA_ENTRY.get(entry)
        if uses is None:
            continue
        label = ((c2pa_detail or {}).get(key) or {}).get("assertion") or f"{ns}.training-mining"
        signal = "cawg" if label.startswith("cawg.") or ns == "cawg" else "c2pa"
        state = ALLOWED if value == "allowed" else RESERVED if value in ("notAllowed", "constrained") else UNKNOWN
        for use in uses:
            add(Finding(signal, signal, use, state, f"{key}={value}", f"the item's {label} assertion"))


def _tdm_rule_says(f: PolicyFile, rule: tuple[Any, str, Any, Any]) -> tuple[int, Any, str, str, str | None, str | None] | str:
    """What one tdmrep.json rule says (value, policy, carrier, where, when, the file's SHA-256), or the
    problem of its reservation value."""
    _, loc, raw, pol = rule
    val = _tdm_value(raw)
    if val is None:
        return f"{f.url}: tdm-reservation {raw!r} for {loc!r} is not 0 or 1; unset"
    return val, pol, "tdmrep.json", f"{f.url} (location {loc})", f.fetched_at, f.sha256


def _robots_matches(site: ParsedSite, url: str, path: str, agent: str | None
                    ) -> tuple[bool | None, list[PathRule], list[PathRule]]:
    """Whether the site's robots.txt lets the crawler fetch the page (None: no robots.txt, or no
    answer), and its Content-Usage and Content-Signal rules that the page's path matches."""
    if site.robots is None:
        return None, [], []
    # Usage rules apply only to crawlable paths (draft-ietf-aipref-attach §4.1), for the corpus's
    # crawler or, when it names none, any crawler ("*").
    fetchable = site.can_fetch(url, agent or "*")
    if fetchable is False:
        return False, [], []
    usage, signal = site.group("content-usage", agent), site.group("content-signal", agent)
    return fetchable, longest_match(usage, path) if usage else [], longest_match(signal, path) if signal else []


def _ai_choice(site: ParsedSite, path: str, agent: str | None) -> tuple[PathRule, bool] | None:
    """The ai.txt rule that decides the page's path, and whether it allows (longest match, Allow wins a tie)."""
    if site.aitxt is None:
        return None
    best, first_allow, first_disallow = -1, None, None  # among the matching rules of the longest path
    for r in site.group("ai.txt", agent):
        if r.rx.match(path) is None:
            continue
        n = len(r.path)
        if n > best:
            best, first_allow, first_disallow = n, None, None
        if n == best:
            if r.value == "allow":
                first_allow = first_allow or r
            elif r.value == "disallow":
                first_disallow = first_disallow or r
    if first_allow is not None:  # robots semantics: Allow wins a tie
        return first_allow, True
    return (first_disallow, False) if first_disallow is not None else None


def _site_findings(out: ItemSignals, site: ParsedSite, url: str, path: str, agent: str | None) -> None:
    add = out.findings.append
    rb = site.robots
    fetchable, usage, signal = _robots_matches(site, url, path, agent)
    if rb is not None and fetchable is False and agent:
        # Only a named crawler's Disallow is itself a reservation (the site asked that AI crawler not
        # to fetch the page).
        add(_site_finding(site, "robots", "robots.txt", TRAIN_AI, RESERVED, f"Disallow for {agent}", rb.url,
                          rb.fetched_at, rb.sha256))
    if rb is not None:
        for label, rules in (("content-usage", usage), ("content-signal", signal)):
            if not rules:
                continue
            # What these matching rules state: the same for every page they match, so made once.
            key = (label, *map(id, rules))
            said = site.findings_memo.get(key)
            if said is None:
                said = site.findings_memo[key] = _rules_say(site, rb, label, rules)
            for msg in said[1]:
                if msg not in out.problems:
                    out.problems.append(msg)
            out.findings += said[0]
    ai = site.aitxt
    choice = _ai_choice(site, path, agent)
    if ai is not None and choice is not None:
        r, allow = choice
        key = ("ai.txt", id(r), allow)
        f = site.findings_memo.get(key)
        if f is None:
            f = site.findings_memo[key] = _site_finding(
                site, "ai.txt", "ai.txt", TRAIN_AI, ALLOWED if allow else RESERVED,
                f"{'Allow' if allow else 'Disallow'}: {r.path}", f"{ai.url} line {r.line}", ai.fetched_at, ai.sha256)
        add(f)


def _rules_say(site: ParsedSite, rb: PolicyFile, label: str, rules: list[PathRule]) -> tuple[list[Finding], list[str]]:
    """(the findings, the problems) of a page's matching Content-Usage or Content-Signal rules of robots.txt."""
    parse = parse_content_usage if label == "content-usage" else parse_content_signal
    findings: list[Finding] = []
    problems: list[str] = []
    for r in rules:
        prefs, p = parse(r.value)
        if p:
            msg = f"{rb.url} line {r.line}: {p}"
            if msg not in problems:
                problems.append(msg)
        for use, state in prefs.items():
            shown = f"{r.path} {r.value}" if r.path else r.value
            findings.append(_site_finding(site, label, "robots.txt", use, state, shown, f"{rb.url} line {r.line}",
                                          rb.fetched_at, rb.sha256))
    return findings, problems

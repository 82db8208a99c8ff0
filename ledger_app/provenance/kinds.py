"""Opt-out signals made once per kind of page and filled in per page: `item_evidence`, what ingest
workers call for each item (ingest/worker.py `add_signals`).

Why this exists apart from signals.py: `evaluate_item` reads every carrier of a page and its site's
files and builds its findings; a crawl's pages mostly differ from each other only by their URL, fetch
time and site, and sites mostly serve the same few files. What a page's evidence, combined state and
quarantine reason are is therefore made once per kind of page (evaluate_item on stand-ins for the
URL, the fetch time and the host: private-use characters), checked once against evaluate_item on the
page it was made for, and written for each page by filling its URL, fetch time and host in. A page
whose inputs do not allow it (malformed values, headers not given as an object of text, C2PA
entries, a stand-in character in what it says) takes evaluate_item, whose results are the same.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Mapping
from typing import Any

from ledger_app.core.item_reasons import KeptSaid
from ledger_app.core.messages import Said
from ledger_app.provenance.carriers import (
    HEADER_KEYS,
    RESERVED,
    TRAIN_AI,
    fetched_at_from,
    first_of,
    html_meta_from,
)
from ledger_app.provenance.findings import ItemSignals, fill_reason, reason_plan, reserved_by, response_where
from ledger_app.provenance.policy_files import ParsedSite, PolicyFile, SignalContext, parsed_sites
from ledger_app.provenance.signals import _ai_choice, _evaluate, _host_path, _robots_matches, evaluate_item

__all__ = ["item_evidence", "Evidence", "URL_MARK", "WHEN_MARK", "HOST_MARK"]

#: Stand-ins (private-use characters) for a page's URL, its fetch time and its site's host in what is
#: made once for many pages; a file holding one of them is not shared (`site_form`).
URL_MARK, WHEN_MARK, HOST_MARK = "\ue010", "\ue011", "\ue012"
_MARK_BYTES = tuple(m.encode() for m in (URL_MARK, WHEN_MARK, HOST_MARK))
_PLAIN_HOST = re.compile(r"[a-z0-9.-]+(?::[0-9]+)?\Z")


def site_form(sites: Any, host: str) -> ParsedSite | None | bool:
    """The site of `host` parsed with HOST_MARK for its host: one for all the hosts whose files are
    the same (names, bytes, fetch times), so what is made of a page of one of them is made for the
    others by writing their host for the mark. `sites` is a snapshot's `parsed_sites`. None when the
    host has no files; False when its host or files do not allow it (a host of other characters than
    lowercase letters, digits, ".", "-" and a port; a stand-in character in a file or its fetch time)."""
    memo = sites.form_of
    try:
        return memo[host]  # type: ignore[no-any-return]
    except KeyError:
        pass
    files = sites.files_of(host)
    form: ParsedSite | None | bool = None
    if files:
        key = tuple((f.name, f.sha256, f.fetched_at) for f in files)
        hit = sites.forms.get(key, False)
        if hit is False:
            hit = None
            if _PLAIN_HOST.match(host) and not any(
                    m in f.content or m.decode() in (f.fetched_at or "") + f.sha256 for f in files for m in _MARK_BYTES):
                marked = [PolicyFile(HOST_MARK, f.name, f.content, f.sha256, f.fetched_at) for f in files]
                hit = (ParsedSite.parse(HOST_MARK, marked, sites.content), files)
            sites.forms[key] = hit
        form = (hit is not None and _PLAIN_HOST.match(host) is not None
                and all(a.content == b.content for a, b in zip(hit[1], files, strict=True)) and hit[0])
    memo[host] = form
    return form


_RESPONSE_MARK = response_where(URL_MARK)
_HEADERS_READ = frozenset({"content-usage", "x-robots-tag", "tdm-reservation", "tdm-policy"})
_HEADER_NAMES: dict[str, str | None] = {}  # a header's name as written -> as read (lowercased), if it is one of those
_NO_CONTEXT_MEMO: dict[tuple[Any, ...], Any] = {}
_NO_CONTEXT_COUNTS = [0, 0]
# A kind costs about two evaluate_items to make and check: once FEW_KINDS are made, a new one is made
# only while kinds are fewer than one in KIND_SHARE of the pages looked up (the others take evaluate_item).
FEW_KINDS, KIND_SHARE = 1000, 8
_GENERAL = object()  # in a memo: pages of this kind take evaluate_item
_MARKS = (URL_MARK, WHEN_MARK, HOST_MARK)
CHECK_KINDS = True  # what is made for a kind of page is checked against evaluate_item (tests turn it off)


def _headers_read(raw: Any) -> tuple[tuple[str, str], ...] | None:
    """(name, value) of the headers evaluate_item reads, in order, from a headers field that
    headers_from reads without a problem the quick way (an object of text values, or none); None otherwise."""
    if raw is None:
        return ()
    if type(raw) is not dict:
        return None
    out = []
    for k, v in raw.items():
        if type(k) is not str or type(v) is not str:
            return None
        name = _HEADER_NAMES.get(k, "")
        if name == "":
            low = k.strip().lower()
            name = low if low in _HEADERS_READ else None
            if len(_HEADER_NAMES) < 4096:
                _HEADER_NAMES[k] = name
        if name is not None:
            out.append((name, v.strip()))
    return tuple(out)


Evidence = tuple[str | None, dict[str, str] | None, str, Said | None, str | None]


def item_evidence(
    ctx: SignalContext | None,
    *,
    url: str | None,
    metadata: Mapping[str, Any],
    media_type: str,
    data: bytes | None = None,
    is_text: bool = False,
    c2pa_training: Mapping[str, str] | None = None,
    exclude: Collection[str] = (),
) -> Evidence | None:
    """(the evidence text, its uses, the combined train-ai state, what reserves training, the fetch
    time) of one item: what `evaluate_item(...)`'s `evidence()` and `state(TRAIN_AI)`, and
    `reserved_by(reserving(TRAIN_AI, exclude=exclude), url=url, fetched_at=fetched_at)` when
    training is reserved, give; made once for the pages of one kind and filled in with each page's
    URL, fetch time and host.

    A page's kind is everything else its signals depend on: its site's files (the same for the sites
    serving the same files: `_Sites.form`), what its path matches in them (robots.txt for the
    crawler, its Content-Usage and Content-Signal rules, the tdmrep.json rule, the ai.txt rule), the
    headers and meta tags read, whether it is an image, and whether it has a URL and a fetch time.
    What is made for a kind is checked once against evaluate_item on the page it is made for. None
    for a page that evaluate_item must read: a malformed fetch time or headers field, headers not
    given as an object of text values, C2PA entries, a stand-in character in what it says, a site's
    statement naming the page's own place or fetch time, or a kind whose check failed."""
    if c2pa_training:
        return None
    fetched, problem = fetched_at_from(metadata)
    if problem:
        return None
    headers = _headers_read(first_of(metadata, HEADER_KEYS))
    if headers is None:
        return None
    meta = html_meta_from(metadata, data, is_text)
    is_image = media_type.startswith("image/")
    agent = ctx.crawler if ctx else None
    host, path = _host_path(url)
    site: ParsedSite | None = None
    named: str | None = None  # the host written for HOST_MARK
    if ctx is not None:
        sites = parsed_sites(ctx)
        memo, reasons, counts = sites.evidence_memo, sites.reason_memo, sites.kind_counts
        if host:
            form = site_form(sites, host)
            if form is False:
                site = sites.get(host)
            elif form:
                site, named = form, host
                if url is not None and not url.isascii() and HOST_MARK in url:
                    return None
    else:
        memo, reasons, counts = _NO_CONTEXT_MEMO, {}, _NO_CONTEXT_COUNTS
    matches = None
    if site is not None:
        fetchable, usage, signal = _robots_matches(site, url or "", path, agent)
        choice = _ai_choice(site, path, agent)
        matches = (id(site), fetchable, tuple(map(id, usage)), tuple(map(id, signal)),
                   site.tdm_index(path) if site.tdmrep is not None else None,
                   (id(choice[0]), choice[1]) if choice is not None else None)
    key = (matches, headers, meta.get("robots"), meta.get("tdm-reservation"), meta.get("tdm-policy"), is_image,
           agent, not url, fetched is None, tuple(exclude))
    made = memo.get(key)
    counts[0] += 1
    if made is None:
        if counts[1] >= FEW_KINDS and counts[1] * KIND_SHARE > counts[0]:
            return None  # pages seldom share a kind here: a new kind costs more than evaluate_item
        counts[1] += 1
        if len(memo) >= 65536:
            memo.clear()
        made = _made_once(ctx, site, named is not None, url, path, headers, meta, is_image, fetched is not None,
                          exclude)
        memo[key] = made if _same_as_evaluated(made, ctx, url, path, named, fetched, metadata, media_type, data,
                                               is_text, exclude, reasons) else _GENERAL
    return None if made is _GENERAL else _fill(made, url, fetched, named, reasons)


def _fill(made: Any, url: str | None, fetched: str | None, host: str | None,
          reasons: dict[tuple[Any, ...], Any]) -> Evidence | None:
    """What `_made_once` made for a kind of page, with this page's URL, fetch time and host."""
    fmt, uses, train_ai, plan, times, wheres, host_said = made
    reason = None
    if plan is not None:
        if (fetched and fetched in times) or (url and wheres and response_where(url) in wheres):
            return None  # a site's statement says the page's own fetch time or place: reserved_by makes it
        if isinstance(plan, Said):
            if not host_said:
                reason = plan
            else:  # the same message for the site's pages: made once per host
                reason = reasons.get((id(made), host))
                if reason is None:
                    if len(reasons) >= 65536:
                        reasons.clear()
                    reason = reasons[id(made), host] = _named(plan, str(host))
        else:
            reason = fill_reason(plan, url, fetched)
            if reason is None:
                return None
            if host_said:
                reason = _named(reason, str(host))
    # A fetch time is iso_time's text and a host of `_Sites.form` only letters, digits, ".", "-" and
    # ":": both written in JSON as they are.
    text = fmt.format(_json_str(url)[1:-1] if url else "", fetched or "", host or "") if fmt is not None else None
    return text, uses, train_ai, reason, fetched


def _named(said: Said, host: str) -> KeptSaid:
    """A message with `host` written for HOST_MARK (a host needs no escaping in its JSON)."""
    return KeptSaid(str(said).replace(HOST_MARK, host), said.to_stored().replace(HOST_MARK, host))


_json_str = json.encoder.encode_basestring  # a str as the evidence's JSON writes it (ensure_ascii=False)


def _made_once(ctx: SignalContext | None, site: ParsedSite | None, shared: bool, url: str | None, path: str,
               headers: tuple[tuple[str, str], ...], meta: Mapping[str, str], is_image: bool, has_time: bool,
               exclude: Collection[str]) -> Any:
    """What item_evidence fills in for one kind of page: evaluate_item's evidence with stand-ins for
    the page's URL, fetch time and host (when `site` is a form shared by hosts), as a format string; its uses and combined train-ai state;
    how its reason is made (a shared message or a shape, see findings.reason_plan), with the fetch
    times and places of the reserving statements that are not the page's own (a page whose own
    equal one of them takes evaluate_item), and whether the reason names the host; or _GENERAL."""
    said_in = [v for _, v in headers] + [meta.get(k) or "" for k in ("robots", "tdm-reservation", "tdm-policy")]
    if any(m in v for v in said_in for m in _MARKS):
        return _GENERAL
    out = ItemSignals()
    when = WHEN_MARK if has_time else None
    out.fetched_at = when
    by_name: dict[str, list[str]] = {}
    for name, value in headers:
        by_name.setdefault(name, []).append(value)
    where = _RESPONSE_MARK if url else response_where(url)
    _evaluate(out, ctx, site, url, path, by_name, meta, is_image, None, None, where, when)
    text, uses = out.evidence()
    train_ai = uses[TRAIN_AI] if uses else out.state(TRAIN_AI)
    if text is not None:
        # Every stand-in for the URL and fetch time is one put there for the page.
        n_url = sum(f.where == _RESPONSE_MARK for f in out.findings) if url else 0
        n_when = 1 + sum(f.fetched_at == when for f in out.findings) if when else 0
        if text.count(URL_MARK) != n_url or text.count(WHEN_MARK) != n_when or (not shared and HOST_MARK in text):
            return _GENERAL
    fmt = (text.replace("{", "{{").replace("}", "}}").replace(URL_MARK, "{0}").replace(WHEN_MARK, "{1}")
           .replace(HOST_MARK, "{2}") if text is not None else None)
    plan: Any = None
    times: frozenset[str] = frozenset()
    wheres: frozenset[str] = frozenset()
    host_said = False
    if train_ai == RESERVED:
        reserving = out.reserving(TRAIN_AI, exclude=exclude)
        if reserving:
            plan = reason_plan(reserving, url=URL_MARK if url else url, fetched_at=when)
            if plan is None:
                return _GENERAL
            times = frozenset(f.fetched_at for f in reserving if f.fetched_at and f.fetched_at != when)
            wheres = frozenset(f.where for f in reserving if f.where != _RESPONSE_MARK)
            host_said = shared and any(HOST_MARK in f.where for f in reserving)
    return fmt, uses, train_ai, plan, times, wheres, host_said


def _same_as_evaluated(made: Any, ctx: SignalContext | None, url: str | None, path: str, host: str | None,
                       fetched: str | None, metadata: Mapping[str, Any], media_type: str, data: bytes | None,
                       is_text: bool, exclude: Collection[str], reasons: dict[tuple[Any, ...], Any]) -> bool:
    """Whether what was made for a kind of page, filled in for the page it was made for, is what
    evaluate_item and reserved_by give for that page (checked once per kind)."""
    if made is _GENERAL:
        return False
    if not CHECK_KINDS:
        return True
    got = _fill(made, url, fetched, host, reasons)
    if got is None:
        return True  # this page takes evaluate_item (its own fetch time or place); others of its kind need not
    sig = evaluate_item(ctx, url=url, metadata=metadata, media_type=media_type, data=data, is_text=is_text)
    text, uses = sig.evidence()
    train_ai = uses[TRAIN_AI] if uses else sig.state(TRAIN_AI)
    reason = None
    if train_ai == RESERVED:
        reserving = sig.reserving(TRAIN_AI, exclude=exclude)
        reason = reserved_by(reserving, url=url, fetched_at=sig.fetched_at) if reserving else None
    said = got[3]
    return (got[:3] == (text, uses, train_ai) and got[4] == sig.fetched_at
            and (said is None) == (reason is None)
            and (said is None or (str(said), said.to_stored()) == (str(reason), reason.to_stored())))  # type: ignore[union-attr]

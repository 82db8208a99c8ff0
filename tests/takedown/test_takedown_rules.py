"""Intake rules: DMCA elements, deadlines, URL normalisation, bulk import, claims, licence expiry."""

from __future__ import annotations

import json
from datetime import date

import pytest

from ledger_app.core.errors import IncompleteRequest, UserError
from ledger_app.core.urls import normalize_url, url_key
from ledger_app.takedown.requests import DmcaElements, RequestType, add_months, due_date, extended_due


def test_dmca_names_every_missing_element(services):
    with pytest.raises(IncompleteRequest) as refused:
        services.takedown.new_request(type="dmca", requester="Studio", requester_kind="rights_org", email=None,
                                      works=[], dmca=DmcaElements())
    for element in ["(i)", "(ii)", "(iii)", "(iv)", "(v)", "(vi)"]:
        assert any(f"512(c)(3)(A){element}" in m for m in refused.value.missing)
    assert services.takedown.list() == []  # nothing recorded
    res = services.takedown.new_request(type="dmca", requester="Studio", requester_kind="rights_org", email=None,
                                        works=[], dmca=DmcaElements(), record_anyway=True)
    assert res.status == "rejected"
    for element in ["(i)", "(ii)", "(iii)", "(iv)", "(v)", "(vi)"]:
        assert f"512(c)(3)(A){element}" in res.reason
    ok = services.takedown.new_request(
        type="dmca", requester="Studio", requester_kind="rights_org", email="legal@studio.example",
        works=services.takedown.work_specs(hashes=["a" * 64]),
        dmca=DmcaElements("/s/ Jane Counsel", "Photo series 'Harbour'", True, None, True, True),
    )
    assert ok.status == "validated"
    with pytest.raises(IncompleteRequest) as one:
        services.takedown.new_request(
            type="dmca", requester="Studio", requester_kind="rights_org", email="legal@studio.example",
            works=services.takedown.work_specs(hashes=["b" * 64]),
            dmca=DmcaElements("/s/ Jane Counsel", "Photo series", True, None, True, False),
        )
    assert len(one.value.missing) == 1 and "(vi)" in one.value.missing[0]


def test_gdpr_deadlines():
    assert due_date(RequestType.GDPR, date(2026, 1, 31), 14) == date(2026, 2, 28)
    assert due_date(RequestType.GDPR, date(2026, 3, 15), 14) == date(2026, 4, 15)
    assert due_date(RequestType.PUBLISHER, date(2026, 3, 15), 10) == date(2026, 3, 25)
    assert extended_due(RequestType.GDPR, date(2026, 3, 15), 2) == date(2026, 6, 15)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    with pytest.raises(UserError):
        extended_due(RequestType.GDPR, date(2026, 3, 15), 3)
    with pytest.raises(UserError):
        extended_due(RequestType.DMCA, date(2026, 3, 15), 1)


def test_extension_once_with_reason_and_overdue_listing(services):
    r = services.takedown.new_request(type="gdpr", requester="P", requester_kind="individual", received="2020-01-10",
                                      works=services.takedown.work_specs(hashes=["c" * 64]))
    assert r.due_by == "2020-02-10"
    listed = {x.id: x for x in services.takedown.list()}
    assert listed[r.id].overdue is True
    with pytest.raises(UserError, match="reason"):
        services.takedown.extend(r.id, 2, " ")
    assert services.takedown.extend(r.id, 2, "complex request, many files").due_by == "2020-04-10"
    with pytest.raises(UserError, match="already extended"):
        services.takedown.extend(r.id, 1, "again")


@pytest.mark.parametrize(
    "raw,want",
    [
        ("HTTP://Example.COM:80/a/b/?x=1#frag", "http://example.com/a/b?x=1"),
        ("https://example.com:443", "https://example.com/"),
        ("example.com/a%7eb/", "http://example.com/a~b"),
        ("https://example.com:8443/News/", "https://example.com:8443/News"),
        ("https://EXAMPLE.com./p", "https://example.com/p"),
    ],
)
def test_url_normalisation(raw, want):
    assert normalize_url(raw) == want


def test_url_keys_ignore_the_scheme():
    assert url_key("http://a.example/x/") == url_key("HTTPS://A.example:443/x#top") == "a.example/x"


def test_bulk_import_of_thousands_of_urls(services, tmp_path):
    csv_path = tmp_path / "list.csv"
    lines = ["type,requester,requester_kind,url"] + [
        f"publisher,Daily Example,news_publisher,https://daily.example/2026/{i:05d}/story" for i in range(3000)
    ]
    csv_path.write_text("\n".join(lines) + "\n")
    res = services.takedown.import_requests(csv_path)
    assert len(res) == 1 and res[0].status == "validated"
    works = services.takedown.works(res[0].id)
    assert len(works) == 3000 and works[0].value == "daily.example/2026/00000/story"
    js = tmp_path / "reqs.json"
    js.write_text(json.dumps([
        {"type": "optout", "requester": "A", "requester_kind": "individual", "account": "a1"},
        {"type": "dmca", "requester": "B", "requester_kind": "rights_org", "hash": "d" * 64},
    ]))
    with pytest.raises(IncompleteRequest, match="request 2 of reqs.json"):
        services.takedown.import_requests(js)
    out = services.takedown.import_requests(js, record_anyway=True)
    assert [o.status for o in out] == ["validated", "rejected"]


def test_status_transitions_are_enforced(services):
    r = services.takedown.new_request(type="other", requester="X", requester_kind="internal",
                                      works=services.takedown.work_specs(hashes=["e" * 64]))
    with pytest.raises(UserError, match="cannot become approved"):
        services.takedown.approve(r.id)
    services.takedown.locate(r.id)
    with pytest.raises(UserError, match="pending|decide"):
        services.takedown.review(r.id)

"""Items' status reasons read in the interface's language: the sentences the policies, the claims,
the blocklist and the purge store in English are shown in Chinese through message IDs with their
arguments (technical parts kept), and a sentence not recognised is shown as stored."""

from __future__ import annotations

import pytest

from ledger_app.core.policy import ItemFacts
from ledger_app.core.types import C2paState, C2paSummary
from ledger_app.provenance.policy import CredentialStatePolicy, TrainingPermissionPolicy
from ledger_app.ui.reason_text import reason_message, reason_text


def _produced() -> list[str]:
    """The reasons as the real policies write them (so a changed sentence breaks this test)."""
    def decide(policy, **summary) -> str:
        return policy.decide(ItemFacts("0" * 64, "image/jpeg", C2paSummary(**summary))).reason

    on, off = CredentialStatePolicy(), CredentialStatePolicy(quarantine_invalid=False, quarantine_remote=False)
    return [
        decide(TrainingPermissionPolicy(), state=C2paState.VALID, training_mining={"c2pa.ai_training": "notAllowed"}),
        decide(on, state=C2paState.INVALID, failure_codes=("assertion.dataHash.mismatch",)),
        decide(on, state=C2paState.UNREADABLE, error="truncated JUMBF box"),
        decide(on, state=C2paState.UNREADABLE),
        decide(on, state=C2paState.REMOTE, error="https://cdn.example/m.c2pa"),
        decide(off, state=C2paState.INVALID, failure_codes=("assertion.dataHash.mismatch",)),
        decide(off, state=C2paState.REMOTE),
        "matches standing rights claim 3 (licence: no AI training) by perceptual",
        "removed by takedown request 7",
        "removed by takedown request 7; restored after a counter-notice (retained copy, as corpus restored-r7)",
        "removed by takedown request 7; restored after a counter-notice (re-acquire)",
        "this exact content was removed by takedown request 7 and may not be ingested again",
        "a near copy of an image removed by takedown request 7 (match score 0.91) may not be ingested again",
        "a near copy of a text removed by takedown request 7 (containment 0.88) may not be ingested again",
        "AI training is reserved by the Content-Usage header train-ai=n of https://photos.example/ (fetched 2026-12-01)",
    ]


def test_each_reason_is_recognised_and_reads_the_same_in_english(qapp):
    for text in _produced():
        assert reason_message(text) is not None, text
        assert reason_text(text) == text, text


def test_reasons_read_in_chinese_with_their_technical_parts_kept(qapp):
    from ledger_app.ui import i18n

    i18n.set_language("zh_CN")
    try:
        for text in _produced():
            zh = reason_text(text)
            assert zh != text and any("\u4e00" <= c <= "\u9fff" for c in zh), text
        assert reason_text("removed by takedown request 7") == "已根据删除请求 7 移除"
        invalid = reason_text(_produced()[5])
        assert "assertion.dataHash.mismatch" in invalid and "quarantine_invalid" in invalid
        assert invalid.startswith("内容凭证无效") and "设置 quarantine_invalid 处于关闭状态" in invalid
        assert reason_text("a reason nobody wrote a pattern for") == "a reason nobody wrote a pattern for"
    finally:
        i18n.set_language("en")


@pytest.fixture()
def purged(session, cases):
    ws, ids = cases
    from ledger_app.services import Services
    from ledger_app.services.workspace import Workspace
    from tests.ui.conftest import PASS

    s = Services(Workspace(ws), lambda c: PASS)
    try:
        s.ws.settings.set("takedown.four_eyes", False)
        rid = ids["dmca"]
        s.takedown.review(rid, accept=[m["item_id"] for m in s.takedown.show(rid).matches], reject=[])
        s.legal.check_ownership(rid, "licence register entry")
        s.takedown.approve(rid)
        s.purge(rid)
    finally:
        s.ws.dispose()
    return ws, ids


def test_the_corpora_item_detail_shows_the_reason_in_chinese(window, session, purged, qtbot):
    ws, ids = purged
    session.open(ws)
    window.show()
    qtbot.waitExposed(window)
    window.set_language("zh_CN")
    page = window.show_screen("corpora")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=20_000)
    row = next(k for k in range(page.model.rowCount()) if page.model.record(k)
               and page.model.record(k).status == "purged")
    page.select_row(row)
    expected = f"已根据删除请求 {ids['dmca']} 移除"
    qtbot.waitUntil(lambda: expected in page.facts.toPlainText(), timeout=20_000)
    assert "removed by takedown request" not in page.facts.toPlainText()


GEOMETRY = [
    "93% of 120 textured blocks agree after alignment",
    "only 41% of 118 textured blocks agree after alignment (an edge strip of 6 blocks set aside)",
    "too little texture to compare",
    "only 4 consistent feature matches",
    "only 9 of 40 matches agree on one transform",
    "the transform scales by 3.10",
    "the matching keypoints cover only 12% of the shared region",
    "57 keypoints agree on one transform; 88% of 64 textured blocks of the shared region agree",
    "57 keypoints agree on one transform; 31% of 64 textured blocks of the shared region agree: a different "
    "picture of the same subject",
]


def test_geometric_check_sentences_read_in_chinese(qapp):
    from ledger_app.ui import i18n
    from ledger_app.ui.reason_text import verification_text

    for text in GEOMETRY:
        assert verification_text(text) == text  # English: as the matcher wrote it
    i18n.set_language("zh_CN")
    try:
        for text in GEOMETRY:
            zh = verification_text(text)
            assert zh != text and any("\u4e00" <= c <= "\u9fff" for c in zh), text
        assert verification_text(GEOMETRY[1]) == "对齐后 118 个有纹理的块中仅有 41% 一致（边缘 6 个块未计入）"
        assert verification_text("a sentence the matcher may add later") == "a sentence the matcher may add later"
    finally:
        i18n.set_language("en")


def test_restore_window_and_request_reasons_read_in_chinese(qapp):
    """The sentences LegalService writes (RestoreWindow.reason, a refusal's status reason), checked
    against the service's own wording by building them through it is the end-to-end test's part
    (test_legal_actions); here each known one and an unknown one."""
    from ledger_app.ui import i18n
    from ledger_app.ui.reason_text import legal_text

    known = ["no counter-notice received", "the counter-notice is not yet forwarded to the claimant",
             "the claimant filed a court action; the material stays removed", "every item is restored",
             "3 of 10 business days have passed; restore from 2026-12-21", "the window closed on 2026-12-24; restore now",
             "within the window (2026-12-21 to 2026-12-28)", "erasure refused under Art. 17(3)(e)"]
    for text in known:
        assert legal_text(text) == text
    i18n.set_language("zh_CN")
    try:
        for text in known:
            assert any("\u4e00" <= c <= "\u9fff" for c in legal_text(text)), text
        assert legal_text(known[4]) == "10 个工作日中已过去 3 个；自 2026-12-21 起可恢复"
        assert legal_text("not a work of the requester") == "not a work of the requester"  # typed by a person
    finally:
        i18n.set_language("en")

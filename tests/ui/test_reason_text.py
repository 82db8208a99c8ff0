"""Items' status reasons in the interface's language: the policies, the claims, the blocklist, the
purge and the restore keep an item's reason as a message ID with arguments (core/item_reasons.py),
English for the CLI and the ledger entries; a reason stored as an English sentence before is read
back as its message; a sentence no policy writes is shown as stored."""

from __future__ import annotations

import json

import pytest

from ledger_app.core.item_reasons import from_english, reason_said
from ledger_app.core.policy import ItemFacts
from ledger_app.core.types import C2paState, C2paSummary
from ledger_app.provenance.policy import CredentialStatePolicy, TrainingPermissionPolicy
from ledger_app.ui.reason_text import reason_text

# The sentences as the policies, claims, blocklist, purge and restore stored them before they were
# kept as messages (workspaces and fingerprint stores hold them): each is read back as a message.
OLD = [
    "Content Credentials restrict AI training or data mining: c2pa.ai_training is notAllowed in c2pa.training-mining",
    "Content Credentials are Invalid (assertion.dataHash.mismatch); the asset or its manifest was altered after signing",
    "Content Credentials are present but could not be read (truncated JUMBF box); they may restrict training",
    "Content Credentials are present but could not be read; they may restrict training",
    "Content Credentials are in a remote manifest that was not fetched (network access is off), so its training "
    "permissions are unknown: https://cdn.example/m.c2pa",
    "Content Credentials are Invalid (assertion.dataHash.mismatch); the asset or its manifest was altered after signing "
    "(admitted: quarantine_invalid is off)",
    "Content Credentials are in a remote manifest that was not fetched (network access is off), so its training "
    "permissions are unknown (admitted: quarantine_remote is off)",
    "matches standing rights claim 3 (license_terms: no AI training) by perceptual",
    "removed by takedown request 7",
    "removed by takedown request 7; restored after a counter-notice (retained copy, as corpus restored-r7)",
    "removed by takedown request 7; restored after a counter-notice (re-acquire)",
    "this exact content was removed by takedown request 7 and may not be ingested again",
    "a near copy of an image removed by takedown request 7 (match score 0.91) may not be ingested again",
    "a near copy of a text removed by takedown request 7 (containment 0.88) may not be ingested again",
    "AI training is reserved by the Content-Usage header train-ai=n of https://photos.example/ (fetched 2026-12-01)",
]


def _decisions():
    def decide(policy, **summary):
        return policy.decide(ItemFacts("0" * 64, "image/jpeg", C2paSummary(**summary)))

    on, off = CredentialStatePolicy(), CredentialStatePolicy(quarantine_invalid=False, quarantine_remote=False)
    return [
        decide(TrainingPermissionPolicy(), state=C2paState.VALID, training_mining={"c2pa.ai_training": "notAllowed"}),
        decide(on, state=C2paState.INVALID, failure_codes=("assertion.dataHash.mismatch",)),
        decide(on, state=C2paState.UNREADABLE, error="truncated JUMBF box"),
        decide(on, state=C2paState.UNREADABLE),
        decide(on, state=C2paState.REMOTE, error="https://cdn.example/m.c2pa"),
        decide(off, state=C2paState.INVALID, failure_codes=("assertion.dataHash.mismatch",)),
        decide(off, state=C2paState.REMOTE),
    ]


def test_policies_keep_the_reason_as_a_message_whose_english_is_the_sentence_of_before():
    for decision, english in zip(_decisions(), OLD, strict=False):
        assert decision.said is not None and decision.reason == str(decision.said) == english
        stored = decision.stored_reason
        assert json.loads(stored)["ctx"] == "ItemReason"  # what the items table keeps
        assert reason_said(stored) == decision.said  # read back as the same message


def test_reasons_stored_in_english_before_are_read_back_as_their_messages():
    for text in OLD:
        said = from_english(text)
        assert said is not None and str(said) == text, text
    nested = from_english(OLD[5])
    assert nested.args["flag"] == "quarantine_invalid" and nested.args["reason"].args["why"] == "assertion.dataHash.mismatch"
    assert from_english("removed by takedown request 7; restored after a counter-notice (re-acquire)").source.endswith(
        "(re-acquire)")  # not the purge's shorter sentence with the rest as its request number
    assert from_english("a reason nobody wrote") is None and reason_said("a reason nobody wrote") is None


def test_reasons_read_in_chinese_with_their_technical_parts_kept(qapp):
    from ledger_app.ui import i18n

    for decision, english in zip(_decisions(), OLD, strict=False):
        assert reason_text(decision.said) == english
    i18n.set_language("zh_CN")
    try:
        for text in OLD:
            zh = reason_text(None, text)  # stored in English before
            assert zh != text and any("\u4e00" <= c <= "\u9fff" for c in zh), text
        for decision in _decisions()[1:]:  # the same either way (the first's parts are messages only when new)
            assert reason_text(decision.said) == reason_text(None, decision.reason)
        assert reason_text(None, "removed by takedown request 7") == "已根据删除请求 7 移除"
        invalid = reason_text(_decisions()[5].said)
        assert "assertion.dataHash.mismatch" in invalid and "quarantine_invalid" in invalid
        assert invalid.startswith("内容凭证无效") and "设置 quarantine_invalid 处于关闭状态" in invalid
        restricted = reason_text(_decisions()[0].said)
        assert restricted == "内容凭证限制 AI 训练或数据挖掘：c2pa.training-mining 中 c2pa.ai_training 为 notAllowed"
        claim = reason_text(None, OLD[7])  # the basis and the method are words: translated too
        assert claim == "经感知匹配，符合常设权利主张 3（许可条款：no AI training）" and "perceptual" not in claim
        assert reason_text(None, "a reason nobody wrote") == "a reason nobody wrote"
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


def test_the_corpora_item_detail_shows_the_reason_in_chinese(window, session, purged, qtbot, tmp_path):
    """The purge keeps the reason as a message: the column holds its ID and arguments, the CLI's record
    its English, the window says it in Chinese; the same reason stored in English by an older version
    is shown in Chinese too."""
    ws, ids = purged
    rid = ids["dmca"]
    session.open(ws)
    services = session.services
    purged_items = [r for r in services.corpus.items(status="purged")]
    assert purged_items and all(r.status_reason == f"removed by takedown request {rid}" for r in purged_items)
    assert all(r.to_json()["status_reason"] == f"removed by takedown request {rid}" for r in purged_items)
    with services.ws.engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT status_reason FROM item WHERE id = ?", (purged_items[0].id,)).scalar()
    assert json.loads(stored) == {"msg": "removed by takedown request {request}", "args": {"request": rid},
                                  "ctx": "ItemReason"}
    window.show()
    qtbot.waitExposed(window)
    window.set_language("zh_CN")
    page = window.show_screen("corpora")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=20_000)

    def select(item_id: str) -> None:
        row = next(k for k in range(page.model.rowCount()) if page.model.record(k)
                   and page.model.record(k).id == item_id)
        page.select_row(row)

    expected = f"已根据删除请求 {rid} 移除"
    select(purged_items[0].id)
    qtbot.waitUntil(lambda: expected in page.facts.toPlainText(), timeout=20_000)
    assert "removed by takedown request" not in page.facts.toPlainText()
    qtbot.wait(500)  # the language change reaches every widget, the panel is laid out
    page.grab().save(str(tmp_path / "corpora-zh.png"))
    # An older workspace: the same reason stored as its English sentence.
    with services.ws.store.write_transaction() as conn:
        conn.exec_driver_sql("UPDATE item SET status_reason = ? WHERE id = ?",
                             (f"removed by takedown request {rid}", purged_items[0].id))
    page.facts.clear()
    page.show_item(page.table.currentIndex().row())
    assert expected in page.facts.toPlainText() and purged_items[0].id in page.facts.toPlainText()
    assert services.corpus.item(purged_items[0].id).reason_said is None  # read as stored: the window reads it back


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


def test_corpus_refusals_are_said_in_chinese_with_their_words_translated(qapp, tmp_path):
    """A corpus that cannot be read is refused with a message: English for the CLI (unchanged), in
    the window's language through error_text, a path's kind a word of its own."""
    from ledger_app.core.errors import CorpusError
    from ledger_app.corpus import detect
    from ledger_app.corpus.files import open_regular
    from ledger_app.ui import i18n
    from ledger_app.ui.errors import error_text

    (tmp_path / "empty").mkdir()
    (tmp_path / "root" / "sub").mkdir(parents=True)
    with pytest.raises(CorpusError) as empty:
        detect.detect_format(tmp_path / "empty")
    with pytest.raises(CorpusError) as kind:
        open_regular(tmp_path / "root", "sub")
    with pytest.raises(CorpusError) as unknown:
        detect.adapter_class("zip")
    assert str(empty.value) == f"{tmp_path / 'empty'} is empty: there is nothing to ingest."
    assert str(kind.value) == "sub is not a regular file (directory)."
    assert error_text(kind.value) == str(kind.value)
    i18n.set_language("zh_CN")
    try:
        assert error_text(empty.value) == f"{tmp_path / 'empty'} 为空：没有可导入的内容。"
        assert error_text(kind.value) == "sub 不是普通文件（目录）。"
        assert error_text(unknown.value).startswith("未知的语料库格式 'zip'；请使用 auto、")
    finally:
        i18n.set_language("en")

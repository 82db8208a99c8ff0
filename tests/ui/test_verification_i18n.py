"""Verification results in the window's language (issue 17): the ledger verifier's and the document
verifier's sentences are message IDs with arguments (core/messages.py), said in Chinese on the
Ledger page, said again in the new language after a switch (the page and the result kept for the
dashboard), while the command line prints the same English, byte for byte, as before."""

from __future__ import annotations

import contextlib
import io
import json

import pytest

from ledger_app.ui import i18n_build
from tests.ui import tampering
from tests.ui.conftest import PASS

ORIGIN = "example.com/ui-test"
FOREIGN_KID = "838df597"  # the key tampering.wrong_key signs with, named like the ledger


def english(kind: str, kid: str) -> str:
    """What `ledger log verify` said for each damage before the sentences became messages."""
    return {
        "bad signature": f"checkpoint #2 (size 11): the signature by {ORIGIN} (key ID {kid}) does not verify: the "
                         "note was altered or was not signed by this key",
        "wrong key": f"checkpoint #2 (size 11): the note has no signature from a known key (signatures from "
                     f"{ORIGIN}+{FOREIGN_KID}; known keys: {ORIGIN}+{kid})",
        "root mismatch": "entries 21..30: one of them was changed, swapped or re-hashed (checkpoint #4 of size 31 "
                         "signs a root they no longer produce)",
        "truncated tail": "the workspace's last seen checkpoint covers 31 entries but only 29 are stored: entry 29 "
                          "is the first missing one (entries 29..30 were removed or the database was rolled back)",
    }[kind]


def chinese(kind: str, kid: str) -> str:
    return {
        "bad signature": f"检查点 #2（大小 11）：{ORIGIN}（密钥 ID {kid}）的签名验证失败：签名记录已被改动，或并非由该密钥签名",
        "wrong key": f"检查点 #2（大小 11）：该签名记录没有来自已知密钥的签名（签名来自 {ORIGIN}+{FOREIGN_KID}；已知密钥："
                     f"{ORIGIN}+{kid}）",
        "root mismatch": "条目 21..30：其中有条目被修改、调换或重新哈希（大小为 31 的检查点 #4 签署的根哈希已无法由这些条目得出）",
        "truncated tail": "工作区最后见到的检查点覆盖 31 个条目，但只存有 29 个：条目 29 是第一个缺失的条目（条目 29..30 已被删除，"
                          "或数据库已被回滚）",
    }[kind]


def cli(*argv: str) -> tuple[int, str, str]:
    from ledger_app.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = main(list(argv))
    return rc, out.getvalue(), err.getvalue()


def open_ledger(window, session, path, qtbot):
    session.open(path)
    page = window.show_screen("ledger")
    window.show()
    qtbot.waitExposed(window)
    return page


def to_language(window, page, qtbot, language: str) -> None:
    window.set_language(language)
    want = "验证整个账本" if language == "zh_CN" else "Verify the whole ledger"
    qtbot.waitUntil(lambda: page.verify_button.text() == want)


@pytest.mark.parametrize("kind", list(tampering.KINDS))
def test_the_cli_still_says_each_failure_in_the_same_english(kind, small_ledger, monkeypatch):
    kid = tampering.key_id(small_ledger)
    tampering.KINDS[kind](small_ledger)
    monkeypatch.setenv("LEDGER_PASSPHRASE", PASS)
    rc, out, err = cli("log", "verify", "--workspace", str(small_ledger))
    assert (rc, out) == (1, "")
    assert err == f"verification failed: {english(kind, kid)}\n"


@pytest.mark.parametrize("kind", list(tampering.KINDS))
def test_a_tampered_ledger_is_said_in_chinese_and_again_after_a_switch(kind, window, session, small_ledger, qtbot,
                                                                       tmp_path):
    i18n_build.build()
    kid = tampering.key_id(small_ledger)
    tampering.KINDS[kind](small_ledger)
    page = open_ledger(window, session, small_ledger, qtbot)
    to_language(window, page, qtbot, "zh_CN")
    page.verify_button.click()
    qtbot.waitUntil(lambda: page.verify_task is None, timeout=20_000)
    assert page.last_verify_ok is False
    shown = page.verify_result.text()
    assert shown == "验证失败：" + chinese(kind, kid)
    assert english(kind, kid) not in shown
    if kind == "bad signature":
        page.grab().save(str(tmp_path / "ledger-zh-failed.png"))
    rec = page.prefs.last_verification(session.workspace_id)
    assert rec is not None and not rec.ok and rec.text() == shown  # kept as the message

    to_language(window, page, qtbot, "en")
    assert page.verify_result.text() == "Verification failed: " + english(kind, kid)
    assert rec.text() == "Verification failed: " + english(kind, kid)  # the stored result, said again


# --- documents -------------------------------------------------------------------------------------


@pytest.fixture()
def certificate(session, small_ledger):
    session.open(small_ledger)
    return tampering.small_certificate(session.ledger)


def bad_documents(doc: dict, kid: str) -> dict[str, tuple[object, str, str]]:
    """name -> (file content, the English sentence of the offline verifier, its Chinese)."""
    other_key = json.loads(json.dumps(doc))
    other_key["signature"]["key_id"] = "00000000"
    return {
        "altered.json": (tampering.tampered_document(doc),
                         "the signature does not match the certificate's contents: a field was changed, added or "
                         "removed after signing",
                         "签名与该证书的内容不符：签名之后有字段被修改、添加或删除"),
        "other-key.json": (other_key,
                           f"the certificate says it is signed by '{ORIGIN}' (key ID '00000000'), but the verifier "
                           f"key given is '{ORIGIN}' (key ID {kid}): check that you have this ledger's key",
                           f"该证书声称由 '{ORIGIN}'（密钥 ID '00000000'）签名，但给出的验证密钥是 '{ORIGIN}'（密钥 ID {kid}）："
                           "请确认您持有的是本账本的密钥"),
        "no-entry.json": ({k: v for k, v in doc.items() if k != "entry"},
                          "the entry is missing or is not an object with index, leaf_data and leaf_hash",
                          "entry 字段缺失，或不是含 index、leaf_data 和 leaf_hash 的对象"),
    }


def test_the_offline_verifier_still_says_document_failures_in_the_same_english(certificate, session, small_ledger,
                                                                              tmp_path):
    kid = tampering.key_id(small_ledger)
    vkey = session.ledger.vkey()
    for name, (content, sentence, _) in bad_documents(certificate, kid).items():
        path = tmp_path / name
        path.write_text(json.dumps(content))
        assert cli("verify-certificate", str(path), "--vkey", vkey) == (1, "", f"verification failed: {sentence}\n")
        from ledger_app.verify import main as offline

        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            assert offline([str(path), "--vkey", vkey]) == 1
        assert err.getvalue() == f"verification failed: {sentence}\n"


def test_a_dropped_document_is_said_in_chinese_and_again_after_a_switch(certificate, window, session, small_ledger,
                                                                         qtbot, tmp_path):
    from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    i18n_build.build()
    kid = tampering.key_id(small_ledger)
    page = open_ledger(window, session, small_ledger, qtbot)
    to_language(window, page, qtbot, "zh_CN")

    def drop(path):
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(path))])
        page.dropEvent(QDropEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                                  Qt.KeyboardModifier.NoModifier))
        return page.verify_result.text()

    for name, (content, sentence, said) in bad_documents(certificate, kid).items():
        path = tmp_path / name
        path.write_text(json.dumps(content))
        assert drop(path) == f"{name} 核验未通过：{said}"
        assert sentence not in page.verify_result.text()
    to_language(window, page, qtbot, "en")
    assert page.verify_result.text() == f"no-entry.json does NOT verify: {bad_documents(certificate, kid)['no-entry.json'][1]}"

    not_an_object = tmp_path / "list.json"
    not_an_object.write_text("[]")
    to_language(window, page, qtbot, "zh_CN")
    assert drop(not_an_object) == "list.json 不是可读取的证书：不是 JSON 对象"
    good = tmp_path / "certificate.json"
    good.write_text(json.dumps(certificate))
    entry = certificate["entry"]["index"]
    assert drop(good) == f"certificate.json 核验通过：由本账本的密钥签名，收录于条目 {entry}。"
    to_language(window, page, qtbot, "en")
    assert page.verify_result.text() == (f"certificate.json verifies: signed by this ledger's key and included at "
                                         f"entry {entry}.")


def test_the_dashboard_says_a_rolled_back_database_in_chinese(window, session, small_ledger, qtbot, tmp_path):
    """The append check's refusal (AppendRefused, from the anchor check) shown on the dashboard is a
    message too; the CLI's warning keeps its English."""


    i18n_build.build()
    tampering.rolled_back(small_ledger, tmp_path, PASS)
    page = open_ledger(window, session, small_ledger, qtbot)
    to_language(window, page, qtbot, "zh_CN")
    dashboard = window.show_screen("dashboard")
    dashboard.refresh()
    assert dashboard.health_values["checkpoint"].text() == (
        "数据库中最后一个已签名的检查点（#4，大小 31）覆盖 31 个条目，少于工作区的见证检查点的 32 个：账本已被回滚（条目 31..31 已丢失）")
    english = ("the database's last signed checkpoint (#4, size 31) covers 31 entries, fewer than the 32 of the "
               "workspace's witness checkpoint: the ledger was rolled back (entries 31..31 are gone)")
    assert str(session.ledger.anchor_problem()) == english
    to_language(window, page, qtbot, "en")
    dashboard.refresh()
    assert dashboard.health_values["checkpoint"].text() == english


def test_an_append_refused_after_a_rollback_is_said_in_chinese(window, session, small_ledger, qtbot, tmp_path):
    """What an append refuses (AppendRefused, with the service's advice around the store's reason) is
    one message: Chinese in the window, the same English as before for the CLI."""

    from ledger_app.ledger.store import AppendRefused
    from ledger_app.services import LedgerService
    from ledger_app.services.workspace import Workspace
    from ledger_app.ui.errors import error_text

    i18n_build.build()
    tampering.rolled_back(small_ledger, tmp_path, PASS)
    svc = LedgerService(Workspace(small_ledger), passphrase=lambda confirm: PASS)
    with pytest.raises(AppendRefused) as refused:
        svc.note("one more")
    svc.ws.dispose()
    assert str(refused.value) == (
        "the database's last signed checkpoint (#4, size 31) covers 31 entries, fewer than the 32 of the workspace's "
        "witness checkpoint: the ledger was rolled back (entries 31..31 are gone) (if an operator restored this on "
        "purpose, record it with `ledger log acknowledge-rollback --reason …`); nothing was appended or signed")
    page = open_ledger(window, session, small_ledger, qtbot)
    to_language(window, page, qtbot, "zh_CN")
    assert error_text(refused.value) == (
        "数据库中最后一个已签名的检查点（#4，大小 31）覆盖 31 个条目，少于工作区的见证检查点的 32 个：账本已被回滚（条目 31..31 已丢失）"
        "（如果这是操作人员有意恢复的，请用 `ledger log acknowledge-rollback --reason …` 记录下来）；未追加或签署任何内容")

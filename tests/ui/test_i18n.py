"""Translations: the catalogue covers every string in the sources, and switching works at runtime."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ledger_app.ui import i18n_build
from ledger_app.ui.resources import TRANSLATIONS

UI = Path(__file__).resolve().parents[2] / "ledger_app" / "ui"
PACKAGE = UI.parent


def catalogue_sources() -> list[str]:
    """What pyside6-lupdate reads: the window's modules, and every other module that marks service
    sentences for translation (core/messages.py QT_TRANSLATE_NOOP, rendered by the window)."""
    marked = [p for p in PACKAGE.rglob("*.py") if UI not in p.parents and "QT_TRANSLATE_NOOP(" in p.read_text(
        encoding="utf-8") and ("core.messages import" in p.read_text(encoding="utf-8")
                               or p == PACKAGE / "core" / "messages.py")]
    return sorted(str(p) for p in [*UI.rglob("*.py"), *marked])


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {(c.findtext("name"), m.findtext("source")): m.find("translation") for c in root for m in c.findall("message")}


def test_the_chinese_catalogue_is_complete_and_matches_the_sources(tmp_path):
    committed = TRANSLATIONS / "ledger_zh_CN.ts"
    fresh = tmp_path / "ledger_zh_CN.ts"
    shutil.copy(committed, fresh)
    lupdate = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
    assert lupdate, "pyside6-lupdate is part of PySide6"
    sources = catalogue_sources()
    assert any("services/legal.py" in p for p in sources)  # the service sentences are in the catalogue
    subprocess.run([lupdate, *sources, "-ts", str(fresh), "-no-obsolete", "-silent"], check=True)
    old, new = messages(committed), messages(fresh)
    assert set(new) == set(old), "resources/translations/ledger_zh_CN.ts is out of date: run pyside6-lupdate"
    unfinished = [k for k, t in new.items() if t.get("type") == "unfinished" or not (t.text or "").strip()]
    assert unfinished == []


def test_switching_to_chinese_and_back_at_runtime(window, qtbot, small_ledger, session):
    i18n_build.build()
    session.open(small_ledger)
    window.show()
    dashboard = window.pages["dashboard"]
    ledger = window.pages["ledger"]
    window.set_language("zh_CN")
    # Qt posts LanguageChange events to every widget; wait until they are delivered.
    qtbot.waitUntil(lambda: ledger.verify_button.text() == "验证整个账本")
    assert window.sidebar.item(0).text() == "概览"
    assert window.sidebar.item(4).text() == "账本"
    assert "Provenance Ledger" in window.windowTitle()
    assert dashboard.health.heading.text() == "账本状态"
    assert dashboard.items_card.empty.text() == "尚无语料库 —— 请在“语料库与条目”中登记一个。"
    from PySide6.QtCore import Qt

    assert ledger.model.headerData(0, Qt.Orientation.Horizontal) == "序号"
    assert ledger.verify_button.text() == "验证整个账本"
    assert window.prefs.language == "zh_CN"
    window.set_language("en")
    qtbot.waitUntil(lambda: window.sidebar.item(0).text() == "Dashboard")
    assert ledger.verify_button.text() == "Verify the whole ledger"


def test_a_missing_catalogue_is_a_clear_error(qapp, monkeypatch, tmp_path):
    from ledger_app.core.errors import ConfigError
    from ledger_app.ui import i18n

    monkeypatch.setattr(i18n, "TRANSLATIONS", tmp_path)
    with pytest.raises(ConfigError, match="i18n_build"):
        i18n.set_language("zh_CN")


def test_a_service_refusal_is_said_in_the_window_language(window, qtbot, small_ledger, session):
    """A service's error carries its message ID; the window translates it, the CLI prints English."""
    from ledger_app.core.errors import NotFoundError, UserError
    from ledger_app.ui.errors import error_text, show_error

    i18n_build.build()
    session.open(small_ledger)
    window.show()
    services = session.services
    window.set_language("zh_CN")
    qtbot.waitUntil(lambda: window.sidebar.item(0).text() == "概览")
    with pytest.raises(NotFoundError) as missing:
        services.takedown.request_record(999)
    assert str(missing.value) == "there is no takedown request 999; see `ledger takedown list`"  # the CLI's
    box = show_error(window, missing.value)
    assert box.text() == "不存在删除请求 999；请查看 `ledger takedown list`"
    box.close()
    with pytest.raises(UserError) as bad:
        services.cases.add_note(1, "   ")
    assert error_text(bad.value) == "备注需要填写内容"
    window.set_language("en")
    qtbot.waitUntil(lambda: window.sidebar.item(0).text() == "Dashboard")
    assert error_text(bad.value) == "a note needs some text"



def test_refusals_of_the_other_services_are_said_in_the_window_language(window, qtbot, small_ledger, session):
    """The corpus, witness and ledger services' refusals carry message IDs too: the window says them in
    Chinese (the error box, the item panel), str() stays the CLI's English; an argument that is a
    message itself (which text names personal data) is translated as well."""
    from ledger_app.core.errors import NotFoundError, UserError
    from ledger_app.ui.errors import error_text, show_error

    i18n_build.build()
    session.open(small_ledger)
    services = session.services
    services.takedown.new_request(type="gdpr", requester="Jo Bloggs", email="jo@example.org", works=[],
                                  record_anyway=True)
    window.show()
    window.set_language("zh_CN")
    qtbot.waitUntil(lambda: window.sidebar.item(0).text() == "概览")
    with pytest.raises(NotFoundError) as missing:
        services.witness.remove("w9")
    assert str(missing.value) == "no witness named w9 is configured (see `ledger witness list`)"  # the CLI's
    box = show_error(window, missing.value)
    assert box.text() == "未配置名为 w9 的见证方（请查看 `ledger witness list`）"
    box.close()
    with pytest.raises(NotFoundError) as no_item:
        services.corpus.item("photos:nope")
    assert str(no_item.value) == "there is no item 'photos:nope'"
    assert error_text(no_item.value) == "不存在条目 'photos:nope'"
    with pytest.raises(UserError) as named:
        services.ledger.note("called jo@example.org about it")
    assert str(named.value).startswith("The note names personal data this workspace holds (")
    assert error_text(named.value).startswith("该备注包含本工作区持有的个人数据（")
    with pytest.raises(UserError) as bad_name:
        services.corpus.add_corpus("a/b", small_ledger)
    assert error_text(bad_name.value) == "语料库名称不能为空，不得包含 ':'、'/' 或 '\\'，且应简短"
    assert str(bad_name.value) == "a corpus name must be non-empty, without ':', '/' or '\\', and short"
    window.set_language("en")
    qtbot.waitUntil(lambda: window.sidebar.item(0).text() == "Dashboard")
    assert error_text(no_item.value) == "there is no item 'photos:nope'"

def test_stored_reasons_are_messages_said_in_the_window_language(window, qtbot, small_ledger, session):
    """A reason the services write (an incomplete notice's missing elements) is stored as message IDs
    with arguments and said in the current language; the CLI's JSON and the ledger entry keep the
    English; a reason stored before as an English sentence is still read (through the patterns)."""
    from ledger_app.services.takedowns import DmcaElements
    from ledger_app.ui.reason_text import legal_text

    i18n_build.build()
    session.open(small_ledger)
    services = session.services
    td = services.takedown
    rec = td.new_request(type="dmca", requester="Jo", email="jo@example.org", works=[], record_anyway=True,
                         dmca=DmcaElements(signature="/Jo/", work="a photo", good_faith=True,
                                           accurate_under_penalty=True))
    with services.ws.engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT status_reason FROM takedown_request WHERE id = ?", (rec.id,)).scalar()
    assert stored.startswith("{") and '"msg"' in stored and "no identification of the material" in stored
    english = ("no identification of the material (give files, hashes, URLs, domains, accounts or text); "
               "identification of the infringing material (--file/--hash/--url/…), 512(c)(3)(A)(iii)")
    view = td.show(rec.id)
    assert view.status_reason == english and view.to_json()["status_reason"] == english  # the CLI's
    entry = [e for e in services.ledger.entries(0, 1000) if e.type == "takedown.status"][-1]
    assert entry.payload["reason"] == english  # the signed entry holds the English, as before
    window.show()
    window.set_language("zh_CN")
    qtbot.waitUntil(lambda: window.sidebar.item(0).text() == "概览")
    assert legal_text(view.status_reason, view.reason_said) == (
        "未指明相关材料（请提供文件、哈希、URL、域名、账户或文本）; 侵权材料的说明（--file/--hash/--url/…），第 512(c)(3)(A)(iii) 条")
    assert legal_text(stored) == legal_text(view.status_reason, view.reason_said)  # read from the column alike
    # Stored before reasons were messages: the English sentence, read back through the patterns.
    assert legal_text("erasure refused under Art. 17(3)(a)") == "依第 17(3)(a) 条拒绝删除"
    assert legal_text("withdrawn by the requester") == "withdrawn by the requester"  # typed by a person
    window.set_language("en")
    qtbot.waitUntil(lambda: window.sidebar.item(0).text() == "Dashboard")
    assert legal_text(view.status_reason, view.reason_said) == english


# --- the ledger verifiers (ledger/, verify.py): every sentence a message ID, each one translated -------

VERIFIERS = [*sorted((PACKAGE / "ledger").glob("*.py")), PACKAGE / "verify.py"]
_RAISERS = {"VerificationError", "AppendRefused", "verification_failure", "failed", "_bad", "refused"}


def marked_sources(path: Path) -> set[tuple[str, str]]:
    """The (context, source) pairs a module marks with QT_TRANSLATE_NOOP."""
    import ast

    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "QT_TRANSLATE_NOOP"
                and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args)):
            found.add((node.args[0].value, node.args[1].value))
    return found


def test_every_sentence_of_the_ledger_verifiers_has_a_chinese_translation():
    """What the note, checkpoint, merkle, entry, key-chain, witness, append and document verifiers say
    is in the catalogue, finished, with the same {fields} (a lost field would say less than the CLI)."""
    import re

    catalogue = messages(TRANSLATIONS / "ledger_zh_CN.ts")
    marked = {pair: path.name for path in VERIFIERS for pair in marked_sources(path)}
    assert len(marked) > 200
    assert {"note.py", "checkpoint.py", "merkle.py", "entries.py", "keys.py", "cosignature.py", "store.py",
            "docverify.py", "verify.py", "anchor.py", "manifest.py", "tlogproof.py"} <= set(marked.values())
    fields = re.compile(r"\{\w*\}")
    for (context, source), module in sorted(marked.items()):
        assert context == "ServiceMessage", (module, source)
        translation = catalogue.get((context, source))
        assert translation is not None, f"{module}: {source!r} is not in the catalogue"
        assert translation.get("type") is None and (translation.text or "").strip(), f"{module}: {source!r}"
        assert sorted(fields.findall(translation.text)) == sorted(fields.findall(source)), (module, source)


def test_the_ledger_verifiers_raise_no_sentence_without_its_message_id():
    """A sentence written straight into an error (a literal or an f-string) would reach the window
    in English; each one goes through QT_TRANSLATE_NOOP with its arguments instead."""
    import ast

    plain = []
    for path in VERIFIERS:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = getattr(node.func, "id", None) if isinstance(node, ast.Call) else None
            if name in _RAISERS and node.args and isinstance(node.args[0], ast.JoinedStr | ast.Constant):
                plain.append(f"{path.name}:{node.lineno}")
    assert plain == []

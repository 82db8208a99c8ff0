"""Refusals, system errors, erasure notes and missing elements kept as message IDs with arguments:
English exactly as before for the CLI and the ledger, the window's language in the window.

Each check says a sentence in Simplified Chinese and scans it for English (the scanner of
test_i18n_screens.py), and checks the English the CLI prints against the sentence written out."""

from __future__ import annotations

import errno
import hashlib
import json
import os

import pytest

from ledger_app.core.item_reasons import reason_said
from ledger_app.core.messages import SaidText
from ledger_app.ui import i18n, i18n_build
from ledger_app.ui.reason_text import note_text, reason_text
from tests.ui.test_i18n_screens import english_sentences
from tests.ui.zh_workflow import build_hostile_folder, png

PASS = "ui test passphrase"


@pytest.fixture()
def zh(qapp):
    i18n_build.build()
    i18n.set_language("zh_CN")
    yield
    i18n.set_language("en")


def chinese(text: str) -> str:
    assert text and english_sentences(text) == [], text
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text), text
    return text


def test_hostile_files_are_refused_with_reasons_said_in_chinese_and_kept_in_english(tmp_path, zh):
    """The corpus readers' and the worker's refusals are kept as messages in the items table; the
    ledger entry and the CLI keep the English sentence of before."""
    from tests.takedown.td_builders import make_services

    s = make_services(tmp_path / "ws")
    s.ledger.init("example.com/zh-refusals")
    build_hostile_folder(tmp_path / "hostile")
    (tmp_path / "shards").mkdir()
    (tmp_path / "shards" / "a.jsonl").write_bytes(b'{"id": 1, "text": "fine"}\n{"id": 1, "text": "again"}\n'
                                                  b'{"text": ""}\n[1]\n{bad\n')
    s.corpus.add_corpus("hostile", tmp_path / "hostile", fmt="folder")
    s.corpus.add_corpus("lines", tmp_path / "shards", fmt="jsonl")
    s.corpus.ingest("hostile", workers=1)
    s.corpus.ingest("lines", workers=1)
    english = {
        "hostile:empty.png": "empty.png is a zero-byte file.",
        "hostile:passwd.jpg": "passwd.jpg is a symbolic link to '/etc/passwd'; links are not followed.",
        "hostile:bomb.png": "decompression bomb refused: Image size (3600000000 pixels) exceeds limit of 128000000 "
                            "pixels, could be decompression bomb DOS attack.",
        "hostile:broken.png": "truncated image: image file is truncated",
        "hostile:sidecar.png": "Its metadata sidecar sidecar.png.json is not valid JSON (Expecting property name "
                               "enclosed in double quotes at line 1).",
        "hostile:bad-\\xff-name.png": "The file name 'bad-\\\\xff-name.png' is not valid UTF-8 (shown with escapes).",
        "hostile:reserved.png": "AI training is reserved by x-robots-tag 'noai' (header at the HTTP response for "
                                "https://pics.example/a/reserved.png, fetched 2026-11-30T10:00:00Z)",
        "lines:a.jsonl#line=2": "Line 2 repeats id '1' first seen on line 1; ids must be unique within a shard.",
        "lines:a.jsonl#line=3": "Line 3 has an empty 'text' field (zero bytes of content).",
        "lines:a.jsonl#line=4": "Line 4 is not a JSON object.",
        "lines:a.jsonl#line=5": "Line 5 is not valid JSON (Expecting property name enclosed in double quotes at "
                                "column 2).",
    }
    entries = {e.payload.get("item"): e.payload for e in s.ledger.entries(0, 1000) if e.type == "item.ingested"}
    for item_id, sentence in english.items():
        it = s.corpus.item(item_id, with_proof=False)
        assert it.status_reason == sentence and entries[item_id]["reason"] == sentence  # the CLI's, the ledger's
        with s.ws.engine.connect() as conn:
            stored = conn.exec_driver_sql("SELECT status_reason FROM item WHERE id = ?", (item_id,)).scalar()
        assert stored.startswith("{") and json.loads(stored)["msg"]  # kept as the message and its arguments
        said = chinese(reason_text(it.reason_said, it.status_reason))
        assert said == reason_text(reason_said(stored), stored)  # read back from the column alike
    assert "不跟随链接" in reason_text(reason_said(json.dumps({"msg": "{shard} is a symbolic link to {target}; links "
                                                                "are not followed.", "args": {"shard": "x",
                                                                "target": "'y'"}, "ctx": "ItemReason"})))
    # A reason stored as an English sentence before message IDs is read back as its message
    # (ui/legacy_text.py; tests/ui/test_i18n_legacy.py), and one no source makes is shown as stored.
    assert "x.png" in chinese(reason_text(None, "x.png is a zero-byte file."))
    assert reason_text(None, "kept for the archive") == "kept for the archive"
    s.ws.dispose()


def test_a_system_error_is_said_with_the_file_and_its_errno_name(tmp_path, zh):
    """A file the system refuses (no space, no permission, not a directory): a sentence in the window's
    language naming the file and the error's name, instead of Python's English or an error report."""
    from ledger_app.core.errors import UserError
    from ledger_app.core.os_errors import environment_problem, os_error_said
    from ledger_app.ui.errors import error_text, is_expected
    from tests.takedown.td_builders import make_services

    full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(tmp_path / "reply.eml"))
    text = chinese(error_text(full))
    assert "ENOSPC" in text and str(tmp_path / "reply.eml") in text and is_expected(full)
    assert environment_problem(full) == (f"The disk holding {tmp_path / 'reply.eml'} is full; free some space and run "
                                         "the command again (what was committed is kept, and a re-run continues from "
                                         "there).")
    busy = OSError(errno.EBUSY, os.strerror(errno.EBUSY), "/mnt/x")  # no advice: the file and the system's reason
    assert "EBUSY" in chinese(error_text(busy)) and "/mnt/x" in error_text(busy)
    assert str(os_error_said(busy)) == os.strerror(errno.EBUSY)  # the English the CLI printed before
    odd = OSError(errno.EOWNERDEAD, "Owner died")
    assert "EOWNERDEAD" in error_text(odd) and str(os_error_said(odd)) == "Owner died"

    s = make_services(tmp_path / "ws")
    s.ledger.init("example.com/zh-oserror")
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(UserError) as e:
        s.cases.export_csv(tmp_path / "a-file" / "queue.csv")  # its folder is a file
    assert str(e.value) == f"cannot write {tmp_path / 'a-file' / 'queue.csv'}: Not a directory"  # the CLI's
    assert "ENOTDIR" in chinese(error_text(e.value))
    s.ws.dispose()


def test_erasure_notes_and_missing_elements_are_messages(tmp_path, zh):
    from ledger_app.storage import erasure
    from ledger_app.takedown.requests import DmcaElements
    from tests.takedown.td_builders import make_services

    changed = tmp_path / "reply.pdf"
    changed.write_bytes(png(4, 4))
    notes: list[str] = []
    assert erasure.delete_letter_files([{"path": str(changed), "sha256": hashlib.sha256(b"other").hexdigest()}],
                                       notes) == 0
    assert notes == [f"the reply file {changed} was changed since it was written; it was left for you to check"]
    assert isinstance(notes[0], SaidText) and str(changed) in chinese(note_text(notes[0]))
    assert json.dumps(notes) == json.dumps([str(n) for n in notes])  # the CLI's JSON holds the English

    s = make_services(tmp_path / "ws")
    s.ledger.init("example.com/zh-drafts")
    td = s.takedown
    kept = td.new_request(type="dmca", requester="Ada", email="ada@example.org", works=[],
                          dmca=DmcaElements(signature="/Ada/"), draft=True)
    again = td.amend_draft(kept.draft, dmca=DmcaElements(good_faith=True))
    assert again.missing and all(isinstance(m, SaidText) for m in again.missing)
    assert again.to_json()["missing"] == [str(m) for m in again.missing]
    for m in again.missing:
        chinese(note_text(m))
    from ledger_app.core.errors import IncompleteRequest
    from ledger_app.ui.errors import error_text

    with pytest.raises(IncompleteRequest) as e:
        td.new_request(type="dmca", requester="Ada", works=[], dmca=DmcaElements(signature="/Ada/"))
    assert str(e.value).startswith("the DMCA notice is incomplete, missing: no identification of the material")
    assert str(e.value.said) == str(e.value)  # type: ignore[attr-defined]
    chinese(error_text(e.value))
    s.ws.dispose()

"""The PDF strings file (resources/translations/pdf_strings.json): every key in both languages with the
same placeholders, every key the renderers use present, a broken file refused with a sentence, and the
file found where the .qm translations are, in a checkout and in a PyInstaller bundle."""

from __future__ import annotations

import json
import re
import string
import sys
from pathlib import Path

import pytest

from ledger_app.certificates import pdfkit
from ledger_app.certificates.pdfkit import (
    LANGUAGES,
    STRING_TABLES,
    STRINGS_FILE,
    PdfStringsError,
    load_strings,
    pdf_strings,
)
from ledger_app.core.errors import UserError
from ledger_app.core.resources import translations_dir

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "resources" / "translations" / STRINGS_FILE


def _fields(s: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(s) if name is not None}


def test_the_strings_live_beside_the_translations():
    assert translations_dir() == REPO / "resources" / "translations"
    assert SHIPPED.is_file()
    assert (translations_dir() / "ledger_zh_CN.ts").is_file()


def test_every_key_has_every_language_with_the_same_placeholders():
    data = json.loads(SHIPPED.read_text("utf-8"))
    assert data["languages"] == list(LANGUAGES) == ["en", "zh_CN"]
    for name in STRING_TABLES:
        assert data[name], name
        for key, texts in data[name].items():
            assert set(texts) == {"en", "zh_CN"}, f"{name}.{key}"
            assert all(isinstance(v, str) and v.strip() for v in texts.values()), f"{name}.{key}"
            assert _fields(texts["en"]) == _fields(texts["zh_CN"]), f"{name}.{key}"


def test_the_loaded_strings_match_the_file_in_both_languages():
    data = json.loads(SHIPPED.read_text("utf-8"))
    for lang in LANGUAGES:
        s = pdf_strings(lang)
        assert s.language == lang
        for name in STRING_TABLES:
            assert dict(getattr(s, name)) == {k: v[lang] for k, v in data[name].items()}
    assert pdf_strings("en").text["cert_title"] == "Certificate of removal"
    assert pdf_strings("zh_CN").text["cert_title"] == "删除证明"
    assert pdf_strings("zh_CN").request_types["gdpr"] == "GDPR 删除请求"


def test_every_key_the_renderers_use_is_in_the_file():
    used: set[str] = set()
    for module in ("pdf.py", "pdfkit.py"):
        text = (REPO / "ledger_app" / "certificates" / module).read_text("utf-8")
        used |= set(re.findall(r"\bt\[\s*[\"']([a-z_0-9]+)[\"']\s*\]", text))
    used |= {"page", "kind_release", "kind_mirror", "q_file", "q_hash", "q_url", "v_included", "v_purged",
             "v_not_found", "s_admitted", "s_quarantined", "s_purged", "s_refused"}  # looked up by prefix + value
    assert len(used) > 40
    missing = used - set(pdf_strings("en").text)
    assert not missing


def test_an_unknown_language_is_refused_with_a_sentence():
    with pytest.raises(UserError, match="one of en, zh_CN"):
        pdf_strings("fr")


def _write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / STRINGS_FILE
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


@pytest.mark.parametrize("damage, message", [
    (lambda d: d["text"]["cert_title"].pop("zh_CN"), "exactly the languages"),
    (lambda d: d["text"]["page"].update(zh_CN="第 {m} 页"), "placeholders"),
    (lambda d: d["methods"]["exact"].update(en=""), "empty"),
    (lambda d: d.pop("work_kinds"), "no table 'work_kinds'"),
    (lambda d: d.update(extra={}), "unknown tables extra"),
    (lambda d: d.update(languages=["en"]), "'languages'"),
])
def test_a_damaged_file_is_refused_naming_the_problem(tmp_path, damage, message):
    data = json.loads(SHIPPED.read_text("utf-8"))
    damage(data)
    with pytest.raises(PdfStringsError, match=message):
        load_strings(_write(tmp_path, data))


def test_a_missing_file_is_refused_naming_it(tmp_path):
    with pytest.raises(PdfStringsError, match="cannot read the PDF strings"):
        load_strings(tmp_path / STRINGS_FILE)


def test_in_a_bundle_the_strings_are_read_from_meipass(tmp_path, monkeypatch):
    (tmp_path / "resources" / "translations").mkdir(parents=True)
    data = json.loads(SHIPPED.read_text("utf-8"))
    data["text"]["cert_title"]["en"] = "Bundled title"
    _write(tmp_path / "resources" / "translations", data)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    pdfkit._shipped_strings.cache_clear()
    try:
        assert pdf_strings("en").text["cert_title"] == "Bundled title"
    finally:
        monkeypatch.delattr(sys, "_MEIPASS")
        pdfkit._shipped_strings.cache_clear()
    assert pdf_strings("en").text["cert_title"] == "Certificate of removal"

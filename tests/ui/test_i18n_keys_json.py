"""Key-file and passphrase errors, strict-JSON refusals and the other sentences issue #17 left in
English, kept as message IDs with arguments: the CLI's English exactly as before (written out here),
the window's language in the window (scanned for English with test_i18n_screens.py's scanner)."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from ledger_app.core.errors import SigningKeyError, UserError
from ledger_app.ui.errors import error_text
from tests.test_fpstore_ingest import stored  # noqa: F401 (the fixture)
from tests.ui.test_i18n_refusals import chinese, zh  # noqa: F401 (the fixture)

PACKAGE = Path(__file__).resolve().parents[2] / "ledger_app"


def plain_raises(path: Path, names: set[str]) -> list[str]:
    """`raise Name("literal")` / `raise Name(f"...")` in `path`: a sentence with no message ID."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            name = getattr(node.exc.func, "id", None)
            if name in names and node.exc.args and isinstance(node.exc.args[0], ast.JoinedStr | ast.Constant):
                out.append(f"{path.name}:{node.lineno}")
    return out


def test_key_file_and_passphrase_errors_are_said_in_chinese_and_kept_in_english(tmp_path, zh, monkeypatch):  # noqa: F811
    from ledger_app.ledger import keys

    path = tmp_path / "ledger.key"
    keys.create_key_file(path, "example.com/zh-keys", "right", scrypt_n=2**14)
    cases: list[tuple[object, type[UserError], str]] = [
        (lambda: keys.load_key_file(path, "wrong"), SigningKeyError,
         f"Wrong passphrase for the signing key {path} (or the file's encrypted part was altered)."),
        (lambda: keys.load_key_file(tmp_path / "none.key", "x"), SigningKeyError,
         f"No signing key file at {tmp_path / 'none.key'}."),
        (lambda: keys.load_key_file(tmp_path, "x"), SigningKeyError,  # a folder: the system's EISDIR
         f"The signing key file {tmp_path} cannot be read: Is a directory."),
        (lambda: keys.create_key_file(path, "again", "x", scrypt_n=2**14), UserError,
         f"A key file already exists at {path}; refusing to overwrite it."),
        (lambda: keys.create_key_file(tmp_path / "e.key", "e", ""), UserError,
         "An empty passphrase is not allowed; choose a passphrase for the signing key."),
        (lambda: keys.load_key_file(path, "bad\udcff"), UserError,
         "The passphrase is not valid UTF-8 text (from LEDGER_PASSPHRASE or the terminal); give it as UTF-8, e.g. "
         "in a UTF-8 locale."),
    ]
    doc = json.loads(path.read_text())
    for name, change, tail in [
        ("bad.key", None, ": it is not a readable key file."),
        ("v2.key", {"version": 2}, " or from a newer version (key file version 2)."),
        ("cipher.key", {"cipher": "rot13"}, ": unknown cipher or key derivation."),
        ("scrypt.key", {"kdf": {**doc["kdf"], "n": 2**30}}, ": its scrypt parameters are out of range."),
        ("name.key", {"name": "someone-else"}, ": its name, public key and verifier key disagree."),
        ("salt.key", {"salt": "AAAA"}, ": its salt, nonce or ciphertext has the wrong length."),
    ]:
        (tmp_path / name).write_text("{bad" if change is None else json.dumps({**doc, **change}))
        cases.append((lambda n=name: keys.load_key_file(tmp_path / n, "right"), SigningKeyError,
                      f"The signing key file {tmp_path / name} is damaged{tail}"))
    for call, kind, english in cases:
        with pytest.raises(kind) as e:
            call()  # type: ignore[operator]
        assert str(e.value) == english  # the CLI's sentence, unchanged
        text = chinese(error_text(e.value))
        assert "LEDGER_PASSPHRASE" not in english or "LEDGER_PASSPHRASE" in text
    assert "EISDIR" in error_text(_raised(cases[2][0]))  # the system's reason, by its name

    monkeypatch.setenv("LEDGER_PASSPHRASE", "")
    with pytest.raises(UserError) as e:
        keys.passphrase_from_env_or_prompt(False)
    assert str(e.value) == "LEDGER_PASSPHRASE is set but empty; an empty passphrase is not allowed."
    assert "LEDGER_PASSPHRASE" in chinese(error_text(e.value))
    monkeypatch.delenv("LEDGER_PASSPHRASE")
    monkeypatch.setattr(keys.getpass, "getpass", lambda prompt: (_ for _ in ()).throw(EOFError()))
    with pytest.raises(UserError) as e:
        keys.passphrase_from_env_or_prompt(False)
    assert str(e.value) == "No passphrase given; set LEDGER_PASSPHRASE or run from a terminal."
    chinese(error_text(e.value))
    answers = iter(["one", "two"])
    monkeypatch.setattr(keys.getpass, "getpass", lambda prompt: next(answers))
    with pytest.raises(UserError) as e:
        keys.passphrase_from_env_or_prompt(True)
    assert str(e.value) == "The two passphrases differ; nothing was changed."
    chinese(error_text(e.value))
    assert plain_raises(PACKAGE / "ledger" / "keys.py", {"UserError", "SigningKeyError"}) == []


def _raised(call: object) -> BaseException:
    try:
        call()  # type: ignore[operator]
    except BaseException as exc:
        return exc
    raise AssertionError("no error")


def test_strict_json_refusals_are_said_in_chinese_and_kept_in_english(tmp_path, zh):  # noqa: F811
    """core/strictjson.py's refusals (the offline verifier's, a leaf's, a dropped certificate's)."""
    from ledger_app.core import strictjson
    from ledger_app.core.errors import VerificationError
    from ledger_app.ledger.entries import ENTRY_TYPES, LEAF_VERSION, decode_entry
    from ledger_app.verify import load_json_file

    cases = {
        b'{"a": 1, "a": 2}': "x.json is refused: the key 'a' appears twice in one object",
        b"1.5": "x.json is refused: the number 1.5 is not an integer (write such values as strings)",
        b"9" * 30: "x.json is refused: an integer of 30 digits is beyond ±(2**53 - 1)",
        b"-9007199254740993": "x.json is refused: the integer -9007199254740993 is beyond ±(2**53 - 1)",
        b"[NaN]": "x.json is refused: NaN is not a JSON value",
        b"\xff": "x.json is not UTF-8 (byte 0)",
        b"[" * 40 + b"]" * 40: "x.json is refused: it nests arrays or objects deeper than 32 levels",
        b"{bad": "x.json is not valid JSON (Expecting property name enclosed in double quotes: line 1 column 2 "
                 "(char 1))",
    }
    for data, english in cases.items():
        with pytest.raises(strictjson.StrictJSONError) as e:
            strictjson.loads(data, "x.json")
        assert str(e.value) == english
        assert "x.json" in chinese(error_text(e.value))
    path = tmp_path / "twice.json"
    path.write_bytes(b'{"kind": "a", "kind": "b"}')
    with pytest.raises(VerificationError) as v:
        load_json_file(path)  # the offline verifier, reading a certificate
    assert str(v.value) == f"{path} is refused: the key 'kind' appears twice in one object"
    chinese(error_text(v.value))
    kind = sorted(ENTRY_TYPES)[0]
    leaf = f'{{"payload":{{}},"ts":"a","ts":"b","type":"{kind}","v":{LEAF_VERSION}}}'.encode()
    with pytest.raises(VerificationError) as v:
        decode_entry(leaf, index=3)  # a duplicate the fast parser lets through, named by the strict one
    assert str(v.value) == "entry 3: the leaf is refused: the key 'ts' appears twice in one object"
    chinese(error_text(v.value))
    with pytest.raises(VerificationError) as v:
        decode_entry(b"[" * 40 + b"]" * 40, index=4)
    assert str(v.value) == "entry 4: the leaf is refused: it nests arrays or objects deeper than 32 levels"
    chinese(error_text(v.value))


def test_values_outside_canonical_json_are_said_in_chinese_and_kept_in_english(zh):  # noqa: F811
    from ledger_app.certificates.document import _check_body
    from ledger_app.ledger.documents import DOCUMENT_VERSION, NotCanonicalError, canonical_bytes

    cases = [
        ({"a": 1.5}, "the document.a holds the floating-point number 1.5; documents hold none (write it as a string)"),
        ({"a": 2**60}, f"the document.a holds the integer {2**60}, beyond the 2**53 that JSON numbers keep exactly"),
        ({"a": "\ud800"}, "the document.a holds a lone surrogate, which has no UTF-8 encoding"),
        ({1: 2}, "the document has the non-string key 1"),
        ({"\U0001f600": 1}, "the document has the key '\U0001f600' with a character beyond U+FFFF"),
        ({"a": {1, 2}}, "the document.a holds a set, which is not a JSON value"),
    ]
    for value, english in cases:
        with pytest.raises(NotCanonicalError) as e:
            canonical_bytes(value)
        assert str(e.value) == english
        chinese(error_text(e.value))
    with pytest.raises(UserError) as u:
        _check_body({"version": DOCUMENT_VERSION, "a": 1.5})  # what signing a document refuses
    assert str(u.value) == ("the document cannot be signed: the document.a holds the floating-point number 1.5; documents hold "
                            "none (write it as a string)")
    chinese(error_text(u.value))


def test_an_unreadable_store_file_is_said_in_chinese_and_kept_in_english(stored, zh, monkeypatch):  # noqa: F811
    """`ledger log verify --store` on a fingerprint store file the system refuses to read (EACCES;
    simulated, as the tests run as root) or that changed: Python's English for the CLI, the window's
    language in the window."""
    import errno

    from ledger_app.core.errors import VerificationError
    from ledger_app.fpstore.store import FingerprintStore

    s = stored[0]
    st = s.corpus.stored.store()
    m = s.corpus.stored.manifests("wds")[("wds", "shard-001.tar")]
    path = Path(st.base) / m.file
    original = path.read_bytes()

    readable = FingerprintStore.file_sha256

    def refuse(self: FingerprintStore, name: str) -> str:
        if name != m.file:
            return readable(self, name)
        raise PermissionError(errno.EACCES, "Permission denied", str(Path(self.base) / name))

    with monkeypatch.context() as patch:
        patch.setattr(FingerprintStore, "file_sha256", refuse)
        with pytest.raises(VerificationError) as e:
            s.corpus.stored.verify_files()
    assert str(e.value) == (f"the fingerprint store file {m.file} of shard 'shard-001.tar' of corpus 'wds' cannot be "
                            f"read ([Errno {errno.EACCES}] Permission denied: '{path}') (manifest entry {m.index})")
    text = chinese(error_text(e.value))
    assert "EACCES" in text and str(path) in text
    try:
        path.write_bytes(original + b"x")
        with pytest.raises(VerificationError) as e:
            s.corpus.stored.verify_files()
        assert str(e.value) == (f"the fingerprint store file {m.file} of shard 'shard-001.tar' of corpus 'wds' has "
                                f"another SHA-256 than its manifest says (manifest entry {m.index})")
        chinese(error_text(e.value))
    finally:
        path.write_bytes(original)
    assert s.corpus.stored.verify_files().to_json() == {"shards": 2, "items": 73}


def test_url_hash_and_domain_refusals_are_said_in_chinese_and_kept_in_english(zh):  # noqa: F811
    from ledger_app.core.urls import normalize_domain, normalize_url, parse_sha256

    cases = [
        (lambda: normalize_url("  "), "an empty URL cannot be matched"),
        (lambda: normalize_url("http:///path"), "'http:///path' has no host name"),
        (lambda: normalize_url("ab" * 32), f"'{'ab' * 32}' is not a URL: it looks like a hash; give it as a hash "
                                           "(--hash) instead"),
        (lambda: parse_sha256("xyz"), "'xyz' is not a SHA-256 value: it contains 'xyz'; a SHA-256 is 64 hex digits "
                                      "(0-9, a-f)"),
        (lambda: parse_sha256("abc"), "'abc' is not a SHA-256 value: it has 3 hex digits, a SHA-256 has 64; check "
                                      "that it was copied whole"),
        (lambda: normalize_domain("a b"), "'a b' is not a domain name"),
    ]
    for call, english in cases:
        with pytest.raises(UserError) as e:
            call()
        assert str(e.value) == english
        chinese(error_text(e.value))
    assert plain_raises(PACKAGE / "core" / "urls.py", {"UserError"}) == []


def test_settings_refusals_and_upgrade_notes_are_said_in_chinese_and_kept_in_english(tmp_path, zh):  # noqa: F811
    from ledger_app.core.errors import ConfigError
    from ledger_app.core.messages import SaidText
    from ledger_app.core.settings import CONFIG_VERSION, Settings
    from ledger_app.ui.reason_text import note_text

    path = tmp_path / "config.json"
    path.write_text(json.dumps({"ui.language": "zh_CN", "match.pdq_max_distance": 10_000,
                                "match.text_min_score": "high"}))
    settings = Settings(path)
    assert settings.upgraded == [
        "ui.language was removed from the workspace settings: the interface language is a per-user preference now: "
        "choose it in the app (Settings, Preferences)",
        "match.pdq_max_distance = 10000 is outside 0..256; 256 applies",
        "setting match.text_min_score takes a float, not 'high'; the default 0.24 applies",
    ]
    for note in settings.upgraded:
        assert isinstance(note, SaidText)
        chinese(note_text(note))
    cases = [
        (lambda: settings.get("ui.theme"), "the setting ui.theme was removed: the theme is a per-user preference now: "
                                           "choose it in the app (Settings, Preferences)"),
        (lambda: settings.get("nope"), "there is no setting named 'nope' (`ledger settings show` lists them)"),
        (lambda: settings.set("match.text_min_score", True), "setting match.text_min_score takes a float, not True"),
    ]
    for version, english in [("x", "has the version 'x', which is not a whole number from 1; correct it or move the "
                                    "file away to start from the defaults"),
                             (CONFIG_VERSION + 1, f"was written by a newer version of the application (settings "
                                                  f"version {CONFIG_VERSION + 1}; this one knows up to "
                                                  f"{CONFIG_VERSION}): upgrade the application to use this workspace")]:
        other = tmp_path / f"v{version}.json"
        other.write_text(json.dumps({"version": version}))
        cases.append((lambda o=other: Settings(o), f"the workspace settings file {other} {english}"))
    (tmp_path / "list.json").write_text("[]")
    cases.append((lambda: Settings(tmp_path / "list.json"),
                  f"the workspace settings file {tmp_path / 'list.json'} does not hold a JSON object"))
    (tmp_path / "dir.json").mkdir()
    cases.append((lambda: Settings(tmp_path / "dir.json"), f"the workspace settings file {tmp_path / 'dir.json'} "
                                                           f"cannot be read: [Errno 21] Is a directory: "
                                                           f"'{tmp_path / 'dir.json'}'"))
    for call, english in cases:
        with pytest.raises(ConfigError) as e:
            call()
        assert str(e.value) == english
        chinese(error_text(e.value))


def test_a_takedown_import_names_the_request_type_in_chinese(tmp_path, zh):  # noqa: F811
    """The request type inside an import's refusal and a new request's: its value in English (the
    CLI's), a word in the window's language."""
    from ledger_app.core.errors import IncompleteRequest
    from ledger_app.takedown.requests import RequestType
    from tests.takedown.td_builders import make_services

    s = make_services(tmp_path / "ws")
    s.ledger.init("example.com/zh-import")
    path = tmp_path / "requests.csv"
    path.write_text("type,requester\npublisher,Daily\n")  # no work named
    with pytest.raises(IncompleteRequest) as e:
        s.takedown.import_requests(path)
    assert str(e.value) == ("line 2 of requests.csv: the publisher request is incomplete; missing no identification "
                            "of the material (give files, hashes, URLs, domains, accounts or text); nothing was "
                            "imported (complete the file, or import with --record-anyway to record such requests as "
                            "rejected)")
    text = chinese(error_text(e.value))
    assert "出版方" in text and "publisher" not in text
    with pytest.raises(IncompleteRequest) as e:
        s.takedown.new_request(type="court", requester="", works=[])
    assert str(e.value).startswith("the court request is incomplete, missing: ")
    assert "法院" in chinese(error_text(e.value))
    from ledger_app.services.takedowns import TYPE_WORDS

    assert set(TYPE_WORDS) == set(RequestType)
    s.ws.dispose()

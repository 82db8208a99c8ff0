"""Read an asset's C2PA Content Credentials into a `C2paSummary`, offline, from bytes only.

`read_c2pa` feeds the given bytes to one `c2pa.Reader` through an in-memory stream with the sniffed
media type: no path is handed to c2pa, so it reads nothing but those bytes (no sidecar lookup, nothing
relative to the working directory), and the context from `c2pa_loader` switches every network fetch
off. It never raises for a bad asset; what went wrong is the summary's state and `error`.

States:
  ``none``        no manifest (or a media type c2pa does not read),
  ``Valid`` / ``Trusted`` / ``Invalid``   c2pa's validation state of the manifest store,
  ``remote``      the asset points to a remote manifest, which is deliberately not fetched,
  ``unreadable``  c2pa failed on the asset for any other reason (broken container, broken JUMBF).

Failure codes are the active manifest's ``validation_results.activeManifest.failure`` codes (sorted,
unique), as `expected.json` records them; an ingredient's failure can make the store ``Invalid``
without appearing there, and the full report stays in ``manifest_json``.

AI-generated: an action's ``digitalSourceType`` (or the IPTC assertion's) whose last path segment,
whitespace stripped, is one of `AI_GENERATED_SOURCE_TYPES`:

* ``trainedAlgorithmicMedia``: made by a trained (generative) model. Yes.
* ``compositeWithTrainedAlgorithmicMedia``: captured media with generated elements (inpainting,
  generative fill). Yes: part of the pixels were generated.
* ``compositeSynthetic``: a composite of synthetic elements, which IPTC explains with generated media
  among them; it cannot be told apart from an AI composite, so it counts (the flag is informational,
  a false positive costs little).
* C2PA's ``trainedAlgorithmicData`` (``http://c2pa.org/digitalsourcetype/...``): non-media data from a
  trained model. Yes.
* Not AI-generated: ``algorithmicMedia`` (created by an algorithm *without* sampled training data,
  e.g. the procedural gradients of c2pa's test images), ``algorithmicallyEnhanced`` (a capture
  corrected or enhanced by an algorithm), ``dataDrivenMedia``, ``digitalArt``/``digitalCreation``,
  captures and scans, ``empty``.

Training and data mining: every entry of the active manifest's ``c2pa.training-mining`` and
``cawg.training-mining`` assertions (any version or ``__N`` instance suffix), mapped to ``allowed`` /
``notAllowed`` / ``constrained`` (matched case- and whitespace-insensitively) or else to the raw value,
which the policy treats as unknown. An entry key declared twice keeps the most restrictive value.
`training_mining_detail` keeps, per entry, the assertion label(s) and the ``constraint_info`` (or
CAWG's ``constraints_info``) text.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from cryptography import x509

from ledger_app.core.errors import ConfigError, UserError
from ledger_app.core.types import C2paState, C2paSummary
from ledger_app.provenance.c2pa_loader import c2pa, native_call, reading_context

__all__ = [
    "AI_GENERATED_SOURCE_TYPES",
    "TRAINING_MINING_LABELS",
    "PERMISSION_VALUES",
    "read_c2pa",
    "summarize_manifest_store",
    "supported_media_type",
    "validate_trust_anchor_pem",
    "is_ai_generated_source_type",
]

AI_GENERATED_SOURCE_TYPES = frozenset(
    {
        "trainedAlgorithmicMedia",
        "compositeWithTrainedAlgorithmicMedia",
        "compositeSynthetic",
        "trainedAlgorithmicData",
    }
)
TRAINING_MINING_LABELS = ("c2pa.training-mining", "cawg.training-mining")
PERMISSION_VALUES = ("allowed", "notAllowed", "constrained")
_PERMISSION_BY_FOLDED = {v.lower(): v for v in PERMISSION_VALUES}
# Most restrictive first; anything unknown sits between constrained and allowed.
_RESTRICTIVENESS = {"notAllowed": 3, "constrained": 2, "allowed": 0}
_UNKNOWN_RANK = 1

_ACTIONS_LABEL = re.compile(r"^c2pa\.actions(\.v\d+)?(__\d+)?$")
_IPTC_LABEL = re.compile(r"^stds\.iptc(\.photo-metadata)?(__\d+)?$")
_TRAINING_LABEL = re.compile(r"^(c2pa|cawg)\.training-mining(\.v\d+)?(__\d+)?$")

# Standalone manifest stores are not assets: there is nothing for their hard binding to bind to.
_NOT_ASSETS = frozenset({"application/c2pa", "application/x-c2pa-manifest-store"})
_MIME_ALIASES = {
    "image/jpg": "image/jpeg",
    "image/pjpeg": "image/jpeg",
    "image/x-png": "image/png",
    "image/x-tiff": "image/tiff",
    "audio/x-flac": "audio/flac",
}
_supported: frozenset[str] | None = None


def _normalize_mime(media_type: str | None) -> str:
    mime = (media_type or "").split(";", 1)[0].strip().lower()
    return _MIME_ALIASES.get(mime, mime)


def supported_media_type(mime: str | None) -> bool:
    """Whether c2pa can read Content Credentials from assets of this media type."""
    global _supported
    if _supported is None:
        _supported = frozenset(m for m in c2pa.Reader.get_supported_mime_types() if "/" in m) - _NOT_ASSETS
    return _normalize_mime(mime) in _supported


def read_c2pa(data: bytes, media_type: str, trust_anchors_pem: str | None = None) -> C2paSummary:
    """Summarize the Content Credentials in ``data``; never raises for a bad asset.

    ``trust_anchors_pem`` is a PEM bundle of root certificates: a sound manifest whose chain ends in
    one of them is ``Trusted``, otherwise ``Valid`` with ``signingCredential.untrusted``. A bundle
    c2pa-rs cannot parse raises ConfigError (check it first with `validate_trust_anchor_pem`).
    """
    mime = _normalize_mime(media_type)
    if not supported_media_type(mime):
        return C2paSummary(state=C2paState.NONE)
    context = reading_context(trust_anchors_pem)
    try:
        with native_call(), c2pa.Reader(mime, io.BytesIO(bytes(data)), context=context) as reader:
            manifest_json = reader.json()
    except c2pa.C2paError.ManifestNotFound:
        return C2paSummary(state=C2paState.NONE)
    except c2pa.C2paError as exc:
        message = _error_text(exc)
        if isinstance(exc, c2pa.C2paError.RemoteManifest) or message.startswith("Remote:"):
            return C2paSummary(state=C2paState.REMOTE, error=message)
        return C2paSummary(state=C2paState.UNREADABLE, error=message)
    except ConfigError:
        raise
    except Exception as exc:  # a reader bug must not abort an ingest batch: report it on the item
        return C2paSummary(state=C2paState.UNREADABLE, error=f"{type(exc).__name__}: {exc}")
    try:
        return summarize_manifest_store(json.loads(manifest_json), manifest_json)
    except Exception as exc:
        return C2paSummary(
            state=C2paState.UNREADABLE,
            error=f"the manifest report could not be interpreted: {type(exc).__name__}: {exc}",
            manifest_json=manifest_json,
        )


def _error_text(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 500 else text[:497] + "..."


def summarize_manifest_store(store: Mapping[str, Any], manifest_json: str | None = None) -> C2paSummary:
    """Build the summary from a parsed ``Reader.json()`` report."""
    state_text = store.get("validation_state")
    try:
        state = C2paState(state_text)
    except ValueError:
        state = None
    if state not in (C2paState.VALID, C2paState.TRUSTED, C2paState.INVALID):
        return C2paSummary(
            state=C2paState.UNREADABLE,
            error=f"c2pa reported no usable validation state ({state_text!r})",
            manifest_json=manifest_json,
        )
    active: Mapping[str, Any] = {}
    manifests = store.get("manifests")
    if isinstance(manifests, Mapping):
        candidate = manifests.get(store.get("active_manifest"))
        if isinstance(candidate, Mapping):
            active = candidate
    assertions = [a for a in _as_list(active.get("assertions")) if isinstance(a, Mapping)]
    source_types = _digital_source_types(assertions)
    training, detail = _training_mining(assertions)
    return C2paSummary(
        state=state,
        failure_codes=_failure_codes(store),
        training_mining=training,
        training_mining_detail=detail,
        ai_generated=any(is_ai_generated_source_type(s) for s in source_types),
        signer=_signer(active),
        claim_generator=_claim_generator(active),
        digital_source_types=source_types,
        manifest_json=manifest_json,
    )


def is_ai_generated_source_type(value: str) -> bool:
    """Whether a digitalSourceType value (IPTC or C2PA URI, or bare term) means AI-generated."""
    term = value.strip().rstrip("/").rsplit("/", 1)[-1].strip()
    return term in AI_GENERATED_SOURCE_TYPES


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _failure_codes(store: Mapping[str, Any]) -> tuple[str, ...]:
    results = store.get("validation_results")
    active = results.get("activeManifest") if isinstance(results, Mapping) else None
    if isinstance(active, Mapping):
        entries = _as_list(active.get("failure"))
    else:  # older reports: the flat list (may include ingredients' codes)
        entries = _as_list(store.get("validation_status"))
    codes = {e.get("code") for e in entries if isinstance(e, Mapping) and isinstance(e.get("code"), str)}
    return tuple(sorted(codes))


def _signer(active: Mapping[str, Any]) -> str | None:
    info = active.get("signature_info")
    if not isinstance(info, Mapping):
        return None
    for key in ("issuer", "common_name"):
        value = info.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _claim_generator(active: Mapping[str, Any]) -> str | None:
    for info in _as_list(active.get("claim_generator_info")):
        if isinstance(info, Mapping) and isinstance(info.get("name"), str) and info["name"].strip():
            return info["name"].strip()
    value = active.get("claim_generator")
    return value.strip() if isinstance(value, str) and value.strip() else None


def _base_label(assertion: Mapping[str, Any]) -> str:
    label = assertion.get("label")
    return label if isinstance(label, str) else ""


def _digital_source_types(assertions: Iterable[Mapping[str, Any]]) -> tuple[str, ...]:
    found: list[str] = []
    for assertion in assertions:
        label = _base_label(assertion)
        data = assertion.get("data")
        if not isinstance(data, Mapping):
            continue
        values: list[Any] = []
        if _ACTIONS_LABEL.match(label):
            for action in _as_list(data.get("actions")):
                if isinstance(action, Mapping):
                    values.append(action.get("digitalSourceType"))
        elif _IPTC_LABEL.match(label):
            values.append(data.get("Iptc4xmpExt:DigitalSourceType"))
        for value in values:
            if isinstance(value, str) and value.strip() and value not in found:
                found.append(value)  # raw, as declared (stray whitespace included)
    return tuple(found)


def _permission(entry: Any) -> str:
    use = entry.get("use") if isinstance(entry, Mapping) else entry
    if isinstance(use, str):
        return _PERMISSION_BY_FOLDED.get(use.strip().lower(), use)
    return "(missing)" if use is None else json.dumps(use, sort_keys=True, default=str)


def _constraint_text(entry: Any) -> str | None:
    if not isinstance(entry, Mapping):
        return None
    for key in ("constraint_info", "constraints_info"):
        value = entry.get(key)
        if value is None:
            continue
        return value if isinstance(value, str) else json.dumps(value, sort_keys=True, default=str)
    return None


def _training_mining(
    assertions: Iterable[Mapping[str, Any]],
) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    values: dict[str, str] = {}
    detail: dict[str, dict[str, str]] = {}

    def record(key: str, value: str, label: str, constraint: str | None) -> None:
        rank = _RESTRICTIVENESS.get(value, _UNKNOWN_RANK)
        if key not in values or rank > _RESTRICTIVENESS.get(values[key], _UNKNOWN_RANK):
            values[key] = value
        info = detail.setdefault(key, {"assertion": label})
        if label not in info["assertion"].split(", "):
            info["assertion"] += f", {label}"
        if constraint is not None and "constraint_info" not in info:
            info["constraint_info"] = constraint

    for assertion in assertions:
        label = _base_label(assertion)
        match = _TRAINING_LABEL.match(label)
        if not match:
            continue
        base = f"{match.group(1)}.training-mining"
        data = assertion.get("data")
        entries = data.get("entries") if isinstance(data, Mapping) else None
        if not isinstance(entries, Mapping):
            # Present but not in the expected shape: fail closed with a visible unknown value.
            record(base, "(malformed)", base, None)
            continue
        for key, entry in entries.items():
            record(str(key), _permission(entry), base, _constraint_text(entry))
    return values, detail


def _subject_text(name: x509.Name) -> str:
    return name.rfc4514_string() or "(empty subject)"


def validate_trust_anchor_pem(pem: str) -> list[str]:
    """Check a PEM bundle of C2PA trust anchors; return the subjects of its certificates.

    Raises UserError with a sentence a person can act on when the text holds no certificate, cannot
    be parsed, or holds a certificate that is not a CA certificate or is outside its validity period.
    """
    if not isinstance(pem, str) or "-----BEGIN CERTIFICATE-----" not in pem:
        raise UserError(
            "The trust anchor file holds no PEM certificate (expected '-----BEGIN CERTIFICATE-----')."
        )
    try:
        certs = x509.load_pem_x509_certificates(pem.encode("utf-8"))
    except ValueError as exc:
        raise UserError(f"The trust anchor file is not valid PEM: {exc}.") from exc
    now = datetime.now(UTC)
    subjects: list[str] = []
    for cert in certs:
        subject = _subject_text(cert.subject)
        try:
            constraints = cert.extensions.get_extension_for_class(x509.BasicConstraints).value
        except x509.ExtensionNotFound:
            constraints = None
        if constraints is None or not constraints.ca:
            raise UserError(
                f"The certificate {subject} is not a CA certificate (basicConstraints CA is not set); "
                "add the root (or intermediate) CA that issued the signing certificate instead."
            )
        if not (cert.not_valid_before_utc <= now <= cert.not_valid_after_utc):
            raise UserError(
                f"The certificate {subject} is valid only from {cert.not_valid_before_utc:%Y-%m-%d} "
                f"to {cert.not_valid_after_utc:%Y-%m-%d}; add a CA certificate that is valid now."
            )
        subjects.append(subject)
    # c2pa-rs must accept the bundle too (it parses PEM differently); fail now, not at ingest time.
    try:
        reading_context(pem)
    except ConfigError as exc:
        raise UserError(f"c2pa cannot use these trust anchors: {exc}") from exc
    return subjects

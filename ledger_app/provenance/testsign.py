"""Sign assets with C2PA Content Credentials under a throwaway CA, for tests and `ledger demo`.

`make_demo_ca` makes a root CA and one signing certificate that c2pa-rs accepts: the leaf is not a
CA, carries subject and authority key identifiers, key usage digitalSignature and an extended key
usage c2pa-rs allows (emailProtection by default, or documentSigning 1.3.6.1.5.5.7.3.36); the chain
given to the signer is leaf then root. Without a timestamp authority the signing certificate must be
valid when a manifest is *read*, so the certificates are valid from a day ago for ten years.

With the root PEM as a trust anchor the signed assets read ``Trusted``; without it, ``Valid`` with
``signingCredential.untrusted``. The private key lives in memory only and is never a secret worth
keeping: nothing here is for real provenance.
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier

from ledger_app import __version__
from ledger_app.core.errors import UserError
from ledger_app.provenance.c2pa_loader import c2pa, native_call, reading_context

__all__ = ["DemoCA", "make_demo_ca", "sign_asset", "sign_jpeg", "DOCUMENT_SIGNING_EKU", "IPTC_SOURCE_TYPE"]

DOCUMENT_SIGNING_EKU = ObjectIdentifier("1.3.6.1.5.5.7.3.36")
IPTC_SOURCE_TYPE = "http://cv.iptc.org/newscodes/digitalsourcetype/"
C2PA_SOURCE_TYPE = "http://c2pa.org/digitalsourcetype/"
_C2PA_TERMS = frozenset({"empty", "trainedAlgorithmicData"})


@dataclass(frozen=True)
class DemoCA:
    """A throwaway root CA and its one signing certificate (PEM text)."""

    common_name: str
    root_pem: str
    leaf_cert_pem: str
    leaf_key_pem: str = field(repr=False)

    @property
    def chain_pem(self) -> str:
        """The signer's chain as c2pa wants it: leaf first, then the root."""
        return self.leaf_cert_pem + self.root_pem


def _name(common_name: str, organization: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
        ]
    )


def _pem(cert: x509.Certificate) -> str:
    return cert.public_bytes(serialization.Encoding.PEM).decode("ascii")


def make_demo_ca(
    common_name: str,
    *,
    valid_days: int = 3650,
    document_signing: bool = False,
) -> DemoCA:
    """A root CA named ``common_name`` and a leaf whose organization is ``common_name``.

    c2pa reports the leaf's organization as the signer (``signature_info.issuer``), so assets signed
    with this CA show ``common_name`` as their signer.
    """
    if not common_name.strip():
        raise UserError("A demo CA needs a non-empty common name.")
    now = datetime.now(UTC)
    start, end = now - timedelta(days=1), now + timedelta(days=valid_days)
    root_key = ec.generate_private_key(ec.SECP256R1())
    root_name = _name(f"{common_name} Root CA", common_name)
    root = (
        x509.CertificateBuilder()
        .subject_name(root_name)
        .issuer_name(root_name)
        .public_key(root_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()), critical=False)
        .sign(root_key, hashes.SHA256())
    )
    leaf_key = ec.generate_private_key(ec.SECP256R1())
    eku = DOCUMENT_SIGNING_EKU if document_signing else ExtendedKeyUsageOID.EMAIL_PROTECTION
    leaf = (
        x509.CertificateBuilder()
        .subject_name(_name(f"{common_name} Signer", common_name))
        .issuer_name(root_name)
        .public_key(leaf_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([eku]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(leaf_key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), critical=False
        )
        .sign(root_key, hashes.SHA256())
    )
    key_pem = leaf_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode("ascii")
    return DemoCA(
        common_name=common_name, root_pem=_pem(root), leaf_cert_pem=_pem(leaf), leaf_key_pem=key_pem
    )


def _source_type_uri(value: str | None) -> str:
    if value is None:
        return C2PA_SOURCE_TYPE + "empty"  # C2PA's "no claim about the source"
    if "/" in value or ":" in value:
        return value  # a full URI, passed through verbatim (stray whitespace included)
    return (C2PA_SOURCE_TYPE if value in _C2PA_TERMS else IPTC_SOURCE_TYPE) + value


def _training_assertion(entries: Mapping[str, str | Mapping[str, Any]], cawg: bool) -> dict[str, Any]:
    namespace = "cawg" if cawg else "c2pa"
    data: dict[str, Any] = {}
    for key, value in entries.items():
        full_key = key if "." in key else f"{namespace}.{key}"
        data[full_key] = {"use": value} if isinstance(value, str) else dict(value)
    return {"label": f"{namespace}.training-mining", "data": {"entries": data}}


def sign_asset(
    data: bytes,
    media_type: str,
    ca: DemoCA,
    *,
    title: str,
    training_mining: Mapping[str, str | Mapping[str, Any]] | None = None,
    digital_source_type: str | None = None,
    cawg: bool = False,
) -> bytes:
    """Return ``data`` with an embedded C2PA manifest signed by ``ca``'s leaf.

    ``training_mining`` maps entry keys (``"ai_training"`` is namespaced to ``c2pa.``/``cawg.``) to a
    permission value, or to a full entry such as ``{"use": "constrained", "constraint_info": "..."}``;
    values are written as given, unknown ones included. ``cawg`` chooses the ``cawg.training-mining``
    label over ``c2pa.training-mining``. ``digital_source_type`` is an IPTC term, a full URI, or None
    for C2PA's ``empty``; it goes on the ``c2pa.created`` action every new manifest starts with.
    """
    assertions: list[dict[str, Any]] = [
        {
            "label": "c2pa.actions",
            "data": {
                "actions": [
                    {"action": "c2pa.created", "digitalSourceType": _source_type_uri(digital_source_type)}
                ]
            },
        }
    ]
    if training_mining is not None:
        assertions.append(_training_assertion(training_mining, cawg))
    manifest = {
        "claim_generator_info": [{"name": "Provenance Ledger", "version": __version__}],
        "title": title,
        "format": media_type,
        "assertions": assertions,
    }
    info = c2pa.C2paSignerInfo(
        c2pa.C2paSigningAlg.ES256, ca.chain_pem.encode("ascii"), ca.leaf_key_pem.encode("ascii"), None
    )
    out = io.BytesIO()
    try:
        signer = c2pa.Signer.from_info(info)
        try:
            with native_call(), c2pa.Builder(json.dumps(manifest), context=reading_context(None)) as builder:
                builder.sign(signer, media_type, io.BytesIO(bytes(data)), out)
        finally:
            signer.close()
    except c2pa.C2paError as exc:
        raise UserError(f"The asset could not be signed with C2PA Content Credentials: {exc}") from exc
    return out.getvalue()


def sign_jpeg(
    jpeg_bytes: bytes,
    ca: DemoCA,
    *,
    title: str,
    training_mining: Mapping[str, str | Mapping[str, Any]] | None = None,
    digital_source_type: str | None = None,
    cawg: bool = False,
) -> bytes:
    """`sign_asset` for a JPEG."""
    return sign_asset(
        jpeg_bytes,
        "image/jpeg",
        ca,
        title=title,
        training_mining=training_mining,
        digital_source_type=digital_source_type,
        cawg=cawg,
    )

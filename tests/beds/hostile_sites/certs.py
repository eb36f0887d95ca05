"""Certificates for the TLS cases, made fresh at every start (``cryptography``, ECDSA P-256).

* the bed's own CA (``BedCA``): trust it (``HostileSites.ca_file``) and each TLS case has exactly one
  problem, as real sites do (their certificates chain to a CA the browser trusts);
* ``valid``: a leaf for 127.0.0.1 from that CA (the ``tls-control`` case);
* ``expired``: a leaf for 127.0.0.1 from that CA whose notAfter has passed;
* ``wrong-host``: a leaf from that CA for ``www.brightwater-opticians.example`` only, served on 127.0.0.1;
* ``self-signed``: a leaf signed by its own key, chaining to nothing.

Without trusting the CA, every one of them is also "not trusted" (RFC 5280 §6: path validation needs a
trust anchor; Chromium and OpenSSL then report the issuer problem first).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

LeafKind = Literal["valid", "expired", "wrong-host", "self-signed"]

WRONG_HOST_NAME = "www.brightwater-opticians.example"
# The expired leaf's dates: a year's certificate that ran out on 31 January 2025.
EXPIRED_NOT_BEFORE = dt.datetime(2024, 2, 1, tzinfo=dt.UTC)
EXPIRED_NOT_AFTER = dt.datetime(2025, 1, 31, 23, 59, 59, tzinfo=dt.UTC)


def _name(common_name: str, organisation: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "GB"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _pem_key(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


@dataclass(frozen=True)
class Leaf:
    kind: LeafKind
    cert_pem: bytes
    key_pem: bytes
    not_after: dt.datetime

    def server_context(self, directory: Path) -> ssl.SSLContext:
        """A server-side context presenting this leaf (files written to ``directory``)."""
        cert_file = directory / f"{self.kind}.crt"
        key_file = directory / f"{self.kind}.key"
        cert_file.write_bytes(self.cert_pem)
        key_file.write_bytes(self.key_pem)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert_file, key_file)
        return context


class BedCA:
    """A throw-away certificate authority, "Hostile Sites Test CA", valid for a day either side of now."""

    def __init__(self) -> None:
        self._now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        self._key = ec.generate_private_key(ec.SECP256R1())
        subject = _name("Hostile Sites Test CA", "touchpoint-audit test bed")
        self._subject = subject
        ski = x509.SubjectKeyIdentifier.from_public_key(self._key.public_key())
        self._ski = ski
        self.cert = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(subject)
            .public_key(self._key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(self._now - dt.timedelta(days=1))
            .not_valid_after(self._now + dt.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
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
            .add_extension(ski, critical=False)
            .sign(self._key, hashes.SHA256())
        )
        self.cert_pem = self.cert.public_bytes(serialization.Encoding.PEM)

    def leaf(self, kind: LeafKind) -> Leaf:
        key = ec.generate_private_key(ec.SECP256R1())
        not_before = self._now - dt.timedelta(days=1)
        not_after = self._now + dt.timedelta(days=30)
        names: list[x509.GeneralName] = [x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]
        common_name = "127.0.0.1"
        issuer, signing_key = self._subject, self._key
        aki = x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(self._ski)
        if kind == "expired":
            not_before, not_after = EXPIRED_NOT_BEFORE, EXPIRED_NOT_AFTER
        elif kind == "wrong-host":
            names = [x509.DNSName(WRONG_HOST_NAME)]
            common_name = WRONG_HOST_NAME
        elif kind == "self-signed":
            # What `openssl req -x509` on the server itself makes: issuer = subject, own key.
            issuer = _name(common_name, "Harbour Lane Plumbing")
            signing_key = key
            aki = x509.AuthorityKeyIdentifier.from_issuer_public_key(key.public_key())
        subject = _name(common_name, "Harbour Lane Plumbing") if kind == "self-signed" else _name(common_name, "Bed")
        cert = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(issuer)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(not_before)
            .not_valid_after(not_after)
            .add_extension(x509.SubjectAlternativeName(names), critical=False)
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
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .add_extension(aki, critical=False)
            .sign(signing_key, hashes.SHA256())
        )
        return Leaf(kind, cert.public_bytes(serialization.Encoding.PEM), _pem_key(key), not_after)

"""The provider's electronic signature on a notice: PAdES (ETSI.CAdES.detached) with pyHanko.

Item 5 of the standard makes the notice valid only signed with the provider's key. The key and
certificate come from a PKCS#12 file; in production that is the provider's RSA certificate from
the national CA (НУЦ РК) — pyHanko signs with RSA or ECDSA, not GOST. The signature is PAdES-B-B:
no timestamp and no embedded revocation data, since neither a TSA nor OCSP is reachable from here.

pyHanko drives its work through asyncio.run, so these functions must not be called from inside a
running event loop (call them from a thread, as Prefect does for sync tasks).
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path

from asn1crypto import pem as asn1_pem
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, NoEncryption, pkcs12
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.general import SigningError
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from models.base import Frozen
from models.errors import InputError

FIELD_NAME = "ProviderSignature"


class NoticeCheck(Frozen):
    """What a reader of the notice can rely on, as pyHanko validated it against one trust root."""

    signed: bool
    intact: bool  # the signed bytes are unchanged
    valid: bool  # intact, the cryptography holds, and the certificate chains to the trust root
    signer_common_name: str | None = None
    signer_organization: str | None = None
    covers_whole_file: bool = False  # nothing was appended after signing
    signed_at: datetime | None = None
    problem: str | None = None

    @property
    def ok(self) -> bool:
        """What a reader needs: signed, unchanged, trusted, and nothing appended after signing."""
        return self.signed and self.intact and self.valid and self.covers_whole_file


_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
}


class _KeptKeySigner(signers.SimpleSigner):
    """SimpleSigner that parses its private key once.

    pyHanko re-parses the DER key on every raw signature, twice per notice (size estimate, then
    the real one); OpenSSL 3 checks an RSA key on each parse, ~60 ms. A nightly batch signs
    thousands of notices, so the parsed key is kept; unusual mechanisms fall back to pyHanko.
    """

    def __init__(self, base: signers.SimpleSigner) -> None:
        super().__init__(
            signing_cert=base.signing_cert,
            signing_key=base.signing_key,
            cert_registry=base.cert_registry,
        )
        self._key = serialization.load_der_private_key(base.signing_key.dump(), password=None)

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        hash_type = _HASHES.get(digest_algorithm)
        try:
            mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
        except ValueError:
            mechanism = None
        if hash_type is not None and mechanism == "rsassa_pkcs1v15" and isinstance(self._key, rsa.RSAPrivateKey):
            return self._key.sign(data, PKCS1v15(), hash_type())
        if hash_type is not None and mechanism == "ecdsa" and isinstance(self._key, ec.EllipticCurvePrivateKey):
            return self._key.sign(data, ec.ECDSA(hash_type()))
        return bytes(super().sign_raw(data, digest_algorithm))


@dataclass(frozen=True)
class NoticeSigner:
    """A loaded provider key: pyHanko's signer plus the names the notice and the logs show."""

    signer: signers.SimpleSigner
    common_name: str
    organization: str | None

    @property
    def certificate_der(self) -> bytes:
        """The signing certificate, e.g. to hand to a verifier as its trust root."""
        cert = self.signer.signing_cert
        if cert is None:
            raise InputError("the PKCS#12 file holds no certificate")
        return bytes(cert.dump())


def _name_part(cert: asn1_x509.Certificate, key: str) -> str | None:
    value = cert.subject.native.get(key)
    return str(value) if value is not None else None


def load_signer(p12_path: Path, password: bytes | None) -> NoticeSigner:
    """Load a provider's key and certificate; a wrong password or a broken file is bad configuration."""
    try:
        data = p12_path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the notice signing key {p12_path}: {exc.strerror}") from exc
    try:
        signer = signers.SimpleSigner.load_pkcs12_data(data, other_certs=(), passphrase=password)
    except ValueError as exc:
        raise InputError(
            f"cannot open {p12_path}: wrong password, not a PKCS#12 file, or a key type that cannot "
            "be read here (GOST keys cannot; configure the provider's RSA certificate)"
        ) from exc
    cert = signer.signing_cert
    if cert is None or signer.signing_key is None:
        raise InputError(f"{p12_path} holds no certificate with its private key")
    if cert.public_key.algorithm not in ("rsa", "ec"):
        raise InputError(
            f"{p12_path}: a {cert.public_key.algorithm} key cannot sign here; configure the RSA certificate"
        )
    return NoticeSigner(
        signer=_KeptKeySigner(signer),
        common_name=_name_part(cert, "common_name") or "",
        organization=_name_part(cert, "organization_name"),
    )


def sign_pdf(pdf: bytes, signer: NoticeSigner) -> bytes:
    """The notice with the provider's invisible PAdES-B-B signature appended as an incremental update."""
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
        reason="Мемлекеттік қызмет нәтижесі / Результат оказания государственной услуги",
        location="Қазақстан / Казахстан",
        name=signer.common_name or None,
    )
    try:
        try:
            out = _signed(pdf, meta, signer, SIGNATURE_ROOM)
        except SigningError as exc:  # a signature larger than the room kept: pyHanko sizes it
            if "larger than expected" not in str(exc):
                raise
            out = _signed(pdf, meta, signer, None)
    except (PdfError, SigningError) as exc:
        raise InputError(f"cannot sign the notice: {exc}") from exc
    return bytes(out.getvalue())


# Room kept in the PDF for the CMS signature, in hex digits (8 KB of signature: an RSA-4096 key with its
# certificate and two more of its chain fit). Given, it spares pyHanko signing each notice twice (a
# dry run to size the room): 31 -> 17 ms of CPU per notice.
SIGNATURE_ROOM = 16 * 1024


def _signed(pdf: bytes, meta: signers.PdfSignatureMetadata, signer: NoticeSigner, room: int | None) -> BytesIO:
    writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    return signers.sign_pdf(writer, meta, signer=signer.signer, bytes_reserved=room)


def _trust_root(data: bytes) -> asn1_x509.Certificate:
    try:
        if asn1_pem.detect(data):
            _, _, data = asn1_pem.unarmor(data)
        return asn1_x509.Certificate.load(data)
    except ValueError as exc:
        raise InputError("the trust root is neither a PEM nor a DER certificate") from exc


def verify_notice(pdf: bytes, trust_root_pem_or_der: bytes) -> NoticeCheck:
    """Validate the notice's last signature offline against one trust root (no fetching of CRLs)."""
    root = _trust_root(trust_root_pem_or_der)
    try:
        reader = PdfFileReader(BytesIO(pdf), strict=False)
        sigs = reader.embedded_regular_signatures
    except (PdfError, ValueError, KeyError) as exc:
        return NoticeCheck(signed=False, intact=False, valid=False, problem=f"unreadable PDF: {exc}")
    if not sigs:
        return NoticeCheck(signed=False, intact=False, valid=False, problem="no signature")
    sig = sigs[-1]
    context = ValidationContext(trust_roots=[root], allow_fetching=False, revocation_mode="soft-fail")
    try:
        status = validate_pdf_signature(sig, context)
    except (PdfError, ValueError, SigningError) as exc:
        return NoticeCheck(signed=True, intact=False, valid=False, problem=f"cannot validate: {exc}")
    cert = sig.signer_cert
    intact = bool(status.intact)
    return NoticeCheck(
        signed=True,
        intact=intact,
        valid=intact and bool(status.valid) and bool(status.trusted),
        signer_common_name=_name_part(cert, "common_name") if cert is not None else None,
        signer_organization=_name_part(cert, "organization_name") if cert is not None else None,
        covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        signed_at=status.signer_reported_dt,
        problem=None if intact and status.trusted else status.summary(),
    )


def make_self_signed_p12(
    path: Path,
    *,
    common_name: str,
    organization: str,
    password: bytes,
    key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey | None = None,
) -> None:
    """A demo/test provider key: RSA-2048 unless another key is given, self-signed, key usage
    digitalSignature + nonRepudiation."""
    key = key or rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "KZ"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=3 * 365))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,  # nonRepudiation
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
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    encryption = BestAvailableEncryption(password) if password else NoEncryption()
    blob = pkcs12.serialize_key_and_certificates(common_name.encode(), key, cert, None, encryption)
    path.write_bytes(blob)

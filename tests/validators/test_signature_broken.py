"""`document.signature_broken`: real PDFs signed here with pyHanko and keys made here, then changed."""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers

from extractors.reading import read_document
from models.extraction import DocumentReading
from models.listing import Folder
from models.settings import Settings
from models.working_days import WorkCalendar
from notices.sign import make_self_signed_p12
from sample_set.shared_certificates import certificate_pdf
from tests.submissions import make_manifest
from tests.validators.builders import make_ctx, make_reading, verdict_schema_errors
from validators.assessment import Parsed, assess
from validators.decision import decide
from validators.signature_broken import check_signature_broken

GOST_OID = bytes.fromhex("06092a830e030a01010102")  # 1.2.398.3.10.1.1.1.2, Kazakhstan's GOST 34.310 signature


def _key_p12(kind: str, folder: Path) -> bytes:
    """A test key made here (ECDSA P-256 or RSA-2048) with its self-signed certificate, as PKCS#12."""
    key = ec.generate_private_key(ec.SECP256R1()) if kind == "ecdsa" else rsa.generate_private_key(65537, 2048)
    path = folder / f"{kind}.p12"
    make_self_signed_p12(path, common_name=f"Test issuer {kind}", organization="Test", password=b"", key=key)
    return path.read_bytes()


def _signed(pdf: bytes, kind: str) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        blob = _key_p12(kind, Path(folder))
    signer = signers.SimpleSigner.load_pkcs12_data(blob, other_certs=(), passphrase=None)
    meta = signers.PdfSignatureMetadata(field_name="IssuerSignature", md_algorithm="sha256")
    out = signers.sign_pdf(IncrementalPdfFileWriter(BytesIO(pdf), strict=False), meta, signer=signer)
    return bytes(out.getvalue())


def _reading(data: bytes) -> DocumentReading:
    extracted = read_document("course.pdf", data, Settings())
    return DocumentReading(file="course.pdf", declared_kind="course_certificate", extracted=extracted)


def _findings(data: bytes) -> list:  # type: ignore[type-arg]
    manifest = make_manifest()
    return check_signature_broken(make_ctx(manifest, (_reading(data),)))


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return certificate_pdf(1)[0]


@pytest.mark.parametrize("kind", ["rsa", "ecdsa"])
def test_an_intact_signature_is_recorded_and_no_finding(pdf: bytes, kind: str) -> None:
    signed = _signed(pdf, kind)
    (sig,) = _reading(signed).extracted.signatures
    assert sig.checkable and sig.intact and sig.covers_whole_file and not sig.modified_after
    assert sig.signer and f"Test issuer {kind}" in sig.signer
    assert _findings(signed) == []


def test_an_unsigned_pdf_has_no_signatures(pdf: bytes) -> None:
    assert _reading(pdf).extracted.signatures == ()


def test_a_byte_changed_inside_the_signed_range_is_review(pdf: bytes) -> None:
    signed = _signed(pdf, "rsa")
    where = signed.index(b"ReportLab")
    tampered = signed[:where] + b"ReportLob" + signed[where + 9 :]
    (finding,) = _findings(tampered)
    assert finding.status == "review" and finding.check == "document.signature_broken"
    assert finding.evidence["reason"] == "not_intact" and finding.evidence["intact"] is False
    assert decide([finding]) == ("needs_review", ())
    assert verdict_schema_errors([finding]) == []


def test_a_change_appended_after_signing_is_review(pdf: bytes) -> None:
    signed = _signed(pdf, "ecdsa")
    writer = IncrementalPdfFileWriter(BytesIO(signed), strict=False)
    writer.root["/Lang"] = generic.TextStringObject("kk-KZ")  # the catalogue changed after the signature
    writer.update_root()
    out = BytesIO()
    writer.write(out)
    (finding,) = _findings(out.getvalue())
    assert finding.evidence["reason"] == "changed_after"
    assert finding.evidence["covers_whole_file"] is False and finding.evidence["modified_after"] is True


def test_a_gost_signature_is_recorded_not_held_against_anyone(pdf: bytes) -> None:
    """The signature algorithm's OID swapped for Kazakhstan's GOST (same length, outside the signed range)."""
    signed = _signed(pdf, "rsa")
    start = signed.index(b"/Contents <") + len(b"/Contents <")
    end = signed.index(b">", start)
    contents = bytes.fromhex(signed[start:end].decode())
    for oid in (bytes.fromhex("06092a864886f70d01010b"), bytes.fromhex("06092a864886f70d010101")):
        if oid in contents:
            at = contents.rindex(oid)
            contents = contents[:at] + GOST_OID + contents[at + len(oid) :]
            break
    else:
        pytest.fail("no RSA signature OID in the CMS")
    patched = signed[:start] + contents.hex().encode().ljust(end - start, b"0") + signed[end:]
    (sig,) = _reading(patched).extracted.signatures
    assert sig.checkable is False and sig.intact is None
    assert _findings(patched) == []


def test_the_verdict_records_each_signature_and_omits_none(pdf: bytes) -> None:
    manifest = make_manifest()
    signed = _reading(_signed(pdf, "ecdsa"))
    readings = tuple(signed.model_copy(update={"file": d.file}) if d.kind == "course_certificate" else
                     make_reading(d.file, d.kind) for d in manifest.documents)  # fmt: skip
    settings = Settings()
    calendar = WorkCalendar(settings.work_start, settings.work_end, (), ())
    parsed = Parsed(Folder(manifest.submission_id, (), b"{}"), manifest, None)
    verdict = assess(parsed, readings, (), settings, calendar, datetime.now(UTC))
    data = json.loads(verdict.to_json())
    with_signature = [d for d in data["documents"] if "signatures" in d]
    assert len(with_signature) == 1 and with_signature[0]["signatures"][0]["intact"] is True
    assert "Test issuer ecdsa" in with_signature[0]["signatures"][0]["signer"]

"""The provider's signature: PAdES, intact, trusted against the provider's certificate, whole-file."""

import re
from io import BytesIO
from pathlib import Path

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from models.errors import InputError
from notices import NoticeSigner, load_signer, make_self_signed_p12, render_notice, sign_pdf, verify_notice
from tests.notices import samples


@pytest.fixture(scope="module")
def notice(signer: NoticeSigner) -> bytes:
    pdf = render_notice(
        samples.refused(), samples.manifest(), provider_name=samples.PROVIDER, issued_at=samples.ISSUED_AT
    )
    return sign_pdf(pdf, signer)


def byte_range(pdf: bytes) -> tuple[int, int, int, int]:
    found = re.search(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", pdf)
    if found is None:
        raise AssertionError("no /ByteRange in the signed PDF")
    a, b, c, d = (int(x) for x in found.groups())
    return a, b, c, d


def test_signature_is_pades_intact_trusted_and_whole(notice: bytes, signer: NoticeSigner) -> None:
    assert b"/ETSI.CAdES.detached" in notice
    check = verify_notice(notice, signer.certificate_der)
    assert check.signed and check.intact and check.valid and check.covers_whole_file
    assert check.signer_common_name == samples.PROVIDER
    assert check.problem is None and check.ok
    start, _, second, length = byte_range(notice)
    assert start == 0 and second + length == len(notice)


def test_trust_root_in_pem_form(notice: bytes, signer: NoticeSigner) -> None:
    from asn1crypto import pem

    root = pem.armor("CERTIFICATE", signer.certificate_der)
    assert verify_notice(notice, root).valid


def test_one_changed_byte_breaks_integrity(notice: bytes, signer: NoticeSigner) -> None:
    _, first, _, _ = byte_range(notice)
    at = notice.index(b"ReportLab Generated PDF document")
    assert at < first  # inside the first signed range
    tampered = bytearray(notice)
    tampered[at] ^= 0x01
    check = verify_notice(bytes(tampered), signer.certificate_der)
    assert check.signed and not check.intact and not check.valid


def test_another_root_is_not_trusted(notice: bytes, tmp_path: Path) -> None:
    other = tmp_path / "other.p12"
    make_self_signed_p12(other, common_name="Басқа", organization="Басқа", password=b"x")
    check = verify_notice(notice, load_signer(other, b"x").certificate_der)
    assert check.intact and not check.valid and check.problem


def test_unsigned_notice(signer: NoticeSigner) -> None:
    pdf = render_notice(samples.verdict("accepted"), None, provider_name=samples.PROVIDER, issued_at=samples.ISSUED_AT)
    check = verify_notice(pdf, signer.certificate_der)
    assert not check.signed and not check.valid


def test_wrong_password_is_a_configuration_error(p12_path: Path) -> None:
    with pytest.raises(InputError, match="wrong password"):
        load_signer(p12_path, b"not-the-password")
    with pytest.raises(InputError, match="cannot read"):
        load_signer(p12_path.with_name("absent.p12"), b"")


def test_an_appended_update_is_not_whole_file(notice: bytes, signer: NoticeSigner) -> None:
    writer = IncrementalPdfFileWriter(BytesIO(notice))
    writer.root["/PageMode"] = generic.NameObject("/UseOutlines")
    writer.update_root()
    out = BytesIO()
    writer.write(out)
    check = verify_notice(out.getvalue(), signer.certificate_der)
    assert check.signed and check.intact and not check.covers_whole_file and not check.ok


def test_a_signature_larger_than_the_room_kept_is_sized_by_pyhanko(
    signer: NoticeSigner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The room kept for the signature spares a dry run; a key whose signature does not fit still signs."""
    import notices.sign

    pdf = render_notice(
        samples.refused(), samples.manifest(), provider_name=samples.PROVIDER, issued_at=samples.ISSUED_AT
    )
    kept = sign_pdf(pdf, signer)
    monkeypatch.setattr(notices.sign, "SIGNATURE_ROOM", 64)
    sized = sign_pdf(pdf, signer)
    for signed in (kept, sized):
        check = verify_notice(signed, signer.certificate_der)
        assert check.ok and check.covers_whole_file
    assert len(sized) < len(kept)  # pyHanko's own estimate is tighter than the room kept

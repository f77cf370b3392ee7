"""The kiosk's seal: identity files, loading (PEM and PKCS#12), signing, and what verify_pdf catches."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtensionOID, NameOID
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from kiosk.document.keys import check_identity, create_identity, describe_identity, load_signer
from kiosk.document.seal import SealError, Signer, certificate_sha256, sign_pdf, verify_pdf
from tests.pdfsig import pdfsig

NOW = datetime.now(UTC)
CLINIC = "St Anne's clinic"
KIOSK = "kiosk-7"
MARKER = b"Risk acknowledged by patient"

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def make_pdf(pages: int = 2) -> bytes:
    """A small reportlab PDF with uncompressed page text, so a test can change a visible word."""
    buffer = BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, pageCompression=0)
    for number in range(pages):
        page.drawString(72, 760, f"Page {number + 1}: {MARKER.decode()}")
        page.showPage()
    page.save()
    return buffer.getvalue()


def identity(
    tmp_path: Path,
    name: str = "seal",
    *,
    clinic: str = CLINIC,
    now: datetime = NOW,
    valid_days: int = 3650,
) -> tuple[Path, Path]:
    key, cert = tmp_path / name / "kiosk.key", tmp_path / name / "kiosk.crt"
    create_identity(key, cert, clinic=clinic, kiosk_id=KIOSK, now=now, valid_days=valid_days)
    return key, cert


def pem_signer(key: Path, cert: Path, now: datetime | None = None) -> Signer:
    return load_signer(
        key_path=key, cert_path=cert, pkcs12_path=None, pkcs12_password=None, now=now
    )


def problems(key: Path | None, cert: Path | None, now: datetime = NOW) -> list[str]:
    return check_identity(
        key_path=key, cert_path=cert, pkcs12_path=None, pkcs12_password=None, now=now
    )


def written(tmp_path: Path, pdf: bytes) -> Path:
    path = tmp_path / "checked.pdf"
    path.write_bytes(pdf)
    return path


@pytest.fixture
def signer(tmp_path: Path) -> Signer:
    return pem_signer(*identity(tmp_path))


@pytest.fixture
def signed(signer: Signer) -> bytes:
    return sign_pdf(make_pdf(), signer)


# --- the identity ----------------------------------------------------------------------------------


@posix_only
def test_create_identity_writes_a_private_key_and_a_public_certificate(tmp_path: Path) -> None:
    key, cert = identity(tmp_path)
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert stat.S_IMODE(cert.stat().st_mode) == 0o644
    assert stat.S_IMODE(key.parent.stat().st_mode) == 0o700
    assert b"BEGIN PRIVATE KEY" in key.read_bytes()  # PKCS#8, unencrypted
    assert [p.name for p in key.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_certificate_names_the_clinic_and_kiosk_and_may_only_sign(tmp_path: Path) -> None:
    _, cert_path = identity(tmp_path)
    cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    subject = cert.subject
    assert subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == KIOSK
    assert subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == CLINIC
    assert (
        subject.get_attributes_for_oid(NameOID.ORGANIZATIONAL_UNIT_NAME)[0].value
        == "Briefing kiosk"
    )
    assert cert.issuer == subject
    usage = cert.extensions.get_extension_for_oid(ExtensionOID.KEY_USAGE).value
    assert isinstance(usage, x509.KeyUsage)
    assert usage.digital_signature and usage.content_commitment and not usage.key_cert_sign
    constraints = cert.extensions.get_extension_for_class(x509.BasicConstraints).value
    assert constraints.ca is False
    assert cert.not_valid_before_utc <= NOW - timedelta(hours=23)
    assert cert.not_valid_after_utc - NOW > timedelta(days=3649)


def test_an_empty_clinic_name_becomes_briefing_kiosk(tmp_path: Path) -> None:
    _, cert_path = identity(tmp_path, clinic="  ")
    cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    assert (
        cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == "Briefing kiosk"
    )


def test_an_existing_key_is_never_overwritten(tmp_path: Path) -> None:
    key, cert = identity(tmp_path)
    before = key.read_bytes(), cert.read_bytes()
    with pytest.raises(SealError, match="already exists") as caught:
        identity(tmp_path)
    assert str(key) in str(caught.value)
    assert (key.read_bytes(), cert.read_bytes()) == before


def test_a_fresh_identity_has_no_problems_and_describes_itself(tmp_path: Path) -> None:
    key, cert = identity(tmp_path)
    assert problems(key, cert) == []
    line = describe_identity(key_path=key, cert_path=cert, pkcs12_path=None, pkcs12_password=None)
    assert line == f"CN={KIOSK}, O={CLINIC}, valid until {(NOW + timedelta(days=3650)):%Y-%m-%d}"


@posix_only
def test_doctor_reports_a_key_others_can_read(tmp_path: Path) -> None:
    key, cert = identity(tmp_path)
    key.chmod(0o640)
    (problem,) = problems(key, cert)
    assert "signing_key" in problem and "chmod 600" in problem


def test_missing_files_and_settings_are_named(tmp_path: Path) -> None:
    key, cert = identity(tmp_path)
    with pytest.raises(SealError, match=r"\(signing_key\) does not exist"):
        pem_signer(tmp_path / "nowhere.key", cert)
    with pytest.raises(SealError, match=r"\(signing_certificate\) does not exist"):
        pem_signer(key, tmp_path / "nowhere.crt")
    with pytest.raises(SealError, match="signing_certificate is not set"):
        load_signer(key_path=key, cert_path=None, pkcs12_path=None, pkcs12_password=None)
    (problem,) = problems(None, None)
    assert "signing_key" in problem and "signing_pkcs12" in problem


def test_garbage_in_the_key_file_is_refused(tmp_path: Path) -> None:
    key, cert = identity(tmp_path)
    key.write_bytes(b"not a key")
    with pytest.raises(SealError, match=r"\(signing_key\) is not a PEM private key"):
        pem_signer(key, cert)


def test_a_key_that_does_not_match_its_certificate_is_refused(tmp_path: Path) -> None:
    key, _ = identity(tmp_path, "one")
    _, other_cert = identity(tmp_path, "two")
    with pytest.raises(SealError, match="does not match") as caught:
        pem_signer(key, other_cert)
    assert "signing_key" in str(caught.value) and "signing_certificate" in str(caught.value)
    assert any("does not match" in p for p in problems(key, other_cert))


def test_an_expired_certificate_is_refused_and_reported(tmp_path: Path) -> None:
    key, cert = identity(tmp_path, now=NOW - timedelta(days=400), valid_days=30)
    with pytest.raises(SealError, match=r"\(signing_certificate\) expired on"):
        pem_signer(key, cert)
    assert any("expired" in p for p in problems(key, cert))


def test_a_certificate_not_yet_valid_is_refused(tmp_path: Path) -> None:
    key, cert = identity(tmp_path, now=NOW + timedelta(days=10))
    with pytest.raises(SealError, match="not valid until"):
        pem_signer(key, cert)
    assert any("not valid until" in p for p in problems(key, cert))


def test_a_certificate_expiring_within_30_days_works_but_is_reported(tmp_path: Path) -> None:
    key, cert = identity(tmp_path, valid_days=10)
    pem_signer(key, cert)
    (problem,) = problems(key, cert)
    assert "within 30 days" in problem


# --- PKCS#12 --------------------------------------------------------------------------------------


def write_p12(tmp_path: Path, password: bytes) -> Path:
    """A clinic-style RSA identity in a password-protected .p12 (RSA 2048 keeps the test quick)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Clinic signing")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - timedelta(days=1))
        .not_valid_after(NOW + timedelta(days=365))
        .sign(key, hashes.SHA256())
    )
    data = pkcs12.serialize_key_and_certificates(
        b"clinic", key, cert, None, serialization.BestAvailableEncryption(password)
    )
    path = tmp_path / "clinic.p12"
    path.write_bytes(data)
    path.chmod(0o600)
    return path


def test_pkcs12_round_trip(tmp_path: Path) -> None:
    p12 = write_p12(tmp_path, b"s3cret")
    signer = load_signer(key_path=None, cert_path=None, pkcs12_path=p12, pkcs12_password=b"s3cret")
    report = verify_pdf(sign_pdf(make_pdf(), signer))
    assert report.intact, report.reason
    assert report.signer == "CN=Clinic signing"
    assert report.certificate_sha256 == certificate_sha256(signer)
    assert (
        check_identity(
            key_path=None, cert_path=None, pkcs12_path=p12, pkcs12_password=b"s3cret", now=NOW
        )
        == []
    )


@pytest.mark.parametrize("password", [b"wrong", None])
def test_pkcs12_with_a_wrong_or_missing_password_is_refused(
    tmp_path: Path, password: bytes | None
) -> None:
    p12 = write_p12(tmp_path, b"s3cret")
    with pytest.raises(
        SealError, match=r"\(signing_pkcs12_password\) is wrong or missing"
    ) as caught:
        load_signer(key_path=None, cert_path=None, pkcs12_path=p12, pkcs12_password=password)
    assert str(p12) in str(caught.value)


# --- signing and verifying ------------------------------------------------------------------------


def test_a_signed_pdf_is_intact(signer: Signer, signed: bytes) -> None:
    report = verify_pdf(signed)
    assert report.intact, report.reason
    assert report.reason == ""
    assert report.signer == f"CN={KIOSK},OU=Briefing kiosk,O={CLINIC}"
    assert report.certificate_sha256 == certificate_sha256(signer)
    assert report.signed_at is not None
    assert abs(report.signed_at - datetime.now(UTC)) < timedelta(minutes=5)


def test_sign_pdf_does_not_change_the_original_bytes(signer: Signer) -> None:
    original = make_pdf()
    assert sign_pdf(original, signer).startswith(original)  # an incremental update


def test_pdfsig_accepts_the_seal(tmp_path: Path, signed: bytes) -> None:
    report = pdfsig(written(tmp_path, signed))
    assert report.valid, report.text
    assert report.whole_document, report.text
    assert report.pades, report.text


def flip_one_byte(pdf: bytes) -> bytes:
    at = pdf.index(MARKER)  # in the first page's text, well inside the signed range
    return pdf[:at] + b"Q" + pdf[at + 1 :]


def test_one_changed_byte_breaks_the_seal(signed: bytes) -> None:
    report = verify_pdf(flip_one_byte(signed))
    assert not report.intact
    assert report.reason == "the signature does not match the file (it was changed after signing)"
    assert report.signer.startswith(f"CN={KIOSK}")


def test_pdfsig_rejects_one_changed_byte(tmp_path: Path, signed: bytes) -> None:
    report = pdfsig(written(tmp_path, flip_one_byte(signed)))
    assert not report.valid, report.text


def test_bytes_appended_after_the_signature_are_caught(signed: bytes) -> None:
    report = verify_pdf(signed + b"\n% one more line\n")
    assert not report.intact
    assert report.reason == "bytes were added after the signature"


def test_an_incremental_update_after_the_signature_is_caught(signed: bytes) -> None:
    writer = IncrementalPdfFileWriter(BytesIO(signed))
    writer.root["/Lang"] = generic.TextStringObject("en")  # any legal change, written as an update
    writer.update_root()
    out = BytesIO()
    writer.write(out)
    report = verify_pdf(out.getvalue())
    assert not report.intact
    assert report.reason == "bytes were added after the signature"


def test_an_unsigned_pdf_has_no_signature() -> None:
    report = verify_pdf(make_pdf())
    assert report == verify_pdf(make_pdf())
    assert not report.intact
    assert report.reason == "no signature"
    assert report.signer == "" and report.signed_at is None and report.certificate_sha256 == ""


@pytest.mark.parametrize(
    "mangle",
    [
        lambda pdf: b"",
        lambda pdf: b"this is not a PDF at all",
        lambda pdf: pdf[: len(pdf) // 2],
        lambda pdf: pdf.replace(b"/ByteRange", b"/ByteRangX"),
        lambda pdf: pdf.replace(b"/Contents <30", b"/Contents <31"),
    ],
    ids=["empty", "garbage", "truncated", "no-byterange", "mangled-cms"],
)
def test_a_malformed_file_is_not_intact_and_raises_nothing(
    signed: bytes, mangle: Callable[[bytes], bytes]
) -> None:
    report = verify_pdf(mangle(signed))
    assert not report.intact
    assert report.reason

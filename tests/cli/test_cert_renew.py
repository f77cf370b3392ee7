"""`kiosk cert renew`: a new certificate for the same key, named from the settings, the old one kept;
the audit checkpoint stays valid, earlier PDFs still verify (against the store and with --trust),
the renewal is in the audit log, and a clinic's certificate is refused."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from sqlalchemy import select

from kiosk.cli import main
from kiosk.config import Config, load_config
from kiosk.document.identity import load_signer
from kiosk.document.make import Made, make_document
from kiosk.store import Store
from kiosk.store.models import AuditEntry
from tests.conftest import set_config
from tests.document.conftest import FORM, SignedBriefing
from tests.document.conftest import signed as signed

NOW = datetime.now(UTC)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """The kiosk's own embedded database, where `kiosk init` puts it."""
    return f"sqlite:///{tmp_path / 'data' / 'kiosk.db'}"


@pytest.fixture
def config(capsys: pytest.CaptureFixture[str]) -> Config:
    """`kiosk init` with the settings left empty (the certificate names the computer), then the
    clinic and kiosk set, as the reviewer found it."""
    assert main(["init"]) == 0
    capsys.readouterr()
    set_config(load_config().path, kiosk_id="kiosk-3", clinic_name="St Anne's Clinic")
    return load_config()


def private_key(config: Config) -> ec.EllipticCurvePrivateKey:
    key = serialization.load_pem_private_key(config.signing_key.read_bytes(), password=None)
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    return key


def public(item: x509.Certificate | ec.EllipticCurvePrivateKey) -> bytes:
    return item.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def name(common: str, org: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
            x509.NameAttribute(NameOID.COMMON_NAME, common),
        ]
    )


def cert_for(
    key: ec.EllipticCurvePrivateKey,
    *,
    days_left: int,
    subject: x509.Name | None = None,
    issuer: tuple[x509.Name, ec.EllipticCurvePrivateKey] | None = None,
) -> bytes:
    """A certificate for `key` with `days_left` (negative: expired); self-signed unless `issuer`."""
    subject = subject or name("vm", "Briefing kiosk")
    issuer_name, issuer_key = issuer or (subject, key)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - timedelta(days=400))
        .not_valid_after(NOW + timedelta(days=days_left))
        .sign(issuer_key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.PEM)


def test_renew_makes_a_certificate_for_the_same_key_named_from_the_settings(
    config: Config, capsys: pytest.CaptureFixture[str]
) -> None:
    old = cert_for(private_key(config), days_left=20)  # the reviewer's: within 30 days
    config.signing_certificate.write_bytes(old)
    before = datetime.now(UTC).replace(microsecond=0)
    code, out, err = run(capsys, "cert", "renew")
    after = datetime.now(UTC)
    assert (code, err) == (0, "")
    new = x509.load_pem_x509_certificate(config.signing_certificate.read_bytes())
    assert public(new) == public(private_key(config))
    assert new.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "kiosk-3"
    assert new.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == (
        "St Anne's Clinic"
    )
    assert new.issuer == new.subject
    # Ten years from the renewal, as init makes it (not from NOW's day: a run over midnight).
    ten_years = timedelta(days=3650)
    assert before + ten_years <= new.not_valid_after_utc <= after + ten_years
    kept = config.signing_certificate.with_name(
        f"kiosk-cert-{NOW + timedelta(days=20):%Y-%m-%d}.pem"
    )
    assert kept.read_bytes() == old
    lines = out.splitlines()
    assert lines[0].startswith("old       CN=vm, O=Briefing kiosk, valid until ")
    assert lines[1] == f"kept      {kept}"
    assert lines[2].startswith("new       CN=kiosk-3, O=St Anne's Clinic, valid until ")
    assert "audit     recorded (certificate_renewed)" in lines
    assert "`kiosk cert show --pem`" in out and "--trust" in out


def test_a_kept_certificate_is_never_overwritten(
    config: Config, capsys: pytest.CaptureFixture[str]
) -> None:
    seen = {config.signing_certificate.read_bytes()}
    for _ in range(3):
        assert run(capsys, "cert", "renew")[0] == 0
        seen.add(config.signing_certificate.read_bytes())
    kept = sorted(config.signing_certificate.parent.glob("kiosk-cert-*.pem"))
    assert len(kept) == 3  # the one init made and the first two renewals
    assert {p.read_bytes() for p in kept} | {config.signing_certificate.read_bytes()} == seen
    code, out, _ = run(capsys, "cert", "show")
    assert code == 0 and out.count("earlier      ") == 3


def test_the_audit_anchor_stays_valid_and_the_renewal_is_audited(
    config: Config, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "cert", "renew")[0] == 0
    code, out, err = run(capsys, "audit", "verify")
    assert (code, err) == (0, ""), out
    out = run(capsys, "doctor")[1]
    anchor = next(line for line in out.splitlines() if "audit anchor" in line)
    assert anchor.startswith("ok"), anchor
    signing = next(line for line in out.splitlines() if "signing key" in line)
    assert signing.startswith("ok"), signing
    from kiosk.store import open_store

    store = open_store(config.database_url, config.kiosk_id, create=False)
    try:
        with store.reading() as session:
            row = session.execute(
                select(AuditEntry).where(AuditEntry.action == "certificate_renewed")
            ).scalar_one()
    finally:
        store.close()
    assert "kiosk-3" in row.detail and row.actor == "kiosk cert renew"


def test_renewal_without_a_store_still_renews(
    config: Config, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_config(config.path, database_url=f"sqlite:///{tmp_path / 'gone' / 'kiosk.db'}")
    before = config.signing_certificate.read_bytes()
    code, out, err = run(capsys, "cert", "renew")
    assert (code, err) == (0, "")
    assert config.signing_certificate.read_bytes() != before
    assert "audit     not recorded: " in out


@dataclass
class Sealed:
    config: Config
    store: Store
    signed: SignedBriefing
    made: Made


@pytest.fixture
def sealed(config: Config, signed: SignedBriefing, store: Store) -> Sealed:
    """A briefing sealed under the certificate `kiosk init` made, before any renewal."""
    store.kiosk_id = config.kiosk_id
    signer = load_signer(config, NOW)
    made = make_document(
        store, signed("Ana Ruiz"), {FORM.id: FORM}, signer, config.documents_dir, NOW
    )
    return Sealed(config, store, signed, made)


def test_a_pdf_sealed_before_renewal_still_verifies(
    sealed: Sealed, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "cert", "renew")[0] == 0
    code, out, err = run(capsys, "verify", str(sealed.made.path))
    assert (code, err) == (0, "")
    assert "intact: briefing" in out
    assert ",O=Briefing kiosk" in out and "St Anne" not in out  # sealed under its name then
    # The receiving hospital's trust file, as the renewal told IT to make it:
    code, pem, _ = run(capsys, "cert", "show", "--pem")
    assert code == 0
    trust = tmp_path / "kiosk-3.pem"
    trust.write_text(pem)
    code, out, err = run(capsys, "verify", str(sealed.made.path), "--trust", str(trust))
    assert (code, err) == (0, ""), err
    assert "which the trust list holds" in out
    assert pem.count("-----BEGIN CERTIFICATE-----") == 2  # the new one first, then the old
    after = make_document(
        sealed.store,
        sealed.signed("Ben Okafor"),  # signed after the renewal
        {FORM.id: FORM},
        load_signer(sealed.config, NOW),
        sealed.config.documents_dir,
        NOW,
    )
    code, out, err = run(capsys, "verify", str(after.path), "--trust", str(trust))
    assert (code, err) == (0, ""), err
    assert "CN=kiosk-3" in out


def test_doctor_still_counts_the_pdfs_sealed_before_renewal(
    sealed: Sealed, capsys: pytest.CaptureFixture[str]
) -> None:
    out = run(capsys, "doctor")[1]
    before = next(line for line in out.splitlines() if "audit anchor" in line)
    assert "the newest 1 PDF(s) have their signature rows in the chain" in before
    assert run(capsys, "cert", "renew")[0] == 0
    out = run(capsys, "doctor")[1]
    after = next(line for line in out.splitlines() if "audit anchor" in line)
    assert after.startswith("ok") and "the newest 1 PDF(s)" in after, after


def test_a_clinic_certificate_is_refused(
    config: Config, capsys: pytest.CaptureFixture[str]
) -> None:
    ca_key = ec.generate_private_key(ec.SECP256R1())
    issued = cert_for(
        private_key(config),
        days_left=10,
        subject=name("kiosk-3", "St Anne's Clinic"),
        issuer=(name("St Anne's CA", "St Anne's Clinic"), ca_key),
    )
    config.signing_certificate.write_bytes(issued)
    code, out, err = run(capsys, "cert", "renew")
    assert (code, out) == (1, "")
    assert err.startswith(f"kiosk cert: The certificate {config.signing_certificate} ")
    assert "was issued by CN=St Anne's CA,O=St Anne's Clinic, not made by this kiosk" in err
    assert "ask the clinic for a new certificate for this kiosk's key" in err
    assert err.count("\n") == 1
    assert config.signing_certificate.read_bytes() == issued
    assert not list(config.signing_certificate.parent.glob("kiosk-cert-*.pem"))
    # doctor does not send IT to `kiosk cert renew` for it either
    out = run(capsys, "doctor")[1]
    signing = next(line for line in out.splitlines() if "signing key" in line)
    assert signing.startswith("FAIL") and "ask the clinic for a new certificate" in signing
    assert "kiosk cert renew" not in signing


def test_a_clinic_pkcs12_file_is_refused(
    config: Config, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_config(config.path, signing_pkcs12=str(tmp_path / "kiosk-3.p12"))
    before = config.signing_certificate.read_bytes()
    code, out, err = run(capsys, "cert", "renew")
    assert (code, out) == (1, "")
    assert "(signing_pkcs12), which only the clinic can renew: ask it for a new one" in err
    assert config.signing_certificate.read_bytes() == before


def test_only_certificates_of_this_key_are_handed_on(
    config: Config, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "cert", "renew")[0] == 0
    stranger = cert_for(ec.generate_private_key(ec.SECP256R1()), days_left=99)
    config.signing_certificate.with_name("kiosk-cert-2030-01-01.pem").write_bytes(stranger)
    code, pem, _ = run(capsys, "cert", "show", "--pem")
    assert code == 0
    handed = x509.load_pem_x509_certificates(pem.encode())
    assert len(handed) == 2  # the new one and the one init made, not the stranger
    assert {public(c) for c in handed} == {public(private_key(config))}

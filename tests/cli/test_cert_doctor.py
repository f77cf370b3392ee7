"""`kiosk doctor` on the kiosk's certificate: expiring, expired, missing or naming an old clinic or
kiosk id, it names `kiosk cert renew` (never a new identity, which would orphan the audit
checkpoint), and after the renewal every line is green again."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from kiosk.cli import main
from kiosk.config import Config, load_config
from tests.conftest import set_config

NOW = datetime.now(UTC)
LINE = re.compile(r"^(ok  |WARN|FAIL)  (\S.*?)  +(\S.*)$")


@pytest.fixture
def config(capsys: pytest.CaptureFixture[str]) -> Config:
    assert main(["init"]) == 0
    capsys.readouterr()
    return load_config()


def doctor(capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, tuple[str, str]]]:
    """Its exit status and each line's (label, detail) by name."""
    code = main(["doctor"])
    out, _ = capsys.readouterr()
    found = {}
    for line in out.splitlines():
        match = LINE.match(line)
        assert match, line
        found[match[2]] = (match[1].strip(), match[3])
    return code, found


def replace_certificate(config: Config, *, days_left: int) -> None:
    """The kiosk's certificate, for its own key, replaced by one with `days_left` (negative: expired)."""
    key = serialization.load_pem_private_key(config.signing_key.read_bytes(), password=None)
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Briefing kiosk"),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "Briefing kiosk"),
            x509.NameAttribute(NameOID.COMMON_NAME, config.kiosk_id),
        ]
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - timedelta(days=3650))
        .not_valid_after(NOW + timedelta(days=days_left))
        .sign(key, hashes.SHA256())
    )
    config.signing_certificate.write_bytes(cert.public_bytes(serialization.Encoding.PEM))


def renew_and_all_green(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cert", "renew"]) == 0
    capsys.readouterr()
    code, found = doctor(capsys)
    assert found["signing key"][0] == "ok", found["signing key"]
    assert found["audit anchor"][0] == "ok", found["audit anchor"]
    assert code == 0, found
    assert main(["audit", "verify"]) == 0
    capsys.readouterr()


def test_an_expiring_certificate_names_the_renewal(
    config: Config, capsys: pytest.CaptureFixture[str]
) -> None:
    replace_certificate(config, days_left=20)
    code, found = doctor(capsys)
    label, detail = found["signing key"]
    assert (code, label) == (1, "FAIL")
    assert "within 30 days; before then, run `kiosk cert renew` to make a new certificate" in detail
    renew_and_all_green(capsys)


def test_an_expired_certificate_fails_doctor_and_names_the_renewal(
    config: Config, capsys: pytest.CaptureFixture[str]
) -> None:
    replace_certificate(config, days_left=-3)
    code, found = doctor(capsys)
    label, detail = found["signing key"]
    assert (code, label) == (1, "FAIL")
    assert "expired on" in detail and "so no PDF can be sealed" in detail
    assert "run `kiosk cert renew`" in detail
    renew_and_all_green(capsys)


def test_a_missing_certificate_names_the_renewal_not_a_new_identity(
    config: Config, capsys: pytest.CaptureFixture[str]
) -> None:
    config.signing_certificate.unlink()
    code, found = doctor(capsys)
    label, detail = found["signing key"]
    assert (code, label) == (1, "FAIL")
    assert "restore it from a backup, or run `kiosk cert renew`" in detail
    assert main(["init"]) == 1
    _, err = capsys.readouterr()
    assert "run `kiosk cert renew`" in err and "new identity" not in err
    renew_and_all_green(capsys)
    assert not list(config.signing_certificate.parent.glob("kiosk-cert-*.pem"))  # none to keep


def test_a_certificate_naming_an_old_clinic_and_kiosk_is_a_warning(
    config: Config, capsys: pytest.CaptureFixture[str]
) -> None:
    set_config(config.path, kiosk_id="kiosk-3", clinic_name="St Anne's Clinic")
    code, found = doctor(capsys)
    label, detail = found["signing key"]
    assert (code, label) == (0, "WARN")  # it still seals: worth acting on, not a failure
    assert 'the settings say kiosk_id "kiosk-3" and clinic_name "St Anne\'s Clinic"' in detail
    assert "run `kiosk cert renew`" in detail
    renew_and_all_green(capsys)

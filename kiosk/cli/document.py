"""`kiosk verify FILE.pdf`: one line saying whether a briefing PDF is genuine and matches the record;
`kiosk cert show`: the kiosk's certificate and its fingerprint, for IT to hand to whoever receives
the PDFs; `kiosk cert renew`: a new certificate for the same key."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.cli.trust import trusted_by_option, trusted_by_setting
from kiosk.config import Config, load_config

if TYPE_CHECKING:
    from kiosk.document.identity import Renewal

# The seal's and the store's libraries are loaded by the commands that use them, not by every
# `kiosk` command's parser (they took a second of `kiosk --help`, `kiosk staff list`…).

NOT_CHECKED = 6
"""`Outcome.NOT_CHECKED`: the file, a trust file, the settings or the store could not be read."""

EXIT_CODES = (
    "exit status: 0 genuine and matching this store (or sealed by a certificate in the trust "
    "list); 1 changed, not a briefing record, or sealed by a certificate not trusted; 2 the "
    "command was mistyped; 3 sealed intact but its briefing is not in this store; 4 genuine but "
    "filed under another briefing's name; 5 the store's own record of it is damaged; 6 it could "
    "not be checked (the file, a trust file, the settings or the store could not be read)"
)


def register(commands: Any) -> None:
    verify = commands.add_parser(
        "verify",
        help="check a briefing PDF's seal and that it matches the stored record",
        description="Check a briefing PDF's seal and that it matches the stored record; with "
        "--trust, check it without any store, against the certificates of kiosks you trust.",
        epilog=EXIT_CODES,
    )
    verify.add_argument("file", type=Path, metavar="FILE.pdf", help="the briefing PDF to check")
    verify.add_argument(
        "--trust",
        type=Path,
        action="append",
        metavar="CERT.pem",
        help="a kiosk certificate to trust (`kiosk cert show --pem` on that kiosk gives it); "
        "repeat for several kiosks. The PDF is then checked without the database",
    )
    # A refusal (settings, store, trust file) is no verdict on the PDF: its own status (kiosk.cli).
    verify.set_defaults(run=run_verify, refused=NOT_CHECKED)
    cert = commands.add_parser("cert", help="the kiosk's sealing certificate")
    cert_sub = cert.add_subparsers(dest="cert_command", metavar="ACTION", required=True)
    show = cert_sub.add_parser(
        "show", help="print the kiosk's certificate and its SHA-256 fingerprint"
    )
    show.add_argument(
        "--pem",
        action="store_true",
        help="print the certificate itself (PEM), followed by the earlier ones `kiosk cert renew` "
        "kept, so that a trust file made of it accepts the PDFs they sealed too",
    )
    show.set_defaults(run=run_cert_show)
    renew = cert_sub.add_parser(
        "renew",
        help="a new certificate for the kiosk's same key, named from the current settings; "
        "the old one is kept beside it",
    )
    renew.set_defaults(run=run_cert_renew)


def run_verify(args: argparse.Namespace) -> int:
    from kiosk.document.verify import Outcome, verify_pdf
    from kiosk.store import open_store

    try:
        data = args.file.read_bytes()
    except OSError as exc:
        print(f"{args.file}: cannot be read ({exc.strerror}); check the path.", file=sys.stderr)
        return Outcome.NOT_CHECKED.value
    if args.trust:
        trusted = trusted_by_option(args.trust)
        verdict = verify_pdf(data, None, name=args.file.name, trusted=trusted)
        print(f"{args.file}: {verdict.message}", file=sys.stdout if verdict.intact else sys.stderr)
        return verdict.outcome.value
    config = load_config(args.config)
    if config["trust"]:  # the trust list setting: the hospital's machine, without a store
        trusted = trusted_by_setting(config)  # a file it cannot use is named with the setting
        verdict = verify_pdf(data, None, name=args.file.name, trusted=trusted)
    else:
        store = open_store(config.database_url, config.kiosk_id, create=False)
        try:
            verdict = verify_pdf(data, store, name=args.file.name)
        finally:
            store.close()
    print(f"{args.file}: {verdict.message}", file=sys.stdout if verdict.intact else sys.stderr)
    return verdict.outcome.value


def run_cert_show(args: argparse.Namespace) -> int:
    from cryptography.hazmat.primitives import serialization

    from kiosk.document.anchor import certificate_of
    from kiosk.document.certificate import describe as describe_certificate
    from kiosk.document.identity import certificates_of_key, load_signer
    from kiosk.store.checkpoint import colons, fingerprint

    config = load_config(args.config)
    cert = certificate_of(load_signer(config, datetime.now(UTC)))
    earlier = certificates_of_key(config)
    if args.pem:
        for one in (cert, *(old for _, old in earlier)):
            sys.stdout.write(one.public_bytes(serialization.Encoding.PEM).decode())
        return 0
    print(f"certificate  {describe_certificate(cert)}")
    print(f"SHA-256      {colons(fingerprint(cert))}")
    for path, old in earlier:
        print(f"earlier      {describe_certificate(old)}, kept in {path}")
        print(f"SHA-256      {colons(fingerprint(old))}")
    print(
        "Hand `kiosk cert show --pem` to whoever checks this kiosk's PDFs: `kiosk verify FILE.pdf --trust CERT.pem`."
    )
    return 0


def run_cert_renew(args: argparse.Namespace) -> int:
    from kiosk.document.certificate import describe as describe_certificate
    from kiosk.document.identity import renew_certificate
    from kiosk.store.checkpoint import colons, fingerprint

    config = load_config(args.config)
    now = datetime.now(UTC)
    renewal = renew_certificate(config, now)
    if renewal.old is not None:
        print(
            f"old       {describe_certificate(renewal.old)}, SHA-256 {colons(fingerprint(renewal.old))}"
        )
        print(f"kept      {renewal.kept}")
    else:
        print(f"old       none: {renewal.path} was missing")
    print(
        f"new       {describe_certificate(renewal.new)}, SHA-256 {colons(fingerprint(renewal.new))}"
    )
    print(f"in use    {renewal.path}")
    print(f"audit     {_record_renewal(config, renewal, now)}")
    print(
        "The key is the same: the audit checkpoint it signed stays valid, and PDFs sealed before "
        "keep the old certificate; `kiosk verify` on this kiosk still accepts them. A running "
        "kiosk seals with the new certificate once restarted."
    )
    print(
        "Whoever checks this kiosk's PDFs with --trust (or the trust setting) needs the new "
        "certificate: give them `kiosk cert show --pem` again; it holds the new and the earlier "
        "certificates, so their trust file accepts the PDFs sealed before and after today."
    )
    return 0


def _record_renewal(config: Config, renewal: Renewal, now: datetime) -> str:
    """The renewal's row in the audit log and a fresh checkpoint; said, never raised, when the
    store cannot be reached: the new certificate is in place either way."""
    from sqlalchemy.exc import SQLAlchemyError

    from kiosk.document.anchor import anchor
    from kiosk.document.identity import load_signer
    from kiosk.document.seal import SealError
    from kiosk.store import StoreError, audit, open_store
    from kiosk.store.checkpoint import checkpoint_path, fingerprint

    old = renewal.old
    detail = {
        "certificate": renewal.path.name,
        "new_sha256": fingerprint(renewal.new),
        "new_subject": renewal.new.subject.rfc4514_string(),
        "new_not_after": renewal.new.not_valid_after_utc.isoformat(),
        "old_sha256": fingerprint(old) if old is not None else None,
        "old_subject": old.subject.rfc4514_string() if old is not None else None,
        "kept": renewal.kept.name if renewal.kept is not None else None,
    }
    try:
        store = open_store(config.database_url, config.kiosk_id, create=False)
    except StoreError as exc:
        return f"not recorded: {exc}"
    try:
        with store.sessions.begin() as session:
            audit.append(
                session,
                at=now,
                kiosk_id=store.kiosk_id,
                actor="kiosk cert renew",
                action="certificate_renewed",
                subject=f"kiosk:{store.kiosk_id}",
                detail=detail,
            )
        # a checkpoint with the renewal in it, signed by the same key (as `kiosk init` takes one)
        anchor(
            store,
            checkpoint_path(config.database_url, config.data_dir),
            load_signer(config, now),
            now,
        )
    except (StoreError, SQLAlchemyError) as exc:
        return f"not recorded: {_first_line(exc)}"
    except SealError:  # pragma: no cover - the certificate was just made; the next start anchors
        pass
    finally:
        store.close()
    return "recorded (certificate_renewed)"


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__

"""`kiosk verify FILE.pdf`: one line saying whether a briefing PDF is genuine and matches the record;
`kiosk cert show`: the kiosk's certificate and its fingerprint, for IT to hand to whoever receives
the PDFs."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from kiosk.config import load_config
from kiosk.document.anchor import certificate_of
from kiosk.document.identity import load_signer
from kiosk.document.keys import describe_certificate
from kiosk.document.seal import SealError
from kiosk.document.verify import Outcome, verify_pdf
from kiosk.store import open_store
from kiosk.store.checkpoint import fingerprint

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
    verify.set_defaults(run=run_verify, refused=Outcome.NOT_CHECKED.value)
    cert = commands.add_parser("cert", help="the kiosk's sealing certificate")
    cert_sub = cert.add_subparsers(dest="cert_command", metavar="ACTION", required=True)
    show = cert_sub.add_parser(
        "show", help="print the kiosk's certificate and its SHA-256 fingerprint"
    )
    show.add_argument("--pem", action="store_true", help="print the certificate itself (PEM)")
    show.set_defaults(run=run_cert_show)


def _trusted(paths: list[Path]) -> frozenset[str]:
    """The SHA-256 of every certificate in the trust files; SealError naming a file it cannot use."""
    found: set[str] = set()
    for path in paths:
        try:
            certs = x509.load_pem_x509_certificates(path.read_bytes())
        except OSError as exc:
            raise SealError(
                f"{path}: the trust file cannot be read ({exc.strerror}); check the path."
            ) from None
        except ValueError:
            raise SealError(
                f"{path}: is not a PEM certificate; use the file `kiosk cert show --pem` prints."
            ) from None
        found |= {fingerprint(cert) for cert in certs}
    return frozenset(found)


def run_verify(args: argparse.Namespace) -> int:
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        print(f"{args.file}: cannot be read ({exc.strerror}); check the path.", file=sys.stderr)
        return Outcome.NOT_CHECKED.value
    if args.trust:
        verdict = verify_pdf(data, None, name=args.file.name, trusted=_trusted(args.trust))
        print(f"{args.file}: {verdict.message}", file=sys.stdout if verdict.intact else sys.stderr)
        return verdict.outcome.value
    config = load_config(args.config)
    if config["trust"]:  # the trust list setting: the hospital's machine, without a store
        trust = [Path(p).expanduser() for p in config["trust"]]
        verdict = verify_pdf(data, None, name=args.file.name, trusted=_trusted(trust))
    else:
        store = open_store(config.database_url, config.kiosk_id, create=False)
        try:
            verdict = verify_pdf(data, store, name=args.file.name)
        finally:
            store.close()
    print(f"{args.file}: {verdict.message}", file=sys.stdout if verdict.intact else sys.stderr)
    return verdict.outcome.value


def run_cert_show(args: argparse.Namespace) -> int:
    config = load_config(args.config)
    cert = certificate_of(load_signer(config, datetime.now(UTC)))
    if args.pem:
        sys.stdout.write(cert.public_bytes(serialization.Encoding.PEM).decode())
        return 0
    sha = fingerprint(cert).upper()
    print(f"certificate  {describe_certificate(cert)}")
    print(f"SHA-256      {':'.join(sha[i : i + 2] for i in range(0, len(sha), 2))}")
    print(
        "Hand `kiosk cert show --pem` to whoever checks this kiosk's PDFs: `kiosk verify FILE.pdf --trust CERT.pem`."
    )
    return 0

"""The kiosk's seal on a PDF: PAdES signing and checking a seal (the identity itself: keys.py)."""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from typing import TypeAlias

from cryptography import x509
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from kiosk.document.errors import SealError as SealError  # (where it always was, too)

log = logging.getLogger(__name__)

Signer: TypeAlias = signers.SimpleSigner
"""What `load_signer` returns: pyHanko's in-memory key-and-certificate signer."""

DEFAULT_REASON = "Briefing record sealed by the kiosk"
FIELD_NAME = "KioskSeal"
# Room in the signature container beyond the certificates it embeds (the signature value, signed
# attributes and CMS structure take well under 2 KiB even with RSA-8192). Reserving it ourselves
# spares pyHanko its size-estimating dry-run signature, which costs as much as the real one.
_CMS_OVERHEAD = 4096


@dataclass(frozen=True)
class SealReport:
    """What `verify_pdf` found: is the file exactly what was signed, and by which certificate."""

    intact: bool
    """Signature valid, its signed digest equal to the file's, and covering every byte of the file."""
    reason: str
    """Empty when intact; otherwise one short sentence saying why not."""
    signer: str
    """The signer certificate's subject, RFC 4514 ("CN=kiosk-1,OU=Briefing kiosk,O=…"); empty if none."""
    signed_at: datetime | None
    """The signing time the signer claims (its own clock, not a trusted timestamp)."""
    certificate_sha256: str
    """SHA-256 (hex) of the signer's certificate; compare with `certificate_sha256(kiosk_signer)`."""


def certificate_sha256(signer: signers.Signer) -> str:
    """SHA-256 (hex) of the signer's certificate, to compare with `SealReport.certificate_sha256`."""
    return hashlib.sha256(_signing_cert_der(signer)).hexdigest()


def _signing_cert_der(signer: signers.Signer) -> bytes:
    cert = signer.signing_cert
    if cert is None:
        raise SealError("The signer has no certificate; make it with load_signer.")
    return bytes(cert.dump())


# --- signing and verifying --------------------------------------------------------------------


def _refuse_inside_event_loop(what: str) -> None:
    """pyHanko's synchronous API calls asyncio.run, which cannot start inside a running loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return
    raise RuntimeError(
        f"{what} cannot run inside a running asyncio event loop; use a worker thread"
    )


def _bytes_to_reserve(signer: signers.Signer) -> int | None:
    """Room for the signature in /Contents (hex, so twice the DER); None lets pyHanko estimate it."""
    if signer.signing_cert is None:
        return None
    try:
        others = sum(len(cert.dump()) for cert in signer.cert_registry)
    except NotImplementedError:  # a certificate store that cannot list its contents
        return None
    return 2 * (_CMS_OVERHEAD + len(_signing_cert_der(signer)) + others)


def sign_pdf(
    pdf: bytes,
    signer: signers.Signer,
    *,
    reason: str = DEFAULT_REASON,
    location: str | None = None,
    before: Callable[[IncrementalPdfFileWriter], None] | None = None,
) -> bytes:
    """The PDF with one invisible PAdES B-B signature (SHA-256), added as an incremental update.

    `before` adds to that same update what the signature must cover (the record attached): one
    update, read and written once, instead of two.

    Nothing goes over the network: no timestamp server and no revocation data (B-B carries neither);
    the signing time in the signature is the kiosk's own clock. Accepts any pyHanko signer.
    """
    _refuse_inside_event_loop("sign_pdf")
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,  # /ETSI.CAdES.detached: PAdES baseline, not adbe.pkcs7
        reason=reason,
        location=location,
    )
    try:
        writer = IncrementalPdfFileWriter(BytesIO(pdf))
        if before is not None:
            before(writer)
        out = signers.sign_pdf(
            writer, meta, signer=signer, bytes_reserved=_bytes_to_reserve(signer)
        )
    except Exception as exc:  # pyHanko raises many kinds: PdfReadError, SigningError, ValueError…
        raise SealError(f"The briefing PDF could not be sealed ({_short(exc)}).") from exc
    return bytes(out.getvalue())


_NO_SIGNATURE = "no signature"
_CHANGED = "the signature does not match the file (it was changed after signing)"
_ADDED = "bytes were added after the signature"
_UNREADABLE = "the file cannot be read as a PDF (it is damaged, cut short or not a PDF at all)"
_DAMAGED = (
    "the signature does not match its certificate or cannot be read: the file was changed "
    "after signing, or it is not a PDF this kiosk sealed"
)


def _not_intact(
    reason: str,
    signer: str = "",
    signed_at: datetime | None = None,
    sha256: str = "",
    *,
    error: BaseException | None = None,
) -> SealReport:
    if error is not None:
        log.debug("seal check: %s (%s)", reason, type(error).__name__)
    return SealReport(False, reason, signer, signed_at, sha256)


def verify_pdf(pdf: bytes) -> SealReport:
    """Is `pdf` exactly the file its one signature signed? Never raises for a bad or hostile file.

    Checked: the file holds exactly one signature; its CMS signature is cryptographically valid for
    the certificate it carries; the digest it signs equals the digest of the signed byte ranges; and
    those ranges plus the signature itself are the whole file (nothing added after signing, not even
    a well-formed incremental update).

    Not checked: trust. The kiosk's certificate is self-signed (or the clinic's own), so pyHanko is
    handed the certificate found in the signature as its only trust root, which makes its trust
    verdict meaningless; it is ignored. Whether that certificate is the kiosk's is for the caller to
    decide by comparing `certificate_sha256`. The certificate's validity dates, key usage and
    revocation are not judged either (a record stays intact after its certificate expires), and
    nothing is fetched from the network.
    """
    _refuse_inside_event_loop("verify_pdf")
    # A malformed or hostile file can make pyHanko or asn1crypto raise almost any exception type;
    # each one is a finding about the file, so it becomes "not intact" with a plain reason. The
    # library's own words (a parser's "Insufficient data - 47 bytes requested", a certificate's
    # subject cut short) say nothing to the reader; the log keeps their kind.
    try:
        reader = PdfFileReader(BytesIO(pdf))
    except Exception as exc:
        return _not_intact(_UNREADABLE, error=exc)
    try:
        signatures = list(reader.embedded_signatures)
    except Exception as exc:
        return _not_intact(_DAMAGED, error=exc)
    if not signatures:
        return _not_intact(_NO_SIGNATURE)
    if len(signatures) > 1:
        return _not_intact(f"the file has {len(signatures)} signatures, but a record has one")
    embedded = signatures[0]
    try:
        cert = embedded.signer_cert
        cert_der = bytes(cert.dump())
        sha256 = hashlib.sha256(cert_der).hexdigest()
        signer = x509.load_der_x509_certificate(cert_der).subject.rfc4514_string()
    except Exception as exc:
        return _not_intact(_DAMAGED, error=exc)
    try:
        context = ValidationContext(trust_roots=[cert], allow_fetching=False)
        # skip_diff: pyHanko's analysis of later incremental updates is moot, any update fails below.
        status = validate_pdf_signature(embedded, context, skip_diff=True)
        signed_at: datetime | None = status.signer_reported_dt
        intact, valid, coverage = bool(status.intact), bool(status.valid), status.coverage
    except Exception as exc:
        return _not_intact(_DAMAGED, signer, None, sha256, error=exc)
    if not intact:  # the digest of the signed byte ranges is not the one that was signed
        return _not_intact(_CHANGED, signer, signed_at, sha256)
    if not valid:  # the digest matches, but the signature over it does not verify with the cert
        return _not_intact(
            "the signature is not valid for the certificate it carries", signer, signed_at, sha256
        )
    if coverage != SignatureCoverageLevel.ENTIRE_FILE:
        if coverage in (
            SignatureCoverageLevel.ENTIRE_REVISION,
            SignatureCoverageLevel.CONTIGUOUS_BLOCK_FROM_START,
        ):
            return _not_intact(_ADDED, signer, signed_at, sha256)
        return _not_intact("the signature does not cover the whole file", signer, signed_at, sha256)
    return SealReport(True, "", signer, signed_at, sha256)


def _short(exc: BaseException) -> str:
    """An exception as a short clause for a reason sentence."""
    lines = str(exc).strip().splitlines()
    text = lines[0] if lines else type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "…"

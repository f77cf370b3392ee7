"""Each PDF drawn in a process of its own, so the kiosk's own memory stays flat over a long day.

Drawing a PDF (reportlab) on the kiosk's worker thread left a few hundred KB a briefing that the
allocator kept, freed but never returned: about 10 MB over 500 briefings (docs/PERFORMANCE.md).
Here the PDFs are drawn and sealed in a child process (a fresh interpreter, never a fork of the Qt
process), warmed ahead (reportlab, pyHanko and the layout imported, the fonts read, the forms'
pictures parsed), which keeps its caches from one PDF to the next and is retired after
RETIRE_AFTER PDFs, taking what it kept with it. Its successor starts and warms as it retires, so a
patient's PDF never waits for a start. (A child re-imports the kiosk's main module as
multiprocessing's spawn does: every entry point keeps its work under `if __name__ == "__main__"`.)

The kiosk keeps the store: the child gets the record, the procedure and the signer's key and
certificates (as DER bytes: asn1crypto's objects do not survive pickling into a fresh process) and
gives back the sealed PDF's bytes. Should the process not start or die, the
PDF is drawn on the calling thread as before, and the log says why in one line.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import tzinfo
from multiprocessing.connection import Connection
from typing import Any

from pyhanko.sign.signers import Signer

from kiosk.content.schema import Form
from kiosk.document.record import BriefingRecord

log = logging.getLogger(__name__)

Draw = Callable[[BriefingRecord, Form, Signer, tzinfo | None, str], bytes]
"""Draws and seals one briefing's PDF: record, procedure in its language, signer, zone, clinic."""


@dataclass(frozen=True)
class SignerBytes:
    """A SimpleSigner as bytes, for another process: its certificate, key and the other
    certificates it embeds, DER-encoded."""

    cert: bytes
    key: bytes
    others: tuple[bytes, ...]
    mechanism: bytes | None
    prefer_pss: bool
    embed_roots: bool

    @classmethod
    def of(cls, signer: Signer) -> SignerBytes | None:
        """The signer as bytes; None for a kind that is not a key in a file (drawn here)."""
        from pyhanko.sign.signers import SimpleSigner

        if not isinstance(signer, SimpleSigner) or type(signer) is not SimpleSigner:
            return None  # (a subclass may hold what bytes do not carry)
        if signer.signing_cert is None or signer.signing_key is None:
            return None
        mechanism = signer.signature_mechanism
        return cls(
            cert=signer.signing_cert.dump(),
            key=signer.signing_key.dump(),
            others=tuple(c.dump() for c in signer.cert_registry),
            mechanism=None if mechanism is None else mechanism.dump(),
            prefer_pss=signer.prefer_pss,
            embed_roots=signer.embed_roots,
        )

    def signer(self) -> Signer:
        from asn1crypto import algos, keys, x509  # type: ignore[import-untyped]
        from pyhanko.sign.signers import SimpleSigner
        from pyhanko_certvalidator.registry import SimpleCertificateStore

        return SimpleSigner(
            signing_cert=x509.Certificate.load(self.cert),
            signing_key=keys.PrivateKeyInfo.load(self.key),
            cert_registry=SimpleCertificateStore.from_certs(  # type: ignore[no-untyped-call]
                [x509.Certificate.load(c) for c in self.others]
            ),
            signature_mechanism=(
                None if self.mechanism is None else algos.SignedDigestAlgorithm.load(self.mechanism)
            ),
            prefer_pss=self.prefer_pss,
            embed_roots=self.embed_roots,
        )


class DrawFailed(Exception):
    """The child could not draw the PDF (a font, the seal): one sentence, picklable."""


def draw_here(
    record: BriefingRecord, form: Form, signer: Signer, zone: tzinfo | None, clinic: str
) -> bytes:
    """The PDF drawn in this process (the kiosk's commands, staff at the desk, the fallback)."""
    from kiosk.document.make import pdf_bytes

    return pdf_bytes(record, form, signer, zone, clinic=clinic)


class DrawingProcess:
    """Draws each PDF in a child process of its own (see the module's note); `draw` is a `Draw`."""

    def __init__(
        self, forms: Sequence[Form] = (), signer: Signer | None = None, retire_after: int = 0
    ) -> None:
        self._forms = tuple(forms)
        self._signer = None if signer is None else SignerBytes.of(signer)
        """Each child draws a rehearsal PDF per form with it as it starts (kiosk.document.drawn)."""
        self._retire_after = retire_after or RETIRE_AFTER
        self._lock = threading.Lock()
        self._next: _Child | None = None
        """The child that draws the next PDF."""
        self._failures = 0
        self._given_up = False

    def start(self) -> None:
        """Start the first child: about a second of work, all of it but the launch in the child.
        Call it on a worker thread once Welcome is painted."""
        with self._lock:
            self._ready()

    def _ready(self) -> _Child | None:
        if self._next is None and not self._given_up:
            try:
                self._next = _Child(self._forms, self._signer)
            except (OSError, ValueError) as exc:
                self._failed(exc)
        return self._next

    def _failed(self, exc: BaseException) -> None:
        """This PDF is drawn here; after three failures in a row, every PDF of this run."""
        self._failures += 1
        self._given_up = self._failures >= GIVE_UP_AFTER
        log.warning(
            "a PDF is drawn in the kiosk's own process%s: its own could not run (%s)",
            " from now on (its memory grows a little with each)" if self._given_up else "",
            str(exc) or type(exc).__name__,
        )
        if self._next is not None:
            self._next.stop()
            self._next = None

    def draw(
        self, record: BriefingRecord, form: Form, signer: Signer, zone: tzinfo | None, clinic: str
    ) -> bytes:
        """The sealed PDF, drawn in a child; DrawFailed as `pdf_bytes` raises FontError or
        SealError; on this thread if the process cannot run."""
        parts = SignerBytes.of(signer)
        with self._lock:
            child = self._ready() if parts is not None else None
            if child is not None:
                try:
                    drawn = child.draw((record, form, parts, zone, clinic))
                except (OSError, EOFError) as exc:  # the child died (killed, out of memory)
                    self._failed(exc)
                else:
                    self._failures = 0
                    if child.drawn >= self._retire_after:  # its successor forked and warming
                        child.stop()  # while this PDF is filed
                        self._next = None
                        self._ready()
                    return drawn
            drawn = draw_here(record, form, signer, zone, clinic)
            if parts is not None:
                self._ready()  # a fresh child for the next PDF, unless given up
            return drawn

    def close(self) -> None:
        """Stop the child waiting for a PDF."""
        with self._lock:
            if self._next is not None:
                self._next.stop()
                self._next = None


GIVE_UP_AFTER = 3
"""Children that fail in a row before every PDF of the run is drawn in the kiosk's own process."""
RETIRE_AFTER = 50
"""PDFs a child draws before it is retired with what its allocator kept (a few MB by then)."""


class _Child:
    """One child: warms, then draws each PDF asked for until retired."""

    def __init__(self, forms: tuple[Form, ...], signer: SignerBytes | None) -> None:
        context = multiprocessing.get_context("spawn")
        self._pipe, theirs = context.Pipe()
        self.process = context.Process(
            target=_serve, args=(theirs, forms, signer), name="kiosk-pdf", daemon=True
        )
        self.process.start()
        theirs.close()
        self.drawn = 0

    def draw(self, job: tuple[Any, ...]) -> bytes:
        """The PDF's bytes; DrawFailed (its sentence) if the child could not draw it; EOFError or
        OSError if the child died."""
        self._pipe.send(job)
        ok, result = self._pipe.recv()
        self.drawn += 1
        if not ok:
            raise DrawFailed(result)
        return bytes(result)

    def stop(self) -> None:
        self._pipe.close()
        self.process.join(timeout=5)
        if self.process.is_alive():  # pragma: no cover - a child that hangs
            self.process.kill()
            self.process.join()


def _serve(pipe: Connection, forms: tuple[Form, ...], rehearse: SignerBytes | None) -> None:
    """In the child: warm (kiosk.document.drawn), then draw each PDF asked for and send it back,
    until the kiosk closes its end (retired, or the kiosk closing)."""
    from kiosk.document.drawn import warm
    from kiosk.document.fonts import FontError
    from kiosk.document.seal import SealError

    with contextlib.suppress(FontError, SealError):  # each PDF then says what is wrong
        warm(forms, None if rehearse is None else rehearse.signer())
    while True:
        try:
            record, form, signer, zone, clinic = pipe.recv()
        except EOFError:
            return
        try:
            pipe.send((True, draw_here(record, form, signer.signer(), zone, clinic)))
        except (FontError, SealError) as exc:  # their own arguments do not survive pickling
            pipe.send((False, str(exc)))
        except Exception as exc:  # a fault drawing: told to the kiosk, one sentence, as in-process
            said = f"The briefing PDF could not be drawn ({type(exc).__name__}: {exc})."
            pipe.send((False, said))

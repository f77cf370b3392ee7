"""The screen model's part for the steps after the signature: the interpreter attests, a staff
member witnesses. Each intent asks kiosk.session.cosign (which stores first), then the model emits
one change; a refused PIN becomes the message line, in one sentence."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kiosk.i18n import msg
from kiosk.session import cosign
from kiosk.session.kinds import ScreenKind

if TYPE_CHECKING:
    from kiosk.session.screen import ScreenModel
    from kiosk.session.signature import DrawnSignature


class CosignSteps:
    """The intents of the interpreter's and the witness's screens, on the model's briefing."""

    def __init__(self, model: ScreenModel) -> None:
        self._model = model

    def represented(self) -> None:
        """Staff named a representative (stored, and the briefing addressed to them): they sign
        on an empty pad, drawing, with the statement (now starting with theirs) on screen to read
        whole; nothing the patient had begun to draw or type is kept."""
        model = self._model
        local = model._local
        model._local = replace(local, typed_signature=False, message=None, signer=local.signer + 1)
        model._changed()

    def attest_interpreter(self, drawn: DrawnSignature | None = None) -> None:
        """The interpreter's tap; `drawn` when they signed in the box too (a dot is refused)."""
        model, b = self._model, self._model.briefing
        if b is None or b.current.kind is not ScreenKind.INTERPRETER:
            return
        if drawn is not None and drawn.strokes:
            problem = drawn.problem()
            if problem:
                model._say(msg(problem))
                return
        image = drawn.image_png if drawn is not None and drawn.strokes else None
        model._run(lambda: cosign.attest_interpreter(b, image))  # stored: Done's time starts afresh

    def typing(self) -> None:
        """The witness taps their name or a digit again: what was refused goes (it stood, "do not
        match", over the PIN typed afresh)."""
        model = self._model
        if model._local.message is not None:
            model._local = replace(model._local, message=None)
            model._changed()

    def witness(self, name: str, pin: str) -> None:
        """A staff member's name and PIN: stored and on when they match; else why, in one sentence."""
        model, b = self._model, self._model.briefing
        if b is None or b.current.kind is not ScreenKind.WITNESS:
            return
        if not name:
            model._say(msg("cosign.witness.choose-name"))
            return
        outcome: list[cosign.Witnessed] = []
        if not model._run(lambda: outcome.append(cosign.witness(b, name, pin))):
            return
        witnessed = outcome[0]  # stored and on when it matched (Done's time starts afresh)
        if witnessed.locked_minutes:
            model._say(msg("staff.sign-in.locked", count=witnessed.locked_minutes))
        elif not witnessed.ok:
            model._say(msg("staff.sign-in.no-match"))

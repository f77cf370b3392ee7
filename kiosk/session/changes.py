"""How the screen model tells the pages it changed: plain Python callbacks, no Qt."""

from __future__ import annotations

from collections.abc import Callable


class Event:
    """A change others listen to: `connect` a callable, `emit` calls each (plain Python, no Qt).

    An emit from inside a listener (drawing a screen can make it report that its text was read
    to the end, which changes the model again) does not nest: once every listener has had this
    emit, each is called once more, so none is left drawing a view older than the model's."""

    def __init__(self) -> None:
        self._callbacks: list[Callable[[], None]] = []
        self._emitting = False
        self._again = False

    def connect(self, callback: Callable[[], None]) -> None:
        self._callbacks.append(callback)

    def disconnect(self, callback: Callable[[], None]) -> None:
        self._callbacks.remove(callback)

    def emit(self) -> None:
        if self._emitting:
            self._again = True
            return
        self._emitting = True
        try:
            self._again = True
            while self._again:
                self._again = False
                for callback in list(self._callbacks):
                    callback()
        finally:
            self._emitting = False


class Events:
    def __init__(self) -> None:
        self.changed = Event()
        """The view changed: draw `model.view`."""
        self.ended = Event()
        """The patient's session is over: wipe every personal detail from every screen."""
        self.print_copy = Event()
        """The patient tapped “Print my copy” on the done screen: print the briefing's PDF."""

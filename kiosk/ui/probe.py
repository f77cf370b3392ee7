"""Can Qt open a display here? Decided first by the kiosk itself, then (for `kiosk doctor`) by Qt.

`display_problem()` answers without Qt, before any QApplication exists: Qt ends the whole process
(abort, exit 134) when it cannot open its platform, so the kiosk and the doctor ask this first and
say what is wrong in one sentence of their own. It names the missing variable when Qt would look for
an X server and neither DISPLAY nor WAYLAND_DISPLAY is set, and the missing system library (and its
Debian package) when Qt's xcb platform plugin cannot be loaded, and a display of this machine
whose X server has no socket (`x_server_listening`, which never connects: connecting here, even
only to hang up, can make a lone X server (Xvfb) reset under the kiosk's own connection a moment
later). Whether a running X server lets the kiosk in is left to Qt. This module imports no Qt: the
commands use it too.

`python -m kiosk.ui.probe` then asks Qt itself. `kiosk doctor` runs it in a process of its own: when
Qt cannot open a display it ends the whole process, which must not be the doctor's. The output is
one line, `PLATFORM WIDTH HEIGHT RATIO` (logical pixels, as the kiosk's layout sees them, and the
device pixel ratio); exit 1 without a screen. Qt's own messages go to stderr.
"""

from __future__ import annotations

import importlib.util
import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path


class NoDisplay(Exception):
    """The kiosk cannot open a display here; the message is one sentence: why, and what to do."""


WHAT_TO_DO = (
    "run it from the machine's desktop session, or set DISPLAY (DISPLAY=:0 for the screen "
    "attached to this machine); QT_QPA_PLATFORM=offscreen shows nothing and is for tests only"
)

PROBE = "kiosk.ui.probe: "
"""How `python -m kiosk.ui.probe` begins the sentence of display_problem() on stderr."""

_LOCAL_DISPLAY = re.compile(r"^(?:unix)?:(\d+)(?:\.\d+)?$")
"""A DISPLAY on this machine (`:0`, `:99.0`, `unix:1`): its X server listens on a Unix socket."""

DEBIAN_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
}
"""The system libraries Qt's xcb platform plugin loads (with libQt6XcbQpa), and their Debian
packages. Only a fallback list: where `ldd` exists, it names what is missing whatever it is."""


def display_problem(environ: Mapping[str, str] | None = None) -> str | None:
    """Why Qt could not open a display with these variables (default: this process's), in one
    sentence; None when nothing stops it as far as can be told without Qt."""
    env = os.environ if environ is None else environ
    if not sys.platform.startswith("linux"):
        return None
    platform = env.get("QT_QPA_PLATFORM", "").strip()
    if platform.partition(":")[0] not in ("", "xcb"):
        return None  # offscreen, wayland, eglfs, vnc…: Qt's own business (the doctor's probe asks)
    if platform:  # xcb, asked for by name
        if not env.get("DISPLAY"):
            return f"no display: QT_QPA_PLATFORM is {platform} but DISPLAY is not set; {WHAT_TO_DO}"
    elif not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        return f"no display: neither DISPLAY nor WAYLAND_DISPLAY is set; {WHAT_TO_DO}"
    display = env.get("DISPLAY", "")
    if not display or (not platform and env.get("XDG_SESSION_TYPE") == "wayland"):
        return None  # Qt goes to Wayland, not to the X server
    missing = missing_libraries()
    if missing:
        return missing_sentence(missing)
    if not x_server_listening(display):
        return (
            f"no display: no X server is running on DISPLAY={display} (it has no socket); start "
            "it once the desktop session is up, or set DISPLAY to the screen's (DISPLAY=:0 "
            "for the screen attached to this machine)"
        )
    return None  # whether the X server there lets the kiosk in is Qt's to find out


def x_server_listening(display: str, sockets: Path = Path("/proc/net/unix")) -> bool:
    """Whether an X server has its socket on this machine for `display` (`:99`): the socket's file,
    or an abstract socket in the kernel's list. Nothing connects to it (a lone Xvfb resets when its
    last client hangs up, under the kiosk about to connect). True when it cannot be told: a display
    on another machine, or no such list. Qt itself ended the whole process (abort, exit 134), with
    advice to reinstall it, when DISPLAY named a display with no server."""
    local = _LOCAL_DISPLAY.match(display.strip())
    if local is None:
        return True  # host:0, or an ssh-forwarded display: Qt's to find out
    socket = f"/tmp/.X11-unix/X{local.group(1)}"
    if Path(socket).exists():  # (a container's, bound from its host's, is in no list of its own)
        return True
    try:
        listed = sockets.read_text(errors="replace")
    except OSError:
        return True
    return any(line.rstrip().endswith(socket) for line in listed.splitlines())


@contextmanager
def qt_loaded() -> Iterator[None]:
    """Around the first import of Qt (the touchscreen, the console): a system library Qt itself
    needs, missing, is said in one sentence naming it and its package (NoDisplay), as one its xcb
    plugin needs is; it had been a traceback ending in `libEGL.so.1: cannot open shared object
    file`."""
    try:
        yield
    except ImportError as exc:
        missing = _NOT_LOADED.findall(str(exc))
        if not missing:
            raise
        raise NoDisplay(missing_sentence(missing, "Qt")) from None


_NOT_LOADED = re.compile(r"([\w.+-]+\.so(?:\.\d+)*): cannot open shared object file")
"""The system library the dynamic loader could not find, as an ImportError of Qt names it."""


def missing_sentence(sonames: Sequence[str], what: str = "Qt's xcb platform") -> str:
    """`… because libxcb-icccm.so.4 is missing: install libxcb-icccm4 (Debian)`, for one library or
    several."""
    names = " and ".join(sonames)
    verb = "is" if len(sonames) == 1 else "are"
    packages = list(dict.fromkeys(DEBIAN_PACKAGES[s] for s in sonames if s in DEBIAN_PACKAGES))
    unknown = [s for s in sonames if s not in DEBIAN_PACKAGES]
    todo = []
    if packages:
        todo.append(f"install {' '.join(packages)} (Debian)")
    if unknown:
        todo.append(
            "install the package that provides "
            + " and ".join(f"{s} (apt-file search {s})" for s in unknown)
        )
    return f"{what} cannot be loaded because {names} {verb} missing: {'; '.join(todo)}"


def xcb_plugin() -> Path | None:
    """PySide6's xcb platform plugin, found without importing Qt; None if there is none."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        plugin = Path(folder) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
        if plugin.is_file():
            return plugin
    return None


def missing_libraries() -> list[str]:
    """The system libraries (by soname) that keep Qt's xcb platform plugin from loading; [] if it
    loads, or if there is no such plugin to look at.

    The plugin is loaded here first, as Qt is about to (it stays loaded, and Qt finds it so): when
    that works nothing is missing, for the price of the loading alone. When it does not, `ldd`
    names every library not found, else each library of DEBIAN_PACKAGES is tried in turn."""
    import ctypes  # only now: most commands never need it

    plugin = xcb_plugin()
    if plugin is None:
        return []
    try:
        ctypes.CDLL(str(plugin))
    except OSError as exc:  # the loader names the first library it did not find; find them all
        import re

        first = re.match(r"(lib\S+\.so(?:\.\d+)*): ", str(exc).removeprefix(f"{plugin}: "))
        found = _ldd_not_found(plugin) or _unloadable(DEBIAN_PACKAGES)
        return found or ([first[1]] if first else [])
    return []


def _ldd_not_found(library: Path) -> list[str]:
    import shutil
    import subprocess

    ldd = shutil.which("ldd")
    if ldd is None:
        return []
    try:
        result = subprocess.run(
            [ldd, str(library)], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return []
    return not_found(result.stdout)


def not_found(ldd_output: str) -> list[str]:
    """The libraries `ldd` reports as `not found`, each once, in its order."""
    import re

    return list(dict.fromkeys(re.findall(r"(?m)^\s*(\S+) => not found\s*$", ldd_output)))


def _unloadable(sonames: Iterable[str]) -> list[str]:
    import ctypes

    missing = []
    for soname in sonames:
        try:
            ctypes.CDLL(soname)
        except OSError:
            missing.append(soname)
    return missing


def main() -> int:
    problem = display_problem()
    if problem:
        print(f"{PROBE}{problem}", file=sys.stderr)
        return 1
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(
        sys.argv[:1]
    )  # the platform the kiosk would get: QT_QPA_PLATFORM, else Qt's default
    screen = app.primaryScreen()
    if screen is None:
        print("qt.qpa.probe: the display has no screen", file=sys.stderr)
        return 1
    size = screen.size()
    print(f"{app.platformName()} {size.width()} {size.height()} {screen.devicePixelRatio():g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

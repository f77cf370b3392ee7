"""Settings as data: every setting declared once with its type, default and description; one TOML file."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path
from typing import Any

from kiosk import settings_checks as check
from kiosk.paths import bundled_forms_dir
from kiosk.settings_checks import parse_voices as parse_voices  # where kiosk.speech reads it

APP_NAME = "briefing-kiosk"
CONFIG_ENV = "KIOSK_CONFIG"
DATA_DIR_ENV = "KIOSK_DATA_DIR"


class ConfigError(Exception):
    """A configuration that cannot be used; the message names the file, the key and what is allowed."""


@dataclass(frozen=True)
class Setting:
    name: str
    type: type
    default: Any
    description: str
    check: Callable[[Any], str | None] = field(default=lambda _: None)
    """Returns what is allowed when the value is not, else None."""
    secret: bool = False
    """A password, or where one is: its value is never printed (a refusal names the setting alone)."""
    problem: Callable[[Any], str | None] = field(default=lambda _: None)
    """What is wrong and what to do, as the end of a sentence, where `check`'s "use …" cannot say."""
    also: Callable[[Any], Any] = field(default=lambda _: None)
    """A second way of writing the value, turned into the setting's type (None: not that way either)."""
    written: str = ""
    """How the value is written, when the type alone does not say it (for a value of another type)."""


SETTINGS: tuple[Setting, ...] = (
    Setting("kiosk_id", str, "", "This kiosk's name in records and the audit log (default: the computer's name).", check.kiosk_id),
    Setting("clinic_name", str, "", "The clinic's name, printed on briefings and in the kiosk's certificate."),
    Setting("data_dir", str, "", "Folder for the database, PDFs and keys (default: KIOSK_DATA_DIR, else the platform's data folder).", check.absolute),
    Setting("database_url", str, "", "Empty for the embedded SQLite file in the data folder; a PostgreSQL URL to share one database between kiosks.", check.database_url, secret=True, problem=lambda v: unencoded_at(v)),
    Setting("idle_warning_seconds", int, 90, "Seconds without a touch before “Are you still there?” (1 to 600).", check.idle_warning),
    Setting("idle_end_seconds", int, 30, "Further seconds without an answer before the briefing is abandoned and the screen wiped (1 to 300).", check.idle_end),
    Setting("languages", str, "", "The languages patients may choose, in the order Welcome offers them, the clinic's main language first (e.g. \"en, es, ar\", or as a list, [\"en\", \"es\", \"ar\"]); empty: every language the kiosk ships whose procedure checks clean.", check.languages, also=check.codes_as_text, written=check.LANGUAGES_WRITTEN),
    Setting("walk_up_mode", bool, False, "Let patients without a prepared briefing type their own name and date of birth."),
    Setting("walk_up_procedure", str, "mild", "The procedure a walk-up patient is briefed on (a procedure id from `kiosk forms list`).", check.procedure_id),
    Setting("speech_voices", str, "", "The eSpeak NG voice of each language's read-aloud audio, to use a better one the clinic installed, e.g. \"en=mb-us2, es=mb-es1\" (MBROLA voices); empty: en-us, es-419 and ar. Render the audio again after a change (`kiosk speech render`).", check.speech_voices),
    Setting("read_aloud", bool, False, "Read each screen aloud as it opens, where its audio is rendered (`kiosk speech render`); each patient can turn it on or off on Welcome."),
    Setting("typed_signature", bool, True, "Offer a typed-name signature, confirmed by a staff member's name and PIN, to patients who cannot sign with a finger."),
    Setting("witness_required", bool, False, "Ask for a witness on every briefing: a staff member signs after the patient with their name and PIN (staff may still turn it on or off when preparing one)."),
    Setting("log_level", str, "INFO", "How much the kiosk writes to its log.", check.log_level),
    Setting("forms_dir", str, "", "Folder for the clinic's own procedure files, read before the ones the kiosk ships (default: forms in the data folder).", check.absolute),
    Setting("documents_dir", str, "", "Folder for the signed briefing PDFs (default: documents in the data folder).", check.absolute),
    Setting("copies_dir", str, "", "Folder where staff mode saves copies of briefing PDFs, such as a shared chart folder or a USB drive (default: copies in the data folder).", check.absolute),
    Setting("printer", str, "", "The printer staff mode prints briefing PDFs on (a CUPS printer name from `lpstat -p`; empty: the system's default printer)."),
    Setting("patient_copy", bool, False, "Offer “Print my copy” on the last screen: the patient's briefing PDF printed on `printer`."),
    Setting("rebrief_within_days", int, 30, "When a procedure's content changes, staff are shown the patients briefed on an older version whose planned date is still ahead; a briefing without a planned date is shown for this many days after it was signed (1 to 3650).", check.days),
    Setting("signing_key", str, "", "The kiosk's private key, PEM (default: keys/kiosk-key.pem in the data folder; `kiosk init` makes it).", check.absolute),
    Setting("signing_certificate", str, "", "The kiosk's certificate, PEM (default: keys/kiosk-cert.pem in the data folder).", check.absolute),
    Setting("signing_pkcs12", str, "", "A clinic-provided PKCS#12 file to sign with instead of the kiosk's own key and certificate.", check.absolute),
    Setting("signing_pkcs12_password", str, "", 'Where the PKCS#12 password comes from: "env:VARIABLE" or "file:/path/to/file" (never the password itself).', check.password_source, secret=True),
    Setting("mrn_system", str, "", "The identifier system of the clinic's medical record numbers (a URI), given with each MRN in the FHIR export.", check.uri),
    Setting("pdf_base_url", str, "", "Where the clinic serves the briefing PDFs (the PDF export's files under this URL); the FHIR export then links each PDF there instead of carrying its bytes.", check.base_url),
    Setting("trust", list, [], "Kiosk certificates (PEM files, `kiosk cert show --pem` on each kiosk) whose seals `kiosk verify` accepts without a store, as with --trust.", check.paths),
)  # fmt: skip

_BY_NAME = {s.name: s for s in SETTINGS}


def _kind(setting: Setting) -> str:
    """How a value of `setting` is written, for a sentence: "true or false"."""
    return (
        setting.written
        or {
            str: 'text in double quotes, e.g. "like this"',
            int: "a whole number",
            bool: "true or false (lowercase, without quotes)",
            list: 'a list of texts in quotes, e.g. ["a", "b"]',
        }[setting.type]
    )


def _not_toml(path: Path, data: bytes, exc: tomllib.TOMLDecodeError) -> str:
    """The sentence for a settings file TOML cannot read: the line, and when it sets a known
    setting, that setting and how its value is written (`walk_up_mode = yes` had been "Invalid
    value (at line 25, column 16)")."""
    found = re.search(r"at line (\d+)", str(exc))
    if found is None:
        return f"{path}: is not valid TOML ({exc}); fix that line."
    number = int(found.group(1))
    lines = data.decode("utf-8").splitlines()
    line = lines[number - 1].strip() if number <= len(lines) else ""
    key = re.match(r"([A-Za-z0-9_-]+)\s*=", line)
    setting = _BY_NAME.get(key.group(1)) if key else None
    if setting is None:
        return f"{path}: line {number} is not valid TOML ({exc}); fix that line."
    shown = setting.name if setting.secret else line
    return (
        f"{path}: line {number}: {shown}: {setting.name} must be {_kind(setting)}; fix that line."
    )


@dataclass(frozen=True)
class Config:
    """The effective settings, and where they came from."""

    path: Path
    values: dict[str, Any]
    exists: bool

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    @property
    def kiosk_id(self) -> str:
        return str(self.values["kiosk_id"]) or _default_kiosk_id()

    @property
    def data_dir(self) -> Path:
        env = os.environ.get(DATA_DIR_ENV)
        if env:
            return Path(env)
        if self.values["data_dir"]:
            return Path(self.values["data_dir"]).expanduser()
        import platformdirs  # here, not at the top: the touchscreen's first screen waits for imports

        return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))

    def _in_data(self, setting: str, default: str) -> Path:
        value = str(self.values[setting])
        return Path(value).expanduser() if value else self.data_dir / default

    @property
    def forms_dirs(self) -> list[Path]:
        """Where procedures are found: the clinic's folder first (its files win), then the shipped ones."""
        return [self._in_data("forms_dir", "forms"), bundled_forms_dir()]

    def masked(self) -> dict[str, Any]:
        """The values with secrets hidden (a database URL's password), fit for printing and the audit log."""
        return {
            s.name: _mask(self.values[s.name]) if s.secret else self.values[s.name]
            for s in SETTINGS
        }

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages the `languages` setting names, in order (empty: every one shipped)."""
        value = str(self.values["languages"])
        return tuple(c.strip() for c in value.split(",")) if value.strip() else ()

    @property
    def documents_dir(self) -> Path:
        return self._in_data("documents_dir", "documents")

    @property
    def copies_dir(self) -> Path:
        return self._in_data("copies_dir", "copies")

    @property
    def signing_key(self) -> Path:
        return self._in_data("signing_key", "keys/kiosk-key.pem")

    @property
    def signing_certificate(self) -> Path:
        return self._in_data("signing_certificate", "keys/kiosk-cert.pem")

    @property
    def signing_pkcs12(self) -> Path | None:
        value = str(self.values["signing_pkcs12"])
        return Path(value).expanduser() if value else None

    def pkcs12_password(self) -> bytes | None:
        """The PKCS#12 password from its source; ConfigError naming the setting if it cannot be read."""
        source = str(self.values["signing_pkcs12_password"])
        if not source:
            return None
        kind, _, where = source.partition(":")
        if kind == "env":
            value = os.environ.get(where)
            if value is None:
                raise ConfigError(
                    f"{self.path}: signing_pkcs12_password: the variable {where} is not set; set it for the kiosk's user."
                )
            return value.encode()
        try:
            return Path(where).read_bytes().rstrip(b"\r\n")
        except OSError as exc:
            raise ConfigError(
                f"{self.path}: signing_pkcs12_password: cannot read {where} ({exc.strerror}); check the file and its permissions."
            ) from None

    @property
    def masked_database_url(self) -> str:
        return str(_mask(self.database_url))

    @property
    def database_url(self) -> str:
        return str(self.values["database_url"]) or f"sqlite:///{self.data_dir / 'kiosk.db'}"


def masked_url(url: str) -> str:
    """A URL with its password hidden, up to the last @ (one left unencoded in the password must
    not leave the rest of it shown; an @ in the query is hidden with it, which costs nothing)."""
    return re.sub(r"(://[^:/]*:).*@", r"\1***@", url)


def _mask(value: Any) -> Any:
    return masked_url(value) if isinstance(value, str) else value


def unencoded_at(url: str) -> str | None:
    """A database URL whose password holds an @ not percent-encoded: SQLAlchemy would end the
    password there and take the rest for the host. The sentence never shows the password."""
    found = re.match(r"[^:]+://[^:/]*:[^@]*@([^?]*)", url)
    if found is None or "@" not in found[1]:
        return None
    return (
        "the password in it holds an @, which a URL reserves, so the rest of the password would be "
        "taken for the server's name; write each @ in it as %40 (and each % as %25), or keep the "
        "password out of the URL in ~/.pgpass (README, Several kiosks on one PostgreSQL server)."
    )


def _default_kiosk_id() -> str:
    import socket

    name = re.sub(r"[^A-Za-z0-9._-]", "-", socket.gethostname())[:64].strip("-._")
    return name or "kiosk"


def config_path(explicit: Path | None = None) -> Path:
    """--config, else KIOSK_CONFIG, else kiosk.toml in the platform's config folder."""
    if explicit:
        return explicit
    env = _env_path(CONFIG_ENV)
    if env:
        return env
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "kiosk.toml"


def load_config(explicit: Path | None = None) -> Config:
    """Read and check the config file; missing, every default (a named one is refused: a typo)."""
    path = config_path(explicit)
    _data_dir_is_a_folder()
    given = explicit or os.environ.get(CONFIG_ENV)  # a file asked for, not the usual place
    named = (f"--config {path}" if explicit else f"{CONFIG_ENV}={path}") if given else str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        if given:
            fix = "check the path (or run `kiosk init` with it to make one there)."
            raise ConfigError(f"{named}: there is no settings file there; {fix}") from None
        return Config(path, {s.name: s.default for s in SETTINGS}, exists=False)
    except OSError as exc:
        if path.is_dir():  # (IsADirectoryError on Linux, PermissionError on Windows)
            raise ConfigError(
                f"{named}: cannot be read, since it is a folder, not a file; name the settings "
                f"file itself, for example {path / 'kiosk.toml'}."
            ) from None
        raise ConfigError(
            f"{path}: cannot be read ({exc.strerror or exc}); check the file and its permissions."
        ) from None
    data = data.removeprefix(b"\xef\xbb\xbf")  # a byte-order mark, as Windows editors save one
    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ConfigError(
            f"{path}: is not UTF-8 text (line {line} holds a byte that UTF-8 does not allow there); "
            "save it as UTF-8 in your editor."
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(_not_toml(path, data, exc)) from None
    values = parse_settings(raw, str(path))
    data_dir = Path(values["data_dir"]).expanduser()
    if (
        values["data_dir"]
        and not os.environ.get(DATA_DIR_ENV)
        and data_dir.exists()
        and not data_dir.is_dir()
    ):
        raise ConfigError(
            f"{path}: data_dir: {data_dir} is a file, not a folder; set data_dir to the kiosk's "
            "data folder (or to a new one for `kiosk init` to make), or leave it empty for the default."
        )
    return Config(path, values, exists=True)


def _env_path(name: str) -> Path | None:
    """The path the environment variable `name` holds (None: unset or empty). A relative one is
    refused, as a relative path in the settings is: it would name another folder from each folder a
    command starts in (`KIOSK_DATA_DIR=data` had been taken as the current folder's `data`)."""
    env = os.environ.get(name)
    if env and not Path(env).is_absolute():
        raise ConfigError(
            f"{name}={env} is a relative path, which would name another place from each folder a "
            f"command starts in; set {name} to an absolute path, for example "
            f"{Path(env).expanduser().absolute()}, or unset it."
        )
    return Path(env) if env else None


def _data_dir_is_a_folder() -> None:
    """KIOSK_DATA_DIR naming a file, or a relative path, is said in one sentence, before anything
    is looked for in it."""
    env = _env_path(DATA_DIR_ENV)
    if env and env.exists() and not env.is_dir():
        raise ConfigError(
            f"{DATA_DIR_ENV}={env} is a file, not a folder; point {DATA_DIR_ENV} at the kiosk's "
            "data folder (or at a new one for `kiosk init` to make), or unset it."
        )


def parse_settings(raw: dict[str, Any], label: str) -> dict[str, Any]:
    problems = []
    values = {s.name: s.default for s in SETTINGS}
    for key, written in raw.items():
        setting = _BY_NAME.get(key)
        if setting is None:  # a typo is named with the setting it is nearest, if one is near
            near = "".join(f"did you mean {n}? " for n in get_close_matches(key, _BY_NAME, 1))
            known = ", ".join(_BY_NAME)
            problems.append(f"{label}: {key}: is not a known setting ({near}known: {known}).")
            continue
        # `languages = ["en", "es"]` is written like `trust` beside it: taken as "en, es"
        value = written if type(written) is setting.type else setting.also(written)
        if type(value) is not setting.type:
            problems.append(f"{label}: {key}: must be {_kind(setting)}.")
            continue
        allowed = setting.check(value)
        problem = None if allowed else setting.problem(value)
        if problem:
            problems.append(f"{label}: {key}: {problem}")
            continue
        if allowed:
            shown = "this value" if setting.secret else repr(written)
            problems.append(f"{label}: {key}: {shown} is not allowed; use {allowed}.")
            continue
        values[key] = value
    if problems:
        raise ConfigError("\n".join(problems))
    return values


def settings_reference() -> str:
    """docs/SETTINGS.md, generated from the declarations above (a test keeps the file in step)."""
    kinds = {str: "text", int: "whole number", bool: "true or false", list: "list of texts"}
    lines = [
        "# Settings reference",
        "",
        "Generated from `kiosk/config.py` (`python -m kiosk.config > docs/SETTINGS.md`); do not edit by hand.",
        "The file is found at `--config FILE`, else `KIOSK_CONFIG`, else `kiosk.toml` in the platform's",
        "config folder; `kiosk init` writes it with every setting. `kiosk config show` prints the",
        "effective values, secrets hidden.",
        "",
        "| setting | type | default | meaning |",
        "|---|---|---|---|",
    ]
    for s in SETTINGS:
        default = toml_value(s.default) if s.default not in ("", []) else "(empty)"
        secret = " A password in it is never printed or audited." if s.secret else ""
        lines.append(f"| `{s.name}` | {kinds[s.type]} | `{default}` | {s.description}{secret} |")
    return "\n".join(lines) + "\n"


def render_config(values: dict[str, Any]) -> str:
    """A config file with every setting, its description as a comment, and its value."""
    lines = [
        "# Briefing kiosk settings. Every setting, its meaning and its default are listed here.",
        "",
    ]
    for s in SETTINGS:
        lines.append(f"# {s.description}")
        lines.append(f"{s.name} = {toml_value(values.get(s.name, s.default))}")
        lines.append("")
    return "\n".join(lines)


def toml_value(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    escaped = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


if __name__ == "__main__":  # pragma: no cover - `python -m kiosk.config > docs/SETTINGS.md`
    print(settings_reference(), end="")

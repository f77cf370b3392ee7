"""`kiosk config show`: the effective settings, where each came from, secrets hidden; and
`kiosk doctor`'s line for the settings file."""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING, Any

from kiosk.config import DATA_DIR_ENV, SETTINGS, Config, load_config, toml_value

if TYPE_CHECKING:
    from kiosk.content import Catalog
    from kiosk.store.maintenance import Check


def register(commands: Any) -> None:
    config = commands.add_parser("config", help="the settings file")
    sub = config.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    show = sub.add_parser("show", help="print the effective settings (secrets hidden)")
    show.set_defaults(run=run_show)


def run_show(args: argparse.Namespace) -> int:
    config = load_config(args.config)
    print(
        f"# {config.path} ({'read' if config.exists else 'not found: every setting is its default'})"
    )
    shown = config.masked()
    width = max(len(s.name) for s in SETTINGS)
    for setting in SETTINGS:
        value = shown[setting.name]
        origin = "default" if value == setting.default else "set"
        print(f"{setting.name.ljust(width)} = {toml_value(value)}  # {origin}")
    print("# in effect:")
    from_env = bool(os.environ.get(DATA_DIR_ENV))  # it wins over data_dir: said (a reviewer)
    source = f"from {DATA_DIR_ENV}" if from_env else "set" if shown["data_dir"] else "the default"
    derived = {
        "kiosk_id": config.kiosk_id,
        "data folder": f"{config.data_dir} ({source})",
        "database": config.masked_database_url,
        "documents": config.documents_dir,
        "copies": config.copies_dir,
        "forms": ", ".join(map(str, config.forms_dirs)),
        "signing": config.signing_pkcs12 or f"{config.signing_key} + {config.signing_certificate}",
    }
    for name, value in derived.items():
        print(f"#   {name}: {value}")
    return 0


def settings_checks(config: Config, catalog: Catalog) -> list[Check]:
    """`kiosk doctor`'s config line, then a warning for each setting the clinic has not given yet
    that a briefing or an export prints (a kiosk left as `kiosk init` wrote it works, but its PDFs
    name no clinic and its FHIR gives MRNs without their system)."""
    from kiosk.store.maintenance import Check

    checks = [settings_check(config, catalog)]
    if not config.exists:
        return checks  # the config line has said to run `kiosk init`
    unset = {
        "clinic_name": "briefing PDFs and the kiosk's certificate name no clinic",
        "mrn_system": "the FHIR export gives each MRN without its system (a URI, such as "
        "urn:oid:... from the clinic's records office)",
    }
    for name, effect in unset.items():
        if not str(config[name]).strip():
            detail = f"{name} is not set, so {effect}; set {name} in {config.path}"
            checks.append(Check(name, True, detail, warning=True))
    return checks


def settings_check(config: Config, catalog: Catalog) -> Check:
    """`kiosk doctor`'s config line: the file was read, and the settings that name what the kiosk
    must have name what it has (the walk-up procedure, the languages, the trust files)."""
    from kiosk.cli.trust import trust_problems
    from kiosk.startup import setting_problems  # (the kiosk's start: loaded by doctor alone)
    from kiosk.store.maintenance import Check

    if not config.exists:
        return Check(
            "config", False, f"{config.path} (not found, using defaults; run `kiosk init`)"
        )
    problems = setting_problems(config, catalog.forms, catalog.translations)
    problems += trust_problems(config)  # `kiosk verify` reads them; the kiosk itself does not
    if not problems:
        return Check("config", True, f"{config.path} (readable)")
    said = "; ".join(p.rstrip(".") for p in problems)
    return Check("config", False, f"{config.path}: {said}.")

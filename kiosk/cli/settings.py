"""`kiosk config show`: the effective settings, where each came from, secrets hidden."""

from __future__ import annotations

import argparse
from typing import Any

from kiosk.config import SETTINGS, load_config, toml_value


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
    derived = {
        "kiosk_id": config.kiosk_id,
        "data folder": config.data_dir,
        "database": config.masked_database_url,
        "documents": config.documents_dir,
        "forms": ", ".join(map(str, config.forms_dirs)),
        "signing": config.signing_pkcs12 or f"{config.signing_key} + {config.signing_certificate}",
    }
    for name, value in derived.items():
        print(f"#   {name}: {value}")
    return 0

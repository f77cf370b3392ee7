"""The consent-and-briefing kiosk: patients read, acknowledge and sign; the clinic keeps a provable record."""

import warnings

__version__ = "0.1.0"

# pyHanko imports cryptography's DSA key types (it can verify DSA signatures; the kiosk signs with
# RSA or EC), and cryptography 51 warns about DSA when they are imported: a line on the terminal
# of every `kiosk` command that says nothing about the kiosk. Only that warning, only from pyHanko.
warnings.filterwarnings("ignore", message="DSA is deprecated", module=r"pyhanko\.")

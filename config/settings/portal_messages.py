"""Only for `make messages`: extract the family portal's strings into its own catalogues (Arabic,
Somali) without the other apps' strings (docs/adr/0018)."""

from .base import *  # noqa: F403
from .base import BASE_DIR

LOCALE_PATHS = [BASE_DIR / "tillsammans" / "family" / "locale_portal"]

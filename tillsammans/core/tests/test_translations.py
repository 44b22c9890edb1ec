"""The Swedish catalogue is complete: no empty or fuzzy msgstr, and every msgid in use is there."""

from pathlib import Path

import polib
import pytest
from django.utils import translation

PACKAGE = Path(__file__).resolve().parents[2]
LOCALE = PACKAGE / "locale" / "sv" / "LC_MESSAGES"
SWEDISH = [LOCALE / "django.po", *sorted(PACKAGE.glob("*/locale/sv/LC_MESSAGES/django.po"))]
"""The project's catalogue and those of apps that keep their own (support: its public pages also
speak English and Arabic, from catalogues of their own)."""


@pytest.mark.parametrize("path", SWEDISH, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_swedish_message_is_empty_or_fuzzy(path):
    catalogue = polib.pofile(str(path))
    assert len(catalogue) > 50
    empty = [e.msgid for e in catalogue if not e.obsolete and not e.msgstr and not e.msgstr_plural]
    plural_gaps = [e.msgid for e in catalogue
                   if e.msgstr_plural and not all(v.strip() for v in e.msgstr_plural.values())]
    fuzzy = [e.msgid for e in catalogue if "fuzzy" in e.flags and not e.obsolete]
    assert empty == [], f"empty Swedish translations: {empty[:20]}"
    assert plural_gaps == [], f"incomplete plural translations: {plural_gaps[:20]}"
    assert fuzzy == [], f"fuzzy Swedish translations: {fuzzy[:20]}"


def test_interface_speaks_swedish():
    with translation.override("sv"):
        assert translation.gettext("My overview") == "Min översikt"
        assert translation.gettext("Who does what") == "Vem gör vad"

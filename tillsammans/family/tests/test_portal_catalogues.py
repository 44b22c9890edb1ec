"""The portal's own catalogues (Arabic, Somali) translate every portal string – and only the portal's
(docs/adr/0018). Extracted afresh here, so a new string without a translation fails."""

import os
import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command

FAMILY = Path(__file__).resolve().parents[1]
# What the staff see of the family's words (plan_sections.py, templates/family/staff/) is Swedish only.
IGNORE = ["tests/*", "testidp/*", "models.py", "apps.py", "migrations/*", "plan_sections.py", "staff/*"]


@pytest.mark.parametrize("language", ["ar", "so"])
def test_the_portal_catalogue_is_complete(language):
    po = polib.pofile(str(FAMILY / "locale_portal" / language / "LC_MESSAGES" / "django.po"))
    assert [e.msgid for e in po if not e.msgstr or "fuzzy" in e.flags] == []
    assert not po.metadata_is_fuzzy


def test_the_portal_catalogues_are_up_to_date(tmp_path, settings):
    copy = tmp_path / "family"
    shutil.copytree(FAMILY, copy, ignore=shutil.ignore_patterns("locale_portal", "__pycache__"))
    (copy / "locale_portal").mkdir()
    settings.LOCALE_PATHS = [copy / "locale_portal"]
    here = os.getcwd()
    os.chdir(copy)
    try:
        call_command("makemessages", locale=["ar"], no_obsolete=True, no_location=True, ignore_patterns=IGNORE,
                     verbosity=0)
    finally:
        os.chdir(here)
    fresh = {(e.msgctxt, e.msgid) for e in polib.pofile(str(copy / "locale_portal/ar/LC_MESSAGES/django.po"))}
    for language in ("ar", "so"):
        catalogue = FAMILY / "locale_portal" / language / "LC_MESSAGES" / "django.po"
        kept = {(e.msgctxt, e.msgid) for e in polib.pofile(str(catalogue))}
        assert fresh - kept == set(), f"run make messages and translate ({language})"

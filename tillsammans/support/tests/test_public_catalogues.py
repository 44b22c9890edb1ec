"""The public pages' fixed texts are complete in English and Arabic: every message the pages look up
while they are rendered (in every state: a list, a filter, an offer, a sign-up with errors, a
confirmation, a waitlist, a cancellation, an evaluation) has a translation in that language's
catalogue, so nothing falls back to Swedish. And every entry of support/locale/{en,ar} is filled."""

from datetime import timedelta
from pathlib import Path

import polib
import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import trans_real

from tillsammans.support import languages, services_groups
from tillsammans.support.tests.conftest import add_sessions, make_group, sign_up
from tillsammans.testing.sip import actor_for

LOCALE = Path(__file__).resolve().parents[1] / "locale"


def django_msgids() -> set[str]:
    import django

    root = Path(django.__file__).parent
    return {e.msgid for path in root.glob("**/locale/en/LC_MESSAGES/django.po") for e in polib.pofile(str(path))}


@pytest.fixture
def looked_up(monkeypatch):
    """Every msgid looked up while the fixture is active, with the language active at the time."""
    seen: set[tuple[str, str, str]] = set()
    trans = translation._trans
    real = {name: getattr(trans_real, name) for name in ("gettext", "ngettext", "pgettext", "npgettext")}

    def gettext(message):
        seen.add((translation.get_language(), "", message))
        return real["gettext"](message)

    def ngettext(singular, plural, number):
        seen.add((translation.get_language(), "", singular))
        return real["ngettext"](singular, plural, number)

    def pgettext(context, message):
        seen.add((translation.get_language(), context, message))
        return real["pgettext"](context, message)

    def npgettext(context, singular, plural, number):
        seen.add((translation.get_language(), context, singular))
        return real["npgettext"](context, singular, plural, number)

    for name, function in (("gettext", gettext), ("ngettext", ngettext), ("pgettext", pgettext),
                           ("npgettext", npgettext)):
        monkeypatch.setattr(trans, name, function, raising=False)
    return seen


def render_every_public_page(client, offer, group, organiser, language):
    client.cookies.clear()
    q = {"sprak": language}
    pages = [
        client.get(reverse("support_public:catalogue"), q),
        client.get(reverse("support_public:catalogue"), q | {"address": "Storgatan 1, 41138", "age": "3-5"}),
        client.get(reverse("support_public:catalogue"), q | {"address": "999 99"}),
        client.get(reverse("support_public:catalogue"), q | {"address": "ingen siffra"}),
        client.get(reverse("support_public:catalogue"), q | {"age": "x", "kind": "lecture"}),
        client.get(reverse("support_public:offer", args=[offer.pk]), q),
        client.get(reverse("support_public:signup", args=[group.pk]), q),
        client.post(reverse("support_public:signup", args=[group.pk]) + f"?sprak={language}",
                    {"name": "", "age_band": "", "remind_by": "sms", "email": "fel", "phone": "12"}),
    ]
    started = pages[-2].context["form"]["started"].value()
    data = {"name": "Testförälder", "age_band": "3-5", "remind_by": "email", "started": started}
    for n in range(3):
        response = client.post(reverse("support_public:signup", args=[group.pk]) + f"?sprak={language}",
                               data | {"email": f"{language}{n}@exempel.se"})
        assert response.status_code == 302, response.content.decode()[:2000]
        pages.append(client.get(response["Location"]))
    pages.append(client.post(reverse("support_public:signup", args=[group.pk]) + f"?sprak={language}",
                             data | {"email": f"{language}0@exempel.se"}))  # already signed up
    participant = group.participants.filter(email=f"{language}0@exempel.se").get()
    pages.append(client.get(reverse("support_public:cancel", args=[participant.token]), q))
    pages.append(client.post(reverse("support_public:cancel", args=[participant.token]) + f"?sprak={language}"))
    pages.append(client.get(reverse("support_public:evaluation", args=[participant.token]), q))
    return pages


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_fixed_text_of_the_public_pages_is_translated(client, offer, organiser, world, looked_up,
                                                            language, settings):
    from django.core.cache import cache

    cache.clear()  # the public forms' rate limit counts per address in the cache
    settings.PUBLIC_FORM_MIN_SECONDS = 0
    bvc = world["bvc_a"]
    bvc.postal_code = "411 38"
    bvc.save()
    group = make_group(organiser, offer, world["district_a"], capacity=2)
    add_sessions(organiser, group)
    ended = make_group(organiser, offer, world["district_a"], days=-20, length=10, name="ABC våren")
    services_groups.session_add(actor=actor_for(organiser), group=ended,
                                starts_at=timezone.now() - timedelta(days=15),
                                ends_at=timezone.now() - timedelta(days=15) + timedelta(hours=2))
    ended.ends_on = timezone.localdate() + timedelta(days=1)
    ended.save()
    done = sign_up(ended, 99)
    looked_up.clear()
    pages = render_every_public_page(client, offer, group, organiser, language)
    pages.append(client.get(reverse("support_public:evaluation", args=[done.token]), {"sprak": language}))
    pages.append(client.post(reverse("support_public:evaluation", args=[done.token]) + f"?sprak={language}",
                             {"rating": "9"}))
    pages.append(client.post(reverse("support_public:evaluation", args=[done.token]) + f"?sprak={language}",
                             {"rating": "4", "helped": "5", "comment": ""}))
    assert all(p.status_code in (200, 302) for p in pages)
    assert all(p["Content-Language"] == language for p in pages if p.status_code == 200)
    catalogue = set(trans_real.translation(language)._catalog.keys())
    if language == "en":  # Django's own texts are written in English: they need no English catalogue
        catalogue |= django_msgids()
    used = {(c, m) for lang, c, m in looked_up if lang == language and m}
    keys = {(f"{c}\x04{m}" if c else m) for c, m in used}
    missing = sorted(k for k in keys if k not in catalogue and (k, 0) not in catalogue)
    assert missing == [], f"{len(missing)} fixed texts of the public pages have no {language} translation: {missing}"
    assert len(used) > 80


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_public_catalogues_have_no_empty_or_fuzzy_entry(language):
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    assert len(catalogue) > 80
    empty = [e.msgid for e in catalogue if not e.obsolete and not e.msgstr and not e.msgstr_plural]
    plural_gaps = [e.msgid for e in catalogue if e.msgstr_plural and not all(v.strip() for v in
                                                                             e.msgstr_plural.values())]
    fuzzy = [e.msgid for e in catalogue if "fuzzy" in e.flags and not e.obsolete]
    assert (empty, plural_gaps, fuzzy) == ([], [], [])


def test_arabic_is_the_only_right_to_left_interface_language():
    assert [code for code in languages.INTERFACE if languages.get(code).rtl] == ["ar"]
    assert translation.get_language_info("ar")["bidi"]

"""The public catalogue: filters (area and address, age, language, kind, words), the visitor's
language (choice, browser, fallbacks; Arabic right to left), the map with the same list, the poster
with a QR code, and professionals sending a family the link through the SMS outbox."""

import re
import subprocess

import pytest
from django.urls import reverse

from tillsammans.core import sms
from tillsammans.support import selectors
from tillsammans.support.models import OfferKind, SignUp
from tillsammans.support.tests.conftest import ENGLISH, make_group, make_offer
from tillsammans.testing.clients import client_for
from tillsammans.testing.sip import run_queued_tasks

pytestmark = pytest.mark.django_db

CATALOGUE = reverse("support_public:catalogue")


@pytest.fixture
def offers(organiser, world, offer):
    """Three more: an open preschool for the whole town (0–5), a lecture for parents of teenagers in
    district B, and a draft that must never be shown."""
    preschool = make_offer(organiser, world, areas=[world["town"]], kind=OfferKind.OPEN_PRESCHOOL, age_from=0,
                           age_to=5, signup=SignUp.DROP_IN, provider=world["preschool_a"], sub_goal_number="")
    lecture = make_offer(organiser, world, areas=[world["district_b"]], kind=OfferKind.LECTURE, age_from=13,
                         age_to=18, provider=world["preschool_b"], spoken=("sv", "ar"))
    draft = make_offer(organiser, world, published=False)
    return {"abc": offer, "preschool": preschool, "lecture": lecture, "draft": draft}


def found(client, **params):
    response = client.get(CATALOGUE, params)
    assert response.status_code == 200
    html = response.content.decode()
    return {int(pk) for pk in re.findall(r'href="/stod/(\d+)/\?sprak=', html)}


def test_filters_by_area_age_language_kind_and_words(client, offers, world):
    ids = {k: v.pk for k, v in offers.items()}
    assert found(client) == {ids["abc"], ids["preschool"], ids["lecture"]}
    # A district sees its own offers and the whole town's, not the other district's.
    assert found(client, area=world["district_a"].pk) == {ids["abc"], ids["preschool"]}
    assert found(client, age="13-18") == {ids["lecture"]}
    assert found(client, age="3-5") == {ids["abc"], ids["preschool"]}
    assert found(client, language="ar") == {ids["lecture"]}
    assert found(client, kind="open_preschool") == {ids["preschool"]}
    assert found(client, q="TRÄFFAR") == {ids["abc"], ids["preschool"], ids["lecture"]}  # Swedish letters fold


def test_a_language_filter_finds_an_offer_through_its_group(client, organiser, offers, world):
    offer = offers["preschool"]
    assert offer.pk not in found(client, language="so")
    make_group(organiser, offer, world["district_a"], language="so")
    assert offer.pk in found(client, language="so")


def test_an_address_is_placed_in_its_area_by_postcode(client, offers, world):
    bvc = world["bvc_a"]
    bvc.postal_code = "411 38"
    bvc.save()
    ids = {k: v.pk for k, v in offers.items()}
    response = client.get(CATALOGUE, {"address": "Storgatan 3, 41138 Testköping"})
    html = response.content.decode()
    assert "Postnummer 41138 ligger i Norra" in html
    assert found(client, address="Storgatan 3, 411 38 Testköping") == {ids["abc"], ids["preschool"]}
    # An unknown postcode of the same postal district is placed by its first three digits.
    assert selectors.place_address("411 99").area == world["district_a"]
    unknown = client.get(CATALOGUE, {"address": "Okänd väg 1, 999 99"}).content.decode()
    assert "kunde inte placera postnummer 99999" in unknown


def test_an_address_is_never_kept_in_the_cache(client, offers):
    """The page promises that nothing written in the address field is saved: the catalogue's cached
    part (ADR 0026) is built afresh whenever an address is given, and nothing cached holds it."""
    from django.core.cache import cache

    assert "Storgatan 3" in client.get(CATALOGUE, {"address": "Storgatan 3, 41138"}).content.decode()
    client.get(CATALOGUE, {"age": "3-5"})  # a page without an address is cached as before
    kept = [key for key in cache._cache if "support_catalogue" in str(key)]  # the test's local memory
    assert kept and all("Storgatan" not in str(cache.get(key.split(":", 2)[-1])) for key in kept)


def test_the_map_and_the_list_beside_it_name_the_same_offers(client, offers):
    html = client.get(CATALOGUE).content.decode()
    svg = html[html.index("<svg"):html.index("</svg>")]
    on_map = set(re.findall(r'<a href="(/stod/\d+/)" class="unit-link"', svg))
    listed = set(re.findall(r'<li value="\d+">\s*<a class="ds-link" href="(/stod/\d+/)"', html))
    assert on_map == listed == {f"/stod/{o.pk}/" for o in (offers["abc"], offers["preschool"], offers["lecture"])}
    assert html.index('href="#offers-units"') < html.index("<svg")


def test_the_english_page(client, offer, group):
    response = client.get(reverse("support_public:offer", args=[offer.pk]), {"sprak": "en"})
    html = response.content.decode()
    assert '<html lang="en" dir="ltr"' in html
    heading = f'<h1 class="ds-heading" data-size="lg">{ENGLISH["title"]}'
    assert f'<article class="offer" lang="en" dir="ltr">\n  {heading}' in html
    assert "Groups you can sign up for" in html and "Free of charge" in html
    assert response.cookies["stod_sprak"].value == "en"
    assert response["Content-Language"] == "en"


def test_the_arabic_page_is_right_to_left(client, offer, group):
    html = client.get(reverse("support_public:offer", args=[offer.pk]), {"sprak": "ar"}).content.decode()
    assert '<html lang="ar" dir="rtl"' in html
    assert '<article class="offer" lang="ar" dir="rtl">' in html
    assert "مجموعة ABC للآباء" in html
    assert "مجانًا" in html  # "Free of charge" from the Arabic catalogue, not Swedish
    assert "Kostnadsfritt" not in html
    # The group is held in English: that text says so in its own language and direction.
    assert '<span lang="en" dir="ltr">English</span>' in html


def test_the_browser_language_is_followed_until_the_visitor_chooses(client, offer):
    url = reverse("support_public:offer", args=[offer.pk])
    arabic = client.get(url, HTTP_ACCEPT_LANGUAGE="ar-SE,ar;q=0.9,sv;q=0.5").content.decode()
    assert '<html lang="ar" dir="rtl"' in arabic
    assert '<html lang="sv"' in client.get(url, HTTP_ACCEPT_LANGUAGE="de-DE,sv;q=0.8").content.decode()
    client.get(url, {"sprak": "en"})
    assert '<html lang="en"' in client.get(url, HTTP_ACCEPT_LANGUAGE="ar").content.decode()  # the choice is kept


def test_a_language_without_fixed_texts_gets_english_around_the_offer_in_its_own_language(client, organiser, offer):
    from tillsammans.support import services
    from tillsammans.testing.sip import actor_for

    services.offer_text_save(actor=actor_for(organiser), offer=offer, language="so",
                             title="Kooxda waalidiinta ABC", summary="Afar kulan oo loogu talagalay waalidiinta.")
    html = client.get(reverse("support_public:offer", args=[offer.pk]), {"sprak": "so"}).content.decode()
    assert '<html lang="en" dir="ltr"' in html
    assert '<article class="offer" lang="so" dir="ltr">' in html and "Kooxda waalidiinta ABC" in html
    # An offer not written in the chosen language falls back to English, and says so.
    html = client.get(reverse("support_public:offer", args=[offer.pk]), {"sprak": "fa"}).content.decode()
    assert '<article class="offer" lang="en" dir="ltr">' in html
    assert "not yet written in your language" in html


def test_drafts_are_not_public_but_professionals_see_them(client, staff_client, offers):
    url = reverse("support_public:offer", args=[offers["draft"].pk])
    assert client.get(url).status_code == 404
    assert staff_client.get(url).status_code == 200


def pdf_text(content: bytes) -> str:
    return subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True, check=True).stdout.decode()


def test_poster_has_the_title_and_a_qr_code_to_the_offer(client, offer):
    response = client.get(reverse("support_public:poster", args=[offer.pk]), {"sprak": "en"})
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert ENGLISH["title"] in text
    assert f"/stod/{offer.pk}/?sprak=en" in text
    from tillsammans.support.poster import offer_url, qr_data_uri

    assert offer_url(offer, "en").endswith(f"/stod/{offer.pk}/?sprak=en")
    assert qr_data_uri(offer_url(offer, "en")).startswith("data:image/svg+xml")
    info = subprocess.run(["pdfinfo", "-"], input=response.content, capture_output=True, check=True).stdout.decode()
    assert re.search(r"Tagged:\s+yes", info) and ENGLISH["title"] in info  # tagged, titled


def test_a_professional_sends_the_link_by_text_message_and_nothing_is_kept(offer, world,
                                                                         django_capture_on_commit_callbacks):
    from tillsammans.accounts.roles import Role
    from tillsammans.core.models import AccessEvent
    from tillsammans.testing.factories import MembershipFactory

    nurse = client_for(MembershipFactory(role=Role.STAFF, unit=world["bvc_a"]))
    url = reverse("support:offer_send", args=[offer.pk])
    bad = nurse.post(url, {"phone": "07x-12", "language": "ar"})
    assert "Skriv ett mobilnummer" in bad.content.decode() and 'value="07x-12"' in bad.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = nurse.post(url, {"phone": "070-123 45 67", "language": "ar"})
    assert response.status_code == 302
    run_queued_tasks()
    assert len(sms.outbox) == 1
    number, body = sms.outbox[0]
    assert number == "+46701234567"
    assert f"/stod/{offer.pk}/?sprak=ar" in body and "مجموعة ABC للآباء" in body
    event = AccessEvent.objects.filter(action="disclose").latest("pk")
    assert "0701234567" not in str(event.detail) and "+4670" not in str(event.detail)

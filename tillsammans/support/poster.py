"""A printable poster of an offer (A4 PDF through core.pdf) with a QR code that links to the offer's
public page in the poster's language. The QR code is drawn by segno as SVG: no image service."""

from __future__ import annotations

import segno
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tillsammans.core.pdf import pdf_response, render_pdf
from tillsammans.support import languages


def offer_url(offer, language: str) -> str:
    url = settings.SITE_URL + reverse("support_public:offer", args=[offer.pk])
    return url if language == languages.DEFAULT else f"{url}?sprak={language}"


def qr_data_uri(url: str) -> str:
    return segno.make(url, error="m").svg_data_uri(scale=8, border=2, dark="#000", light="#fff")


def poster_pdf(offer, language: str) -> bytes:
    from tillsammans.support.selectors import text_for

    text = text_for(offer, language)
    url = offer_url(offer, text.language)
    with translation.override(languages.interface_for(language)):
        return render_pdf("support/poster_pdf.html", {
            "offer": offer, "text": text, "text_language": languages.get(text.language), "url": url,
            "qr": qr_data_uri(url), "interface": languages.get(languages.interface_for(language)),
            "spoken": [languages.get(s.code) for s in offer.spoken.all()]})


def poster_response(offer, language: str):
    return pdf_response(poster_pdf(offer, language), f"affisch-{offer.pk}.pdf")

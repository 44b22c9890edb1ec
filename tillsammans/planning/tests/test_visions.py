"""Shared visions: which committee adopted what, when, and an overview across the principals."""

from datetime import date

import pytest
from django.urls import reverse

from tillsammans.planning.models import Adoption, Vision


@pytest.mark.django_db
def test_adoption_overview(world, staff_client, admin_client):
    vision = Vision.objects.create(name="Tillsammans för barnens bästa", summary="Gemensam målbild.")
    Adoption.objects.create(vision=vision, committee=world["social"], decided_on=date(2022, 3, 15),
                            reference="SN 2022/41")
    page = staff_client.get(reverse("planning:vision", args=[vision.pk])).content.decode()
    assert "SN 2022/41" in page and "Antagen av 1 av 2 huvudmän" in page and "Inte antagen ännu" in page
    assert admin_client.get(reverse("admin:planning_vision_change", args=[vision.pk])).status_code == 200

import pytest
from django.urls import reverse

from tillsammans.testing.clients import client_for


@pytest.mark.django_db
def test_pages_answer(concerns_world, report):
    teacher = client_for(concerns_world["teacher"])
    assert teacher.get(reverse("concerns:new")).status_code == 200
    assert teacher.get(reverse("concerns:mine")).status_code == 200
    assert teacher.get(reverse("concerns:receipt", args=[report.pk])).status_code == 200
    intake = client_for(concerns_world["intake"])
    assert intake.get(reverse("concerns:queue")).status_code == 200
    assert intake.get(reverse("concerns:intake_detail", args=[report.pk])).status_code == 200
    assert intake.get(reverse("concerns:assess", args=[report.pk])).status_code == 200
    assert intake.get(reverse("concerns:statistics")).status_code == 200
    from django.test import Client
    assert Client().get("/orosanmalan/").status_code == 200

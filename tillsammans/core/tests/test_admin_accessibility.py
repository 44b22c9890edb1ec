"""The admin's own markup meets the same rules as the product's pages: every input has a label,
no script-drawn two-box selector, our stylesheet on every page and nothing inline for the CSP."""

import re

import pytest
from django.db import models
from django.urls import reverse

from tillsammans.networks.models import Theme


@pytest.mark.django_db
def test_editable_list_inputs_are_labelled_with_column_and_row(admin_client):
    Theme.objects.get_or_create(name="Skolfrånvaro", defaults={"active": True})
    html = admin_client.get(reverse("admin:networks_theme_changelist")).content.decode()
    inputs = re.findall(r'<input type="checkbox" name="form-\d+-active"[^>]*>', html)
    assert inputs
    for tag in inputs:
        assert 'aria-label="' in tag, tag
    assert any("Skolfrånvaro" in tag for tag in inputs)
    assert 'href="/static/css/admin.css"' in html
    assert not re.search(r"<[^>]+\sstyle=", html)


@pytest.mark.django_db
def test_date_and_time_inputs_have_their_own_labels(admin_client, admin_membership):
    """Every editable date-and-time field in the admin gets the labelled widget."""
    from tillsammans.core.admin import LabelledSplitDateTime, PolicyModelAdmin

    widget = PolicyModelAdmin.formfield_overrides[models.DateTimeField]["widget"]
    assert widget is LabelledSplitDateTime
    html = LabelledSplitDateTime().render("starts", None, attrs={"id": "id_starts"})
    for part in ("0", "1"):
        assert f'<label for="id_starts_{part}">' in html


@pytest.mark.django_db
def test_many_to_many_fields_are_plain_labelled_selects(admin_client):
    html = admin_client.get(reverse("admin:accounts_membership_add")).content.decode()
    assert 'class="selectfilter' not in html and "SelectFilter2.js" not in html
    assert re.search(r'<label[^>]*for="id_areas"', html)


@pytest.mark.django_db
def test_inline_rows_are_labelled_with_column_and_row(admin_client, world):
    from tillsammans.planning import seed

    agreement = seed.build_agreement(name="Samverkansavtal FCA", parties=[world["social"]],
                                     receiver=world["bvc_a"])
    html = admin_client.get(reverse("admin:planning_agreement_change", args=[agreement.pk]))
    inputs = re.findall(r'<(?:input|select)[^>]*name="funders-0-[a-z_]+"[^>]*>',
                        html.content.decode())
    assert inputs
    for tag in inputs:
        if 'type="hidden"' not in tag:
            assert 'aria-label="' in tag, tag


@pytest.mark.django_db
def test_inline_choice_of_a_related_object_is_labelled(admin_client, world):
    from datetime import date

    from tillsammans.planning.models import Adoption, Vision

    vision = Vision.objects.create(name="Gemensam målbild")
    Adoption.objects.create(vision=vision, committee=world["social"], decided_on=date(2026, 3, 1),
                            reference="§ 12")
    html = admin_client.get(reverse("admin:planning_vision_change", args=[vision.pk]))
    select = re.search(r'<select[^>]*name="adoptions-0-committee"[^>]*>', html.content.decode())
    assert select and 'aria-label="' in select.group(0)

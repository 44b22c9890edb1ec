"""One registry guards every structural free-text field; the seven planning fields refuse
personal data through the pages people use."""

from datetime import date

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from tillsammans.core import pii
from tillsammans.core.identity import display, fictional_number
from tillsammans.planning.models import ActionPlan, Activity, Project, SubGoal
from tillsammans.planning.tests.test_plans import plan  # noqa: F401 - fixture

NUMBER = display(fictional_number(date(2016, 4, 12), 1)).replace("-", "\u2011")  # non-breaking hyphen
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def structural_text_fields():
    for label in pii.STRUCTURAL_APPS:
        if not apps.is_installed(f"tillsammans.{label}"):
            continue
        for model in apps.get_app_config(label).get_models():
            for field in model._meta.get_fields():
                if (isinstance(field, TEXT_FIELDS) and field.editable and not field.choices
                        and not field.primary_key):
                    yield model._meta.label, field.name


def test_every_text_field_of_the_structural_models_is_guarded_or_exempt_with_a_reason():
    fields = list(structural_text_fields())
    unguarded = [f"{label}.{name}" for label, name in fields
                 if name not in pii.GUARDED.get(label, set()) and name not in pii.EXEMPT.get(label, {})]
    assert unguarded == [], f"Guard these in the app's pii_fields.py, or exempt them with a reason: {unguarded}"
    both = [f"{label}.{name}" for label, names in pii.GUARDED.items() for name in names
            if name in pii.EXEMPT.get(label, {})]
    assert both == []
    stale = [f"{label}.{name}" for label, names in pii.GUARDED.items() for name in names
             if (label, name) not in set(fields)]
    assert stale == []
    print(f"\n{len(fields)} structural text fields: "
          f"{sum(len(v) for v in pii.GUARDED.values())} guarded, {sum(len(v) for v in pii.EXEMPT.values())} exempt")


@pytest.mark.django_db
def test_the_seven_planning_fields_refuse_personal_data_in_the_pages(plan, coordinator_client, world):  # noqa: F811
    sub_goal = SubGoal.objects.filter(goal_area__template=plan.template).first()
    activity_url = reverse("planning:activity_add", args=[plan.pk])
    good = {"sub_goal": sub_goal.pk, "description": "Föräldragrupper", "target_group": "Föräldrar"}
    for field in ("description", "target_group"):
        response = coordinator_client.post(activity_url, {**good, field: f"Barnet {NUMBER} behöver stöd"})
        assert response.status_code == 200, field
        assert "utan personuppgifter om barn" in response.content.decode() and NUMBER in response.content.decode()
    assert not Activity.objects.filter(plan=plan).exists()
    assert coordinator_client.post(activity_url, good).status_code == 302
    activity = Activity.objects.get(plan=plan)

    follow_up = reverse("planning:follow_up", args=[plan.pk, activity.pk])
    response = coordinator_client.post(follow_up, {"status": "done", "outcome": "Ring mamma på 070-123 45 67"})
    assert response.status_code == 200 and "utan personuppgifter" in response.content.decode()
    response = coordinator_client.post(follow_up, {"status": "done", "outcome": "Ella, 7 år, deltog."})
    assert response.status_code == 200
    activity.refresh_from_db()
    assert activity.outcome == ""

    sections = reverse("planning:sections", args=[plan.pk])
    response = coordinator_client.post(sections, {"s0": "Kontakt: familjen.nilsson＠gmail.com"})
    assert response.status_code == 200 and "utan personuppgifter" in response.content.decode()
    assert "gmail" not in str(ActionPlan.objects.get(pk=plan.pk).sections)

    project = {"name": "Delprojekt NPF", "agreement": plan.template.agreement.pk, "start": "2025-01-01",
               "end": "2026-12-31", "municipalities": [world["municipality"].pk],
               "goals": "1 Tidigt stöd\n1.1 Gemensam kartläggning"}
    url = reverse("planning:project_create")
    response = coordinator_client.post(url, {**project, "description": f"Gäller {NUMBER}"})
    assert response.status_code == 200 and "utan personuppgifter" in response.content.decode()
    response = coordinator_client.post(url, {**project, "goals": "1 Tidigt stöd\n1.1 Stöd till Ella, 7 år"})
    assert response.status_code == 200 and "utan personuppgifter" in response.content.decode()
    assert not Project.objects.exists()
    assert coordinator_client.post(url, {**project, "description": "Anna Svensson från BVC presenterade"
                                         " arbetssättet."}).status_code == 302


@pytest.mark.django_db
def test_every_save_path_is_guarded_not_only_the_forms(plan):  # noqa: F811
    plan.check_comment = f"Se {NUMBER}"
    with pytest.raises(pii.PersonalDataError) as error:
        plan.save()
    assert "check_comment" in error.value.message_dict
    plan.refresh_from_db()
    plan.sections = {**plan.sections, "Inledning": "Ella, 7 år, går i klass 1"}
    with pytest.raises(pii.PersonalDataError):
        plan.save(update_fields=["sections"])
    plan.check_comment = f"Se {NUMBER}"
    plan.save(update_fields=["status"])  # only the fields being written are checked

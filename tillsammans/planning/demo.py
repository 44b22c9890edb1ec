"""Demo step: an agreement, the year's template and action plans in different states."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from tillsammans.core.access import Actor
from tillsammans.planning import seed, services, workflow
from tillsammans.planning.models import ActionPlan, BudgetLine, Post, SubGoal


def build_action_plans(demo) -> None:
    if ActionPlan.objects.exists():
        return
    from datetime import date

    from tillsammans.planning.models import Adoption, Vision

    vision = Vision.objects.create(name="Tillsammans för barnens bästa – gemensam målbild",
                                   summary="Alla barn i Ekmora ska få det stöd de behöver, i tid och tillsammans.")
    Adoption.objects.create(vision=vision, committee=demo.authorities["kommunstyrelse"], decided_on=date(2025, 3, 12),
                            reference="KS 2025/117")
    Adoption.objects.create(vision=vision, committee=demo.authorities["hsn"], decided_on=date(2025, 4, 2),
                            reference="HSN 2025/0456")
    actor = Actor.for_system("demo-data")
    agreement = seed.build_agreement(
        name="Samverkansavtal familjecentrerat arbete, Ekmora och Region Sörmarken",
        parties=[demo.authorities["hsn"], demo.authorities["socialnamnd"], demo.authorities["grundskolenamnd"]],
        receiver=demo.units["ADM-3"])
    year = timezone.localdate().year + 1
    template = seed.build_template(agreement=agreement, year=year)
    funders = {f.code: f for f in agreement.funders.all()}
    for district, target in zip(demo.districts, ["draft", "review", "approved", "submitted"], strict=False):
        plan = services.plan_create(actor=actor, area=district, template=template)
        for order, (name, covered, fte, amounts) in enumerate(seed.BUDGET):
            line = BudgetLine.objects.create(plan=plan, name=name, under_cofinancing=covered, order=order,
                                             fte=Decimal(fte) if fte else None)
            for code, tkr in amounts.items():
                services.budget_set(actor=actor, line=line, funder=funders[code], tkr=tkr)
        for percent in (100, 100, 85, 65):
            Post.objects.create(plan=plan, role="FCA-koordinator", employer=demo.authorities["socialnamnd"],
                                fte_percent=percent)
        for sub_goal in SubGoal.objects.filter(goal_area__template=template)[:4]:
            activity = services.activity_add(
                actor=actor, plan=plan, sub_goal=sub_goal, description=f"Aktivitet för delmål {sub_goal.number}",
                target_group="Föräldrar med barn 0–6 år", responsible_text="FCA-koordinatorerna",
                expected_effect="Fler familjer nås av stödet.")
            activity.responsible_units.set([demo.units["FC-1"]])
        path = ["review", "approved", "submitted"]
        for step in path[: path.index(target) + 1] if target in path else []:
            workflow.plan_transition(actor=actor, plan=plan, to=step,
                                     comment="Samfinansieringen justeras i budgetdialogen.")

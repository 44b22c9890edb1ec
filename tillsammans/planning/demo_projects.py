"""Demo step: a development project with its own plan (goals, activities, a post and a budget), so that
the project's page and its PDF, DOCX and XLSX (``tillsammans export-plan --project``) have content."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tillsammans.accounts.models import Membership
from tillsammans.accounts.roles import Role
from tillsammans.core.access import Actor
from tillsammans.planning import services
from tillsammans.planning.goals import parse_goals
from tillsammans.planning.models import Agreement, BudgetLine, Post, Project, SubGoal

NAME = "Tidiga insatser vid NPF-liknande svårigheter"
GOALS = """1 Barn med NPF-liknande svårigheter får stöd tidigt och samordnat
1.1 En gemensam kartläggning av behoven i förskola, skola, socialtjänst och barnhälsovård
1.2 Samordnade insatser i förskola och skola utan väntan på diagnos
2 Föräldrar får stöd i vardagen
2.1 Föräldrautbildning med fokus på vardagsstruktur och samspel"""
ACTIVITIES = {
    "1.1": ("Gemensamt kartläggningsstöd tas fram och prövas på två förskolor och två skolor.",
            "Pedagoger, elevhälsa och barnhälsovård", "Projektledaren och elevhälsans samordnare",
            "Samma bild av barnets behov hos alla verksamheter redan vid första mötet."),
    "1.2": ("Handledning för arbetslag kring anpassningar i lärmiljön, fyra tillfällen per termin.",
            "Arbetslag i förskola och skola", "Specialpedagogiskt team",
            "Fler barn får anpassningar inom två veckor efter att behovet uppmärksammats."),
    "2.1": ("Föräldragrupper med sex träffar, på dagtid och kvällstid, med tolk vid behov.",
            "Föräldrar till barn 3–12 år", "Familjecentralens föräldrastödjare",
            "Föräldrar upplever att vardagen fungerar bättre och vet vart de kan vända sig."),
}


def build_development_project(demo) -> None:
    if Project.objects.exists():
        return
    agreement = Agreement.objects.order_by("pk").first()
    lead = (Membership.objects.filter(user__username="processledare", role=Role.COORDINATOR)
            .select_related("user").first())
    if agreement is None or lead is None:
        return
    actor = Actor(user=lead.user, membership=lead, verified=True, request_id="demo-data")
    plan = services.project_create(
        actor=actor, name=NAME, agreement=agreement, start=date(2026, 1, 1), end=date(2027, 12, 31),
        municipalities=[demo.principals["kommun"]], goals=parse_goals(GOALS),
        description="Ett tvåårigt utvecklingsprojekt i Ekmora: förskola, skola, socialtjänst och barnhälsovård "
                    "arbetar fram ett gemensamt sätt att upptäcka och möta barn med NPF-liknande svårigheter, "
                    "utan att vänta på en utredning.")
    for sub_goal in SubGoal.objects.filter(goal_area__template=plan.template):
        description, target_group, responsible, effect = ACTIVITIES[sub_goal.number]
        services.activity_add(actor=actor, plan=plan, sub_goal=sub_goal, description=description,
                              target_group=target_group, responsible_text=responsible, expected_effect=effect)
    Post.objects.create(plan=plan, role="Projektledare", employer=demo.authorities["socialnamnd"], fte_percent=50)
    funders = list(agreement.funders.all())
    line = BudgetLine.objects.create(plan=plan, name="Projektledare (0,5 åa) inkl. lönebikostnader",
                                     under_cofinancing=True, fte=Decimal("0.5"))
    for funder, tkr in zip(funders, (190, 190), strict=False):
        services.budget_set(actor=actor, line=line, funder=funder, tkr=tkr)

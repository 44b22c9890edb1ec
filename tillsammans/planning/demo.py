"""Demo step: an agreement with an approver for every party, last year's submitted plans (one late),
this year's template in three levels, and next year's plans in every state — one district not started,
so that its coordinator can create the plan from the template in the pages."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from tillsammans.core.access import Actor
from tillsammans.planning import entries, goals, seed, services, workflow
from tillsammans.planning.models import ActionPlan, BudgetLine, SubGoal

SECTIONS = {
    "Inledning": ("{area} har fyra familjecentrerade mötesplatser: familjecentralen, två öppna förskolor och "
                  "BVC i vårdcentralens lokaler. Planen bygger på samverkansavtalet och på det som kom fram "
                  "i höstens gemensamma uppföljning med personal och föräldrar."),
    "Målgrupp": ("Blivande föräldrar och familjer med barn 0–6 år i {area}, med särskilt fokus på familjer "
                 "som i dag sällan besöker öppna förskolan, bland dem nyanlända och ensamstående föräldrar."),
    "Koordinatorns roll": ("Koordinatorerna håller ihop nätverket för barnhälsa, planerar gemensamma "
                           "föräldragrupper med BVC och socialtjänst och följer upp planen varje tertial."),
    "Organisering": ("Styrgruppen för {area} träffas fyra gånger per år. Ett taktiskt nätverk med chefer "
                     "från förskola, BVC och socialtjänst bereder frågor till styrgruppen."),
    "Budget": ("Koordinatorstjänsterna finansieras gemensamt enligt samfinansieringsregeln. Kompetens"
               "utveckling och material delas lika mellan regionen och stadsområdet."),
}

# sub-goal, activity, target group, expected effect, how it is followed up
ACTIVITIES = [
    ("7.1.1", "Gemensam kalender för föräldraskapsstöd som BVC, öppna förskolan och socialtjänsten delar.",
     "Föräldrar med barn 0–6 år", "Föräldrar hittar stödet och grupperna fylls.", "Antal grupper per termin"),
    ("7.1.2", "Föräldragrupper enligt ABC på familjecentralen, en på dagtid och en på kvällstid varje termin.",
     "Föräldrar med barn 3–6 år", "Fler föräldrar känner sig trygga i föräldraskapet.", "Deltagare och enkät"),
    ("7.1.3", "Riktade samtal för föräldrar i utsatta situationer, med tolk när det behövs.",
     "Nyanlända föräldrar", "Tidigt stöd innan behoven växer.", "Antal samtal"),
    ("7.2.1", "Gemensamt hembesök av barnmorska och socialtjänstens familjepedagog vid första barnet.",
     "Blivande förstagångsföräldrar", "Familjen känner till vart den kan vända sig.", "Andel erbjudna besök"),
    ("7.2.2", "Öppen förskola en eftermiddag i veckan i vårdcentralens väntrum.",
     "Familjer som besöker BVC", "Fler familjer når öppna förskolan.", "Besök per vecka"),
    ("7.2.4", "Sommarträffar i parken tillsammans med biblioteket.",
     "Familjer med barn 0–6 år", "Mötesplatser även under sommaren.", "Antal träffar och besökare"),
    ("7.3.1", "Introduktion i familjecentrerat arbetssätt för nyanställda i förskola, BVC och socialtjänst.",
     "Nyanställda medarbetare", "En gemensam grund för samverkan.", "Andel nyanställda som deltagit"),
]

DISTRICT_UNITS = {0: ["FC-1", "BVC-1"], 1: ["BVC-2", "SOC-1"], 2: ["BVC-3", "SOC-3"], 3: ["FC-2", "BVC-4"]}

# Approvers for the parties that had none: the region's BVC manager and the social services manager.
APPROVERS = [("vardchef", "BVC-1", "Verksamhetschef BVC"), ("socialchef", "SOC-1", "Enhetschef barn och unga")]

CHAPTER = ("7", "Mål och insatser")


def _approvers(demo) -> None:
    from tillsammans.demo.builder import _grant, _person

    for offset, (username, unit_code, function) in enumerate(APPROVERS):
        user = _person(username, 40 + offset)
        _grant(user, "manager", demo.units[unit_code], function)
        demo.logins.append(user)


def _fill(actor, plan, units, funders, *, posts=(100, 100, 85, 65), activities=ACTIVITIES) -> None:
    entries.sections_write(actor=actor, plan=plan, texts={
        name: text.format(area=plan.area.name) for name, text in SECTIONS.items()})
    for order, (name, covered, fte, amounts) in enumerate(seed.BUDGET):
        line = BudgetLine.objects.create(plan=plan, name=name, under_cofinancing=covered, order=order,
                                         fte=Decimal(fte) if fte else None)
        for code, tkr in amounts.items():
            services.budget_set(actor=actor, line=line, funder=funders[code], tkr=tkr)
    for index, percent in enumerate(posts):
        entries.post_add(actor=actor, plan=plan, role="FCA-koordinator", fte_percent=percent,
                         employer_unit=units[index % len(units)])
    sub_goals = {s.number: s for s in SubGoal.objects.filter(goal_area__template=plan.template)}
    for number, description, target_group, effect, measure in activities:
        services.activity_add(actor=actor, plan=plan, sub_goal=sub_goals[number], description=description,
                              target_group=target_group, responsible_units=units, expected_effect=effect,
                              responsible_text="FCA-koordinatorerna", measure=measure)


def _submitted_on(plan: ActionPlan, day: date) -> None:
    """Last year's plans were submitted in last November or December: their history says so."""
    moment = datetime.combine(day, time(10, 0), tzinfo=ZoneInfo("Europe/Stockholm"))
    ActionPlan.objects.filter(pk=plan.pk).update(submitted_at=moment)


def build_action_plans(demo) -> None:
    if ActionPlan.objects.exists():
        return
    from tillsammans.planning.models import Adoption, Vision

    vision = Vision.objects.create(name="Tillsammans för barnens bästa – gemensam målbild",
                                   summary="Alla barn i Ekmora ska få det stöd de behöver, i tid och tillsammans.")
    Adoption.objects.create(vision=vision, committee=demo.authorities["kommunstyrelse"], decided_on=date(2025, 3, 12),
                            reference="KS 2025/117")
    Adoption.objects.create(vision=vision, committee=demo.authorities["hsn"], decided_on=date(2025, 4, 2),
                            reference="HSN 2025/0456")
    _approvers(demo)
    actor = Actor.for_system("demo-data")
    agreement = seed.build_agreement(
        name="Samverkansavtal familjecentrerat arbete, Ekmora och Region Sörmarken",
        parties=[demo.authorities["hsn"], demo.authorities["socialnamnd"], demo.authorities["grundskolenamnd"]],
        receiver=demo.units["ADM-3"])
    agreement.areas.set(demo.districts)
    funders = {f.code: f for f in agreement.funders.all()}
    year = timezone.localdate().year + 1
    # Last year's template in the region's three-level numbering (7 → 7.1 → 7.1.1), copied to next year.
    last_template = seed.build_template(agreement=agreement, year=year - 1)
    goals.template_write(actor=actor, template=last_template, goals=[
        goals.GoalAreaText(a.number, a.title, *CHAPTER, sub_goals=[(s.number, s.title) for s in a.sub_goals.all()])
        for a in last_template.goal_areas.prefetch_related("sub_goals")])
    template = goals.template_copy(actor=actor, template=last_template, year=year)
    # Last year: every district submitted; Västlunda a week after the deadline.
    for index, district in enumerate(demo.districts[:4]):
        plan = services.plan_create(actor=actor, area=district, template=last_template)
        units = [demo.units[code] for code in DISTRICT_UNITS[index]]
        _fill(actor, plan, units, funders, activities=ACTIVITIES[:4])
        for step in ("review", "approved"):
            workflow.plan_transition(actor=actor, plan=plan, to=step)
        workflow.plan_transition(actor=actor, plan=plan, to="submitted",
                                 comment="Samfinansieringen justeras i budgetdialogen.")
        _submitted_on(plan, date(year - 2, 12, 8) if index == 3 else date(year - 2, 11, 20 + index))
    # Next year: Norrmora a draft, Östermora not started (its coordinator creates it in the pages),
    # Södermora in review with staffing that disagrees with its budget, Västlunda approved.
    states = {0: "draft", 2: "review", 3: "approved"}
    for index, district in enumerate(demo.districts[:4]):
        if index not in states:
            continue
        posts = (100, 100, 85) if states[index] == "review" else (100, 100, 85, 65)
        plan = services.plan_create(actor=actor, area=district, template=template)
        _fill(actor, plan, [demo.units[code] for code in DISTRICT_UNITS[index]], funders, posts=posts)
        path = ["review", "approved"]
        for step in path[: path.index(states[index]) + 1] if states[index] in path else []:
            workflow.plan_transition(actor=actor, plan=plan, to=step)

"""A fixture with the structure and budget figures of a yearly FCA action plan (own prose)."""

from __future__ import annotations

from datetime import date

GOAL_AREAS = [
    ("7.1", "Familjer och andra viktiga vuxna erbjuds ett samordnat stöd utifrån barns behov.", [
        ("7.1.1", "Samordna det lokala utbudet av föräldraskapsstödsprogram."),
        ("7.1.2", "Generellt föräldraskapsstöd 0–18 år finns tillgängligt och når dem som behöver det mest."),
        ("7.1.3", "Samverkan stödjer riktade föräldraskapsstödsinsatser."),
        ("7.1.4", "Samordnat stöd till föräldrar bidrar till ökad närvaro i förskola och skola."),
    ]),
    ("7.2", "Familjecentrerat arbetssätt är en stabil plattform för tidig upptäckt och samordnade insatser.", [
        ("7.2.1", "Stabila strukturer för samverkan kring blivande och nyblivna föräldrar."),
        ("7.2.2", "Stabila strukturer för samverkan kring småbarnsfamiljer."),
        ("7.2.3", "Samverkan för en sammanhållen barn- och ungdomshälsa."),
        ("7.2.4", "Jämlik tillgång till hälsofrämjande arenor och mötesplatser för familjer."),
    ]),
    ("7.3", "Kompetensutveckling för personal, chefer och beslutsfattare.", [
        ("7.3.1", "Grundläggande kunskap om FCA finns hos personal, chefer och beslutsfattare."),
        ("7.3.2", "Professionella som möter barn och familjer har kompetens kring uppmärksammade behov."),
    ]),
]

FUNDERS = [("HSNG", "Hälso- och sjukvårdsnämnden", "region"), ("SN+FSN", "Stadsområdesnämnd och "
           "förskolenämnd", "municipality"), ("GSN", "Grundskolenämnden", "municipality")]

# name, covered by co-financing, fte, {funder: tkr}
BUDGET = [
    ("Koordinatorer (3,5 åa) inkl. lönebikostnader", True, "3.5", {"HSNG": 1250, "SN+FSN": 1980, "GSN": 360}),
    ("Gemensam kompetensutveckling", False, None, {"HSNG": 130, "SN+FSN": 130}),
    ("Övrigt (gemensamt material m.m.)", False, None, {"HSNG": 173, "SN+FSN": 173}),
]
TOTALS = {"HSNG": 1553, "SN+FSN": 2283, "GSN": 360}


def build_template(*, agreement, year: int):
    from tillsammans.core.access import Actor
    from tillsammans.planning.goals import GoalAreaText, template_write
    from tillsammans.planning.models import Template

    template, created = Template.objects.get_or_create(agreement=agreement, year=year, project=None)
    if created:
        template_write(actor=Actor.for_system("seed"), template=template,
                       goals=[GoalAreaText(number, title, sub_goals=list(subs)) for number, title, subs in GOAL_AREAS])
    return template


def build_agreement(*, name: str, parties, receiver):
    from tillsammans.planning.models import Agreement, Funder

    agreement, created = Agreement.objects.get_or_create(
        name=name, defaults={"valid_from": date(2024, 1, 1), "receiver": receiver})
    if created:
        agreement.parties.set(parties)
        for order, (code, title, side) in enumerate(FUNDERS):
            Funder.objects.create(agreement=agreement, code=code, name=title, side=side, order=order)
    return agreement

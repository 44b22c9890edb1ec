"""Demo step: parenting support in Ekmora. Offers in every district (family centres, open preschools,
a lecture, Trygghetscirkeln), ABC for the whole city with two groups (one in English), a group that
ended last term with attendance and evaluations, a pool of group leaders, and Pixie books and
conversation cards handed out by units. Texts in Swedish, English, Arabic and Somali."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from tillsammans.accounts.models import Contact, Membership
from tillsammans.core.access import ANONYMOUS, Actor
from tillsammans.core.calendar import STOCKHOLM
from tillsammans.organisations.models import Area, Unit
from tillsammans.support import services, services_groups
from tillsammans.support.models import Evaluation, Offer, Programme

ABC_TEXTS = {
    "sv": ("ABC – Alla Barn i Centrum", "Fyra träffar i grupp för föräldrar till barn 3–12 år: stärk relationen "
           "och få vardagen att fungera.", "Tisdagar 18–20, fyra gånger"),
    "en": ("ABC – All Children in Focus", "Four group meetings for parents of children aged 3–12: strengthen your "
           "relationship and make everyday life work.", "Tuesdays 6–8 pm, four times"),
    "ar": ("برنامج ABC – كل الأطفال في المركز", "أربعة لقاءات جماعية لآباء وأمهات الأطفال من 3 إلى 12 سنة: "
           "لتقوية العلاقة وتسهيل الحياة اليومية.", "أيام الثلاثاء 18–20، أربع مرات"),
    "so": ("ABC – Dhammaan Carruurta Xarunta", "Afar kulan oo kooxeed oo loogu talagalay waalidiinta carruurta "
           "3–12 jir ah.", "Talaadada 18–20, afar jeer"),
}
OFFERS = [
    # provider code, district index, kind, ages, languages held in, texts {lang: (title, summary, times)}
    ("FC-1", 0, "family_centre", (0, 6), ["sv", "ar"], {
        "sv": ("Familjecentralen Norrmora", "BVC, barnmorska, öppen förskola och socialtjänstens rådgivning under "
               "samma tak.", "Öppen förskola måndag–torsdag 9–12"),
        "ar": ("مركز الأسرة في نورمورا", "مركز صحة الطفل، قابلة، روضة مفتوحة واستشارات الخدمات الاجتماعية تحت "
               "سقف واحد.", "الروضة المفتوحة من الاثنين إلى الخميس 9–12")}),
    ("OF-2", 1, "open_preschool", (0, 5), ["sv", "en"], {
        "sv": ("Öppna förskolan Hamnen", "Lek, sång och fika för barn 0–5 år med en vuxen. Ingen anmälan.",
               "Tisdagar och torsdagar 9–12"),
        "en": ("Hamnen open preschool", "Play, songs and coffee for children 0–5 with an adult. No sign-up.",
               "Tuesdays and Thursdays 9–12")}),
    ("SOC-3", 2, "programme", (3, 12), ["sv"], {
        "sv": ("Trygghetscirkeln", "Föräldraskapsstöd i grupp om barns behov av trygghet. Kontakta oss för ett "
               "första samtal.", "Torsdagar 17–19 under hösten")}),
    ("FC-2", 3, "family_centre", (0, 6), ["sv", "so"], {
        "sv": ("Familjecentralen Västlunda", "Öppen förskola, föräldragrupper och enskilda samtal med "
               "föräldrarådgivare.", "Måndag–fredag 9–15"),
        "so": ("Xarunta Qoyska Västlunda", "Dugsi carruureed oo furan, kooxo waalidiin iyo wada-hadal gaar ah.",
               "Isniin–Jimce 9–15")}),
    ("BIB-1", 1, "lecture", (13, 18), ["sv", "ar"], {
        "sv": ("Föreläsning: tonåren och skärmarna", "Kvällsföreläsning för föräldrar till tonåringar, med tolk "
               "till arabiska.", "Onsdag 19 november 18.30"),
        "en": ("Lecture: teenagers and screens", "An evening lecture for parents of teenagers, interpreted into "
               "Arabic.", "Wednesday 19 November 6.30 pm")}),
    ("BMM-1", 1, "individual", None, ["sv", "en", "ar"], {
        "sv": ("Föräldraförberedelse för blivande föräldrar", "Samtal i grupp och enskilt inför förlossningen och "
               "de första veckorna.", "Efter överenskommelse")}),
]
LEADERS = [("FC-1", "Amina Gruppledare", "certified"), ("BVC-1", "Jonas Ledarsson", "certified"),
           ("SOC-3", "Lena Stödberg", "in_training"), ("OF-2", "Omar Samtalsson", "interested")]


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour, 0), STOCKHOLM)


def build_support(demo) -> None:
    if Offer.objects.exists():
        return
    membership = Membership.objects.get(user__username="koordinator", role="coordinator")
    actor = Actor(user=membership.user, membership=membership, verified=True, request_id="demo")
    units = {u.code: u for u in Unit.objects.filter(code__isnull=False)}
    town = Area.objects.filter(kind="municipality").order_by("pk").first()
    districts = list(Area.objects.filter(parent=town, kind="district").order_by("pk"))
    abc = Programme.objects.get_or_create(name="ABC", defaults={"sub_goal_number": "7.1.1"})[0]
    today = timezone.localdate()

    for code, district, kind, ages, spoken, texts in OFFERS:
        low, high = ages or (None, None)
        offer = services.offer_create(
            actor=actor, areas=[districts[district]], spoken=spoken, kind=kind, provider=units[code],
            programme=Programme.objects.get_or_create(name="Trygghetscirkeln")[0] if kind == "programme" else None,
            for_expecting=ages is None, age_from=low, age_to=high, free=True,
            signup="drop_in" if kind in ("open_preschool", "family_centre") else "contact",
            contact_phone=units[code].phone, street=units[code].street, postal_code=units[code].postal_code,
            city=units[code].city, published=True, sub_goal_number="7.1.2",
            text=dict(zip(("title", "summary", "times"), texts["sv"], strict=True)))
        for language, text in texts.items():
            if language != "sv":
                services.offer_text_save(actor=actor, offer=offer, language=language,
                                         **dict(zip(("title", "summary", "times"), text, strict=True)))

    fc = units["FC-1"]
    offer = services.offer_create(
        actor=actor, areas=[town], spoken=["sv", "en"], kind="programme", programme=abc, provider=fc,
        for_expecting=False, age_from=3, age_to=12, free=True, signup="group", street=fc.street,
        postal_code=fc.postal_code, city=fc.city, published=True, sub_goal_number="7.1.1",
        text=dict(zip(("title", "summary", "times"), ABC_TEXTS["sv"], strict=True)))
    for language, text in ABC_TEXTS.items():
        if language != "sv":
            services.offer_text_save(actor=actor, offer=offer, language=language,
                                     **dict(zip(("title", "summary", "times"), text, strict=True)))

    leaders = []
    for code, name, status in LEADERS:
        contact = Contact.objects.create(name=name, unit=units[code], role_title="Gruppledare",
                                         email=f"{name.split()[0].lower()}@ekmora.exempel.se")
        leader = services_groups.leader_add(actor=actor, contact=contact, available_next_term=status != "interested")
        services_groups.leader_programme_set(
            actor=actor, leader=leader, programme=abc, status=status, since=today - timedelta(days=400),
            certified_on=today - timedelta(days=300) if status == "certified" else None)
        leaders.append(leader)

    groups = [
        ("ABC i Norrmora, tisdagar", districts[0], "sv", 21, 12, False),
        ("ABC in English, Östermora", districts[1], "en", 14, 10, True),
    ]
    for name, area, language, days, capacity, childcare in groups:
        start = today + timedelta(days=days)
        group = services_groups.group_create(
            actor=actor, offer=offer, programme=abc, area=area, name=name, language=language, childcare=childcare,
            capacity=capacity, starts_on=start, ends_on=start + timedelta(days=21), place=f"{fc.name}, stora rummet",
            leaders=leaders[:2])
        for week in range(4):
            services_groups.session_add(actor=actor, group=group, starts_at=_at(start + timedelta(days=7 * week), 18),
                                        ends_at=_at(start + timedelta(days=7 * week), 20))
        for n in range(4 if language == "sv" else capacity):  # the English group is full: a waitlist
            services_groups.participant_signup(
                actor=ANONYMOUS, group=group, name=f"Demoförälder {language.upper()} {n + 1}",
                email=f"foralder.{language}{n + 1}@exempel.se", age_band=["3-5", "6-9", "10-12"][n % 3],
                language=language)
        if language == "en":
            services_groups.participant_signup(actor=ANONYMOUS, group=group, name="Demoförälder väntande",
                                               email="vantande@exempel.se", age_band="3-5", language="en")

    # A group that ended last term: attendance, completion and five anonymous evaluations.
    start = today - timedelta(days=120)
    past = services_groups.group_create(
        actor=actor, offer=offer, programme=abc, area=districts[2], name="ABC i Södermora, våren",
        language="sv", childcare=True, capacity=12, starts_on=start, ends_on=start + timedelta(days=21),
        place="Södermora bibliotek", leaders=leaders[:1])
    sessions = [services_groups.session_add(actor=actor, group=past, starts_at=_at(start + timedelta(days=7 * w), 18),
                                            ends_at=_at(start + timedelta(days=7 * w), 20)) for w in range(4)]
    past.ends_on = today + timedelta(days=1)  # open for the sign-ups that happened before it started
    past.save(update_fields=["ends_on"])
    parents = [services_groups.participant_signup(actor=ANONYMOUS, group=past, name=f"Tidigare förälder {n + 1}",
                                                  email=f"tidigare{n + 1}@exempel.se", age_band="3-5")
               for n in range(9)]
    for n, parent in enumerate(parents):
        for session in sessions[: 4 if n < 7 else 1]:
            services_groups.attendance_set(actor=actor, session=session, participant=parent, present=True)
    past.ends_on = start + timedelta(days=21)
    past.save(update_fields=["ends_on"])
    for rating, helped in ((5, 5), (4, 5), (5, 4), (4, 4), (3, 4), (5, 5)):
        Evaluation.objects.create(group=past, rating=rating, helped=helped, comment="", answered_on=past.ends_on)
    past.participants.update(feedback_given=True)

    pixie = services.material_save(actor=actor, name="Pixiböcker om tandborstning", kind="pixie",
                                   description="Delas ut vid besök hos folktandvården.", sub_goal_number="7.2.2")
    cards = services.material_save(actor=actor, name="Samtalskort för föräldrar", kind="cards",
                                   description="Samtalskort om vardag, känslor och gränser.", sub_goal_number="7.1.2")
    for material, code, received, handed in ((pixie, "FTV-1", 200, 64), (pixie, "FTV-2", 150, 41),
                                             (cards, "FC-1", 60, 23), (cards, "FC-2", 40, 3)):
        services.stock_record(actor=actor, material=material, unit=units[code], kind="received", quantity=received,
                              on=today - timedelta(days=90))
        services.stock_record(actor=actor, material=material, unit=units[code], kind="handed_out", quantity=handed,
                              on=today - timedelta(days=10))

"""The few words of the public survey page around the questions, in the survey's languages.

Swedish comes from the catalogue; the other languages are written here, because the page's frame
(header, footer) stays Swedish while the survey itself is shown in the language the person chose
(marked with ``lang`` and, for Arabic, ``dir="rtl"``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

SWEDISH = {
    "group": _("Which group do you belong to?"),
    "area": _("Where do you live or work?"),
    "no_area": _("I would rather not say"),
    "scale_low": _("Do not agree at all"),
    "scale_high": _("Agree completely"),
    "send": _("Send"),
    "thanks": _("Thank you! Your answer has been saved without your name."),
    "anonymous": _("Your answer is anonymous: it is saved without your name, e-mail or address, and no "
                   "result is shown for fewer than five people."),
    "required": _("required"),
    "required_error": _("Answer this question."),
    "invalid": _("Choose one of the options."),
    "closed": _("The survey is closed."),
    "used": _("This link has already been used. Thank you!"),
    "language": _("Language"),
    "correct": _("Please correct the following"),
    "personal_data": _("Write without names, personal identity numbers, phone numbers or e-mail addresses."),
    "young_people": _("Young people"), "guardians": _("Guardians"), "professionals": _("Professionals"),
}

OTHER = {
    "en": {
        "group": "Which group do you belong to?", "area": "Where do you live or work?",
        "no_area": "I would rather not say", "scale_low": "Do not agree at all", "scale_high": "Agree completely",
        "send": "Send", "thanks": "Thank you! Your answer has been saved without your name.",
        "anonymous": "Your answer is anonymous: it is saved without your name, e-mail or address, and no "
                     "result is shown for fewer than five people.",
        "required": "required", "required_error": "Answer this question.", "invalid": "Choose one of the options.",
        "closed": "The survey is closed.", "used": "This link has already been used. Thank you!",
        "language": "Language", "correct": "Please correct the following",
        "personal_data": "Write without names, personal identity numbers, phone numbers or e-mail addresses.",
        "young_people": "Young people", "guardians": "Parents and guardians", "professionals": "Professionals",
    },
    "fi": {
        "group": "Mihin ryhmään kuulut?", "area": "Missä asut tai työskentelet?", "no_area": "En halua kertoa",
        "scale_low": "Täysin eri mieltä", "scale_high": "Täysin samaa mieltä", "send": "Lähetä",
        "thanks": "Kiitos! Vastauksesi on tallennettu ilman nimeäsi.",
        "anonymous": "Vastauksesi on nimetön: sitä ei tallenneta nimesi, sähköpostiosoitteesi tai osoitteesi "
                     "kanssa, eikä alle viiden hengen tuloksia näytetä.",
        "required": "pakollinen", "required_error": "Vastaa tähän kysymykseen.",
        "invalid": "Valitse yksi vaihtoehdoista.", "closed": "Kysely on suljettu.",
        "used": "Tätä linkkiä on jo käytetty. Kiitos!", "language": "Kieli", "correct": "Korjaa seuraavat kohdat",
        "personal_data": "Kirjoita ilman nimiä, henkilötunnuksia, puhelinnumeroita tai sähköpostiosoitteita.",
        "young_people": "Nuoret", "guardians": "Huoltajat", "professionals": "Ammattilaiset",
    },
    "ar": {
        "group": "إلى أي مجموعة تنتمي؟", "area": "أين تسكن أو تعمل؟", "no_area": "أفضّل عدم الإجابة",
        "scale_low": "لا أوافق إطلاقًا", "scale_high": "أوافق تمامًا", "send": "إرسال",
        "thanks": "شكرًا لك! تم حفظ إجابتك دون اسمك.",
        "anonymous": "إجابتك مجهولة الهوية: لا تُحفظ مع اسمك أو بريدك الإلكتروني أو عنوانك، ولا تُعرض نتائج "
                     "لأقل من خمسة أشخاص.",
        "required": "إلزامي", "required_error": "يرجى الإجابة على هذا السؤال.",
        "invalid": "يرجى اختيار أحد الخيارات.", "closed": "الاستبيان مغلق.",
        "used": "تم استخدام هذا الرابط من قبل. شكرًا لك!", "language": "اللغة", "correct": "يرجى تصحيح ما يلي",
        "personal_data": "يرجى الكتابة دون أسماء أو أرقام هوية شخصية أو أرقام هواتف أو عناوين بريد إلكتروني.",
        "young_people": "الشباب", "guardians": "أولياء الأمور", "professionals": "المهنيون",
    },
    "uk": {
        "group": "До якої групи ви належите?", "area": "Де ви живете або працюєте?",
        "no_area": "Волію не казати", "scale_low": "Зовсім не згоден", "scale_high": "Повністю згоден",
        "send": "Надіслати", "thanks": "Дякуємо! Вашу відповідь збережено без вашого імені.",
        "anonymous": "Ваша відповідь анонімна: вона зберігається без вашого імені, електронної пошти чи адреси, "
                     "а результати для менш ніж п’яти осіб не показуються.",
        "required": "обов’язково", "required_error": "Будь ласка, дайте відповідь на це запитання.",
        "invalid": "Будь ласка, виберіть один із варіантів.", "closed": "Опитування закрито.",
        "used": "Це посилання вже використано. Дякуємо!", "language": "Мова", "correct": "Будь ласка, виправте таке",
        "personal_data": "Пишіть без імен, персональних номерів, номерів телефонів чи адрес електронної пошти.",
        "young_people": "Молодь", "guardians": "Батьки або опікуни", "professionals": "Фахівці",
    },
}


def phrases(language: str) -> dict[str, str]:
    if language in OTHER:
        return OTHER[language]
    return {key: str(value) for key, value in SWEDISH.items()}

from django.db import migrations

UNIT_TYPES = [
    ("forskola", "Förskola"), ("grundskola", "Grundskola"), ("gymnasieskola", "Gymnasieskola"),
    ("elevhalsa", "Elevhälsa"), ("bvc", "BVC"), ("bmm", "BMM"), ("vardcentral", "Vårdcentral"),
    ("bup", "BUP"), ("habilitering", "Habilitering"), ("socialtjanst", "Socialtjänst"),
    ("familjecentral", "Familjecentral"), ("oppen-forskola", "Öppen förskola"),
    ("folktandvard", "Folktandvård"), ("bibliotek", "Bibliotek"), ("polis", "Polis"),
    ("ungdomsmottagning", "Ungdomsmottagning"), ("barnahus", "Barnahus"),
    ("ideell-forening", "Ideell förening"), ("forvaltning", "Förvaltning"),
]


def add_types(apps, schema_editor):
    UnitType = apps.get_model("organisations", "UnitType")
    for order, (code, name) in enumerate(UNIT_TYPES, start=1):
        UnitType.objects.update_or_create(code=code, defaults={"name": name, "sort_order": order * 10})


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]
    operations = [migrations.RunPython(add_types, migrations.RunPython.noop)]

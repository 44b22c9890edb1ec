from django.db import migrations

CATEGORIES = [
    ("halsa-och-vard", "Hälsa och vård"),
    ("skola-och-larande", "Skola och lärande"),
    ("familj-och-social-situation", "Familj och social situation"),
    ("insatser-och-planering", "Insatser och planering"),
]


def add(apps, schema_editor):
    Category = apps.get_model("childplans", "InformationCategory")
    for order, (code, name) in enumerate(CATEGORIES, start=1):
        Category.objects.update_or_create(code=code, defaults={"name": name, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("childplans", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]

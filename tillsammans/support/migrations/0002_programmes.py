"""The parent programmes the city's plans name: ABC for all, the targeted Trygghetscirkeln, BiFF and
LFT. Coordinators change them, and add new ones, in the pages."""

from django.db import migrations

PROGRAMMES = [
    ("ABC", "Alla Barn i Centrum: fyra träffar i grupp för föräldrar till barn 3–12 år om att stärka relationen "
            "och få vardagen att fungera.", True, "7.1.1"),
    ("Trygghetscirkeln", "Riktat föräldraskapsstöd i grupp om barns behov av trygghet och anknytning.", True, "7.1.3"),
    ("BiFF", "Barn i föräldrars fokus: för föräldrar som har separerat och vill samarbeta kring barnen.", True,
     "7.1.3"),
    ("LFT", "Lösningsfokuserad föräldragrupp för föräldrar till tonåringar.", True, "7.1.3"),
]


def add(apps, schema_editor):
    Programme = apps.get_model("support", "Programme")
    for name, description, certified, number in PROGRAMMES:
        Programme.objects.get_or_create(name=name, defaults={
            "description": description, "certification_required": certified, "sub_goal_number": number})


class Migration(migrations.Migration):
    dependencies = [("support", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]

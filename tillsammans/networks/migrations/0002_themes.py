from django.db import migrations

THEMES = ["Barnfattigdom", "Kriminella nätverk", "Skolfrånvaro", "Psykisk hälsa", "NPF", "Orosanmälningar",
          "Läsfrämjande", "Föräldraskapsstöd", "Språkutveckling", "Tandhälsa", "Våld i nära relationer"]


def add(apps, schema_editor):
    Theme = apps.get_model("networks", "Theme")
    for name in THEMES:
        Theme.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("networks", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]

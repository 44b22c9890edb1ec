"""The theme catalogue every installation starts with (re-creatable after a test flush)."""

THEMES = ["Barnfattigdom", "Kriminella nätverk", "Skolfrånvaro", "Psykisk hälsa", "NPF", "Orosanmälningar",
          "Läsfrämjande", "Föräldraskapsstöd", "Språkutveckling", "Tandhälsa", "Våld i nära relationer"]


def ensure_themes():
    from tillsammans.networks.models import Theme

    for name in THEMES:
        Theme.objects.get_or_create(name=name)

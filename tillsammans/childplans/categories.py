"""The managed list of information categories a consent can cover."""

CATEGORIES = [
    ("halsa-och-vard", "Hälsa och vård"),
    ("skola-och-larande", "Skola och lärande"),
    ("familj-och-social-situation", "Familj och social situation"),
    ("insatser-och-planering", "Insatser och planering"),
]


def ensure_categories():
    """Create the seeded categories if missing (a transactional test may have flushed them)."""
    from tillsammans.childplans.models import InformationCategory

    for order, (code, name) in enumerate(CATEGORIES, start=1):
        InformationCategory.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})
    return InformationCategory.objects.all()

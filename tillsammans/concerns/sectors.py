"""The reporting sector of a professional, from the type of the unit they act in."""

from __future__ import annotations

from tillsammans.concerns.models import Sector

BY_UNIT_TYPE = {
    "forskola": Sector.PRESCHOOL, "oppen-forskola": Sector.PRESCHOOL,
    "grundskola": Sector.SCHOOL, "gymnasieskola": Sector.SCHOOL, "elevhalsa": Sector.SCHOOL,
    "bvc": Sector.HEALTH, "bmm": Sector.HEALTH, "vardcentral": Sector.HEALTH, "bup": Sector.HEALTH,
    "habilitering": Sector.HEALTH, "ungdomsmottagning": Sector.HEALTH, "folktandvard": Sector.HEALTH,
    "socialtjanst": Sector.SOCIAL, "familjecentral": Sector.SOCIAL, "barnahus": Sector.SOCIAL,
    "polis": Sector.POLICE,
    "ideell-forening": Sector.CIVIL, "bibliotek": Sector.CIVIL,
}

PUBLIC_CHOICES = [(s.value, s.label) for s in (Sector.RELATIVE, Sector.PRIVATE, Sector.OTHER_AUTHORITY)]
"""What a person using the public form says they are (anonymous when they leave their name out)."""


def of_unit(unit) -> str:
    return BY_UNIT_TYPE.get(unit.unit_type.code, Sector.OTHER_AUTHORITY)

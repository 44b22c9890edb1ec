"""Swedish personal identity and coordination numbers (personnummer, samordningsnummer)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from personnummer import personnummer


def luhn_digit(nine: str) -> str:
    total = 0
    for index, char in enumerate(nine):
        product = int(char) * (2 if index % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return str((10 - total % 10) % 10)


def normalise(value: str) -> str:
    """Validate and return the 12-digit form YYYYMMDDNNNN; raise ValidationError in Swedish."""
    raw = (value or "").strip()
    try:
        number = personnummer.parse(raw)
    except (personnummer.PersonnummerException, ValueError, TypeError):
        raise ValidationError(
            _("%(value)s is not a valid personal identity or coordination number "
              "(YYYYMMDD-NNNN with a correct check digit).") % {"value": raw or "–"},
            code="personal_number") from None
    return number.format(True).replace("-", "").replace("+", "")


def display(normalised: str) -> str:
    return f"{normalised[:8]}-{normalised[8:]}" if len(normalised) == 12 else normalised


def is_coordination_number(normalised: str) -> bool:
    return int(normalised[6:8]) > 60


def birth_date(normalised: str) -> date:
    day = int(normalised[6:8])
    return date(int(normalised[:4]), int(normalised[4:6]), day - 60 if day > 60 else day)


def age(normalised: str, on: date | None = None) -> int:
    on = on or date.today()
    born = birth_date(normalised)
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def fictional_number(born: date, serial: int) -> str:
    """A fictional number with a valid check digit, birth serial 980–999 (test range here)."""
    serial = 980 + serial % 20
    nine = f"{born:%y%m%d}{serial:03d}"
    return f"{born:%Y%m%d}{serial:03d}{luhn_digit(nine)}"


# --- How a child or a guardian is shown --------------------------------------------------------
#
# ONE function decides what of a person's identity an output may carry (docs/adr/0008-protected-
# identity.md). Pages, fragments, PDFs, e-mails, calendar files, exports and the log review call
# ``shown()``; templates never read a child's or guardian's name fields themselves.

PAGE = "page"          # a page or fragment in the product, seen by the viewer only
DOCUMENT = "document"  # PDF, print view, export: leaves the product
MESSAGE = "message"    # e-mail or .ics: leaves the product, passes mail servers
OUTPUTS = (PAGE, DOCUMENT, MESSAGE)

# Access bases (childplans.rules.access_basis, report_basis) under which names may be shown at all.
# "reporter" is the professional who sent a report of concern: they see the child as they wrote it.
NAMED_BASES = frozenset({"lead", "participant", "emergency", "intake", "reporter"})
# Under protected identity, only the SIP coordinator – who keeps contact with the family and
# answers for the consent – and social services' intake, which must act on a report about the
# child, see the name, and only inside the product (never the address).
PROTECTED_NAMED_BASES = frozenset({"lead", "intake"})
# A family member logged in with e-ID (docs/adr/0016): "self" is the viewer's own guardian record
# (or the young person's own), "family" the others of the family (the child, the other guardian).
SELF, FAMILY = "self", "family"


class Shown:
    """What an output may say about one person. ``name`` is never empty."""

    __slots__ = ("name", "protected", "age", "address", "phone", "email", "number", "named")

    def __init__(self, *, name: str, protected: bool, age: int | None, address: str = "",
                 phone: str = "", email: str = "", number: str = "", named: bool = False):
        self.name, self.protected, self.age = name, protected, age
        self.address, self.phone, self.email, self.number, self.named = address, phone, email, number, named

    @property
    def label(self) -> str:
        """The name with the age, e.g. "Skyddad identitet, 9 år"."""
        if self.age is None:
            return self.name
        return _("%(name)s, %(age)s years") % {"name": self.name, "age": self.age}

    def __str__(self) -> str:
        return self.name


def _is_protected(person, child=None) -> bool:
    return bool(getattr(person, "protected_identity", False)
                or (child is not None and getattr(child, "protected_identity", False)))


def shown(person, *, basis: str | None, output: str = PAGE, child=None) -> Shown:
    """How ``person`` (a child, or a guardian of ``child``) is shown to a viewer whose access to the
    child's plan is ``basis`` ("lead", "participant", "emergency" or None), in ``output``.

    - No basis (auditors, administrators, the log review, e-mails): no name, no contact details.
    - Protected identity (the person's own, or for a guardian the child's): "Skyddad identitet" and
      an age; the name and contact details only to the SIP coordinator on a page; the address to
      nobody, in no output.
    - Otherwise names to every basis; contact details and address on pages only.
    """
    if output not in OUTPUTS:
        raise ValueError(f"Unknown output {output!r}")
    if basis in (SELF, FAMILY):
        return _shown_to_family(person, basis, output, child)
    is_guardian = hasattr(person, "child_id")
    number = getattr(person, "personal_number", "") or ""
    years = age(number) if len(number) == 12 else None
    if is_guardian and child is None:
        child = person.child
    protected = _is_protected(person, child)
    if is_guardian:
        full = person.name
        fallback = _("Guardian")
    else:
        full = f"{person.first_name} {person.last_name}".strip()
        fallback = _("Child")
    named = basis in NAMED_BASES and output != MESSAGE
    if protected:
        named = named and basis in PROTECTED_NAMED_BASES and output == PAGE
        if not named:
            return Shown(name=pgettext("shown instead of a name", "Protected identity"), protected=True,
                         age=years)
        return Shown(name=full, protected=True, age=years, phone=getattr(person, "phone", ""),
                     email=getattr(person, "email", ""), number=display(number) if number else "",
                     named=True)
    if not named:
        return Shown(name=fallback, protected=False, age=years)
    address = ""
    if output == PAGE and getattr(person, "street", ""):
        address = f"{person.street}, {person.postal_code} {person.city}".strip(", ")
    return Shown(name=full, protected=False, age=years, address=address,
                 phone=getattr(person, "phone", "") if output == PAGE else "",
                 email=getattr(person, "email", "") if output == PAGE else "",
                 number=display(number) if number else "", named=True)


def _shown_to_family(person, basis: str, output: str, child) -> Shown:
    """What the family's own door shows. The viewer sees their own recorded details on a page
    (never the address of a protected person). Another member of the family is shown by name only –
    no number, contact details or address – and a protected one (the person's own flag, or for a
    guardian the child's) not even by name: a guardian never sees the other guardian's protected
    details, in any output."""
    is_guardian = hasattr(person, "child_id")
    number = getattr(person, "personal_number", "") or ""
    years = age(number) if len(number) == 12 else None
    if is_guardian and child is None:
        child = person.child
    protected = _is_protected(person, child)
    full = person.name if is_guardian else f"{person.first_name} {person.last_name}".strip()
    if output == MESSAGE:
        return Shown(name=_("Guardian") if is_guardian else _("Child"), protected=protected, age=years)
    if basis == SELF:
        page = output == PAGE
        return Shown(name=full, protected=protected, age=years, named=True,
                     phone=getattr(person, "phone", "") if page else "",
                     email=getattr(person, "email", "") if page else "",
                     number=display(number) if number and page else "")
    if protected:
        return Shown(name=pgettext("shown instead of a name", "Protected identity"), protected=True, age=years)
    return Shown(name=full, protected=False, age=years, named=True)

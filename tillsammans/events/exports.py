"""The attendance export (XLSX), every cell through the spreadsheet safety helper."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from tillsammans.core.spreadsheet import append_row, new_workbook, workbook_bytes
from tillsammans.events.models import Event, RegistrationStatus

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def attendance_xlsx(event: Event) -> bytes:
    workbook = new_workbook()
    sheet = workbook.active
    sheet.title = _("Attendance")[:31]
    append_row(sheet, [event.title, timezone.localtime(event.starts_at).strftime("%Y-%m-%d %H:%M"), event.place])
    append_row(sheet, [])
    append_row(sheet, [_("Name"), _("Organisation or unit"), _("Registered as"), _("Present"), _("Walk-in")])
    rows = event.registrations.filter(status=RegistrationStatus.REGISTERED).select_related("user", "membership__unit")
    for registration in sorted(rows, key=lambda r: r.display_name.casefold()):
        unit = registration.membership.unit.name if registration.membership_id else registration.organisation
        append_row(sheet, [registration.display_name, unit,
                           _("External guest") if registration.is_guest else _("Staff"),
                           _("Yes") if registration.attended else _("No"),
                           _("Yes") if registration.walk_in else ""])
    for column, width in zip("ABCDE", (32, 36, 16, 10, 10), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.print_title_rows = "3:3"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    return workbook_bytes(workbook)


def attendance_response(event: Event) -> HttpResponse:
    response = HttpResponse(attendance_xlsx(event), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="narvaro-{event.pk}.xlsx"'
    return response

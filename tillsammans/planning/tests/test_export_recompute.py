"""The plan's XLSX recomputed by LibreOffice (headless): its formulas give the totals the plan page shows,
and user text that looks like a formula stays text in a real spreadsheet program."""

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tillsammans.core.access import Actor
from tillsammans.planning import services
from tillsammans.planning.models import SubGoal
from tillsammans.planning.tests.test_plans import plan  # noqa: F401 - fixture

PAYLOAD = '=HYPERLINK("http://x","y")'


def recompute(content: bytes, tmp_path: Path) -> Path:
    """Open ``content`` in LibreOffice Calc and save it again, with every formula's value cached."""
    assert shutil.which("soffice"), "LibreOffice is missing: apt-get install libreoffice-calc-nogui"
    source, out = tmp_path / "plan.xlsx", tmp_path / "recomputed"
    source.write_bytes(content)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
                    "--convert-to", "xlsx", "--outdir", str(out), str(source)],
                   check=True, capture_output=True, timeout=180)
    return out / "plan.xlsx"


def page_totals(html: str) -> list[int]:
    """The plan page's budget total row: one figure per funder, then the sum."""
    row = re.search(r"<tfoot>\s*<tr>(.*?)</tr>", html, re.S).group(1)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    return [int(re.sub(r"\D", "", re.sub(r"<[^>]+>", "", cell))) for cell in cells]


@pytest.mark.slow
@pytest.mark.django_db
def test_the_xlsx_formulas_recompute_in_libreoffice_to_the_pages_totals(plan, coordinator_client, tmp_path):  # noqa: F811
    services.activity_add(actor=Actor.for_system("test"), plan=plan, description=PAYLOAD,
                          sub_goal=SubGoal.objects.filter(goal_area__template=plan.template).first())
    page = coordinator_client.get(reverse("planning:plan", args=[plan.pk])).content.decode()
    expected = page_totals(page)
    assert expected == [1553, 2283, 360, 4196]
    response = coordinator_client.get(reverse("planning:export", args=[plan.pk, "xlsx"]))
    recomputed = recompute(response.content, tmp_path)

    values = load_workbook(recomputed, data_only=True)
    budget = list(values["Budget"].iter_rows(values_only=True))
    total = next(row for row in budget if row[0] == "Summa")
    assert list(total[1:5]) == expected
    assert [row[4] for row in budget[1:4]] == [3590, 260, 346]  # each line's sum
    assert total[5] == pytest.approx(3.5)  # full-time equivalents budgeted
    organisation = next(row for row in values["Organisering"].iter_rows(values_only=True) if row[0] == "Summa")
    assert organisation[2] == sum(plan.posts.values_list("fte_percent", flat=True)) == 350

    formulas = load_workbook(recomputed)
    assert formulas["Budget"]["E5"].value == "=SUM(E2:E4)"  # still formulas after the round trip
    cell = formulas["Aktiviteter"]["C2"]
    assert cell.value == "'" + PAYLOAD and cell.data_type == "s"
    assert values["Aktiviteter"]["C2"].value == "'" + PAYLOAD
    assert load_workbook(io.BytesIO(response.content))["Budget"]["B5"].value == "=SUM(B2:B4)"

"""CSV import: all or nothing, every bad line named, re-import updates."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tillsammans.core.access import Actor
from tillsammans.organisations.importing import import_units
from tillsammans.organisations.models import Unit, UnitArea

HEADER = "namn;enhetstyp;huvudman;myndighet;organisationsnummer;hsa_id;enhetskod;latitud;longitud;ingår_i"
GOOD = [
    "Förskolan Myran;Förskola;Testköping kommun;Förskolenämnden;;;F-1;59,40;16,55;",
    "BVC Kvarnen;bvc;Region Testland;Hälso- och sjukvård;;SE2321000032-B1;BVC-1;59,25;16,60;",
    "Avdelning Blå;Förskola;Testköping kommun;Förskolenämnden;;;F-1-B;59,41;16,55;F-1",
]
ACTOR = Actor.for_system("test")


def csv_text(*lines):
    return "\n".join([HEADER, *lines]) + "\n"


@pytest.mark.django_db
def test_a_good_file_creates_units_in_their_areas_and_reimport_updates(world):
    result = import_units(actor=ACTOR, text=csv_text(*GOOD))
    assert result.ok and (result.created, result.updated) == (3, 0)
    myran = Unit.objects.get(code="F-1")
    assert set(UnitArea.objects.filter(unit=myran).values_list("area__name", flat=True)) == {
        "Testköping", "Norra"}
    assert Unit.objects.get(code="F-1-B").parent == myran
    again = import_units(actor=ACTOR, text=csv_text(*GOOD))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    moved = GOOD[1].replace("59,25", "59,45")
    third = import_units(actor=ACTOR, text=csv_text(GOOD[0], moved, GOOD[2]))
    assert (third.created, third.updated) == (0, 1)
    assert Unit.objects.filter(hsa_id="SE2321000032-B1").count() == 1
    assert UnitArea.objects.filter(unit__code="BVC-1", area=world["district_a"]).exists()


@pytest.mark.django_db
def test_one_bad_line_saves_nothing_and_every_bad_line_is_named(world):
    lines = [GOOD[0],
             "Fel 1;Raketbas;Testköping kommun;Förskolenämnden;;;X-1;59,40;16,55;",
             "Fel 2;Förskola;Testköping kommun;Förskolenämnden;212000-0143;;X-2;48,8;2,3;",
             GOOD[1]]
    result = import_units(actor=ACTOR, text=csv_text(*lines))
    assert not result.ok
    named = {(e.line, e.column) for e in result.errors}
    assert (3, "enhetstyp") in named
    assert (4, "organisationsnummer") in named and (4, "latitud") in named
    assert Unit.objects.filter(code__in=["F-1", "BVC-1"]).count() == 0


@pytest.mark.django_db
def test_excel_semicolon_file_with_bom_and_duplicate_codes(world):
    text = "\ufeff" + csv_text(GOOD[0], GOOD[0].replace("Myran", "Myran 2"))
    result = import_units(actor=ACTOR, text=text)
    assert [(e.line, e.column) for e in result.errors] == [(3, "enhetskod")]


@pytest.mark.django_db
def test_command_reports_lines_and_exit_code(world, tmp_path, capsys):
    bad = tmp_path / "enheter.csv"
    bad.write_text(csv_text("Utan typ;;Testköping kommun;Förskolenämnden;;;Z-1;;;"), encoding="utf-8")
    with pytest.raises(CommandError, match="ingenting sparades"):
        call_command("import-units", str(bad))
    assert "rad 2" in capsys.readouterr().err
    good = tmp_path / "bra.csv"
    good.write_text(csv_text(*GOOD), encoding="utf-8")
    call_command("import-units", str(good))
    assert "3 nya" in capsys.readouterr().out


def test_the_console_script_exits_non_zero_on_a_missing_file():
    tillsammans = str(Path(sys.executable).parent / "tillsammans")
    run = subprocess.run([tillsammans, "import-units", "/nonexistent.csv"], capture_output=True,
                         text=True, timeout=60)
    assert run.returncode == 1


@pytest.mark.django_db
def test_upload_page_for_system_admins_only(admin_client, coordinator_client, staff_client, world):
    url = reverse("organisations:unit_import")
    for client in (coordinator_client, staff_client):
        assert client.get(url).status_code == 403
        upload = SimpleUploadedFile("enheter.csv", csv_text(*GOOD).encode())
        assert client.post(url, {"file": upload}).status_code == 403
    assert not Unit.objects.filter(code="F-1").exists()
    assert admin_client.get(url).status_code == 200
    bad = SimpleUploadedFile("enheter.csv", csv_text(GOOD[0], "X;Raketbas;;Förskolenämnden;;;;;;").encode())
    response = admin_client.post(url, {"file": bad})
    assert response.status_code == 422
    assert "Raketbas" in response.content.decode()
    assert not Unit.objects.filter(code="F-1").exists()
    good = SimpleUploadedFile("enheter.csv", csv_text(*GOOD).encode("cp1252"))
    response = admin_client.post(url, {"file": good})
    assert response.status_code == 200
    assert Unit.objects.filter(code__in=["F-1", "BVC-1", "F-1-B"]).count() == 3


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(garbage=st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60),
                        max_size=5))
def test_garbage_never_raises_only_reports(world, garbage):
    result = import_units(actor=ACTOR, text=csv_text(*garbage))
    assert result.ok or result.errors
    assert result.ok or Unit.objects.filter(code="F-1").count() == 0

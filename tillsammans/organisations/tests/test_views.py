"""Organisation pages: who may see and change what, bad input, and no N+1 queries."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tillsammans.organisations.models import Area, Principal, Unit, UnitArea
from tillsammans.testing import factories as f

READ_PAGES = ["organisations:directory", "organisations:unit_list", "organisations:area_list",
              "organisations:principal_list"]


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["staff_client", "coordinator_client", "manager_client",
                                 "auditor_client", "admin_client"])
def test_every_role_reads_the_structural_pages(request, who, world):
    client = request.getfixturevalue(who)
    for name in READ_PAGES:
        assert client.get(reverse(name)).status_code == 200, name
    assert client.get(reverse("organisations:unit_detail", args=[world["bvc_a"].pk])).status_code == 200
    response = client.get(reverse("organisations:area_detail", args=[world["district_a"].pk]))
    assert response.status_code == 200
    assert b'<svg class="map"' in response.content
    assert b"BVC Norra" in response.content


@pytest.mark.django_db
def test_map_links_every_unit_inside_and_no_unit_outside(staff_client, world):
    response = staff_client.get(reverse("organisations:area_detail", args=[world["district_a"].pk]))
    svg = response.content.decode().split("<svg", 1)[1].split("</svg>", 1)[0]
    assert reverse("organisations:unit_detail", args=[world["preschool_a"].pk]) in svg
    assert reverse("organisations:unit_detail", args=[world["preschool_b"].pk]) not in svg
    assert "style=" not in svg


@pytest.mark.django_db
def test_system_admin_creates_a_unit_and_it_lands_in_its_areas(admin_client, world):
    response = admin_client.post(reverse("organisations:unit_create"), {
        "name": "Biblioteket Norra", "unit_type": f.unit_type("bibliotek").pk,
        "authority": world["school_board"].pk, "latitude": "59.45", "longitude": "16.70",
        "postal_code": "123 45", "org_number": "212000-0142"})
    assert response.status_code == 302, response.content.decode()[:3000]
    unit = Unit.objects.get(name="Biblioteket Norra")
    assert set(UnitArea.objects.filter(unit=unit).values_list("area__name", flat=True)) == {
        "Testköping", "Norra"}


@pytest.mark.django_db
@pytest.mark.parametrize(("field", "value", "message"), [
    ("org_number", "212000-0143", "organisationsnummer"),
    ("latitude", "48.85", "utanför Sverige"),
    ("unit_type", "999999", ""),
    ("postal_code", "12", "postnummer"),
])
def test_bad_unit_input_names_the_field_keeps_the_input_and_saves_nothing(
        admin_client, world, field, value, message):
    data = {"name": "Felaktiga enheten", "unit_type": f.unit_type("bvc").pk,
            "authority": world["care"].pk, "latitude": "59.40", "longitude": "16.50"}
    data[field] = value
    response = admin_client.post(reverse("organisations:unit_create"), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="error-summary"' in content
    assert "Felaktiga enheten" in content  # what was typed is kept
    assert message.lower() in content.lower()
    assert not Unit.objects.filter(name="Felaktiga enheten").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["staff_client", "coordinator_client", "manager_client",
                                 "auditor_client"])
def test_only_system_admins_create_units_areas_and_principals(request, who, world):
    client = request.getfixturevalue(who)
    for name in ("organisations:unit_create", "organisations:area_create",
                 "organisations:principal_create"):
        assert client.get(reverse(name)).status_code == 403
        assert client.post(reverse(name), {"name": "X"}).status_code == 403
    assert client.post(reverse("organisations:unit_end", args=[world["bvc_a"].pk])).status_code == 403
    assert not Principal.objects.filter(name="X").exists()


@pytest.mark.django_db
def test_coordinator_of_district_a_changes_a_but_not_b(coordinator_client, world):
    a, b = world["district_a"], world["district_b"]
    url_a = reverse("organisations:area_edit", args=[a.pk])
    assert coordinator_client.get(url_a).status_code == 200
    response = coordinator_client.post(url_a, {"description": "Nätverk varje termin."})
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.description == "Nätverk varje termin."
    url_b = reverse("organisations:area_edit", args=[b.pk])
    assert coordinator_client.get(url_b).status_code == 403
    assert coordinator_client.post(url_b, {"description": "Kapat"}).status_code == 403
    b.refresh_from_db()
    assert b.description != "Kapat"
    # The coordinator form never touches the boundary or the name.
    coordinator_client.post(url_a, {"description": "x", "name": "Nytt namn", "boundary": "{}"})
    a.refresh_from_db()
    assert a.name == "Norra" and a.boundary


@pytest.mark.django_db
def test_manager_changes_own_unit_but_not_another(manager_client, world):
    own = reverse("organisations:unit_edit", args=[world["preschool_a"].pk])
    response = manager_client.post(own, {"phone": "0155-99 11 22", "description": "Sex avdelningar."})
    assert response.status_code == 302
    world["preschool_a"].refresh_from_db()
    assert world["preschool_a"].phone == "0155-99 11 22"
    other = reverse("organisations:unit_edit", args=[world["bvc_a"].pk])
    assert manager_client.get(other).status_code == 403
    assert manager_client.post(other, {"phone": "1"}).status_code == 403


@pytest.mark.django_db
def test_boundary_change_reports_units_moving_in_and_out(admin_client, world):
    a = world["district_a"]
    url = reverse("organisations:area_edit", args=[a.pk])
    # Shrink Norra so that BVC Norra (16.60, 59.42) falls out, keep Ekorren (16.50, 59.40).
    shrunk = f.polygon(16.40, 59.35, 16.55, 59.50)
    response = admin_client.post(url, {"name": "Norra", "kind": "district", "parent": a.parent_id,
                                       "principal": a.principal_id, "code": "", "description": "",
                                       "boundary": json.dumps(shrunk)}, follow=True)
    content = response.content.decode()
    assert "BVC Norra" in content and "inte längre" in content.lower()
    assert not UnitArea.objects.filter(area=a, unit=world["bvc_a"]).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("boundary", ['{"type": "Polygon", "coordinates": [[[1, 2]]]}',
                                      '{not json', '{"type": "Point", "coordinates": [16, 59]}',
                                      json.dumps(f.polygon(59.3, 16.5, 59.4, 16.6))])
def test_broken_geojson_is_refused_and_nothing_changes(admin_client, world, boundary):
    a = world["district_a"]
    before = a.boundary
    response = admin_client.post(reverse("organisations:area_edit", args=[a.pk]), {
        "name": "Norra", "kind": "district", "boundary": boundary})
    assert response.status_code == 200
    assert 'id="error-summary"' in response.content.decode()
    a.refresh_from_db()
    assert a.boundary == before


@pytest.mark.django_db
def test_boundary_can_be_uploaded_as_a_file(admin_client, world):
    upload = SimpleUploadedFile("omrade.geojson", json.dumps(
        {"type": "Feature", "properties": {}, "geometry": f.polygon(16.4, 59.2, 16.9, 59.5)}).encode())
    response = admin_client.post(reverse("organisations:area_create"), {
        "name": "Hela kommunen", "kind": "municipality", "boundary": "", "boundary_file": upload})
    assert response.status_code == 302, response.content.decode()[:2000]
    area = Area.objects.get(name="Hela kommunen")
    assert UnitArea.objects.filter(area=area).count() == 4


@pytest.mark.django_db
def test_principal_with_invalid_org_number_is_refused(admin_client):
    response = admin_client.post(reverse("organisations:principal_create"), {
        "name": "Ny kommun", "kind": "municipality", "org_number": "123"})
    assert response.status_code == 200
    assert not Principal.objects.filter(name="Ny kommun").exists()


@pytest.mark.django_db
def test_directory_finds_people_and_units_with_swedish_letters(staff_client, world):
    from tillsammans.testing.factories import ContactFactory, MembershipFactory

    MembershipFactory(unit=world["bvc_a"], function="BVC-sjuksköterska",
                      user=f.UserFactory(first_name="Åsa", last_name="Öberg"))
    ContactFactory(unit=world["social_office"], name="Ärla Ängström", role_title="Kommunpolis")
    for query, expected in (("ÅSA", "BVC Norra"), ("öberg", "BVC Norra"),
                            ("ängström", "Socialtjänsten"), ("älgen", "Förskolan Älgen"),
                            ("SJUKSKÖTERSKA", "BVC Norra")):
        response = staff_client.get(reverse("organisations:directory"), {"q": query})
        assert expected in response.content.decode(), query
    response = staff_client.get(reverse("organisations:directory"), {"q": "älgen"},
                                HTTP_HX_REQUEST="true", HTTP_HX_TARGET="directory-results")
    assert "<html" not in response.content.decode()
    assert "Förskolan Älgen" in response.content.decode()
    assert "Förskolan Ekorren" not in response.content.decode()


def _populate(world, n):
    from tillsammans.organisations.services import recompute_area_units
    from tillsammans.testing.factories import ContactFactory, MembershipFactory

    for i in range(n):
        unit = f.UnitFactory(authority=world["care"], latitude=59.41, longitude=16.45 + i * 0.001)
        MembershipFactory(unit=unit, function="Sjuksköterska")
        ContactFactory(unit=unit)
    for area in (world["town"], world["district_a"]):
        recompute_area_units(area)


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["directory", "unit_list", "area_detail"])
def test_list_pages_use_the_same_number_of_queries_for_3_and_30_rows(
        staff_client, world, django_assert_max_num_queries, page, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_SIZE = 50
    args = [world["district_a"].pk] if page == "area_detail" else []
    url = reverse(f"organisations:{page}", args=args)
    counts = []
    for n in (3, 27):
        _populate(world, n)
        with CaptureQueriesContext(connection) as queries:
            assert staff_client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


@pytest.mark.django_db
def test_a_sweref99_boundary_is_converted_and_units_fall_inside(admin_client, world):
    from pyproj import Transformer

    to_sweref = Transformer.from_crs("EPSG:4326", "EPSG:3006", always_xy=True)
    ring = [list(to_sweref.transform(lon, lat)) for lon, lat in
            [(16.45, 59.38), (16.65, 59.38), (16.65, 59.45), (16.45, 59.45), (16.45, 59.38)]]
    upload = SimpleUploadedFile("omrade.geojson", json.dumps({
        "type": "Feature", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3006"}},
        "geometry": {"type": "Polygon", "coordinates": [ring]}}).encode())
    response = admin_client.post(reverse("organisations:area_create"), {
        "name": "Rektorsområde Ekorren", "kind": "principal_area", "boundary": "", "boundary_file": upload})
    assert response.status_code == 302, response.content.decode()[:2000]
    area = Area.objects.get(name="Rektorsområde Ekorren")
    lon, lat = area.boundary["coordinates"][0][0]
    assert abs(lon - 16.45) < 1e-5 and abs(lat - 59.38) < 1e-5
    inside = set(UnitArea.objects.filter(area=area).values_list("unit__name", flat=True))
    assert inside == {"Förskolan Ekorren", "BVC Norra"}

"""The mapping of collaboration: forms with units, principals, target groups, maturity, success
factors and challenges and documents; the principals × areas matrix, the graph of units (keyboard
reachable, the same data as a table) and the map."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tillsammans.accounts.roles import Role
from tillsammans.insight import services_mapping
from tillsammans.insight.models_mapping import CollaborationDocument, CollaborationForm, Finding
from tillsammans.testing.clients import client_for
from tillsammans.testing.factories import MembershipFactory
from tillsammans.testing.sip import actor_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def family_centre(leader, world):
    found = services_mapping.form_create(
        actor=actor_for(leader), name="Familjecentralen Norra", kind="family_centre",
        description="BVC, öppen förskola och socialtjänst under samma tak.",
        units=[world["bvc_a"], world["preschool_a"], world["social_office"]], areas=[world["district_a"]],
        target_groups=["guardians"], since=2019, maturity=3)
    services_mapping.finding_add(actor=actor_for(leader), form=found, kind="success", tag="premises",
                                 text="Gemensamma lokaler gör det lätt att lotsa vidare.")
    services_mapping.finding_add(actor=actor_for(leader), form=found, kind="challenge", tag="secrecy",
                                 text="Sekretessen mellan huvudmännen kräver samtycke varje gång.")
    return found


def test_the_process_leader_maps_a_collaboration_in_the_pages(leader, world):
    client = client_for(leader)
    response = client.post(reverse("insight:collaboration_create"), {
        "name": "Ungdomsmottagningen Testköping", "kind": "youth_clinic", "units": [world["bvc_a"].pk,
                                                                                   world["social_office"].pk],
        "areas": [world["town"].pk], "target_groups": ["young_people"], "since": "2015", "maturity": "4"})
    found = CollaborationForm.objects.get()
    assert response.url == reverse("insight:collaboration", args=[found.pk]) and found.maturity == 4
    client.post(reverse("insight:finding_add", args=[found.pk]),
                {"kind": "challenge", "tag": "staffing", "text": "Svårt att rekrytera barnmorskor."})
    refused = client.post(reverse("insight:finding_add", args=[found.pk]),
                          {"kind": "challenge", "tag": "other", "text": "Ring Ella, 8 år, på 070-123 45 67"})
    assert "utan personuppgifter" in refused.content.decode() and Finding.objects.count() == 1
    pdf = SimpleUploadedFile("utvardering.pdf", b"%PDF-1.7 utvardering", content_type="application/pdf")
    client.post(reverse("insight:document_add", args=[found.pk]), {"title": "Utvärdering 2024", "file": pdf})
    fake = SimpleUploadedFile("virus.pdf", b"MZ not a pdf", content_type="application/pdf")
    page = client.post(reverse("insight:document_add", args=[found.pk]), {"title": "Fel", "file": fake})
    assert "inte vad namnet säger" in page.content.decode()
    document = CollaborationDocument.objects.get()
    detail = client.get(reverse("insight:collaboration", args=[found.pk])).content.decode()
    for text in ("Ungdomsmottagning", "Del av ordinarie arbete", "<dt>Sedan</dt><dd>2015</dd>",
                 "Svårt att rekrytera barnmorskor.", "Bemanning och kontinuitet", "Utvärdering 2024", "Unga",
                 "Region Testland"):
        assert text in detail, text
    staff = client_for(MembershipFactory(role=Role.STAFF, unit=world["preschool_a"]))
    download = staff.get(reverse("insight:document", args=[document.pk]))
    assert download.content == b"%PDF-1.7 utvardering" and "attachment" in download["Content-Disposition"]
    assert staff.get(reverse("insight:collaboration_edit", args=[found.pk])).status_code == 403
    # the one who mapped it changes and removes it
    client.post(reverse("insight:collaboration_edit", args=[found.pk]), {
        "name": "UMO Testköping", "kind": "youth_clinic", "units": [world["bvc_a"].pk], "maturity": "3"})
    found.refresh_from_db()
    assert found.name == "UMO Testköping" and list(found.units.all()) == [world["bvc_a"]]
    client.post(reverse("insight:document_remove", args=[document.pk]))
    client.post(reverse("insight:finding_remove", args=[Finding.objects.get().pk]))
    client.post(reverse("insight:collaboration_delete", args=[found.pk]))
    assert not CollaborationForm.objects.exists()


def test_another_coordinator_outside_the_areas_cannot_change_it(family_centre, world):
    other = client_for(MembershipFactory(role=Role.COORDINATOR, unit=world["preschool_b"],
                                         areas=[world["district_b"]]))
    assert other.get(reverse("insight:collaboration_edit", args=[family_centre.pk])).status_code == 403
    assert other.post(reverse("insight:finding_remove", args=[family_centre.findings.first().pk])).status_code == 403
    inside = client_for(MembershipFactory(role=Role.COORDINATOR, unit=world["preschool_b"],
                                          areas=[world["district_a"]]))
    assert inside.get(reverse("insight:collaboration_edit", args=[family_centre.pk])).status_code == 200


def test_the_matrix_shows_which_principals_work_together_where(family_centre, leader, world):
    services_mapping.form_create(actor=actor_for(leader), name="Barnahus Testland", kind="barnahus",
                                 units=[world["social_office"]], areas=[world["district_b"]])
    body = client_for(leader).get(reverse("insight:mapping_matrix")).content.decode()
    rows = body.split("<tbody>")[1].split("</tbody>")[0]
    municipality = rows.split("Testköping kommun</th>")[1].split("</tr>")[0]
    region = rows.split("Region Testland</th>")[1].split("</tr>")[0]
    assert "Familjecentralen Norra" in municipality and "Barnahus Testland" in municipality
    assert "Familjecentralen Norra" in region and "Barnahus" not in region
    filtered = client_for(leader).get(reverse("insight:mapping_matrix") + "?typ=barnahus").content.decode()
    assert "Familjecentralen Norra" not in filtered.split("<tbody>")[1]


def test_the_network_graph_links_units_with_the_same_data_as_a_table(family_centre, leader, world):
    body = client_for(leader).get(reverse("insight:mapping_network")).content.decode()
    graph = body.split('<svg role="group"')[1].split("</svg>")[0]
    # three units, every pair linked by the family centre: three lines, three nodes that are links
    assert graph.count('class="graph__edge"') == 3 and graph.count('class="graph__node"') == 3
    assert reverse("organisations:unit_detail", args=[world["bvc_a"].pk]) in graph
    assert 'aria-label="1. ' in graph and "2 länkar" in graph
    assert "," not in graph.split('x1="')[1].split('"')[0]  # coordinates never in Swedish number format
    table = body.split('id="graph-links"')[1].split("</table>")[0]
    assert table.count("<tr>") == 4 and table.count("Familjecentralen Norra") == 3


def test_the_map_draws_the_units_of_the_collaboration(family_centre, leader, world):
    body = client_for(leader).get(reverse("insight:mapping_map") + f"?omrade={world['town'].pk}").content.decode()
    assert '<svg class="map"' in body and "Förskolan Ekorren" in body and "Förskolan Älgen" not in body
    listing = client_for(leader).get(reverse("insight:mapping") + "?typ=family_centre").content.decode()
    assert "Familjecentralen Norra" in listing and "2 framgångsfaktorer och utmaningar" in listing
    assert client_for(leader).get(reverse("insight:mapping") + "?typ=okand").status_code == 400

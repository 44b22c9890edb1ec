"""A query parameter that cannot be used gives 400 with a Swedish message on every page, never 500."""

from __future__ import annotations

import pytest

from tillsammans.testing.crawl import seeds

BAD = ["abc", "99999999999999999999", "\x00"]
PARSED = ["page", "year", "area", "flag", "action", "date_from"]
NAMES = ["page", "year", "area", "unit", "q", "unit_type", "role", "format", "flag", "action", "date_from",
         "date_to", "personal_number", "user", "kind", "status", "next"]


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["coordinator_client", "auditor_client"])
def test_no_page_answers_a_bad_parameter_with_a_server_error(request, who):
    client = request.getfixturevalue(who)
    for url in seeds():
        if url.startswith(("/admin/", "/konto/logga-ut/", "/oidc/")):
            continue
        for value in BAD:
            # every name at once (the first that is checked answers), then each parsed one alone
            for params in [dict.fromkeys(NAMES, value), *({name: value} for name in PARSED if value != "\x00")]:
                response = client.get(url, params)
                assert response.status_code < 500, (url, params)


@pytest.mark.django_db
def test_the_overview_of_plans_and_the_directory_refuse_bad_numbers_in_swedish(coordinator_client):
    response = coordinator_client.get("/handlingsplaner/oversikt/", {"year": "abc"})
    assert response.status_code == 400
    assert "”abc” är inte ett heltal (parametern year)." in response.content.decode()
    response = coordinator_client.get("/vem-gor-vad/", {"area": "99999999999999999999"})
    assert response.status_code == 400
    assert "area måste vara mellan" in response.content.decode()

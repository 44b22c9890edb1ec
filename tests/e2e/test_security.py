"""Browser: the API documentation works under the product's own CSP (no CDN, no inline script)."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_api_docs_render_under_the_csp(page, live_server):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{live_server.url}/api/v1/docs")
    page.wait_for_selector(".swagger-ui .info .title", timeout=15000)
    assert "Tillsammans API" in page.inner_text(".swagger-ui .info .title")
    assert page.locator(".opblock").count() >= 1
    assert all(url.startswith(live_server.url) or url.startswith("data:") for url in requests), requests

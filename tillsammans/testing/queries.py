"""How many queries a page costs, for the suite's guards that a page's count does not grow."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext


def page_queries(client, url, params=None) -> int:
    """The queries of a second request (session, content types and the like warm) with the page's
    cached fragment rebuilt (core/fragments.py): what the page costs after any change."""
    from tillsammans.core import fragments

    client.get(url, params or {})
    fragments.changed()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200, (url, response.status_code)
    return len(captured)

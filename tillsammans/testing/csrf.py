"""The CSRF token of one form in a page, for tests that post with the checks on
(``client.handler.enforce_csrf_checks = True``)."""

from __future__ import annotations

import re


def form_token(html: str, action: str) -> str:
    """The token of the form that posts to ``action`` (not the header's forms); a cached part
    (core/fragments.py) must have been given the reader's own, never its placeholder."""
    from tillsammans.core import fragments

    found = re.search(rf'<form[^>]*action="{re.escape(action)}"[^>]*>\s*<input type="hidden" '
                      r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert found, action
    assert fragments.CSRF_PLACEHOLDER not in html
    return found.group(1)

"""Walks the pages a logged-in client can reach: the URL walker's routes without arguments as seeds,
then every same-site link on every page, a few pages per address pattern. Used by tests that scan
what each role sees."""

from __future__ import annotations

import html
import re
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

from tillsammans.core.walker import all_routes

SKIP = ("/konto/logga-ut/", "/static/", "/media/", "/api/", "/admin/logout/", "/admin/r/", "/oidc/",
        "/admin/jsi18n/")
HREF = re.compile(r'href="([^"]+)"')


@dataclass
class Page:
    url: str
    status: int
    html: str


def seeds() -> list[str]:
    """The routes that take no argument (where a role starts)."""
    out = []
    for route in all_routes():
        if route.kind != "url" or "<" in route.route or "(" in route.route or "^" in route.route:
            continue
        out.append("/" + route.route.lstrip("/"))
    return sorted(set(out))


def _pattern(url: str) -> str:
    return re.sub(r"\d+", "N", urlsplit(url).path)


def crawl(client, start: list[str] | None = None, *, per_pattern: int = 2, limit: int = 600) -> Iterator[Page]:
    queue = deque(start or ["/", *seeds()])
    seen: set[str] = set()
    counts: Counter = Counter()
    visited = 0
    while queue and visited < limit:
        url = queue.popleft()
        if url in seen or url.startswith(SKIP):
            continue
        seen.add(url)
        key = _pattern(url)
        if counts[key] >= per_pattern:
            continue
        counts[key] += 1
        visited += 1
        response = client.get(url)
        content_type = response.get("Content-Type", "")
        text = response.content.decode() if "text/html" in content_type else ""
        yield Page(url, response.status_code, text)
        if response.status_code != 200 or not text:
            continue
        for href in HREF.findall(text):
            href = html.unescape(href).split("#")[0]
            if href.startswith("?"):
                href = urlsplit(url).path + href
            if href.startswith("/") and not href.startswith("//") and href not in seen:
                queue.append(href)


class _Text(HTMLParser):
    """The text a person reads or hears: content, and the attributes a screen reader speaks. Text
    marked as another language (``lang="en"``: a survey's English version, a language's own name)
    is that language by design and is left out."""

    SPOKEN = ("title", "alt", "aria-label", "placeholder", "aria-description")
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0
        self._open: list[tuple[str, bool]] = []  # (tag, inside another language)

    def _foreign(self) -> bool:
        return bool(self._open) and self._open[-1][1]

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._skip += 1
        values = dict(attrs)
        lang = (values.get("lang") or "").lower()
        foreign = self._foreign() or bool(lang) and not lang.startswith("sv") and tag != "html"
        if tag not in self.VOID:
            self._open.append((tag, foreign))
        if foreign:
            return
        for name in self.SPOKEN:
            if values.get(name):
                self.parts.append(values[name])
        if tag == "input" and values.get("type") in ("submit", "button", "reset") and values.get("value"):
            self.parts.append(values["value"])

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self._skip:
            self._skip -= 1
        if any(open_tag == tag for open_tag, _foreign in self._open):
            while self._open and self._open.pop()[0] != tag:
                pass

    def handle_data(self, data):
        if not self._skip and not self._foreign() and data.strip():
            self.parts.append(data.strip())


def visible_text(page_html: str) -> str:
    parser = _Text()
    parser.feed(page_html)
    return "\n".join(parser.parts)

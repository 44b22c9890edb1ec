"""Charts drawn on the server as SVG: no script, no inline style (strict CSP) – every colour is a
class in app.css. For the PDF the same drawing is made with painted attributes (an image inside
a PDF cannot see the page's style sheet) and placed as an image with its text alternative.

Each chart carries a <title> and a <desc> (the text alternative); the pages put the same figures in
a table beside it. Series differ by colour and by marker shape, never by colour alone."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from tillsammans.core.numbers import swedish_number

WIDTH = 400
COLOURS = ["#0b5cad", "#b3471d", "#1a7f37", "#6f42c1", "#8a6d00", "#c2185b", "#00778a", "#4a4a4a"]
INK, TRACK, GRID, TARGET = "#1e2b3c", "#e6ebef", "#c9d1d9", "#8b1a1a"
SHAPES = ["circle", "square", "triangle", "diamond"]


@dataclass
class Bar:
    label: str
    value: float | Decimal | int | None  # None: suppressed or missing, no bar
    text: str  # what is written at the bar ("12", "<5", "40 %")


@dataclass
class Series:
    name: str
    points: list[tuple[int, float | Decimal | None]]  # (year, value); None where there is nothing to show


@dataclass
class Chart:
    svg: SafeString
    title: str
    description: str
    printable: str = ""
    extra: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return self.svg

    def __html__(self) -> str:
        return self.svg

    @property
    def data_uri(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.printable.encode()).decode()


def _paint(kind: str, index: int | None, printable: bool) -> str:
    """Class for the page, painted attributes for the PDF."""
    if not printable:
        return f'class="chart__{kind}{"" if index is None else f" chart__s{index % len(COLOURS)}"}"'
    colour = COLOURS[index % len(COLOURS)] if index is not None else None
    return {
        "bar": f'fill="{colour or COLOURS[0]}"', "track": f'fill="{TRACK}"', "text": f'fill="{INK}" font-size="13"',
        "small": f'fill="{INK}" font-size="11"', "grid": f'stroke="{GRID}" stroke-width="1"',
        "line": f'stroke="{colour}" stroke-width="2.5" fill="none"', "marker": f'fill="{colour}"',
        "target": f'stroke="{TARGET}" stroke-width="2" stroke-dasharray="6 4"',
        "target-text": f'fill="{TARGET}" font-size="11"',
    }[kind] + ' font-family="DejaVu Sans, sans-serif"' * (kind in ("text", "small", "target-text"))


def _open(height: int, title: str, description: str, prefix: str, printable: bool) -> str:
    ids = f'{prefix}-title {prefix}-desc'
    extra = '' if printable else ' class="chart__svg" preserveAspectRatio="xMinYMin meet"'
    namespace = ' xmlns="http://www.w3.org/2000/svg"' if printable else ''
    return (f'<svg{namespace} role="img" aria-labelledby="{ids}" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" '
            f'height="{height}"{extra}><title id="{prefix}-title">{escape(title)}</title>'
            f'<desc id="{prefix}-desc">{escape(description)}</desc>')


def _cut(text: str, length: int) -> str:
    return text if len(text) <= length else text[:length - 1] + "…"


def bar_chart(*, title: str, bars: Sequence[Bar], prefix: str, description: str = "",
              maximum: float | None = None, target: float | None = None, target_text: str = "") -> Chart:
    """Horizontal bars, one per row: the label above its bar, the value after it."""
    description = description or "; ".join(f"{b.label}: {b.text}" for b in bars)
    values = [float(b.value) for b in bars if b.value is not None]
    top = maximum or max([*values, float(target or 0), 1.0])
    row, track = 44, WIDTH - 70
    height = max(row * len(bars) + 8, 30)

    def draw(printable: bool) -> str:
        parts = [_open(height, title, description, prefix, printable)]
        for index, bar in enumerate(bars):
            y = index * row
            text = _paint("text", None, printable)
            parts.append(f'<text {text} x="0" y="{y + 15}">{escape(_cut(bar.label, 52))}</text>')
            parts.append(f'<rect {_paint("track", None, printable)} x="0" y="{y + 21}" width="{track}" height="16"/>')
            if bar.value is not None and top > 0:
                length = max(round(track * float(bar.value) / top, 1), 0)
                parts.append(f'<rect {_paint("bar", 0, printable)} x="0" y="{y + 21}" width="{length}" height="16"/>')
            parts.append(f'<text {text} x="{track + 6}" y="{y + 34}">{escape(bar.text)}</text>')
        if target is not None and top > 0:
            x = round(track * float(target) / top, 1)
            parts.append(f'<line {_paint("target", None, printable)} x1="{x}" y1="18" x2="{x}" y2="{height}"/>')
            if target_text:
                paint = _paint("target-text", None, printable)
                at = min(x + 3, track - 60)
                parts.append(f'<text {paint} x="{at}" y="{height - 1}">{escape(target_text)}</text>')
        parts.append("</svg>")
        return "".join(parts)

    return Chart(svg=mark_safe(draw(False)), title=title, description=description,  # noqa: S308 - escaped above
                 printable=draw(True))


def _marker(shape: str, x: float, y: float, paint: str) -> str:
    if shape == "circle":
        return f'<circle {paint} cx="{x}" cy="{y}" r="4.5"/>'
    if shape == "square":
        return f'<rect {paint} x="{x - 4}" y="{y - 4}" width="8" height="8"/>'
    if shape == "triangle":
        return f'<polygon {paint} points="{x},{y - 5.5} {x + 5},{y + 4} {x - 5},{y + 4}"/>'
    return f'<polygon {paint} points="{x},{y - 5.5} {x + 5.5},{y} {x},{y + 5.5} {x - 5.5},{y}"/>'


def nice_top(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return float(step * magnitude)
    return float(value)


def line_chart(*, title: str, series: Sequence[Series], years: Sequence[int], prefix: str, unit: str = "",
               description: str = "", target: float | None = None, target_text: str = "",
               decimals: int = 1) -> Chart:
    """Years along the bottom, one line per series (colour and marker shape), an optional dashed
    target, and a legend under the drawing."""
    values = [float(v) for s in series for _y, v in s.points if v is not None]
    top = nice_top(max([*values, float(target or 0), 0.0]))
    bottom = 0.0 if not values or min(values) >= 0 else min(values)
    left, right, plot_top, plot_height = 44, WIDTH - 12, 12, 150
    legend_top = plot_top + plot_height + 30
    height = legend_top + 20 * len(series) + 4
    span = max(len(years) - 1, 1)

    def x_of(year: int) -> float:
        return round(left + (right - left) * (list(years).index(year) / span if len(years) > 1 else 0.5), 1)

    def y_of(value: float) -> float:
        return round(plot_top + plot_height * (1 - (value - bottom) / ((top - bottom) or 1)), 1)

    if not description:
        latest = []
        for s in series:
            shown = [(y, v) for y, v in s.points if v is not None]
            if shown:
                latest.append(f"{s.name} {shown[-1][0]}: {swedish_number(shown[-1][1], decimals)} {unit}".strip())
        description = "; ".join(latest)

    def draw(printable: bool) -> str:
        parts = [_open(height, title, description, prefix, printable)]
        for step in range(5):
            value = bottom + (top - bottom) * step / 4
            y = y_of(value)
            parts.append(f'<line {_paint("grid", None, printable)} x1="{left}" y1="{y}" x2="{right}" y2="{y}"/>')
            parts.append(f'<text {_paint("small", None, printable)} x="0" y="{y + 4}">'
                         f'{escape(swedish_number(round(value, 2)))}</text>')
        for year in years:
            parts.append(f'<text {_paint("small", None, printable)} x="{x_of(year) - 14}" '
                         f'y="{plot_top + plot_height + 18}">{year}</text>')
        if target is not None:
            y = y_of(float(target))
            parts.append(f'<line {_paint("target", None, printable)} x1="{left}" y1="{y}" x2="{right}" y2="{y}"/>')
        for index, s in enumerate(series):
            shape = SHAPES[index % len(SHAPES)]
            points = [(x_of(y), y_of(float(v))) for y, v in s.points if v is not None and y in years]
            if len(points) > 1:
                path = " ".join(f"{x},{y}" for x, y in points)
                parts.append(f'<polyline {_paint("line", index, printable)} points="{path}"/>')
            parts.extend(_marker(shape, x, y, _paint("marker", index, printable)) for x, y in points)
            legend_y = legend_top + 20 * index
            parts.append(_marker(shape, 8, legend_y - 4, _paint("marker", index, printable)))
            parts.append(f'<text {_paint("text", None, printable)} x="20" y="{legend_y + 1}">'
                         f'{escape(_cut(s.name, 50))}</text>')
        if target is not None and target_text:
            parts.append(f'<text {_paint("target-text", None, printable)} x="{left + 4}" '
                         f'y="{max(y_of(float(target)) - 4, 10)}">{escape(target_text)}</text>')
        parts.append("</svg>")
        return "".join(parts)

    return Chart(svg=mark_safe(draw(False)), title=title, description=description,  # noqa: S308 - escaped above
                 printable=draw(True))


def figure(chart: Chart) -> SafeString:
    """The chart in a <figure> with its title as the caption (pages)."""
    return format_html('<figure class="chart"><figcaption class="chart__caption">{}</figcaption>{}</figure>',
                       chart.title, chart.svg)

"""Statistics as accessible SVG bar charts drawn on the server, their table and their CSV.

No chart library and no script: the SVG is an image (role="img", <title>, <desc>) and the same
figures follow in a data table. Colours and fonts come from resources.css (no style attributes).

Bars are horizontal, each label (wrapped) and value on their own lines above the bar, in a
narrow drawing (260 units) so that the 14-unit text stays at 12 px or more down to a 320 px
screen. A missing year is drawn as a gap with the words "pas de donnée", never as two
contiguous bars.
"""

import textwrap
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from django.utils.safestring import mark_safe

from core.numbers import NBSP, format_number

WIDTH = 260
LINE = 17  # one line of 14-unit text
BAR = 12
LEFT = 2
BAR_MAX = WIDTH - 2 * LEFT
WRAP = 32  # characters per line of label (about 7.7 units each)
MISSING = "pas de donnée"


def fr_number(value):
    """A French-formatted number with no-break spaces: 9 166 788 ; 16,5 (no useless zeros)."""
    return format_number(value, space=NBSP)


def with_unit(value, series):
    text = fr_number(value)
    if series.is_percent:
        return f"{text}\u00a0%"
    return f"{text}\u00a0{series.get_unit_display()}"


@dataclass
class Bar:
    label: str
    value: object  # a number, or None for a gap (missing year, hidden cell)
    text: str  # what is written after the bar


@dataclass
class Chart:
    series: object
    points: list
    svg: str
    rows: list  # [(label, value text, year, source, note)]
    sources: list  # every source its points cite, in order

    @property
    def csv_name(self):
        return f"{self.series.slug}.csv"


def summary_text(bars, kind="Diagramme en barres"):
    known = [bar for bar in bars if bar.value is not None]
    if not known:
        return "Aucune donnée publiable."
    high = max(known, key=lambda b: b.value)
    low = min(known, key=lambda b: b.value)
    text = (
        f"{kind}, {len(known)} valeur{'s' if len(known) > 1 else ''}. "
        f"Valeur la plus haute : {high.label}, {high.text}"
    )
    if len(known) > 1:
        text += f" ; la plus basse : {low.label}, {low.text}"
    gaps = len(bars) - len(known)
    if gaps:
        text += f" ; {gaps} sans donnée publiée"
    return text + ". Les valeurs détaillées figurent dans le tableau qui suit."


def _bar_svg(bar, y, top):
    """One bar: its label (wrapped), its value on the next line, the bar below; returns the
    SVG and the height used."""
    lines = textwrap.wrap(bar.label, WRAP) or [""]
    spans = "".join(
        f'<tspan x="{LEFT}" dy="{LINE if n else 0}">{escape(line)}</tspan>'
        for n, line in enumerate(lines)
    )
    value_y = y + 13 + LINE * len(lines)
    bar_y = value_y + 5
    width = 0 if not top or bar.value is None else int(Decimal(BAR_MAX) * Decimal(bar.value) / top)
    width = max(width, 1 if bar.value else 0)
    css = "lib-chart__value" if bar.value is not None else "lib-chart__value lib-chart__gap"
    svg = (
        f'<text class="lib-chart__label" x="{LEFT}" y="{y + 13}">{spans}</text>'
        f'<text class="{css}" x="{LEFT}" y="{value_y}">{escape(bar.text)}</text>'
        f'<rect class="lib-chart__bar" x="{LEFT}" y="{bar_y}" width="{width}" height="{BAR}"></rect>'
    )
    return svg, bar_y + BAR + 10 - y


def bar_chart(ident, title, bars, scale=None, summary=None):
    """An SVG of horizontal bars; `scale` is the value of a full bar (the largest by default).
    Each bar has its label and its value written above it, full width: at 375 px the text
    stays at 12 px or more, however long the labels."""
    top = scale or max((bar.value for bar in bars if bar.value is not None), default=0)
    drawn, y = [], 2
    for bar in bars:
        # Plain formatting with escape(): a panorama draws hundreds of bars, format_html is slow.
        svg, height = _bar_svg(bar, y, top)
        drawn.append(svg)
        y += height
    ident, title = escape(ident), escape(title)
    description = escape(summary or summary_text(bars))
    return mark_safe(  # noqa: S308 - every text above is escaped
        f'<svg class="lib-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {max(y, 20)}" '
        f'role="img" aria-labelledby="{ident}-titre {ident}-desc" focusable="false">'
        f'<title id="{ident}-titre">{title}</title><desc id="{ident}-desc">{description}</desc>'
        f"{''.join(drawn)}</svg>"
    )


def with_year_gaps(points):
    """The points with a gap for each missing year, when every point is a year of its own."""
    years = [p.year for p in points]
    if len(points) < 2 or None in years or len(set(years)) != len(years) or years != sorted(years):
        return [(p.label, p) for p in points]
    by_year = {p.year: p for p in points}
    return [(str(year), by_year.get(year)) for year in range(years[0], years[-1] + 1)]


def render_svg(series, points):
    bars = [
        Bar(label, point.value, with_unit(point.value, series))
        if point
        else Bar(label, None, MISSING)
        for label, point in with_year_gaps(points)
    ]
    top = max((p.value for p in points), default=Decimal(0))
    # Shares are drawn against 100 % so that charts of shares compare with one another.
    scale = Decimal(100) if series.is_percent and top <= 100 else None
    return bar_chart(f"graphique-{series.slug}", series.title, bars, scale)


def point_source(point, series):
    return point.source or series.source


def chart_for(series):
    points = list(series.points.all())
    rows = [
        (
            p.label,
            with_unit(p.value, series),
            str(p.year) if p.year else "",
            point_source(p, series),
            p.note,
        )
        for p in points
    ]
    sources = list(dict.fromkeys(point_source(p, series) for p in points)) or [series.source]
    return Chart(series, points, render_svg(series, points), rows, sources)

"""Statistics as accessible SVG bar charts drawn on the server, their table and their CSV.

No chart library and no script: the SVG is an image (role="img", <title>, <desc>) and the same
figures follow in a data table. Colours and fonts come from resources.css (no style attributes).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join

WIDTH = 720
ROW = 46  # height of one bar with its label above it
BAR = 18
LEFT = 4
BAR_MAX = 560  # leaves room for the value written after the bar


def fr_number(value):
    """A French-formatted number: 9 166 788 ; 16,5 (no useless trailing zeros)."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return number_format(int(value), force_grouping=True)
    normalized = value.normalize()
    decimals = max(0, -normalized.as_tuple().exponent)
    return number_format(normalized, decimal_pos=decimals, force_grouping=True)


def with_unit(value, series):
    text = fr_number(value)
    if series.is_percent:
        return f"{text}\u00a0%"
    return f"{text}\u00a0{series.get_unit_display()}"


@dataclass
class Chart:
    series: object
    points: list
    svg: str
    rows: list  # [(label, value text, year, source, note)]

    @property
    def csv_name(self):
        return f"{self.series.slug}.csv"


def _summary(series, points):
    if not points:
        return "Aucune donnée."
    high = max(points, key=lambda p: p.value)
    low = min(points, key=lambda p: p.value)
    text = (
        f"Diagramme en barres, {len(points)} valeur{'s' if len(points) > 1 else ''}. "
        f"Valeur la plus haute : {high.label}, {with_unit(high.value, series)}"
    )
    if len(points) > 1:
        text += f" ; la plus basse : {low.label}, {with_unit(low.value, series)}"
    return text + ". Les valeurs détaillées figurent dans le tableau qui suit."


def render_svg(series, points):
    ident = f"graphique-{series.slug}"
    height = max(ROW * len(points) + 8, ROW)
    top = max((p.value for p in points), default=Decimal(0))
    # Shares are drawn against 100 % so that charts of shares compare with one another.
    scale = Decimal(100) if series.is_percent and top <= 100 else top
    bars = []
    for position, point in enumerate(points):
        y = position * ROW + 4
        width = 0 if not scale else int(Decimal(BAR_MAX) * point.value / scale)
        width = max(width, 1 if point.value > 0 else 0)
        bars.append(
            (
                LEFT,
                y + 14,
                point.label,
                LEFT,
                y + 20,
                width,
                BAR,
                LEFT + width + 8,
                y + 20 + 14,
                with_unit(point.value, series),
            )
        )
    body = format_html_join(
        "",
        '<text class="lib-chart__label" x="{}" y="{}">{}</text>'
        '<rect class="lib-chart__bar" x="{}" y="{}" width="{}" height="{}"></rect>'
        '<text class="lib-chart__value" x="{}" y="{}">{}</text>',
        bars,
    )
    return format_html(
        '<svg class="lib-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" '
        'role="img" aria-labelledby="{}-titre {}-desc" focusable="false">'
        '<title id="{}-titre">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        WIDTH,
        height,
        ident,
        ident,
        ident,
        series.title,
        ident,
        _summary(series, points),
        body,
    )


def chart_for(series):
    points = list(series.points.all())
    rows = [
        (
            p.label,
            with_unit(p.value, series),
            str(p.year) if p.year else "",
            p.source or series.source,
            p.note,
        )
        for p in points
    ]
    return Chart(series, points, render_svg(series, points), rows)

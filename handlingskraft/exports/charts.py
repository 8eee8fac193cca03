"""Charts drawn on the server, once, for every renderer: the HTML page and
the PDF show the SVG, the DOCX a PNG drawn from the same shapes
(`chart_drawing.py`).

A chart is plain data: `LineChart` (a measure over time) or `BarChart` (how
many activities stand at each status). `chart_svg` draws it as an SVG string
with a title and a text alternative, `chart_png` as a picture for Word;
`chart_table` gives the same data as a table, which every renderer shows next
to the chart, and `text_alternative` as sentences. No JavaScript and no chart
library: the same data always gives the same text.

Nothing rests on colour alone: each series has its own dash pattern and
marker shape, the baseline and the targets have their own line styles, the
legend names each, and the text alternative lists every value. Only SVG
presentation attributes are used (no style attributes), so the page's
Content-Security-Policy needs no exception."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from html import escape

from django.utils.translation import gettext as _

from handlingskraft.lib.numbers import format_decimal

from .chart_drawing import (
    Circle,
    Line,
    Path,
    Point,
    Polygon,
    Rect,
    Shape,
    Text,
    png,
    svg_element,
)

WIDTH = 640
PLOT_TOP = 24
PLOT_HEIGHT = 220
PLOT_LEFT = 72
PLOT_RIGHT = WIDTH - 24
X_PADDING = 24
LEGEND_ROW = 22
TEXT_COLOUR = "#1b1b1b"
GRID_COLOUR = "#b1b4b6"

# (colour, dash pattern, marker): every colour has at least 3:1 contrast
# against white, and no two series share a dash pattern or a marker.
SERIES_STYLES = (
    ("#1d4f7a", "", "circle"),
    ("#8a2a00", "6 4", "square"),
    ("#0d5c2e", "2 3", "triangle"),
    ("#5a2a82", "8 3 2 3", "cross"),
)
BASELINE_STYLE = ("#4a4a4a", "10 5", "")
TARGET_STYLE = ("#4a4a4a", "4 3", "diamond")


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[Decimal | None]
    """One value per category of the chart; None where there is none."""


@dataclass(frozen=True)
class LineChart:
    title: str
    categories: Sequence[str]
    """The x axis, left to right: usually periods ("2023", "2024T1" …)."""
    series: Sequence[Series]
    description: str = ""
    """A sentence put before the generated list of values in the text alternative."""
    baseline: Decimal | None = None
    baseline_label: str = ""
    targets: Sequence[Decimal | None] = field(default_factory=tuple)
    """One target per category (None where there is none), or empty."""


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    key: str = ""
    """Picks the bar's colour (a status value); the label and number tell the rest."""


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars, one per category, each labelled with its name and number."""

    title: str
    bars: Sequence[Bar]
    description: str = ""
    label_heading: str = ""
    """The table's heading for the bars' names ("Status")."""
    value_heading: str = ""


@dataclass(frozen=True)
class ChartTable:
    caption: str
    header: list[str]
    rows: list[list[str]]
    notes: list[str]
    """What the chart shows that is not per category, such as the baseline."""


def _number(value: Decimal | None) -> str:
    return _("saknas") if value is None else format_decimal(value)


def _baseline_label(chart: LineChart) -> str:
    return chart.baseline_label or _("Nollmätning")


def chart_table(chart: LineChart | BarChart) -> ChartTable:
    """The chart's data as a table. A line chart: a row per category, a column
    per series and one for the targets if there are any; the baseline as a
    note. A bar chart: a row per bar."""
    if isinstance(chart, BarChart):
        return ChartTable(
            caption=chart.title,
            header=[chart.label_heading or _("Kategori"), chart.value_heading or _("Antal")],
            rows=[[bar.label, str(bar.value)] for bar in chart.bars],
            notes=[],
        )
    header = [_("Period"), *(series.name for series in chart.series)]
    has_targets = any(target is not None for target in chart.targets)
    if has_targets:
        header.append(_("Mål"))
    rows = []
    for index, category in enumerate(chart.categories):
        row = [category, *(_cell(series.values[index]) for series in chart.series)]
        if has_targets:
            row.append(_cell(chart.targets[index]))
        rows.append(row)
    notes = []
    if chart.baseline is not None:
        notes.append(f"{_baseline_label(chart)}: {format_decimal(chart.baseline)}")
    return ChartTable(caption=chart.title, header=header, rows=rows, notes=notes)


def _cell(value: Decimal | None) -> str:
    return "–" if value is None else format_decimal(value)


def text_alternative(chart: LineChart | BarChart) -> str:
    """Everything the chart shows, as sentences: the SVG's description and the
    picture's alternative text."""
    parts = [chart.description] if chart.description else []
    if isinstance(chart, BarChart):
        parts.append(_("Stapeldiagram."))
        bars = "; ".join(f"{bar.label}: {bar.value}" for bar in chart.bars)
        parts.append(f"{bars or _('inga värden')}.")
        return " ".join(parts)
    parts.append(_("Linjediagram."))
    for series in chart.series:
        values = "; ".join(
            f"{category} {_number(value)}"
            for category, value in zip(chart.categories, series.values, strict=True)
        )
        parts.append(f"{series.name}: {values or _('inga värden')}.")
    if chart.baseline is not None:
        parts.append(f"{_baseline_label(chart)}: {format_decimal(chart.baseline)}.")
    targets = [
        f"{category} {format_decimal(target)}"
        for category, target in zip(chart.categories, chart.targets, strict=False)
        if target is not None
    ]
    if targets:
        parts.append(_("Mål: %(targets)s.") % {"targets": "; ".join(targets)})
    return " ".join(parts)


# --- drawing -------------------------------------------------------------------


@dataclass(frozen=True)
class _Scale:
    low: Decimal
    high: Decimal
    step: Decimal

    def y(self, value: Decimal) -> float:
        span = float(self.high - self.low)
        return PLOT_TOP + PLOT_HEIGHT * (1 - float(value - self.low) / span)

    def ticks(self) -> list[Decimal]:
        count = int((self.high - self.low) / self.step)
        return [self.low + self.step * index for index in range(count + 1)]


def _nice_step(span: Decimal) -> Decimal:
    """A round step (1, 2 or 5 times a power of ten) giving about four intervals."""
    raw = span / 4
    magnitude = Decimal(1).scaleb(raw.adjusted())
    for nice in (1, 2, 5, 10):
        if raw / magnitude <= nice:
            return magnitude * nice
    return magnitude * 10  # pragma: no cover - the loop always returns


def _scale(values: list[Decimal]) -> _Scale:
    low, high = min(values), max(values)
    if low >= 0:
        low = Decimal(0)  # shares and counts are read against zero
    if high == low:
        high = low + 1
    step = _nice_step(high - low)
    return _Scale(
        low=(low / step).to_integral_value(ROUND_FLOOR) * step,
        high=(high / step).to_integral_value(ROUND_CEILING) * step,
        step=step,
    )


def _x_positions(count: int) -> list[float]:
    if count == 1:
        return [(PLOT_LEFT + PLOT_RIGHT) / 2]
    inner = PLOT_RIGHT - PLOT_LEFT - 2 * X_PADDING
    return [PLOT_LEFT + X_PADDING + inner * index / (count - 1) for index in range(count)]


def _marker(kind: str, x: float, y: float, colour: str, hollow: bool = False) -> Shape:
    fill = "#ffffff" if hollow else colour
    if kind == "circle":
        return Circle(x, y, 4, fill, colour)
    if kind == "square":
        return Rect(x - 4, y - 4, 8, 8, fill, colour, 2)
    if kind == "triangle":
        return Polygon(((x, y - 5), (x + 5, y + 4), (x - 5, y + 4)), fill, colour)
    if kind == "diamond":
        return Polygon(((x, y - 5), (x + 5, y), (x, y + 5), (x - 5, y)), fill, colour)
    # A cross: two strokes, readable without its colour.
    return Path((((x - 4, y - 4), (x + 4, y + 4)), ((x - 4, y + 4), (x + 4, y - 4))), colour)


def _line(points: list[Point | None], colour: str, dash: str) -> Path | None:
    """A path through the points; a missing point breaks the line (a point
    standing alone is shown by its marker only)."""
    segments: list[list[Point]] = [[]]
    for point in points:
        if point is None:
            segments.append([])
        else:
            segments[-1].append(point)
    kept = tuple(tuple(segment) for segment in segments if len(segment) > 1)
    return Path(kept, colour, 2.5, dash) if kept else None


def _text(x: float, y: float, text: str, anchor: str = "middle") -> Text:
    return Text(x, y, text, TEXT_COLOUR, anchor)


def _axes(chart: LineChart, scale: _Scale, xs: list[float]) -> list[Shape]:
    parts: list[Shape] = []
    for tick in scale.ticks():
        y = scale.y(tick)
        parts.append(Line(PLOT_LEFT, y, PLOT_RIGHT, y, GRID_COLOUR, 1))
        parts.append(_text(PLOT_LEFT - 8, y + 4, format_decimal(tick), anchor="end"))
    bottom = PLOT_TOP + PLOT_HEIGHT
    parts.append(Line(PLOT_LEFT, bottom, PLOT_RIGHT, bottom, TEXT_COLOUR, 1.5))
    for x, category in zip(xs, chart.categories, strict=True):
        parts.append(_text(x, bottom + 20, category))
    return parts


def _legend_entries(chart: LineChart) -> list[tuple[str, str, str, str, bool]]:
    """(name, colour, dash, marker, hollow) for each thing drawn."""
    entries = [
        (series.name, *SERIES_STYLES[index % len(SERIES_STYLES)], False)
        for index, series in enumerate(chart.series)
    ]
    if chart.baseline is not None:
        entries.append((_baseline_label(chart), *BASELINE_STYLE, False))
    if any(target is not None for target in chart.targets):
        entries.append((_("Mål"), *TARGET_STYLE, True))
    return entries


def _legend(chart: LineChart, top: float) -> list[Shape | None]:
    parts: list[Shape | None] = []
    for row, (name, colour, dash, marker, hollow) in enumerate(_legend_entries(chart)):
        y = top + row * LEGEND_ROW
        parts.append(_line([(PLOT_LEFT, y), (PLOT_LEFT + 36, y)], colour, dash))
        if marker:
            parts.append(_marker(marker, PLOT_LEFT + 18, y, colour, hollow))
        parts.append(_text(PLOT_LEFT + 46, y + 4, name, anchor="start"))
    return parts


def _plot(chart: LineChart, scale: _Scale, xs: list[float]) -> list[Shape | None]:
    parts: list[Shape | None] = []
    if chart.baseline is not None:
        y = scale.y(chart.baseline)
        colour, dash, _marker_kind = BASELINE_STYLE
        parts.append(_line([(PLOT_LEFT, y), (PLOT_RIGHT, y)], colour, dash))
    if chart.targets:
        colour, dash, marker = TARGET_STYLE
        points = [
            None if target is None else (x, scale.y(target))
            for x, target in zip(xs, chart.targets, strict=True)
        ]
        parts.append(_line(points, colour, dash))
        parts += [_marker(marker, p[0], p[1], colour, hollow=True) for p in points if p]
    for index, series in enumerate(chart.series):
        colour, dash, marker = SERIES_STYLES[index % len(SERIES_STYLES)]
        points = [
            None if value is None else (x, scale.y(value))
            for x, value in zip(xs, series.values, strict=True)
        ]
        parts.append(_line(points, colour, dash))
        parts += [_marker(marker, p[0], p[1], colour) for p in points if p]
    return parts


def _line_chart_shapes(chart: LineChart) -> tuple[list[Shape], int]:
    """What the line chart is drawn with, and its height."""
    values = [v for series in chart.series for v in series.values if v is not None]
    values += [t for t in chart.targets if t is not None]
    if chart.baseline is not None:
        values.append(chart.baseline)
    xs = _x_positions(len(chart.categories)) if chart.categories else []
    if not (values and xs):
        message = _text(WIDTH / 2, PLOT_TOP + PLOT_HEIGHT / 2, _("Inga värden att visa ännu."))
        return [message], PLOT_TOP + PLOT_HEIGHT
    legend_top = PLOT_TOP + PLOT_HEIGHT + 52
    height = legend_top + LEGEND_ROW * len(_legend_entries(chart))
    scale = _scale(values)
    shapes = [*_axes(chart, scale, xs), *_plot(chart, scale, xs), *_legend(chart, legend_top)]
    return [shape for shape in shapes if shape is not None], height


# --- the bar chart -------------------------------------------------------------------

BAR_LABEL_RIGHT = 200
BAR_LEFT = 212
BAR_RIGHT = WIDTH - 72
BAR_HEIGHT = 22
BAR_ROW = 34
BAR_TOP = 16
# The status colours (the follow-up pages' badges), each at least 3:1 against
# white; the bar's label and number say the same in words.
BAR_COLOURS = {
    "completed": "#0d5c2e",
    "ongoing": "#1d4f7a",
    "not_started": "#5f5f5f",
    "delayed": "#8a2a00",
    "cancelled": "#5a2a82",
}
BAR_DEFAULT_COLOUR = "#4a4a4a"


def _bar_chart_shapes(chart: BarChart) -> tuple[list[Shape], int]:
    if not chart.bars:
        return [_text(WIDTH / 2, 40, _("Inga värden att visa ännu."))], 80
    most = max(bar.value for bar in chart.bars) or 1
    height = BAR_TOP * 2 + BAR_ROW * len(chart.bars)
    shapes: list[Shape] = []
    for index, bar in enumerate(chart.bars):
        top = BAR_TOP + index * BAR_ROW
        middle = top + BAR_HEIGHT / 2 + 5
        length = (BAR_RIGHT - BAR_LEFT) * bar.value / most
        shapes.append(_text(BAR_LABEL_RIGHT, middle, bar.label, anchor="end"))
        if bar.value:
            colour = BAR_COLOURS.get(bar.key, BAR_DEFAULT_COLOUR)
            shapes.append(Rect(float(BAR_LEFT), float(top), length, float(BAR_HEIGHT), colour))
        shapes.append(_text(BAR_LEFT + length + 8, middle, str(bar.value), anchor="start"))
    shapes.append(Line(BAR_LEFT, BAR_TOP - 6, BAR_LEFT, height - BAR_TOP + 6, TEXT_COLOUR, 1.5))
    return shapes, height


# --- output -------------------------------------------------------------------------


def chart_shapes(chart: LineChart | BarChart) -> tuple[list[Shape], int]:
    """The shapes the chart is drawn with and its height (its width is WIDTH):
    the one geometry both the SVG and the PNG are made from."""
    if isinstance(chart, BarChart):
        return _bar_chart_shapes(chart)
    return _line_chart_shapes(chart)


def chart_svg(chart: LineChart | BarChart, *, chart_id: str = "diagram") -> str:
    """The chart as an SVG element (a string), with <title> and <desc> and
    role="img", for putting straight into an HTML page or a document.
    `chart_id` makes the ids of the title and description unique on a page."""
    shapes, height = chart_shapes(chart)
    title_id, desc_id = f"{chart_id}-titel", f"{chart_id}-beskrivning"
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} '
            f'{height}" width="{WIDTH}" height="{height}" role="img" '
            f'aria-labelledby="{title_id} {desc_id}" font-family="system-ui, sans-serif">',
            f'<title id="{title_id}">{escape(chart.title)}</title>',
            f'<desc id="{desc_id}">{escape(text_alternative(chart))}</desc>',
            '<rect width="100%" height="100%" fill="#ffffff"/>',
            *(svg_element(shape) for shape in shapes),
            "</svg>",
        ]
    )


def line_chart_svg(chart: LineChart, *, chart_id: str = "diagram") -> str:
    """The line chart as SVG (see `chart_svg`)."""
    return chart_svg(chart, chart_id=chart_id)


def chart_png(chart: LineChart | BarChart) -> bytes:
    """The chart as a PNG picture (for Word), drawn from the same shapes as the
    SVG. Its text alternative goes with it as the picture's alt text."""
    shapes, height = chart_shapes(chart)
    return png(shapes, WIDTH, height)

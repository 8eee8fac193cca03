"""The shapes a chart is drawn with, and their two outputs: SVG elements (for
the HTML page and the PDF) and a PNG picture (for Word, which shows SVG
unreliably). Both come from the same list of shapes, so the picture in the
DOCX is the chart on the page, point for point.

The PNG is drawn with Pillow at four times the SVG's size and scaled down to
twice it, which smooths the edges (Pillow draws without anti-aliasing).
Dashed lines are cut into segments here, since Pillow has no dash patterns."""

from __future__ import annotations

import io
import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from html import escape

from PIL import Image, ImageDraw, ImageFont

Point = tuple[float, float]

FONT_SIZE = 13
FONT_NAMES = ("DejaVuSans.ttf", "LiberationSans-Regular.ttf")
DRAW_SCALE = 4
"""Pillow draws at this multiple of the SVG's size …"""
PNG_SCALE = 2
"""… and the PNG is scaled down to this one (1280 pixels for a 640 wide chart)."""


def _n(number: float) -> str:
    """A coordinate as the SVG writes it: whole numbers as given, others with one decimal."""
    return str(number) if isinstance(number, int) else f"{number:.1f}"


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    colour: str
    width: float = 1


@dataclass(frozen=True)
class Path:
    """Open polylines (one per segment) with no fill."""

    segments: tuple[tuple[Point, ...], ...]
    colour: str
    width: float = 2.5
    dash: str = ""


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    fill: str
    stroke: str = ""
    stroke_width: float = 0


@dataclass(frozen=True)
class Circle:
    cx: float
    cy: float
    r: float
    fill: str
    stroke: str
    stroke_width: float = 2


@dataclass(frozen=True)
class Polygon:
    points: tuple[Point, ...]
    fill: str
    stroke: str
    stroke_width: float = 2


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    """The baseline, as in SVG."""
    text: str
    colour: str
    anchor: str = "middle"
    """start, middle or end, as SVG's text-anchor."""


Shape = Line | Path | Rect | Circle | Polygon | Text


# --- SVG ---------------------------------------------------------------------------


def _stroke(colour: str, width: float) -> str:
    return f'stroke="{colour}" stroke-width="{_n(width)}"'


def svg_element(shape: Shape) -> str:
    """One shape as an SVG element, with presentation attributes only (no
    style attribute, so the page's Content-Security-Policy needs no exception)."""
    if isinstance(shape, Line):
        return (
            f'<line x1="{_n(shape.x1)}" y1="{_n(shape.y1)}" x2="{_n(shape.x2)}" '
            f'y2="{_n(shape.y2)}" {_stroke(shape.colour, shape.width)}/>'
        )
    if isinstance(shape, Path):
        d = "".join(
            "M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in segment) for segment in shape.segments
        )
        dash = f' stroke-dasharray="{shape.dash}"' if shape.dash else ""
        return f'<path d="{d}" fill="none" {_stroke(shape.colour, shape.width)}{dash}/>'
    if isinstance(shape, Rect):
        stroke = f" {_stroke(shape.stroke, shape.stroke_width)}" if shape.stroke else ""
        return (
            f'<rect x="{_n(shape.x)}" y="{_n(shape.y)}" width="{_n(shape.width)}" '
            f'height="{_n(shape.height)}" fill="{shape.fill}"{stroke}/>'
        )
    if isinstance(shape, Circle):
        return (
            f'<circle cx="{_n(shape.cx)}" cy="{_n(shape.cy)}" r="{_n(shape.r)}" '
            f'fill="{shape.fill}" {_stroke(shape.stroke, shape.stroke_width)}/>'
        )
    if isinstance(shape, Polygon):
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in shape.points)
        return (
            f'<polygon points="{points}" fill="{shape.fill}" '
            f"{_stroke(shape.stroke, shape.stroke_width)}/>"
        )
    return (
        f'<text x="{shape.x:.1f}" y="{shape.y:.1f}" text-anchor="{shape.anchor}" '
        f'font-size="{FONT_SIZE}" fill="{shape.colour}">{escape(shape.text)}</text>'
    )


# --- PNG ---------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """A system font with the Swedish letters and the minus sign; Pillow's own
    font if none is installed."""
    for name in FONT_NAMES:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def _dashes(points: Sequence[Point], pattern: Sequence[float]) -> list[list[Point]]:
    """The polyline cut into its dashes (pattern: dash, gap, dash, gap …)."""
    if not pattern:
        return [list(points)]
    pieces: list[list[Point]] = []
    index, left, drawing = 0, pattern[0], True
    current: list[Point] = [points[0]]
    for (x1, y1), (x2, y2) in itertools.pairwise(points):
        length = math.hypot(x2 - x1, y2 - y1)
        done = 0.0
        while length - done > left:
            done += left
            point = (x1 + (x2 - x1) * done / length, y1 + (y2 - y1) * done / length)
            if drawing:
                current.append(point)
                pieces.append(current)
            current = [point]
            drawing = not drawing
            index = (index + 1) % len(pattern)
            left = pattern[index]
        left -= length - done
        if drawing:
            current.append((x2, y2))
        else:
            current = [(x2, y2)]
    if drawing and len(current) > 1:
        pieces.append(current)
    return pieces


class _Canvas:
    def __init__(self, width: int, height: int, scale: int) -> None:
        self.scale = scale
        self.image = Image.new("RGB", (width * scale, height * scale), "#ffffff")
        self.draw = ImageDraw.Draw(self.image)

    def p(self, point: Point) -> Point:
        return (point[0] * self.scale, point[1] * self.scale)

    def width(self, width: float) -> int:
        return max(1, round(width * self.scale))

    def polyline(self, points: Sequence[Point], colour: str, width: float, dash: str) -> None:
        pattern = [float(part) * self.scale for part in dash.split()]
        for piece in _dashes([self.p(point) for point in points], pattern):
            self.draw.line(piece, fill=colour, width=self.width(width), joint="curve")

    def shape(self, shape: Shape) -> None:
        if isinstance(shape, Line):
            points = [(shape.x1, shape.y1), (shape.x2, shape.y2)]
            self.polyline(points, shape.colour, shape.width, "")
        elif isinstance(shape, Path):
            for segment in shape.segments:
                self.polyline(segment, shape.colour, shape.width, shape.dash)
        elif isinstance(shape, Rect):
            box = [
                *self.p((shape.x, shape.y)),
                *self.p((shape.x + shape.width, shape.y + shape.height)),
            ]
            outline = shape.stroke or None
            self.draw.rectangle(
                box, fill=shape.fill, outline=outline, width=self.width(shape.stroke_width)
            )
        elif isinstance(shape, Circle):
            x, y, r = shape.cx, shape.cy, shape.r
            box = [*self.p((x - r, y - r)), *self.p((x + r, y + r))]
            self.draw.ellipse(
                box, fill=shape.fill, outline=shape.stroke, width=self.width(shape.stroke_width)
            )
        elif isinstance(shape, Polygon):
            points = [self.p(point) for point in shape.points]
            self.draw.polygon(
                points, fill=shape.fill, outline=shape.stroke, width=self.width(shape.stroke_width)
            )
        else:
            anchor = {"start": "ls", "middle": "ms", "end": "rs"}[shape.anchor]
            self.draw.text(
                self.p((shape.x, shape.y)),
                shape.text,
                fill=shape.colour,
                font=_font(FONT_SIZE * self.scale),
                anchor=anchor,
            )


def png(shapes: Iterable[Shape], width: int, height: int) -> bytes:
    """The shapes on a white picture `width` × `height` (in SVG units), as PNG
    bytes at twice that size."""
    canvas = _Canvas(width, height, DRAW_SCALE)
    for shape in shapes:
        canvas.shape(shape)
    image = canvas.image.resize((width * PNG_SCALE, height * PNG_SCALE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()

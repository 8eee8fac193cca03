"""The one chart renderer: an accessible SVG line chart and the same data as a table."""

from __future__ import annotations

import re
from decimal import Decimal as D
from xml.etree import ElementTree

from handlingskraft.exports.charts import LineChart, Series, chart_table, line_chart_svg

SVG = "{http://www.w3.org/2000/svg}"


def shares_chart(**changes: object) -> LineChart:
    values: dict[str, object] = {
        "title": "Andelen förskolor med rutiner <ökar> (procent)",
        "categories": ["2022", "2023", "tertial 1 2024"],
        "series": [
            Series("Totalt", [D("40"), None, D("55.5")]),
            Series("Kvinnor/flickor", [D("42"), D("44"), D("50")]),
        ],
        "description": "Önskad riktning: ökar.",
        "baseline": D("35"),
        "baseline_label": "Nollmätning 2021",
        "targets": [None, D("50"), D("60")],
    }
    values.update(changes)
    return LineChart(**values)  # type: ignore[arg-type]


def parsed(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)


def test_the_chart_is_an_image_named_by_its_title_and_described_in_words() -> None:
    root = parsed(line_chart_svg(shares_chart(), chart_id="matt"))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "matt-titel matt-beskrivning"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.get("id") == "matt-titel"
    assert title.text == "Andelen förskolor med rutiner <ökar> (procent)"
    assert desc is not None and desc.get("id") == "matt-beskrivning"
    assert desc.text == (
        "Önskad riktning: ökar. Linjediagram. Totalt: 2022 40; 2023 saknas; "
        "tertial 1 2024 55,5. Kvinnor/flickor: 2022 42; 2023 44; tertial 1 2024 50. "
        "Nollmätning 2021: 35. Mål: 2023 50; tertial 1 2024 60."
    )


def test_the_same_data_always_gives_the_same_text() -> None:
    assert line_chart_svg(shares_chart()) == line_chart_svg(shares_chart())


def test_text_in_the_chart_is_escaped() -> None:
    svg = line_chart_svg(shares_chart(series=[Series("A & <B>", [D(1), D(2), D(3)])]))
    assert "<B>" not in svg
    assert "A &amp; &lt;B&gt;" in svg


def test_the_legend_names_each_line_which_differ_in_dash_and_marker_not_only_colour() -> None:
    root = parsed(line_chart_svg(shares_chart()))
    legend = [t.text for t in root.iter(f"{SVG}text") if t.get("text-anchor") == "start"]
    assert legend == ["Totalt", "Kvinnor/flickor", "Nollmätning 2021", "Mål"]
    dashes = {path.get("stroke-dasharray") for path in root.iter(f"{SVG}path")}
    assert {None, "6 4", "10 5", "4 3"} <= dashes
    assert root.find(f"{SVG}circle") is not None and root.find(f"{SVG}rect[@x]") is not None


def test_a_missing_value_breaks_the_line_instead_of_bridging_it() -> None:
    svg = line_chart_svg(shares_chart(baseline=None, targets=[]))
    total = re.search(r'<path d="([^"]*)" fill="none" stroke="#1d4f7a"', svg)
    # Totalt has values in 2022 and 2024 only: no line is drawn between them,
    # only the legend sample; the two points are markers.
    assert total is not None and total.group(1) == "M72.0 296.0L108.0 296.0"
    assert svg.count('<circle cx="96.0"') == 1 and svg.count('<circle cx="592.0"') == 1


def test_the_value_axis_starts_at_zero_with_round_steps() -> None:
    root = parsed(line_chart_svg(shares_chart()))
    ticks = [t.text for t in root.iter(f"{SVG}text") if t.get("text-anchor") == "end"]
    assert ticks == ["0", "20", "40", "60"]


def test_negative_and_small_values_get_their_own_round_steps() -> None:
    chart = LineChart(
        title="Förändring", categories=["2023", "2024"], series=[Series("T", [D("-0.3"), D("0.4")])]
    )
    root = parsed(line_chart_svg(chart))
    ticks = [t.text for t in root.iter(f"{SVG}text") if t.get("text-anchor") == "end"]
    assert ticks == ["\u22120,4", "\u22120,2", "0", "0,2", "0,4"]


def test_a_chart_without_values_says_so() -> None:
    chart = LineChart(title="Inget ännu", categories=[], series=[])
    svg = line_chart_svg(chart)
    assert "Inga värden att visa ännu." in svg
    assert parsed(svg).get("role") == "img"


def test_the_table_has_a_row_per_period_a_column_per_line_and_the_baseline_as_a_note() -> None:
    table = chart_table(shares_chart())
    assert table.caption == "Andelen förskolor med rutiner <ökar> (procent)"
    assert table.header == ["Period", "Totalt", "Kvinnor/flickor", "Mål"]
    assert table.rows == [
        ["2022", "40", "42", "–"],
        ["2023", "–", "44", "50"],
        ["tertial 1 2024", "55,5", "50", "60"],
    ]
    assert table.notes == ["Nollmätning 2021: 35"]


def test_a_table_without_targets_has_no_target_column() -> None:
    table = chart_table(shares_chart(targets=[], baseline=None))
    assert table.header == ["Period", "Totalt", "Kvinnor/flickor"]
    assert table.notes == []


# --- the bar chart and the PNG ----------------------------------------------------------

from handlingskraft.exports.charts import (  # noqa: E402
    Bar,
    BarChart,
    chart_png,
    chart_shapes,
    chart_svg,
    text_alternative,
)


def status_chart() -> BarChart:
    return BarChart(
        title="Antal aktiviteter per status",
        bars=[Bar("Genomförd", 6, "completed"), Bar("Pågår", 3, "ongoing"), Bar("Avbruten", 0)],
        label_heading="Status",
        value_heading="Antal",
    )


def test_the_bar_chart_names_each_bar_and_its_number_in_text() -> None:
    root = parsed(chart_svg(status_chart(), chart_id="status"))
    assert root.get("role") == "img"
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert texts == ["Genomförd", "6", "Pågår", "3", "Avbruten", "0"]
    assert text_alternative(status_chart()) == "Stapeldiagram. Genomförd: 6; Pågår: 3; Avbruten: 0."


def test_the_bar_chart_table_has_a_row_per_bar() -> None:
    table = chart_table(status_chart())
    assert table.header == ["Status", "Antal"]
    assert table.rows == [["Genomförd", "6"], ["Pågår", "3"], ["Avbruten", "0"]]


def test_the_png_is_drawn_from_the_same_shapes_at_twice_the_size() -> None:
    from io import BytesIO

    from PIL import Image

    for chart in (shares_chart(), status_chart()):
        shapes, height = chart_shapes(chart)
        image = Image.open(BytesIO(chart_png(chart)))
        assert image.format == "PNG" and image.size == (1280, 2 * height)
        assert len(shapes) == chart_svg(chart).count("\n") - 4

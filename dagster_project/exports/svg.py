"""Small inline SVG charts for the HTML report: no JavaScript, no CDN, readable offline.

Two shapes cover the report: horizontal bars (one value per label) and stacked columns (a value per
year split by category). Labels are escaped; long labels are shortened with the full text in a
tooltip (`<title>`).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from dagster_project.turkish_numbers import turkish_number

PALETTE = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
    "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173",
)  # fmt: skip
WIDTH = 760
LABEL_WIDTH = 280
BAR_HEIGHT = 20
GAP = 6
FONT = "font-family:'DejaVu Sans',Arial,sans-serif;font-size:12px"


def short_amount(value: float) -> str:
    """Amounts in TL for axis and bar labels: `2,6 milyar`, `328,5 milyon`, `12.000`."""
    for size, word in ((1e9, "milyar"), (1e6, "milyon")):
        if abs(value) >= size:
            return f"{turkish_number(value / size, 1)} {word}"
    return turkish_number(value)


def _shorten(label: str, limit: int = 42) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


# The colour names of `seeds/success_bands.csv` (a document's own band colours) as drawn.
BAND_COLOURS = {
    "dark_green": "#1a7f37",
    "green": "#4caf50",
    "light_green": "#a5d6a7",
    "yellow": "#f2c94c",
    "orange": "#f2994a",
    "red": "#d64541",
}


def _svg_start(height: float) -> str:
    return f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" style="{FONT}" role="img">'


def _amount_axis(left: int, plot_top: int, plot_height: int, largest: float) -> list[str]:
    """Five grid lines from 0 to the largest amount, each labelled at the left: the column charts
    share one scale so that a reader compares heights, not numbers."""
    parts = []
    for step in range(5):
        y = plot_top + plot_height - plot_height * step / 4
        parts.append(
            f'<line x1="{left}" x2="{WIDTH - 10}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{escape(short_amount(largest * step / 4))}</text>'
        )
    return parts


def _bar(x: str, y: float, width: str, height: float, colour_index: int, title: str) -> str:
    """One column of a chart in the palette's colour, its amount in the tooltip (`title`, escaped)."""
    colour = PALETTE[colour_index % len(PALETTE)]
    return (
        f'<rect x="{x}" y="{y:.1f}" width="{width}" height="{height:.1f}" fill="{colour}">'
        f"<title>{title}</title></rect>"
    )


def _legend(names: Sequence[str], left: int, top: int) -> list[str]:
    """A colour swatch and the (shortened) name of each series, two per row, below the plot."""
    parts = []
    for index, name in enumerate(names):
        x = left + (index % 2) * 330
        y = top + (index // 2) * 20
        parts.append(
            f'<rect x="{x}" y="{y}" width="12" height="12" fill="{PALETTE[index % len(PALETTE)]}"/>'
            f'<text x="{x + 18}" y="{y + 11}">{escape(_shorten(name, 48))}</text>'
        )
    return parts


def horizontal_bars(
    items: Sequence[tuple[str, float]],
    unit: str = "",
    amounts: bool = False,
    colours: Sequence[str] | None = None,
) -> str:
    """One bar per (label, value), longest first as given; values written at the bar's end.
    `colours` gives each bar its own colour (a success band's); otherwise the palette in turn."""
    height = len(items) * (BAR_HEIGHT + GAP) + GAP
    largest = max((value for _, value in items), default=0) or 1
    span = WIDTH - LABEL_WIDTH - 110
    parts = [_svg_start(height)]
    for index, (label, value) in enumerate(items):
        y = GAP + index * (BAR_HEIGHT + GAP)
        length = max(1.0, span * value / largest)
        text = short_amount(value) if amounts else turkish_number(value)
        parts.append(
            f"<g><title>{escape(label)}: {escape(text)} {escape(unit)}</title>"
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 14}" text-anchor="end">{escape(_shorten(label))}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{BAR_HEIGHT}" fill="{colours[index] if colours else PALETTE[index % len(PALETTE)]}"/>'
            f'<text x="{LABEL_WIDTH + length + 6:.1f}" y="{y + 14}">{escape(text)} {escape(unit)}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def stacked_columns(
    years: Sequence[int], categories: Sequence[str], values: dict[tuple[int, str], float]
) -> str:
    """One column per year, stacked by category, with a legend; amounts in TL."""
    plot_top, plot_height, left = 20, 260, 90
    column_width = min(90, (WIDTH - left - 20) // max(len(years), 1) - 20)
    totals = {year: sum(values.get((year, category), 0) for category in categories) for year in years}
    largest = max(totals.values(), default=0) or 1
    legend_rows = (len(categories) + 1) // 2
    height = plot_top + plot_height + 40 + legend_rows * 20
    parts = [_svg_start(height)]
    parts += _amount_axis(left, plot_top, plot_height, largest)
    for index, year in enumerate(years):
        x = left + 20 + index * (column_width + 20)
        base = plot_top + plot_height
        for colour_index, category in enumerate(categories):
            value = values.get((year, category), 0)
            if value <= 0:
                continue
            bar = plot_height * value / largest
            base -= bar
            title = f"{year} · {escape(category)}: {escape(turkish_number(value))} TL"
            parts.append(_bar(f"{x}", base, f"{column_width}", bar, colour_index, title))
        parts.append(
            f'<text x="{x + column_width / 2}" y="{plot_top + plot_height + 16}" text-anchor="middle">{year}</text>'
            f'<text x="{x + column_width / 2}" y="{base - 4:.1f}" text-anchor="middle">{escape(short_amount(totals[year]))}</text>'
        )
    parts += _legend(categories, left, plot_top + plot_height + 34)
    parts.append("</svg>")
    return "".join(parts)


def grouped_columns(
    groups: Sequence[str], series: Sequence[str], values: dict[tuple[str, str], float]
) -> str:
    """Side-by-side columns per group (an economic code), one colour per series (appropriation,
    actual, forecast), with a legend; amounts in TL. Negative values (refunds) are drawn as 0."""
    plot_top, plot_height, left = 20, 260, 90
    slot = (WIDTH - left - 20) / max(len(groups), 1)
    bar_width = max(4.0, (slot - 12) / max(len(series), 1))
    largest = max((value for value in values.values() if value > 0), default=0) or 1
    height = plot_top + plot_height + 40 + ((len(series) + 1) // 2) * 20
    parts = [_svg_start(height)]
    parts += _amount_axis(left, plot_top, plot_height, largest)
    for index, group in enumerate(groups):
        x0 = left + 6 + index * slot
        for series_index, name in enumerate(series):
            value = values.get((group, name))
            if value is None or value <= 0:
                continue
            bar = plot_height * value / largest
            title = f"{escape(group)} · {escape(name)}: {escape(turkish_number(value, 2))} TL"
            x = f"{x0 + series_index * bar_width:.1f}"
            parts.append(
                _bar(x, plot_top + plot_height - bar, f"{bar_width - 1:.1f}", bar, series_index, title)
            )
        parts.append(
            f'<text x="{x0 + slot / 2 - 6:.1f}" y="{plot_top + plot_height + 16}" text-anchor="middle">'
            f"{escape(group)}</text>"
        )
    parts += _legend(series, left, plot_top + plot_height + 34)
    parts.append("</svg>")
    return "".join(parts)

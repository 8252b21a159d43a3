"""Geometry of the chart of the programme's results (docs/data/programme.yml).

render.py exposes `chart_geometry(milestones)` to the pages' templates;
overrides/components/milestones-chart.html draws the inline SVG from what it
returns. Time runs along the x axis in proportion to the dates, from the
reading direction's start: right to left on Arabic pages. A figure a source
does not give is left out (no point, no zero). Value labels that would
overlap another label move away from their point, or are left out: the table
beside the chart gives every figure. Try it alone:

    .venv/bin/python -m moussalaha.content.chart
"""

from __future__ import annotations

import math

# User units of the viewBox. Sized for a phone, where the SVG is drawn at
# about 0.9 of this, so that a FONT of 13 stays readable (about 12 px).
WIDTH, HEIGHT = 400, 240
FONT = 13
# Room for the y-axis labels on the reading direction's start side, for the
# year labels below, and for the value labels above the highest point.
TOP, BOTTOM, START, END = 20, 26, 34, 8
# Between the plot's edges and the first and last dates: their labels fit.
INSET = 18
DIGIT_WIDTH = 0.64  # of FONT, a generous estimate for the fallback fonts
SERIES = ("beneficiaries", "released")


def nice_step(top: int, intervals: int = 5) -> int:
    """The smallest 1, 2 or 5 × 10^k step that covers `top` in `intervals` steps."""
    magnitude = 10 ** max(0, math.floor(math.log10(max(top, 1) / intervals)))
    for factor in (1, 2, 5, 10):
        if factor * magnitude * intervals >= top:
            return factor * magnitude
    return 10 * magnitude


def _box(x: float, baseline: float, text: str) -> tuple[float, float, float, float]:
    half = len(text) * DIGIT_WIDTH * FONT / 2
    return (x - half, baseline - 0.8 * FONT, x + half, baseline + 0.25 * FONT)


def _overlaps(a, b, gap: float = 2) -> bool:
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


def _distance(box, point) -> float:
    """From a label's box to a point (0 inside it)."""
    dx = max(box[0] - point["x"], 0, point["x"] - box[2])
    dy = max(box[1] - point["y"], 0, point["y"] - box[3])
    return math.hypot(dx, dy)


def _place_label(point, key, every_point, placed, markers, plot_x, bottom, rtl) -> None:
    """The value's label at the first place around its point that stays in
    the plot, overlaps no other label and no marker, and is nearer its own
    point than any other: a reader never takes it for another point's value
    (two figures on one date, 301 and 322 on 19 February 2024, sit one
    above the other: each gets its label on its own side). None fits: no
    label (the table beside the chart gives every figure)."""
    text = str(point["value"])
    half = len(text) * DIGIT_WIDTH * FONT / 2
    side = half + 6
    # Beneficiaries are above released: their labels go up first, the others down.
    above, below = (point["y"] - 7, point["y"] + FONT + 5)
    middle = point["y"] + 0.3 * FONT
    before, after = (point["x"] + side, point["x"] - side) if rtl else (point["x"] - side, point["x"] + side)
    places = [(point["x"], above), (point["x"], below)] if key == "beneficiaries" else [(point["x"], below), (point["x"], above)]
    places += [(before, middle), (after, middle)]
    # Farther off in the same direction, where that is still nearest its own point.
    places += [(x, y - FONT if y < point["y"] else y + FONT) for x, y in places[:2]]
    for x, baseline in places:
        box = _box(x, baseline, text)
        inside = box[1] >= 0 and box[3] <= bottom and plot_x[0] <= box[0] and box[2] <= plot_x[1]
        if not inside or any(_overlaps(box, other) for other in placed):
            continue
        others = [p for p in every_point if p is not point]
        if any(_overlaps(box, marker, gap=1) for marker, p in zip(markers, every_point) if p is not point):
            continue
        if any(_distance(box, other) <= _distance(box, point) + 2 for other in others):
            continue
        placed.append(box)
        point["label"] = {"x": round(x, 1), "y": round(baseline, 1)}
        return


def geometry(milestones: list[dict], rtl: bool) -> dict:
    """Everything the SVG template needs, in viewBox units."""
    left, right, bottom = START, WIDTH - END, HEIGHT - BOTTOM
    first, last = milestones[0]["date"], milestones[-1]["date"]
    span = (last - first).days

    def x_of(day) -> float:
        share = (day - first).days / span if span else 0.5
        x = left + INSET + share * (right - left - 2 * INSET)
        return round(WIDTH - x if rtl else x, 1)

    highest = max(m["beneficiaries"] or 0 for m in milestones)
    step = nice_step(highest)
    top_value = step * math.ceil(highest / step)

    def y_of(value: int) -> float:
        return round(bottom - value / top_value * (bottom - TOP), 1)

    def mirror(x: float) -> float:
        return WIDTH - x if rtl else x

    grid = [{"y": y_of(v), "value": v} for v in range(0, top_value + 1, step)]
    axis = {"x1": mirror(left), "x2": mirror(right), "y": bottom,
            # y-axis labels end just before the plot, on the start side.
            "label_x": mirror(left - 5), "anchor": "start" if rtl else "end"}

    years, ticks = [], []
    for year in range(first.year, last.year + 1):
        start = first.replace(year=year, month=1, day=1)
        band = sorted((x_of(start) if year > first.year else mirror(left),
                       x_of(start.replace(year=year + 1)) if year < last.year else mirror(right)))
        if year > first.year:
            ticks.append(x_of(start))
        if band[1] - band[0] >= len(str(year)) * DIGIT_WIDTH * FONT + 4:
            years.append({"x": round(sum(band) / 2, 1), "label": str(year)})

    plot_x = sorted((mirror(left), mirror(right)))
    placed = [_box(y["x"], HEIGHT - 8, y["label"]) for y in years]
    series = []
    for key in SERIES:
        points = []
        for m in milestones:
            if m[key] is None:
                continue
            x, y = x_of(m["date"]), y_of(m[key])
            points.append({"x": x, "y": y, "value": m[key], "date": m["date"], "label": None})
        series.append({"key": key, "points": points,
                       "path": " ".join(f"{'M' if i == 0 else 'L'}{p['x']},{p['y']}" for i, p in enumerate(points))})
    every_point = [point for s in series for point in s["points"]]
    # Nothing may hide a point: its marker is a box too.
    markers = [(p["x"] - 4, p["y"] - 4, p["x"] + 4, p["y"] + 4) for p in every_point]
    for s in series:
        for point in s["points"]:
            _place_label(point, s["key"], every_point, placed, markers, plot_x, bottom, rtl)
    return {"width": WIDTH, "height": HEIGHT, "grid": grid, "axis": axis, "years": years,
            "year_y": HEIGHT - 8, "ticks": ticks, "series": series}


if __name__ == "__main__":
    from pathlib import Path

    from moussalaha.content.data import SiteData

    data = SiteData(Path("docs/data")).localised("ar")
    for rtl in (False, True):
        shape = geometry(data["milestones"], rtl)
        print("rtl" if rtl else "ltr", "years:", [(y["label"], y["x"]) for y in shape["years"]])
        for s in shape["series"]:
            print(" ", s["key"], [(p["value"], p["x"], p["y"], p["label"] is not None) for p in s["points"]])

"""Make static/partners/world-map.svg lighter for slow connections: every country outline on a
whole-unit grid (the map is 1000 units wide and shown at most about 1000 px, so a unit is at
most a pixel), points that fall together or on a straight line dropped, ids removed (the page
shows the map through <image>, which nothing can style or link into).

Run after build_map.mjs:  python scripts/map/quantize.py static/partners/world-map.svg
"""

import itertools
import re
import sys
from pathlib import Path

NUMBER = re.compile(r"-?\d*\.?\d+")


def _subpaths(d: str):
    """Each subpath of "M x y l dx dy ... z" as absolute points."""
    for chunk in re.findall(r"M[^M]*", d):
        closed = chunk.rstrip().endswith("z")
        head, _, rest = chunk[1:].partition("l")
        x, y = (float(n) for n in NUMBER.findall(head))
        points = [(x, y)]
        numbers = [float(n) for n in NUMBER.findall(rest.replace("z", ""))]
        for dx, dy in zip(numbers[::2], numbers[1::2], strict=True):
            x, y = x + dx, y + dy
            points.append((x, y))
        yield points, closed


def _simplified(points):
    grid = [(round(x), round(y)) for x, y in points]
    kept = []
    for point in grid:
        if kept and kept[-1] == point:
            continue
        # Drop the middle of three points on one straight line.
        if len(kept) >= 2:
            (ax, ay), (bx, by) = kept[-2], kept[-1]
            if (bx - ax) * (point[1] - ay) == (by - ay) * (point[0] - ax):
                kept[-1] = point
                continue
        kept.append(point)
    return kept


def _path_data(d: str) -> str:
    parts = []
    for points, closed in _subpaths(d):
        kept = _simplified(points)
        if len(kept) < 3:
            continue  # an islet smaller than a pixel
        x0, y0 = kept[0]
        steps = []
        for (ax, ay), (bx, by) in itertools.pairwise(kept):
            steps.append(f"{bx - ax} {by - ay}")
        parts.append(f"M{x0} {y0}l" + " ".join(steps) + ("z" if closed else ""))
    return "".join(parts).replace(" -", "-")


def main(path: str) -> None:
    svg = Path(path).read_text(encoding="utf-8")
    svg = re.sub(r' d="([^"]*)"', lambda m: f' d="{_path_data(m.group(1))}"', svg)
    svg = re.sub(r' id="[a-z]+"', "", svg)
    svg = re.sub(r'<path d=""/>\n?', "", svg)
    Path(path).write_text(svg, encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])

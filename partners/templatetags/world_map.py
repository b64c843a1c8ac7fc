"""The world map's shapes, written into the map page itself rather than fetched as an image: the
map is that page's main content, and on a slow connection a separate file costs a round trip
and its bytes after the page (LCP 1.6 s instead of about 1 s at 400 kbit/s)."""

import re
from functools import lru_cache
from pathlib import Path

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

MAP = Path(__file__).resolve().parents[2] / "static" / "partners" / "world-map.svg"


@lru_cache(maxsize=1)
def _shapes() -> str:
    """The inside of static/partners/world-map.svg (a file of the release, the same in every
    process): the ocean and the countries, without the outer <svg> element."""
    svg = MAP.read_text(encoding="utf-8")
    inner = re.search(r"<svg[^>]*>(.*)</svg>", svg, re.S)[1]
    return inner.strip()


@register.simple_tag
def world_map_shapes() -> str:
    # The release's own map file (scripts/map), never anyone's input.
    return mark_safe(f'<g aria-hidden="true">{_shapes()}</g>')  # noqa: S308  # nosec B308 B703

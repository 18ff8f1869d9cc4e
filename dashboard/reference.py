"""The committed reference tables: Dutch places (GeoNames), province boundaries (CBS) and the
published assumptions.

Published figures are read from data/reference/assumptions.csv, never typed into code, so the
methodology text, the calibration and the estimates quote one source.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

import polars as pl

from dashboard import PROJECT_ROOT

REFERENCE_DIR = PROJECT_ROOT / "data" / "reference"


@dataclass(frozen=True)
class Assumption:
    key: str
    value: float
    unit: str
    label_nl: str
    label_en: str
    source: str
    year: int


@cache
def load_places() -> pl.DataFrame:
    return pl.read_csv(REFERENCE_DIR / "places_nl.csv")


@cache
def load_assumptions() -> dict[str, Assumption]:
    frame = pl.read_csv(REFERENCE_DIR / "assumptions.csv", schema_overrides={"value": pl.Float64})
    return {row["key"]: Assumption(**row) for row in frame.iter_rows(named=True)}


def assumption(key: str) -> float:
    return load_assumptions()[key].value


Ring = list[tuple[float, float]]  # (longitude, latitude), first point repeated at the end


def decode_topojson(
    topology: dict, name: str, key: str = "statnaam"
) -> dict[str, list[list[Ring]]]:
    """The polygons of one object of a TopoJSON topology, by the property `key`: per feature a
    list of polygons, each a list of rings (the outer ring first, then holes). Arcs are
    delta-encoded on a quantised grid; a negative index means the arc reversed (~i)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs: list[Ring] = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes: list[int]) -> Ring:
        points: Ring = []
        for i in indexes:
            arc = arcs[i] if i >= 0 else arcs[~i][::-1]
            points.extend(arc if not points else arc[1:])  # arcs share their end points
        return points

    out: dict[str, list[list[Ring]]] = {}
    for geometry in topology["objects"][name]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        out[geometry["properties"][key]] = [[ring(r) for r in polygon] for polygon in polygons]
    return out


@cache
def load_provinces() -> dict[str, list[list[Ring]]]:
    """The twelve provinces (CBS generalised boundaries, 2023) by their Dutch name."""
    with (REFERENCE_DIR / "provincie_2023.topojson").open(encoding="utf-8") as fh:
        return decode_topojson(json.load(fh), "provincie_2023")


def _in_ring(lon: float, lat: float, ring: Ring) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def province_at(lon: float, lat: float) -> str | None:
    """The province whose boundary holds the point (even-odd rule: holes excluded)."""
    for province, polygons in load_provinces().items():
        for outer, *holes in polygons:
            if _in_ring(lon, lat, outer) and not any(_in_ring(lon, lat, h) for h in holes):
                return province
    return None

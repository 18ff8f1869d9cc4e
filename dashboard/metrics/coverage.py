"""Who lives within reach of a centre: straight-line distances from every Dutch place (GeoNames)
to the nearest open centre, coverage shares, and the blind spots. Pure numpy/polars.

People living with or after cancer are not published per province: the national figure is
spread by population (assumptions table), and the page says so.
"""

from __future__ import annotations

import numpy as np
import polars as pl

EARTH_RADIUS_KM = 6371.0088
RADII_KM = (10, 20, 30)


def nearest_km(
    lat: np.ndarray, lon: np.ndarray, centre_lat: np.ndarray, centre_lon: np.ndarray
) -> np.ndarray:
    """Great-circle (haversine) distance in km from each point to its nearest centre."""
    if centre_lat.size == 0:
        return np.full(lat.shape, np.inf)
    p1, p2 = np.radians(lat)[:, None], np.radians(centre_lat)[None, :]
    dphi = p2 - p1
    dlmb = np.radians(centre_lon)[None, :] - np.radians(lon)[:, None]
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlmb / 2) ** 2
    return (2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0, 1)))).min(axis=1)


def open_on(centres: pl.DataFrame, day) -> pl.DataFrame:
    """The centres open on `day` (the period's end): a centre that opens later reaches nobody
    in the period."""
    return centres.filter(pl.col("opened_on") <= day)


def with_distance(places: pl.DataFrame, centres: pl.DataFrame) -> pl.DataFrame:
    """Places with `nearest_km` to the nearest of `centres` (latitude, longitude columns)."""
    d = nearest_km(
        places["latitude"].to_numpy(),
        places["longitude"].to_numpy(),
        centres["latitude"].to_numpy(),
        centres["longitude"].to_numpy(),
    )
    return places.with_columns(pl.Series("nearest_km", d))


def coverage(
    places: pl.DataFrame, prevalence: dict[str, float], national_label: str = "Nederland"
) -> pl.DataFrame:
    """Share of the population (and of the estimated people living with or after cancer, which
    is the same share when spread by population) within each radius, nationally and per
    province. `prevalence` maps a label (e.g. '2022') to the national number of people."""
    national_pop = places["population"].sum()
    rows = []
    for scope, part in [
        (national_label, places),
        *places.group_by("province", maintain_order=True),
    ]:
        name = scope if isinstance(scope, str) else scope[0]
        pop = part["population"].sum()
        row = {"area": name, "population": pop}
        for r in RADII_KM:
            within = part.filter(pl.col("nearest_km") <= r)["population"].sum()
            row[f"share_within_{r}km"] = within / pop if pop else None
            for label, people in prevalence.items():
                row[f"cancer_{label}_within_{r}km"] = within / national_pop * people
        for label, people in prevalence.items():
            row[f"cancer_{label}"] = pop / national_pop * people
        rows.append(row)
    frame = pl.DataFrame(rows)
    return pl.concat([frame.head(1), frame.slice(1).sort("area")])


def blind_spots(places: pl.DataFrame, km: float = 20, top: int = 15) -> pl.DataFrame:
    """The largest places with no centre within `km`."""
    return (
        places.filter(pl.col("nearest_km") > km)
        .sort("population", descending=True)
        .head(top)
        .select("name", "province", "population", "nearest_km")
    )


BAND_EDGES_KM = (20, 30, 40, 50)


def distance_bands(places: pl.DataFrame, edges: tuple[int, ...] = BAND_EDGES_KM) -> pl.DataFrame:
    """How many places and people lie in each band of distance to the nearest centre beyond
    the first edge (20-30 km, 30-40 km, ..., and beyond the last), nationally: what a
    coordinator sees of the blind spots. Named places with their distance would let the
    centres be trilaterated; counts per band nationally cannot."""
    bounds = [*edges, float("inf")]
    rows = []
    for low, high in zip(bounds[:-1], bounds[1:], strict=True):
        part = places.filter((pl.col("nearest_km") > low) & (pl.col("nearest_km") <= high))
        rows.append(
            {
                "from_km": low,
                "to_km": None if high == float("inf") else int(high),
                "places": part.height,
                "population": int(part["population"].sum()),
            }
        )
    return pl.DataFrame(
        rows,
        schema={
            "from_km": pl.Int64,
            "to_km": pl.Int64,
            "places": pl.Int64,
            "population": pl.Int64,
        },
    )

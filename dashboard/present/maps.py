"""pydeck decks built from the project's own data: the country drawn as H3 hexagons around
every Dutch place (no basemap tiles needed, so the map works offline), centres on top."""

from __future__ import annotations

from functools import cache

import h3
import numpy as np
import polars as pl
import pydeck as pdk

from dashboard.reference import load_places

MAP_CENTRE = {"latitude": 52.2, "longitude": 5.4, "zoom": 6.4}
LAND_RESOLUTION = 6  # hexagons of about 36 km2
LAND_COLOUR = [226, 229, 234]
# viridis, five steps: colour-blind safe and readable in grey
SEQUENTIAL = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]]
BLIND_SPOT_COLOUR = [213, 94, 0, 200]


@cache
def land_cells() -> tuple[str, ...]:
    """H3 cells within one ring of any Dutch place: the shape of the country."""
    places = load_places()
    cells: set[str] = set()
    for lat, lon in zip(places["latitude"], places["longitude"], strict=True):
        cells.update(h3.grid_disk(h3.latlng_to_cell(lat, lon, LAND_RESOLUTION), 1))
    return tuple(sorted(cells))


def province_cells() -> pl.DataFrame:
    """Each land cell with the province of its nearest place (for province-coloured layers)."""
    places = load_places()
    cells = list(land_cells())
    centres = np.array([h3.cell_to_latlng(c) for c in cells])
    lat, lon = places["latitude"].to_numpy(), places["longitude"].to_numpy()
    d = (centres[:, :1] - lat[None, :]) ** 2 + (
        (centres[:, 1:] - lon[None, :]) * np.cos(np.radians(52))
    ) ** 2
    return pl.DataFrame({"hex": cells, "province": places["province"].gather(d.argmin(axis=1))})


def colour_bins(values: pl.Series) -> tuple[list[list[int]], list[float]]:
    """A colour per value by quintile (grey where the value is suppressed), and the bin edges."""
    known = values.drop_nulls()
    if known.len() == 0:
        return [[170, 170, 170]] * values.len(), []
    edges = [float(known.quantile(q, "linear")) for q in (0.2, 0.4, 0.6, 0.8)]
    colours = []
    for v in values.to_list():
        if v is None:
            colours.append([170, 170, 170])
        else:
            colours.append(SEQUENTIAL[sum(v > e for e in edges)])
    return colours, [float(known.min()), *edges, float(known.max())]


def build_funding_deck(
    centres: pl.DataFrame,
    province_layer: pl.DataFrame | None = None,
    blind: pl.DataFrame | None = None,
) -> pdk.Deck:
    """centres: latitude, longitude, radius_m, colour, tooltip columns (name, city, ...).
    province_layer: hex, colour, tooltip columns. blind: latitude, longitude, population."""
    layers = [
        pdk.Layer(
            "H3HexagonLayer",
            [{"hex": c} for c in land_cells()],
            id="land",
            get_hexagon="hex",
            get_fill_color=LAND_COLOUR,
            stroked=False,
            extruded=False,
            pickable=False,
        )
    ]
    if province_layer is not None:
        layers.append(
            pdk.Layer(
                "H3HexagonLayer",
                province_layer.to_dicts(),
                id="provinces",
                get_hexagon="hex",
                get_fill_color="colour",
                stroked=False,
                extruded=False,
                opacity=0.55,
                pickable=True,
            )
        )
    if blind is not None and blind.height:
        layers.append(
            pdk.Layer(
                "ScatterplotLayer",
                blind.to_dicts(),
                id="blind_spots",
                get_position=["longitude", "latitude"],
                get_radius="radius_m",
                get_fill_color=BLIND_SPOT_COLOUR,
                pickable=True,
                opacity=0.6,
            )
        )
    layers.append(
        pdk.Layer(
            "ScatterplotLayer",
            centres.to_dicts(),
            id="centres",
            get_position=["longitude", "latitude"],
            get_radius="radius_m",
            get_fill_color="colour",
            get_line_color=[40, 40, 40],
            line_width_min_pixels=1,
            stroked=True,
            pickable=True,
            opacity=0.9,
        )
    )
    return pdk.Deck(
        layers=layers,
        initial_view_state=pdk.ViewState(**MAP_CENTRE),
        map_style=None,  # no tiles: the country comes from our own layers, online or not
        tooltip={"html": "{tooltip}", "style": {"fontSize": "13px", "maxWidth": "320px"}},
    )

"""pydeck decks built from the project's own data: the country drawn from the CBS province
boundaries in data/reference/ (no basemap tiles needed, so the map works offline), provinces
as a choropleth when asked, centres on top. Tooltips are plain text."""

from __future__ import annotations

import polars as pl
import pydeck as pdk

from dashboard.reference import load_provinces

MAP_CENTRE = {"latitude": 52.2, "longitude": 5.4, "zoom": 6.4}
LAND_COLOUR = [226, 229, 234]
# viridis, five steps: colour-blind safe and readable in grey
SEQUENTIAL = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]]
# The province layer: ColorBrewer Oranges, five steps, light to dark; it shares no colour with
# the circles' viridis, and stays ordered for colour-blind readers and in grey.
PROVINCE_SEQUENTIAL = [
    [254, 237, 222],
    [253, 190, 133],
    [253, 141, 60],
    [230, 85, 13],
    [166, 54, 3],
]
SUPPRESSED_COLOUR = [170, 170, 170]
PROVINCE_LINE = [120, 120, 120]
EMPTY_MAP_STYLE = 'data:application/json,{"version":8,"sources":{},"layers":[]}'
BLIND_SPOT_COLOUR = [213, 94, 0, 200]


def colour_bins(
    values: pl.Series, palette: list[list[int]] = SEQUENTIAL
) -> tuple[list[list[int]], list[float]]:
    """A colour per value by quintile (grey where the value is suppressed), and the bin edges
    (min, four quintile edges, max)."""
    known = values.drop_nulls()
    if known.len() == 0:
        return [SUPPRESSED_COLOUR] * values.len(), []
    edges = [float(known.quantile(q, "linear")) for q in (0.2, 0.4, 0.6, 0.8)]
    colours = []
    for v in values.to_list():
        if v is None:
            colours.append(SUPPRESSED_COLOUR)
        else:
            colours.append(palette[sum(v > e for e in edges)])
    return colours, [float(known.min()), *edges, float(known.max())]


def province_polygons() -> list[dict]:
    """One row per polygon of every province: its name and rings ([[lon, lat], ...]), to 4
    decimals (about 10 m, finer than a screen pixel of the whole country; it halves what the
    browser receives)."""
    return [
        {
            "province": name,
            "polygon": [[[round(x, 4), round(y, 4)] for x, y in ring] for ring in polygon],
        }
        for name, polygons in load_provinces().items()
        for polygon in polygons
    ]


def _circles(frame: pl.DataFrame, layer_id: str, fill, opacity: float, **style) -> pdk.Layer:
    """A circle of `radius_m` metres at each row's longitude and latitude, shown on hover."""
    return pdk.Layer(
        "ScatterplotLayer",
        frame.to_dicts(),
        id=layer_id,
        get_position=["longitude", "latitude"],
        get_radius="radius_m",
        get_fill_color=fill,
        pickable=True,
        opacity=opacity,
        **style,
    )


def build_funding_deck(
    centres: pl.DataFrame,
    province_layer: pl.DataFrame | None = None,
    blind: pl.DataFrame | None = None,
) -> pdk.Deck:
    """centres: latitude, longitude, radius_m, colour, tooltip columns (name, city, ...).
    province_layer: polygon, colour, tooltip columns. blind: latitude, longitude, radius_m,
    tooltip."""
    layers = [
        pdk.Layer(
            "PolygonLayer",
            province_polygons(),
            id="land",
            get_polygon="polygon",
            get_fill_color=LAND_COLOUR,
            get_line_color=PROVINCE_LINE,
            line_width_min_pixels=1,
            stroked=True,
            pickable=False,
        )
    ]
    if province_layer is not None:
        layers.append(
            pdk.Layer(
                "PolygonLayer",
                province_layer.to_dicts(),
                id="provinces",
                get_polygon="polygon",
                get_fill_color="colour",
                get_line_color=PROVINCE_LINE,
                line_width_min_pixels=1,
                stroked=True,
                pickable=True,
            )
        )
    if blind is not None and blind.height:
        layers.append(_circles(blind, "blind_spots", BLIND_SPOT_COLOUR, 0.6))
    layers.append(
        _circles(
            centres,
            "centres",
            "colour",
            0.9,
            get_line_color=[40, 40, 40],
            line_width_min_pixels=1,
            stroked=True,
        )
    )
    return pdk.Deck(
        layers=layers,
        initial_view_state=pdk.ViewState(**MAP_CENTRE),
        # An empty inline basemap style: without one Streamlit fills in a tile style from the
        # internet (Carto); the country comes from our own layers, online or not.
        map_provider=None,
        map_style=EMPTY_MAP_STYLE,
        # plain text: a name with "<" or "&" shows as written, never as markup
        tooltip={"text": "{tooltip}", "style": {"fontSize": "13px", "maxWidth": "320px"}},
    )

"""Widgets every page shares: a chart with its downloads (CSV, Excel, PNG of exactly what is
shown) and the board-pack button."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard.present import export
from dashboard.present.i18n import t
from dashboard.present.tiles import Tile
from dashboard.ui.context import context


def downloads(
    frame: pl.DataFrame,
    name: str,
    stem: str,
    title: str | None = None,
    fig=None,
    container=None,
) -> None:
    """CSV, Excel and (for a chart, where static export works) PNG of exactly what is shown,
    as files `stem`.csv, .xlsx and .png. `name` is the catalogue key of what is shown: the files'
    title (unless `title` gives it, its placeholders filled) and the widgets' keys, so a page
    names a download once. The Excel and PNG files are made only when clicked."""
    ctx = context()
    key = f"dl_{name}"
    title = t(name, ctx.lang) if title is None else title
    where = container or st
    header = [
        title,
        export.view_line(ctx.filters, ctx.catalog, ctx.lang),
        export.source_line(
            ctx.warehouse.ingested_on, ctx.warehouse.version, ctx.warehouse.synthetic, ctx.lang
        ),
    ]
    cols = where.columns(3 if fig is not None and export.png_available() else 2)
    cols[0].download_button(
        t("download_csv", ctx.lang),
        export.csv_bytes(frame, ctx.lang),
        file_name=f"{stem}.csv",
        mime="text/csv",
        key=f"{key}_csv",
        icon=":material/download:",
    )
    cols[1].download_button(
        t("download_xlsx", ctx.lang),
        lambda: export.xlsx_bytes(frame, header, ctx.lang),
        file_name=f"{stem}.xlsx",
        key=f"{key}_xlsx",
        icon=":material/table:",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    if len(cols) == 3:
        cols[2].download_button(
            t("download_png", ctx.lang),
            lambda: export.figure_png(fig),
            file_name=f"{stem}.png",
            mime="image/png",
            key=f"{key}_png",
            icon=":material/image:",
        )


def tile(col, tile: Tile) -> None:
    """A headline tile: no arrow and grey for no change, grey with a hint for a change within
    noise, otherwise up green / down red."""
    change = tile.change
    if change is None:
        col.metric(tile.label, tile.value, help=tile.help, border=True)
        return
    plain = change.direction == 0 or change.noise
    col.metric(
        tile.label,
        tile.value,
        delta=change.value,
        # the tile has room for the hint only; what the change compares with is said once,
        # under the tiles (tiles_change_note), instead of clipped in every tile
        delta_description=change.hint or None,
        delta_color="off" if plain else "normal",
        delta_arrow="off" if change.direction == 0 else ("up" if change.direction > 0 else "down"),
        help=tile.help,
        border=True,
    )


def chart(
    fig,
    frame: pl.DataFrame,
    name: str,
    stem: str,
    title: str | None = None,
    alt: str | None = None,
    container=None,
) -> None:
    """A plotly chart with its text alternative (for screen readers) and its downloads (as
    `downloads`, which says what `name` is): the data behind it as CSV and Excel, the chart as
    a 1600 x 900 PNG."""
    lang = context().lang
    title = t(name, lang) if title is None else title
    where = container or st
    where.plotly_chart(
        fig,
        width="stretch",
        config={"displaylogo": False},
        key=f"dl_{name}_chart",
        alt=f"{alt or title}. {t('chart_alt_data', lang)}",
    )
    downloads(frame, name, stem, title, fig=fig, container=where)


def boardpack_button(container=None) -> None:
    """One click makes the board pack of the current view (made only when clicked): the
    PowerPoint deck, and beside it the same slides as a PDF where the server has Chromium."""
    from dashboard.present.boardpack import build_deck
    from dashboard.present.pdfdeck import pdf_available

    ctx = context()
    f = ctx.filters
    stem = f"ipso_boardpack_{f.key}_{f.month_from:%Y-%m}_{f.month_to:%Y-%m}"
    where = container or st
    cols = where.columns(2) if pdf_available() else [where]
    cols[0].download_button(
        t("boardpack_button", ctx.lang),
        lambda: build_deck(ctx.warehouse, ctx.catalog, f, ctx.lang, ctx.viewer),
        file_name=f"{stem}.pptx",
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
        key="boardpack",
        icon=":material/slideshow:",
        help=t("boardpack_help", ctx.lang),
        type="primary",
    )
    if len(cols) == 2:
        cols[1].download_button(
            t("boardpack_pdf_button", ctx.lang),
            lambda: build_deck(ctx.warehouse, ctx.catalog, f, ctx.lang, ctx.viewer, fmt="pdf"),
            file_name=f"{stem}.pdf",
            mime="application/pdf",
            key="boardpack_pdf",
            icon=":material/picture_as_pdf:",
            help=t("boardpack_pdf_help", ctx.lang),
        )


def require(allowed: bool, title_key: str) -> None:
    """A page's guard: a viewer whose role may not see the page (it is not in their menu; they
    came by a link) gets a message naming the page and their role, and the page stops."""
    if allowed:
        return
    ctx = context()
    title = t(title_key, ctx.lang)
    st.title(title)
    st.warning(
        t("page_not_allowed", ctx.lang, page=title, role=t(f"role_{ctx.viewer.role}", ctx.lang)),
        icon=":material/lock:",
    )
    st.stop()

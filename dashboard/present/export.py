"""Downloads: CSV, Excel (with header lines naming the view, the period and the source) and
PNG images of charts at presentation resolution (plotly static export through kaleido, which
drives the system's headless Chromium). Pure functions, no Streamlit."""

from __future__ import annotations

import io
import os
import shutil
from functools import cache

import plotly.graph_objects as go
import polars as pl

from dashboard.metrics.filters import Catalog, Filters
from dashboard.present.i18n import fmt_date, fmt_month, t

PNG_SIZE = {"width": 1600, "height": 900}


def view_line(f: Filters, catalog: Catalog, lang: str) -> str:
    """'Limburg · jan 2024 – dec 2024 (12 maanden)': the filters and period of a view."""
    if f.centre:
        c = catalog.centres[f.centre]
        place = f"{c.name} ({c.city})"
    else:
        place = f.province or t("all_provinces", lang)
    return (
        f"{place} · {fmt_month(f.month_from, lang)} – {fmt_month(f.month_to, lang)} "
        f"({t('months_n', lang, n=f.n_months)})"
    )


def source_line(ingested_on, version: str, synthetic: bool, lang: str) -> str:
    line = t("source_footer", lang, date=fmt_date(ingested_on, lang), version=version[:8])
    return line + (" " + t("synthetic_banner", lang) if synthetic else "")


def csv_bytes(frame: pl.DataFrame) -> bytes:
    return frame.write_csv().encode("utf-8")


def xlsx_bytes(frame: pl.DataFrame, header: list[str]) -> bytes:
    """An Excel workbook: the header lines (title, view and period, source) in the first rows,
    an empty row, then the table with its own header row."""
    import xlsxwriter

    buffer = io.BytesIO()
    with xlsxwriter.Workbook(buffer, {"in_memory": True}) as book:
        sheet = book.add_worksheet("data")
        bold = book.add_format({"bold": True})
        for row, line in enumerate(header):
            sheet.write_string(row, 0, line, bold if row == 0 else None)
        frame.write_excel(
            workbook=book, worksheet="data", position=(len(header) + 1, 0), autofit=True
        )
    return buffer.getvalue()


def header_rows() -> int:
    """Rows above the table's own header in an xlsx from xlsx_bytes with three header lines."""
    return 4


@cache
def png_available() -> bool:
    """Static chart export needs kaleido and a Chromium it can drive."""
    try:
        import kaleido  # noqa: F401
    except ImportError:
        return False
    return bool(
        os.environ.get("BROWSER_PATH")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
        or shutil.which("google-chrome")
    )


def figure_png(
    fig: go.Figure, width: int = PNG_SIZE["width"], height: int = PNG_SIZE["height"]
) -> bytes:
    return fig.to_image(format="png", width=width, height=height, scale=1)

"""Downloads: CSV, Excel (with header lines naming the view, the period and the source) and
PNG images of charts at presentation resolution (plotly static export through kaleido, which
drives the system's headless Chromium). Pure functions, no Streamlit."""

from __future__ import annotations

import atexit
import io
import os
import shutil
import threading
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


_server_lock = threading.Lock()
_server_started = False


def _start_server() -> None:
    """One headless browser for every export of this process: starting it costs about 3 s,
    an export through a running one a fraction of that."""
    global _server_started
    with _server_lock:
        if _server_started:
            return
        import kaleido

        kaleido.start_sync_server(silence_warnings=True)
        atexit.register(kaleido.stop_sync_server, silence_warnings=True)
        _server_started = True


def figure_png(
    fig: go.Figure, width: int = PNG_SIZE["width"], height: int = PNG_SIZE["height"]
) -> bytes:
    """The chart as a PNG of exactly `width` x `height` pixels (1600 x 900 by default)."""
    return figures_png([fig], [(width, height)])[0]


def figures_png(
    figs: list[go.Figure], sizes: list[tuple[float, float]], scale: float = 1
) -> list[bytes]:
    """PNGs of several charts through one running browser; sizes in layout pixels."""
    import kaleido

    _start_server()
    return [
        kaleido.calc_fig_sync(
            fig.to_dict(),
            opts={"format": "png", "width": round(w), "height": round(h), "scale": scale},
        )
        for fig, (w, h) in zip(figs, sizes, strict=True)
    ]

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


def labels(frame: pl.DataFrame, lang: str) -> list[str]:
    from dashboard.present.tables import column_label

    return [column_label(c, lang) for c in frame.columns]


def csv_bytes(frame: pl.DataFrame, lang: str | None = None) -> bytes:
    """CSV; with `lang`, a first header row in the user's language above the row of code names
    (read it back with skip_rows=1), so a person reads the headers and a script the names."""
    body = frame.write_csv()
    if lang is None:
        return body.encode("utf-8")
    head = pl.DataFrame([labels(frame, lang)], schema=frame.columns, orient="row")
    return (head.write_csv(include_header=False) + body).encode("utf-8")


def xlsx_bytes(frame: pl.DataFrame, header: list[str], lang: str | None = None) -> bytes:
    """An Excel workbook: the header lines (title, view and period, source) in the first rows,
    an empty row, then the table with its own header row (in the user's language with `lang`),
    and a sheet "fields" pairing each header with its code name."""
    import xlsxwriter

    names = labels(frame, lang) if lang else frame.columns
    shown = frame.rename(dict(zip(frame.columns, _unique(names), strict=True)))
    buffer = io.BytesIO()
    with xlsxwriter.Workbook(buffer, {"in_memory": True}) as book:
        sheet = book.add_worksheet("data")
        bold = book.add_format({"bold": True})
        for row, line in enumerate(header):
            sheet.write_string(row, 0, line, bold if row == 0 else None)
        shown.write_excel(
            workbook=book, worksheet="data", position=(len(header) + 1, 0), autofit=True
        )
        fields = book.add_worksheet("fields")
        fields.write_row(
            0, 0, [t("fields_label", lang or "nl"), t("fields_code", lang or "nl")], bold
        )
        for row, (label, code) in enumerate(zip(shown.columns, frame.columns, strict=True), 1):
            fields.write_row(row, 0, [label, code])
    return buffer.getvalue()


def _unique(names: list[str]) -> list[str]:
    out: list[str] = []
    for name in names:
        while name in out:
            name += " "
        out.append(name)
    return out


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
